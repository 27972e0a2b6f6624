/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Round trips through compress2/uncompress and deflate/inflate: sizes from
 * 0 B to 64 MiB, every level, every strategy, raw/zlib/gzip framing and
 * memLevel extremes. Prints the checksums of the compressed bytes so that a
 * pass-through zlib must produce exactly what the guest's own zlib does.
 */
#include "zt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KiB (1024UL)
#define MiB (1024UL * 1024UL)

struct params {
    int level, wbits, memlevel, strategy;
};

static const char *strategy_name(int s)
{
    switch (s) {
    case Z_DEFAULT_STRATEGY: return "default";
    case Z_FILTERED:         return "filtered";
    case Z_HUFFMAN_ONLY:     return "huffman";
    case Z_RLE:              return "rle";
    case Z_FIXED:            return "fixed";
    }
    return "?";
}

static void print_packed(const unsigned char *z, size_t zlen)
{
    printf(" clen=%zu crc32=%08lx adler32=%08lx", zlen, zt_crc(z, zlen),
           adler32_z(adler32(0, Z_NULL, 0), z, zlen));
}

/* compress2 + uncompress, both one-shot. */
static void via_compress2(const unsigned char *src, size_t len, const char *what, int level)
{
    uLongf zlen = compressBound(len), olen = len;
    unsigned char *z = zt_alloc(zlen), *out = zt_alloc(len);
    int ret = compress2(z, &zlen, src, len, level);

    printf("compress2 %s level=%d: %s", what, level, zt_ret(ret));
    print_packed(z, zlen);
    ZT_CHECK(ret == Z_OK);
    ret = uncompress(out, &olen, z, zlen);
    int same = ret == Z_OK && olen == len && memcmp(out, src, len) == 0;
    printf(" uncompress=%s same=%s\n", zt_ret(ret), same ? "yes" : "no");
    ZT_CHECK(same);
    free(z);
    free(out);
}

/*
 * deflate with input and output handed over in uneven pieces (as a real
 * program streaming a file would), into a buffer of deflateBound bytes.
 */
static size_t deflate_chunked(const unsigned char *src, size_t len, struct params p,
                              unsigned char **zp)
{
    z_stream s = {0};
    int ret = deflateInit2(&s, p.level, Z_DEFLATED, p.wbits, p.memlevel, p.strategy);
    ZT_CHECK(ret == Z_OK);
    size_t cap = deflateBound(&s, len), done = 0;
    unsigned char *z = zt_alloc(cap);

    s.next_out = z;
    do {
        size_t in = len - done < 300007 ? len - done : 300007;
        s.next_in = (unsigned char *)src + done;
        s.avail_in = (uInt)in;
        done += in;
        int flush = done == len ? Z_FINISH : Z_NO_FLUSH;
        do {
            size_t room = cap - (size_t)(s.next_out - z);
            s.avail_out = (uInt)(room < 65536 ? room : 65536);
            ret = deflate(&s, flush);
        } while (ret == Z_OK && (s.avail_in || flush == Z_FINISH));
    } while (done < len);
    ZT_CHECK(ret == Z_STREAM_END);
    ZT_CHECK(s.total_in == len);
    size_t zlen = s.total_out;
    ZT_CHECK(deflateEnd(&s) == Z_OK);
    *zp = z;
    return zlen;
}

/* inflate in pieces; returns the last inflate return code. */
static int inflate_chunked(const unsigned char *z, size_t zlen, int wbits,
                           unsigned char *out, size_t cap, size_t *olen)
{
    z_stream s = {0};
    int ret = inflateInit2(&s, wbits);
    ZT_CHECK(ret == Z_OK);
    size_t done = 0;

    s.next_out = out;
    do {
        size_t in = zlen - done < 70001 ? zlen - done : 70001;
        s.next_in = (unsigned char *)z + done;
        s.avail_in = (uInt)in;
        done += in;
        do {
            size_t room = cap - (size_t)(s.next_out - out);
            s.avail_out = (uInt)(room < 131072 ? room : 131072);
            ret = inflate(&s, Z_NO_FLUSH);
        } while (ret == Z_OK && (s.avail_in || s.avail_out == 0));
    } while (ret == Z_OK && done < zlen);
    *olen = s.total_out;
    ZT_CHECK(inflateEnd(&s) == Z_OK);
    return ret;
}

