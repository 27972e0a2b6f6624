/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The streaming side of deflate/inflate: one-byte buffers, parameters
 * changed mid-stream, dictionaries, priming, sync points, stream copies,
 * resets and gzip headers. A pass-through zlib has to keep the guest's
 * z_stream fields (next_in, avail_out, total_*, adler, msg) exactly as the
 * guest's own zlib would at every call.
 */
#include "zt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEN 20000

static unsigned char src[LEN];

/* Inflates z (any framing wbits allows) at once and compares with want. */
static int inflates_to(const unsigned char *z, size_t zlen, int wbits,
                       const unsigned char *want, size_t wlen)
{
    z_stream s = {0};
    unsigned char *out = zt_alloc(wlen + 1);
    int ret = inflateInit2(&s, wbits);

    s.next_in = (unsigned char *)z;
    s.avail_in = (uInt)zlen;
    s.next_out = out;
    s.avail_out = (uInt)wlen + 1;
    if (ret == Z_OK)
        ret = inflate(&s, Z_FINISH);
    int same = ret == Z_STREAM_END && s.total_out == wlen && memcmp(out, want, wlen) == 0;
    inflateEnd(&s);
    free(out);
    return same;
}

/* deflate and inflate with avail_in = avail_out = 1 at every call. */
static void one_byte_buffers(void)
{
    z_stream d = {0}, i = {0};
    static unsigned char z[LEN + 1024], out[LEN];
    unsigned long calls = 0;
    int ret;

    ZT_CHECK(deflateInit(&d, 6) == Z_OK);
    d.next_in = src;
    d.next_out = z;
    do {
        d.avail_in = d.total_in < LEN ? 1 : 0;
        d.avail_out = 1;
        ret = deflate(&d, d.total_in < LEN ? Z_NO_FLUSH : Z_FINISH);
        calls++;
    } while (ret == Z_OK || (ret == Z_BUF_ERROR && d.total_in < LEN));
    printf("1-byte deflate: %s calls=%lu total_in=%lu total_out=%lu adler=%08lx crc32=%08lx\n",
           zt_ret(ret), calls, d.total_in, d.total_out, d.adler, zt_crc(z, d.total_out));
    ZT_CHECK(ret == Z_STREAM_END && d.total_in == LEN);
    ZT_CHECK(deflateEnd(&d) == Z_OK);

    size_t zlen = d.total_out;
    calls = 0;
    ZT_CHECK(inflateInit(&i) == Z_OK);
    i.next_in = z;
    i.next_out = out;
    do {
        i.avail_in = i.total_in < zlen ? 1 : 0;
        i.avail_out = 1;
        ret = inflate(&i, Z_NO_FLUSH);
        calls++;
    } while (ret == Z_OK);
    int same = ret == Z_STREAM_END && i.total_out == LEN && memcmp(out, src, LEN) == 0;
    printf("1-byte inflate: %s calls=%lu total_in=%lu total_out=%lu adler=%08lx same=%s\n",
           zt_ret(ret), calls, i.total_in, i.total_out, i.adler, same ? "yes" : "no");
    ZT_CHECK(same);
    ZT_CHECK(inflateEnd(&i) == Z_OK);
}

/* Level 1 for the first half, level 9 + Z_FILTERED for the rest. */
static void params_mid_stream(void)
{
    z_stream d = {0};
    static unsigned char z[LEN + 1024];

    ZT_CHECK(deflateInit(&d, 1) == Z_OK);
    d.next_in = src;
    d.avail_in = LEN / 2;
    d.next_out = z;
    d.avail_out = sizeof z;
    ZT_CHECK(deflate(&d, Z_NO_FLUSH) == Z_OK);
    int ret = deflateParams(&d, 9, Z_FILTERED);
    printf("deflateParams(9, Z_FILTERED) mid-stream: %s", zt_ret(ret));
    ZT_CHECK(ret == Z_OK);
    d.avail_in = LEN - LEN / 2;
    ret = deflate(&d, Z_FINISH);
    printf(" finish=%s clen=%lu crc32=%08lx", zt_ret(ret), d.total_out, zt_crc(z, d.total_out));
    ZT_CHECK(ret == Z_STREAM_END);
    int same = inflates_to(z, d.total_out, 15, src, LEN);
    printf(" same=%s\n", same ? "yes" : "no");
    ZT_CHECK(same);
    ZT_CHECK(deflateEnd(&d) == Z_OK);
}

