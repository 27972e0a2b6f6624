/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test data and check bookkeeping for the zlib guest tests (see zt.h). */
#include "zt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long checks, failures;

const char *zt_kind_name(enum zt_kind kind)
{
    switch (kind) {
    case ZT_RANDOM: return "random";
    case ZT_TEXT:   return "text";
    case ZT_RUNS:   return "runs";
    }
    return "?";
}

/* A fixed 64-bit LCG (Knuth's MMIX constants); the high bits are the good ones. */
static uint32_t lcg(uint64_t *x)
{
    *x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*x >> 33);
}

static const char *const words[] = {
    "the", "of", "and", "to", "in", "is", "was", "for", "that", "with",
    "guest", "host", "library", "emulation", "thunk", "plugin", "syscall",
    "deflate", "inflate", "window", "stream", "buffer", "callback", "zlib",
    "compress", "native", "register", "memory", "page", "thread", "qemu",
    "block", "huffman", "literal", "distance", "length", "adler", "crc",
};

void zt_fill(unsigned char *buf, size_t len, enum zt_kind kind, uint32_t seed)
{
    uint64_t x = seed * 2654435761ULL + 1;
    size_t i = 0;

    while (i < len) {
        uint32_t r = lcg(&x);
        if (kind == ZT_RANDOM) {
            buf[i++] = (unsigned char)(r >> 8);
        } else if (kind == ZT_TEXT) {
            const char *w = words[r % (sizeof words / sizeof words[0])];
            while (*w && i < len)
                buf[i++] = (unsigned char)*w++;
            if (i < len)
                buf[i++] = (r >> 16) % 11 == 0 ? '\n' : ' ';
        } else {
            size_t run = 1 + (r >> 20) % 64;
            while (run-- && i < len)
                buf[i++] = (unsigned char)(r >> 4);
        }
    }
}

void *zt_alloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        printf("out of memory (%zu bytes)\n", n);
        exit(2);
    }
    return p;
}

unsigned char *zt_data(size_t len, enum zt_kind kind, uint32_t seed)
{
    unsigned char *p = zt_alloc(len);
    zt_fill(p, len, kind, seed);
    return p;
}

const char *zt_ret(int ret)
{
    static _Thread_local char other[32];
    switch (ret) {
    case Z_OK:            return "Z_OK";
    case Z_STREAM_END:    return "Z_STREAM_END";
    case Z_NEED_DICT:     return "Z_NEED_DICT";
    case Z_ERRNO:         return "Z_ERRNO";
    case Z_STREAM_ERROR:  return "Z_STREAM_ERROR";
    case Z_DATA_ERROR:    return "Z_DATA_ERROR";
    case Z_MEM_ERROR:     return "Z_MEM_ERROR";
    case Z_BUF_ERROR:     return "Z_BUF_ERROR";
    case Z_VERSION_ERROR: return "Z_VERSION_ERROR";
    }
    snprintf(other, sizeof other, "ret=%d", ret);
    return other;
}

unsigned long zt_crc(const void *buf, size_t len)
{
    return crc32_z(crc32(0, Z_NULL, 0), buf, len);
}

int zt_check(int ok, const char *what, const char *file, int line)
{
    checks++;
    if (!ok) {
        failures++;
        printf("FAILED: %s (%s:%d)\n", what, file, line);
    }
    return ok;
}

int zt_finish(const char *prog)
{
    printf("%s: %lu checks, %lu failed\n", prog, checks, failures);
    return failures ? 1 : 0;
}