static void via_deflate(const unsigned char *src, size_t len, const char *what,
                        struct params p)
{
    unsigned char *z, *out = zt_alloc(len + 1);
    size_t zlen = deflate_chunked(src, len, p, &z), olen;

    printf("deflate %s level=%d wbits=%d mem=%d %s:", what, p.level, p.wbits,
           p.memlevel, strategy_name(p.strategy));
    print_packed(z, zlen);
    /* One spare byte of room: inflate must stop at the end all by itself. */
    int ret = inflate_chunked(z, zlen, p.wbits, out, len + 1, &olen);
    int same = ret == Z_STREAM_END && olen == len && memcmp(out, src, len) == 0;
    printf(" inflate=%s same=%s", zt_ret(ret), same ? "yes" : "no");
    ZT_CHECK(same);
    if (p.wbits > 8) {  /* zlib and gzip framing: automatic detection too */
        ret = inflate_chunked(z, zlen, 47, out, len + 1, &olen);
        same = ret == Z_STREAM_END && olen == len && memcmp(out, src, len) == 0;
        printf(" auto=%s", same ? "yes" : "no");
        ZT_CHECK(same);
    }
    printf("\n");
    free(z);
    free(out);
}

static const struct params dflt = { Z_DEFAULT_COMPRESSION, 15, 8, Z_DEFAULT_STRATEGY };

static void sizes(void)
{
    static const size_t lens[] = { 0, 1, 100, 64 * KiB, 1 * MiB, 16 * MiB };
    static const enum zt_kind kinds[] = { ZT_RANDOM, ZT_TEXT };

    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        for (size_t k = 0; k < 2; k++) {
            char what[64];
            unsigned char *src = zt_data(lens[i], kinds[k], (uint32_t)(i * 2 + k));
            snprintf(what, sizeof what, "%s len=%zu", zt_kind_name(kinds[k]), lens[i]);
            via_compress2(src, lens[i], what, Z_DEFAULT_COMPRESSION);
            via_deflate(src, lens[i], what, dflt);
            free(src);
        }
    }
}

static void variants(void)
{
    const size_t len = 1 * MiB;
    unsigned char *text = zt_data(len, ZT_TEXT, 100), *runs = zt_data(len, ZT_RUNS, 101);
    static const int strategies[] = { Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY,
                                      Z_RLE, Z_FIXED };
    static const int wbits[] = { -15, -9, 9, 15, 31 };
    char what[64];

    snprintf(what, sizeof what, "text len=%zu", len);
    for (int level = 0; level <= 9; level++)
        via_compress2(text, len, what, level);
    for (size_t i = 0; i < sizeof strategies / sizeof strategies[0]; i++) {
        struct params p = dflt;
        p.strategy = strategies[i];
        via_deflate(text, len, what, p);
        snprintf(what, sizeof what, "runs len=%zu", len);
        via_deflate(runs, len, what, p);
        snprintf(what, sizeof what, "text len=%zu", len);
    }
    for (size_t i = 0; i < sizeof wbits / sizeof wbits[0]; i++) {
        struct params p = dflt;
        p.wbits = wbits[i];
        via_deflate(text, len, what, p);
    }
    for (int mem = 1; mem <= 9; mem += 8) {
        struct params p = dflt;
        p.memlevel = mem;
        via_deflate(text, len, what, p);
    }
    free(text);
    free(runs);
}

/* The big one, once and at the fastest level to keep emulation bearable. */
static void huge(void)
{
    const size_t len = 64 * MiB;
    unsigned char *src = zt_data(len, ZT_TEXT, 200);
    struct params p = dflt;
    char what[64];

    p.level = 1;
    snprintf(what, sizeof what, "text len=%zu", len);
    via_deflate(src, len, what, p);
    free(src);
}

int main(int argc, char **argv)
{
    /* "quick" leaves out the 16 MiB and 64 MiB cases (for quick looks by hand). */
    int quick = argc > 1 && strcmp(argv[1], "quick") == 0;

    if (!quick) {
        sizes();
        huge();
    }
    variants();
    return zt_finish("roundtrip");
}