static void dictionary(void)
{
    static const unsigned char dict[] = "the guest host library emulation thunk plugin syscall";
    static unsigned char z[LEN + 1024], out[LEN], got[64];
    z_stream d = {0}, i = {0};
    uInt got_len = 0;

    for (int wbits = 15; wbits >= -15; wbits -= 30) {
        memset(&d, 0, sizeof d);
        memset(&i, 0, sizeof i);
        ZT_CHECK(deflateInit2(&d, 6, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
        int ret = deflateSetDictionary(&d, dict, sizeof dict - 1);
        printf("wbits=%d deflateSetDictionary: %s adler=%08lx", wbits, zt_ret(ret), d.adler);
        ZT_CHECK(ret == Z_OK);
        got_len = sizeof got;
        ret = deflateGetDictionary(&d, got, &got_len);
        printf(" deflateGetDictionary=%s len=%u same=%s", zt_ret(ret), got_len,
               got_len == sizeof dict - 1 && !memcmp(got, dict, got_len) ? "yes" : "no");
        d.next_in = src;
        d.avail_in = LEN;
        d.next_out = z;
        d.avail_out = sizeof z;
        ZT_CHECK(deflate(&d, Z_FINISH) == Z_STREAM_END);
        printf(" clen=%lu crc32=%08lx\n", d.total_out, zt_crc(z, d.total_out));

        ZT_CHECK(inflateInit2(&i, wbits) == Z_OK);
        i.next_in = z;
        i.avail_in = (uInt)d.total_out;
        i.next_out = out;
        i.avail_out = sizeof out;
        if (wbits < 0) {  /* raw streams take the dictionary up front */
            ret = inflateSetDictionary(&i, dict, sizeof dict - 1);
            printf("  raw inflateSetDictionary before inflate: %s", zt_ret(ret));
        } else {
            ret = inflate(&i, Z_NO_FLUSH);
            printf("  inflate: %s adler=%08lx (dictionary adler32=%08lx)", zt_ret(ret), i.adler,
                   adler32(adler32(0, Z_NULL, 0), dict, sizeof dict - 1));
            ZT_CHECK(ret == Z_NEED_DICT);
            ret = inflateSetDictionary(&i, dict, sizeof dict - 1);
            printf(" inflateSetDictionary: %s", zt_ret(ret));
        }
        ZT_CHECK(ret == Z_OK);
        ret = inflate(&i, Z_FINISH);
        int same = ret == Z_STREAM_END && i.total_out == LEN && !memcmp(out, src, LEN);
        got_len = sizeof got;
        int gret = inflateGetDictionary(&i, NULL, &got_len);
        printf(" inflate: %s same=%s inflateGetDictionary=%s len=%u\n", zt_ret(ret),
               same ? "yes" : "no", zt_ret(gret), got_len);
        ZT_CHECK(same);
        deflateEnd(&d);
        inflateEnd(&i);
    }

    /* A wrong dictionary is refused with Z_DATA_ERROR (zlib framing only). */
    memset(&i, 0, sizeof i);
    ZT_CHECK(inflateInit(&i) == Z_OK);
    memset(&d, 0, sizeof d);
    ZT_CHECK(deflateInit(&d, 6) == Z_OK);
    deflateSetDictionary(&d, dict, sizeof dict - 1);
    d.next_in = src;
    d.avail_in = 100;
    d.next_out = z;
    d.avail_out = sizeof z;
    deflate(&d, Z_FINISH);
    i.next_in = z;
    i.avail_in = (uInt)d.total_out;
    i.next_out = out;
    i.avail_out = sizeof out;
    inflate(&i, Z_NO_FLUSH);
    int ret = inflateSetDictionary(&i, (const unsigned char *)"wrong", 5);
    printf("wrong dictionary: %s\n", zt_ret(ret));
    ZT_CHECK(ret == Z_DATA_ERROR);
    deflateEnd(&d);
    inflateEnd(&i);
}

static void bounds(void)
{
    static const uLong lens[] = { 0, 1, 1000, 1UL << 20, 1UL << 30 };
    static const int wbits[] = { -15, 15, 31, 9 };

    for (size_t w = 0; w < sizeof wbits / sizeof wbits[0]; w++) {
        z_stream d = {0};
        ZT_CHECK(deflateInit2(&d, 6, Z_DEFLATED, wbits[w], 8, Z_DEFAULT_STRATEGY) == Z_OK);
        printf("deflateBound wbits=%d:", wbits[w]);
        for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++) {
            uLong b = deflateBound(&d, lens[l]);
            printf(" %lu", b);
            ZT_CHECK(b > lens[l]);
        }
        printf("\n");
        deflateEnd(&d);
    }
}

/* Compresses src raw at level 6 after the given primes; returns the length. */
static size_t raw_primed(unsigned char *z, size_t cap, const int (*primes)[2], int n)
{
    z_stream d = {0};
    ZT_CHECK(deflateInit2(&d, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    for (int k = 0; k < n; k++) {
        int ret = deflatePrime(&d, primes[k][0], primes[k][1]);
        printf(" deflatePrime(%d, 0x%x)=%s", primes[k][0], primes[k][1], zt_ret(ret));
        ZT_CHECK(ret == Z_OK);
    }
    d.next_in = src;
    d.avail_in = LEN;
    d.next_out = z;
    d.avail_out = (uInt)cap;
    ZT_CHECK(deflate(&d, Z_FINISH) == Z_STREAM_END);
    size_t zlen = d.total_out;
    deflateEnd(&d);
    return zlen;
}

static void prime(void)
{
    static unsigned char plain[LEN + 1024], bytes[LEN + 1024], block[LEN + 1024], out[LEN];
    static const int two_bytes[][2] = { { 8, 0x5a }, { 8, 0xa5 } };
    /* An empty fixed-Huffman block: BFINAL=0, BTYPE=01, then code 256 (7 zero bits). */
    static const int empty_block[][2] = { { 3, 2 }, { 7, 0 } };

    printf("prime plain:");
    size_t plen = raw_primed(plain, sizeof plain, NULL, 0);
    printf(" clen=%zu\nprime bytes:", plen);
    size_t blen = raw_primed(bytes, sizeof bytes, two_bytes, 2);
    int same = blen == plen + 2 && bytes[0] == 0x5a && bytes[1] == 0xa5 &&
               !memcmp(bytes + 2, plain, plen);
    printf(" clen=%zu = 2 bytes + plain stream: %s\n", blen, same ? "yes" : "no");
    ZT_CHECK(same);
    printf("prime block:");
    size_t klen = raw_primed(block, sizeof block, empty_block, 2);
    same = inflates_to(block, klen, -15, src, LEN);
    printf(" clen=%zu crc32=%08lx inflates: %s\n", klen, zt_crc(block, klen), same ? "yes" : "no");
    ZT_CHECK(same);

    /* inflatePrime: hand inflate the first byte as bits, then the rest. */
    z_stream i = {0};
    ZT_CHECK(inflateInit2(&i, -15) == Z_OK);
    int ret = inflatePrime(&i, 8, plain[0]);
    i.next_in = plain + 1;
    i.avail_in = (uInt)plen - 1;
    i.next_out = out;
    i.avail_out = sizeof out;
    int iret = inflate(&i, Z_FINISH);
    same = iret == Z_STREAM_END && i.total_out == LEN && !memcmp(out, src, LEN);
    printf("inflatePrime(8, first byte)=%s inflate=%s same=%s\n", zt_ret(ret), zt_ret(iret),
           same ? "yes" : "no");
    ZT_CHECK(same);
    inflateEnd(&i);
}

/* A full flush in the middle, then inflate from a point before it. */
static void sync_point(void)
{
    static unsigned char z[LEN + 1024], out[LEN];
    z_stream d = {0}, i = {0};

    ZT_CHECK(deflateInit2(&d, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    d.next_in = src;
    d.avail_in = LEN / 2;
    d.next_out = z;
    d.avail_out = sizeof z;
    ZT_CHECK(deflate(&d, Z_FULL_FLUSH) == Z_OK);
    size_t flushed = d.total_out;
    d.avail_in = LEN - LEN / 2;
    ZT_CHECK(deflate(&d, Z_FINISH) == Z_STREAM_END);
    size_t zlen = d.total_out;
    deflateEnd(&d);
    printf("full flush at %zu of %zu, ends in 00 00 ff ff: %s\n", flushed, zlen,
           !memcmp(z + flushed - 4, "\0\0\xff\xff", 4) ? "yes" : "no");

    ZT_CHECK(inflateInit2(&i, -15) == Z_OK);
    i.next_in = z + flushed / 3;
    i.avail_in = (uInt)(zlen - flushed / 3);
    int ret = inflateSync(&i);
    printf("inflateSync: %s skipped to %ld", zt_ret(ret), (long)(i.next_in - z));
    ZT_CHECK(ret == Z_OK && i.next_in == z + flushed);
    i.next_out = out;
    i.avail_out = sizeof out;
    ret = inflate(&i, Z_FINISH);
    int same = ret == Z_STREAM_END && i.total_out == LEN - LEN / 2 &&
               !memcmp(out, src + LEN / 2, LEN - LEN / 2);
    printf(" inflate: %s second half same=%s\n", zt_ret(ret), same ? "yes" : "no");
    ZT_CHECK(same);
    inflateEnd(&i);

    /* Stopped right after the flush marker: is inflate at a sync point? */
    memset(&i, 0, sizeof i);
    ZT_CHECK(inflateInit2(&i, -15) == Z_OK);
    i.next_in = z;
    i.avail_in = (uInt)flushed;
    i.next_out = out;
    i.avail_out = sizeof out;
    ret = inflate(&i, Z_SYNC_FLUSH);
    printf("inflate to the flush: %s out=%lu inflateSyncPoint=%d\n", zt_ret(ret), i.total_out,
           inflateSyncPoint(&i));
    inflateEnd(&i);
}

/* Copies taken halfway finish exactly like the originals. */
static void copies(void)
{
    static unsigned char z1[LEN + 1024], z2[LEN + 1024], o1[LEN], o2[LEN];
    z_stream d = {0}, dc = {0}, i = {0}, ic = {0};

    ZT_CHECK(deflateInit(&d, 9) == Z_OK);
    d.next_in = src;
    d.avail_in = LEN / 2;
    d.next_out = z1;
    d.avail_out = sizeof z1;
    ZT_CHECK(deflate(&d, Z_NO_FLUSH) == Z_OK);
    int ret = deflateCopy(&dc, &d);
    ZT_CHECK(ret == Z_OK);
    size_t head = d.total_out;
    memcpy(z2, z1, head);
    dc.next_out = z2 + head;  /* the copy's pointers still point into z1 */
    d.avail_in = dc.avail_in = LEN - LEN / 2;
    ZT_CHECK(deflate(&d, Z_FINISH) == Z_STREAM_END);
    ZT_CHECK(deflate(&dc, Z_FINISH) == Z_STREAM_END);
    int same = d.total_out == dc.total_out && !memcmp(z1, z2, d.total_out);
    printf("deflateCopy: %s copy ends the same: %s clen=%lu\n", zt_ret(ret), same ? "yes" : "no",
           d.total_out);
    ZT_CHECK(same);
    size_t zlen = d.total_out;
    deflateEnd(&d);
    deflateEnd(&dc);

    ZT_CHECK(inflateInit(&i) == Z_OK);
    i.next_in = z1;
    i.avail_in = (uInt)zlen / 2;
    i.next_out = o1;
    i.avail_out = sizeof o1;
    ZT_CHECK(inflate(&i, Z_NO_FLUSH) == Z_OK);
    ret = inflateCopy(&ic, &i);
    ZT_CHECK(ret == Z_OK);
    size_t got = i.total_out;
    memcpy(o2, o1, got);
    ic.next_out = o2 + got;
    i.avail_in = ic.avail_in = (uInt)(zlen - zlen / 2);
    ZT_CHECK(inflate(&i, Z_FINISH) == Z_STREAM_END);
    ZT_CHECK(inflate(&ic, Z_FINISH) == Z_STREAM_END);
    same = i.total_out == LEN && ic.total_out == LEN && !memcmp(o1, src, LEN) &&
           !memcmp(o2, src, LEN);
    printf("inflateCopy: %s after %zu bytes out, both finish same: %s\n", zt_ret(ret), got,
           same ? "yes" : "no");
    ZT_CHECK(same);
    inflateEnd(&i);
    inflateEnd(&ic);
}

/* Compresses into z with an existing stream; returns the length. */
static size_t squeeze(z_stream *d, const unsigned char *in, size_t len, unsigned char *z,
                      size_t cap)
{
    d->next_in = (unsigned char *)in;
    d->avail_in = (uInt)len;
    d->next_out = z;
    d->avail_out = (uInt)cap;
    ZT_CHECK(deflate(d, Z_FINISH) == Z_STREAM_END);
    return d->total_out;
}

static void resets(void)
{
    static unsigned char z1[LEN + 1024], z2[LEN + 1024], z3[LEN + 1024], out[LEN];
    z_stream d = {0}, g = {0}, i = {0};

    ZT_CHECK(deflateInit(&d, 6) == Z_OK);
    size_t l1 = squeeze(&d, src, LEN, z1, sizeof z1);
    int ret = deflateReset(&d);
    size_t l2 = squeeze(&d, src, LEN, z2, sizeof z2);
    int same = l1 == l2 && !memcmp(z1, z2, l1);
    printf("deflateReset: %s second stream identical: %s\n", zt_ret(ret), same ? "yes" : "no");
    ZT_CHECK(ret == Z_OK && same);
    deflateEnd(&d);

    ZT_CHECK(deflateInit2(&g, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    size_t l3 = squeeze(&g, src + 1000, LEN - 1000, z3, sizeof z3);
    deflateEnd(&g);

    ZT_CHECK(inflateInit(&i) == Z_OK);
    for (int round = 0; round < 3; round++) {
        const unsigned char *z = round == 2 ? z3 : z1;
        size_t zlen = round == 2 ? l3 : l1, want = round == 2 ? LEN - 1000 : LEN;
        if (round == 1)
            ret = inflateReset(&i);
        else if (round == 2)
            ret = inflateReset2(&i, 31);  /* same stream, now for gzip framing */
        i.next_in = (unsigned char *)z;
        i.avail_in = (uInt)zlen;
        i.next_out = out;
        i.avail_out = sizeof out;
        int iret = inflate(&i, Z_FINISH);
        same = iret == Z_STREAM_END && i.total_out == want && !memcmp(out, src + LEN - want, want);
        printf("%s: %s inflate=%s same=%s\n",
               round == 0 ? "inflate" : round == 1 ? "inflateReset" : "inflateReset2(31)",
               round ? zt_ret(ret) : "-", zt_ret(iret), same ? "yes" : "no");
        ZT_CHECK(same);
    }
    inflateEnd(&i);
}

static void gzip_header(void)
{
    static unsigned char z[LEN + 1024], out[LEN];
    static unsigned char extra[] = "EXTRA\0field";
    static char name[] = "name.txt", comment[] = "a comment";
    z_stream d = {0}, i = {0};
    gz_header h = {0}, got = {0};
    unsigned char gextra[32] = {0};
    char gname[32] = {0}, gcomment[32] = {0};

    h.text = 1;
    h.time = 1234567890;  /* fixed, so the output is reproducible */
    h.os = 3;
    h.extra = extra;
    h.extra_len = sizeof extra - 1;
    h.name = (unsigned char *)name;
    h.comment = (unsigned char *)comment;
    h.hcrc = 1;
    ZT_CHECK(deflateInit2(&d, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    int ret = deflateSetHeader(&d, &h);
    ZT_CHECK(ret == Z_OK);
    size_t zlen = squeeze(&d, src, LEN, z, sizeof z);
    printf("deflateSetHeader: %s clen=%zu crc32=%08lx\n", zt_ret(ret), zlen, zt_crc(z, zlen));
    deflateEnd(&d);

    got.extra = gextra;
    got.extra_max = sizeof gextra;
    got.name = (unsigned char *)gname;
    got.name_max = sizeof gname;
    got.comment = (unsigned char *)gcomment;
    got.comm_max = sizeof gcomment;
    ZT_CHECK(inflateInit2(&i, 31) == Z_OK);
    ret = inflateGetHeader(&i, &got);
    i.next_in = z;
    i.avail_in = (uInt)zlen;
    i.next_out = out;
    i.avail_out = sizeof out;
    int iret = inflate(&i, Z_FINISH);
    printf("inflateGetHeader: %s inflate=%s done=%d text=%d time=%lu os=%d extra_len=%u"
           " extra=%s name=%s comment=%s hcrc=%d\n",
           zt_ret(ret), zt_ret(iret), got.done, got.text, got.time, got.os, got.extra_len,
           !memcmp(gextra, extra, sizeof extra - 1) ? "same" : "differs", gname, gcomment,
           got.hcrc);
    ZT_CHECK(iret == Z_STREAM_END && got.done == 1 && !strcmp(gname, name));
    inflateEnd(&i);
}

/* Smaller calls whose results are plain numbers. */
static void odds_and_ends(void)
{
    static unsigned char z[LEN + 1024], out[LEN];
    z_stream d = {0}, i = {0};
    unsigned pending = 0;
    int bits = 0;

    ZT_CHECK(deflateInit(&d, 6) == Z_OK);
    int ret = deflateTune(&d, 16, 64, 128, 512);
    d.next_in = src;
    d.avail_in = LEN;
    d.next_out = z;
    d.avail_out = 10;  /* too little: output stays pending */
    deflate(&d, Z_SYNC_FLUSH);
    int pret = deflatePending(&d, &pending, &bits);
    printf("deflateTune=%s deflatePending=%s pending=%u bits=%d\n", zt_ret(ret), zt_ret(pret),
           pending, bits);
    d.avail_out = sizeof z - 10;
    ZT_CHECK(deflate(&d, Z_FINISH) == Z_STREAM_END);
    size_t zlen = d.total_out;
    deflateEnd(&d);

    ZT_CHECK(inflateInit(&i) == Z_OK);
    i.next_in = z;
    i.avail_in = (uInt)zlen / 3;
    i.next_out = out;
    i.avail_out = sizeof out;
    for (int k = 0; k < 3; k++) {  /* header, first block, into the next one */
        ret = inflate(&i, Z_BLOCK);
        long mark = inflateMark(&i);
        printf("inflate Z_BLOCK: %s in=%lu out=%lu data_type=%d inflateMark=%ld,%ld"
               " inflateCodesUsed=%lu\n", zt_ret(ret), i.total_in, i.total_out, i.data_type,
               mark >> 16, mark & 0xffff, inflateCodesUsed(&i));
    }
    ret = inflateValidate(&i, 0);
    i.avail_in = (uInt)(zlen - (size_t)(i.next_in - z));
    int iret = inflate(&i, Z_FINISH);
    printf("inflateValidate(0)=%s inflate=%s out=%lu same=%s\n", zt_ret(ret), zt_ret(iret),
           i.total_out, i.total_out == LEN && !memcmp(out, src, LEN) ? "yes" : "no");
    ZT_CHECK(iret == Z_STREAM_END);
    inflateEnd(&i);
}

int main(void)
{
    zt_fill(src, LEN, ZT_TEXT, 7);
    one_byte_buffers();
    params_mid_stream();
    dictionary();
    bounds();
    prime();
    sync_point();
    copies();
    resets();
    gzip_header();
    odds_and_ends();
    return zt_finish("stream");
}
