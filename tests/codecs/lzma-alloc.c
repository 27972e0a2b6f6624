// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * liblzma with the program's own allocator, a const struct in read-only
 * memory (after RELRO), given as an argument (lzma_easy_buffer_encode) and
 * through lzma_stream.allocator (the decoder). The host must call the
 * guest's functions through a copy of it: writing into it would fault.
 * Prints what any liblzma release prints.
 */
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long allocs, frees;

static void *counted_alloc(void *opaque, size_t n, size_t size)
{
    (void)opaque;
    allocs++;
    return malloc(n * size);
}

static void counted_free(void *opaque, void *p)
{
    (void)opaque;
    frees += p != NULL;
    free(p);
}

static const lzma_allocator allocator = { counted_alloc, counted_free, NULL };

int main(void)
{
    static uint8_t in[200000], packed[220000], back[200000];
    size_t packed_size = 0;
    lzma_stream s = LZMA_STREAM_INIT;
    lzma_ret enc, dec;

    for (size_t i = 0; i < sizeof(in); i++) {
        in[i] = (uint8_t)("allocator"[i % 9] ^ (i / 1000));
    }
    enc = lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, &allocator, in, sizeof(in), packed,
                                  &packed_size, sizeof(packed));
    printf("encode: %s, allocator called: %s\n", enc == LZMA_OK ? "ok" : "FAILED",
           allocs > 0 && allocs == frees ? "yes, every block freed" : "NO");
    allocs = frees = 0;
    s.allocator = &allocator;
    dec = lzma_stream_decoder(&s, UINT64_MAX, 0);
    s.next_in = packed;
    s.avail_in = packed_size;
    s.next_out = back;
    s.avail_out = sizeof(back);
    if (dec == LZMA_OK) {
        dec = lzma_code(&s, LZMA_FINISH);
    }
    lzma_end(&s);
    printf("decode: %s, data %s, allocator called: %s\n", dec == LZMA_STREAM_END ? "ok" : "FAILED",
           s.total_out == sizeof(in) && memcmp(in, back, sizeof(in)) == 0 ? "back" : "WRONG",
           allocs > 0 && allocs == frees ? "yes, every block freed" : "NO");
    return enc == LZMA_OK && dec == LZMA_STREAM_END ? 0 : 1;
}
