/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zlib throughput: deflate SIZE MiB (argv[1], default 256) at level 6 in
 * 1 MiB chunks, then inflate it all back 1 MiB at a time. Only the zlib
 * calls are timed: the input comes from a pool made once beforehand, so
 * emulated guest code does not count against either side.
 *
 * Prints the compressed size, "compress_s", "decompress_s", the adler32
 * both ways and "seconds" (the sum), which bench/zlib.bench.sh reads.
 */
#include "bench-time.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define MiB (1024UL * 1024UL)
#define CHUNK MiB
#define POOL (8 * MiB)

static uint32_t lcg(uint64_t *x)
{
    *x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*x >> 33);
}

/*
 * Moderately compressible: words from a 512-word made-up vocabulary with a
 * number now and then, about 2.5:1 at level 6.
 */
static unsigned char *make_pool(void)
{
    static char vocab[512][12];
    unsigned char *p = malloc(POOL);
    uint64_t x = 42;
    size_t i = 0;

    if (!p)
        return NULL;
    for (int w = 0; w < 512; w++) {
        int len = 2 + lcg(&x) % 9;
        for (int c = 0; c < len; c++)
            vocab[w][c] = (char)('a' + lcg(&x) % 26);
        vocab[w][len] = 0;
    }
    while (i < POOL) {
        uint32_t r = lcg(&x);
        char tok[16];
        int n = r % 4 == 0 ? snprintf(tok, sizeof tok, "%u", lcg(&x) % 1000000)
                           : snprintf(tok, sizeof tok, "%s", vocab[(r >> 8) % 512]);
        for (int c = 0; c < n && i < POOL; c++)
            p[i++] = (unsigned char)tok[c];
        if (i < POOL)
            p[i++] = (r >> 20) % 13 == 0 ? '\n' : ' ';
    }
    return p;
}

/* Chunk k of the input: a slice of the pool that moves on by an odd step. */
static const unsigned char *chunk(const unsigned char *pool, size_t k)
{
    return pool + (k * 524309) % (POOL - CHUNK);
}

int main(int argc, char **argv)
{
    size_t mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 256;
    unsigned char *pool = make_pool(), *out = malloc(CHUNK);
    z_stream d = {0}, i = {0};

    if (!pool || !out || mib == 0 || deflateInit(&d, 6) != Z_OK) {
        fprintf(stderr, "zlib-bench: setup failed\n");
        return 1;
    }
    size_t cap = deflateBound(&d, mib * MiB);
    unsigned char *z = malloc(cap);
    if (!z) {
        fprintf(stderr, "zlib-bench: no memory for %zu bytes\n", cap);
        return 1;
    }

    double t0 = bench_now();
    d.next_out = z;
    d.avail_out = (uInt)(cap > UINT32_MAX ? UINT32_MAX : cap);
    for (size_t k = 0; k < mib; k++) {
        d.next_in = (unsigned char *)chunk(pool, k);
        d.avail_in = CHUNK;
        int ret = deflate(&d, k + 1 == mib ? Z_FINISH : Z_NO_FLUSH);
        if (ret != (k + 1 == mib ? Z_STREAM_END : Z_OK) || d.avail_in) {
            fprintf(stderr, "zlib-bench: deflate returned %d\n", ret);
            return 1;
        }
    }
    double t1 = bench_now();
    uLong in_adler = d.adler, zlen = d.total_out;
    deflateEnd(&d);

    /* inflate checks the adler32 of what it produced against the stream's. */
    double t2 = bench_now();
    int ret = inflateInit(&i);
    i.next_in = z;
    i.avail_in = (uInt)zlen;
    while (ret == Z_OK) {
        i.next_out = out;
        i.avail_out = CHUNK;
        ret = inflate(&i, Z_NO_FLUSH);
    }
    double t3 = bench_now();
    int ok = ret == Z_STREAM_END && i.total_out == mib * MiB && i.adler == in_adler;
    inflateEnd(&i);

    printf("zlib-bench: %zu MiB at level 6 -> %lu bytes (%.1f%%)\n", mib, zlen,
           100.0 * (double)zlen / (double)(mib * MiB));
    printf("adler32 %08lx %s\n", in_adler, ok ? "ok" : "MISMATCH");
    printf("compress_s %.3f\n", t1 - t0);
    printf("decompress_s %.3f\n", t3 - t2);
    printf("seconds %.3f\n", (t1 - t0) + (t3 - t2));
    free(z);
    free(out);
    free(pool);
    return ok ? 0 : 1;
}
