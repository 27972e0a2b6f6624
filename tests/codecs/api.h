/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the codec API programs (tests/codecs/NAME-api.c) share: a transcript
 * on stdout, compared byte for byte with plain emulation's. A line that
 * depends on the library's release (compressed sizes, memory estimates,
 * version strings) starts with "~ ": tests/codecs/api.sh compares those
 * too where guest and host libraries are one release, and leaves them out
 * where they are not (riscv64). Test data is made here, not read.
 */
#ifndef HOSTLINK_TESTS_CODECS_API_H
#define HOSTLINK_TESTS_CODECS_API_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned api_failures;

#define SAY(...) (printf(__VA_ARGS__), putchar('\n'))
/* A line whose content depends on the library's release. */
#define VSAY(...) (fputs("~ ", stdout), printf(__VA_ARGS__), putchar('\n'))
/* A condition the program expects: "ok" or "FAILED" in the transcript. */
#define CHECK(cond, ...) \
    ((cond) ? (printf(__VA_ARGS__), puts(": ok")) : (api_failures++, printf(__VA_ARGS__), puts(": FAILED")))

/* FNV-1a of a buffer: compressed data is named by it, not dumped. */
static inline uint32_t api_hash(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * 16777619u;
    }
    return h;
}

/* Text-like data that compresses, with some noise: the same on every run. */
static inline void api_fill(uint8_t *p, size_t n, uint32_t seed)
{
    static const char *const words[] = { "alpha ", "beta ", "gamma ", "delta\n", "compress ",
                                         "host ", "guest ", "thunk ", "0123456789 ", "zz" };
    uint32_t x = seed * 2654435761u + 1;
    size_t i = 0;
    while (i < n) {
        x = x * 1103515245u + 12345u;
        if ((x >> 24) < 8) {
            p[i++] = (uint8_t)(x >> 8);
            continue;
        }
        for (const char *w = words[(x >> 16) % 10]; *w && i < n; w++) {
            p[i++] = (uint8_t)*w;
        }
    }
}

static inline uint8_t *api_alloc(size_t n)
{
    uint8_t *p = calloc(1, n ? n : 1);
    if (!p) {
        perror("calloc");
        exit(2);
    }
    return p;
}

#endif
