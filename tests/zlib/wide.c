/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Integer arguments and results at the edges of their widths: 64-bit
 * lengths and offsets above 4 GiB, negative values, size_t and unsigned
 * long maxima, negative long results; and zlib's rarely used functions
 * (the *64 variants, gzgetc_, inflateUndermine, the *ResetKeep pair).
 * A value truncated or extended wrongly on its way to the host and back
 * prints differently from the genuine library's answer.
 */
#define _LARGEFILE64_SOURCE 1
#include "zt.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GIB5 ((z_off64_t)5 << 30)        /* above 4 GiB, not a multiple of it */

static void combines(void)
{
    unsigned char *a = zt_data(1000, ZT_RANDOM, 7);
    uLong ca = crc32(0, a, 1000), aa = adler32(1, a, 1000);
    static const z_off64_t lens[] = { 0, 1, 0xffffffffLL, 0x100000000LL, 0x100000001LL, GIB5,
                                      INT64_MAX / 2 };

    for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        z_off64_t n = lens[i];
        uLong c64 = crc32_combine64(ca, 0x12345678, n), c = crc32_combine(ca, 0x12345678, (z_off_t)n);
        uLong op = crc32_combine_gen64(n);
        printf("len2=%lld: crc32_combine64=%08lx crc32_combine=%08lx gen64+op=%08lx gen=%s"
               " adler32_combine64=%08lx adler32_combine=%08lx\n",
               (long long)n, c64, c, crc32_combine_op(ca, 0x12345678, op),
               crc32_combine_gen((z_off_t)n) == op ? "same" : "differs",
               adler32_combine64(aa, 0x9abcdef0, n), adler32_combine(aa, 0x9abcdef0, (z_off_t)n));
        ZT_CHECK(c64 == c);
    }
    /* A negative length is an error that adler32_combine reports as all ones. */
    printf("adler32_combine(len2=-1)=%08lx adler32_combine64(len2=INT64_MIN)=%08lx\n",
           adler32_combine(aa, 1, -1), adler32_combine64(aa, 1, INT64_MIN));
    /* Only the low 32 bits of a check value count; the rest are ignored. */
    printf("crc32(ULONG_MAX, ...)=%08lx adler32(ULONG_MAX, ...)=%08lx\n", crc32(ULONG_MAX, a, 1000),
           adler32(ULONG_MAX, a, 1000));
}

static void bounds(void)
{
    static const uLong lens[] = { 0, 0xffffffffUL, 0x100000000UL, (uLong)GIB5, ULONG_MAX };
    z_stream s;

    memset(&s, 0, sizeof(s));
    ZT_CHECK(deflateInit(&s, 9) == Z_OK);
    for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        printf("sourceLen=%lu: compressBound=%lu deflateBound=%lu\n", lens[i], compressBound(lens[i]),
               deflateBound(&s, lens[i]));
    }
    /* deflatePrime takes any int; bits above what is asked for are dropped. */
    printf("deflatePrime(16, -1)=%s", zt_ret(deflatePrime(&s, 16, -1)));
    printf(" deflatePrime(17, 0)=%s", zt_ret(deflatePrime(&s, 17, 0)));
    printf(" deflatePrime(-1, 0)=%s\n", zt_ret(deflatePrime(&s, -1, 0)));
    printf("deflateResetKeep=%s", zt_ret(deflateResetKeep(&s)));
    printf(" deflateParams(-1, Z_DEFAULT_STRATEGY)=%s", zt_ret(deflateParams(&s, -1, Z_DEFAULT_STRATEGY)));
    printf(" deflateParams(INT_MAX, 0)=%s\n", zt_ret(deflateParams(&s, INT_MAX, 0)));
    deflateEnd(&s);

    Bytef out[64];
    uLongf out_len = sizeof(out);
    printf("compress2 level INT_MIN: %s", zt_ret(compress2(out, &out_len, (const Bytef *)"x", 1, INT_MIN)));
    memset(&s, 0, sizeof(s));
    printf(" deflateInit2 windowBits INT_MIN: %s\n",
           zt_ret(deflateInit2(&s, 6, Z_DEFLATED, INT_MIN, 8, Z_DEFAULT_STRATEGY)));
}

static void inflate_edges(void)
{
    z_stream s;

    /* A negative long result must come back negative. */
    printf("inflateMark(NULL)=%ld\n", inflateMark(Z_NULL));
    memset(&s, 0, sizeof(s));
    ZT_CHECK(inflateInit(&s) == Z_OK);
    printf("inflatePrime(-1, 0)=%s", zt_ret(inflatePrime(&s, -1, 0)));
    printf(" inflatePrime(16, -1)=%s", zt_ret(inflatePrime(&s, 16, -1)));
    printf(" inflatePrime(17, 0)=%s", zt_ret(inflatePrime(&s, 17, 0)));
    printf(" inflateMark=%ld\n", inflateMark(&s));
    printf("inflateUndermine(1)=%s", zt_ret(inflateUndermine(&s, 1)));
    printf(" inflateUndermine(0)=%s", zt_ret(inflateUndermine(&s, 0)));
    printf(" inflateResetKeep=%s\n", zt_ret(inflateResetKeep(&s)));
    printf("inflateReset2(INT_MIN)=%s", zt_ret(inflateReset2(&s, INT_MIN)));
    printf(" inflateReset2(-15)=%s\n", zt_ret(inflateReset2(&s, -15)));
    inflateEnd(&s);
}

/* A gz error message without the file name gzerror puts before it. */
static const char *message(const char *msg)
{
    const char *colon = strrchr(msg, ':');
    return colon ? colon + 2 : msg;
}

/*
 * gzip files through the *64 functions; offsets past 4 GiB are only
 * sought. One call per statement: argument order is unspecified.
 */
static void gz64(const char *path)
{
    unsigned char *text = zt_data(100000, ZT_TEXT, 9);
    gzFile f = gzopen64(path, "wb");
    char buf[16];
    int err;

    ZT_CHECK(f != NULL);
    if (!f) {
        return;
    }
    printf("gzopen64 wb: ok gzwrite=%d", gzwrite(f, text, 100000));
    printf(" gztell64=%lld", (long long)gztell64(f));
    /* size * nitems overflows size_t: refused, nothing written. */
    printf(" gzfwrite(SIZE_MAX, 2)=%zu", (size_t)gzfwrite(text, SIZE_MAX, 2, f));
    printf(" gzerror=\"%s\"", message(gzerror(f, &err)));
    gzclearerr(f);
    printf(" gzclose=%s\n", zt_ret(gzclose(f)));

    f = gzopen64(path, "rb");
    ZT_CHECK(f != NULL);
    if (!f) {
        return;
    }
    printf("gzopen64 rb: gzgetc_=%d", gzgetc_(f));
    printf(" gzgetc_=%d", gzgetc_(f));
    printf(" gztell64=%lld", (long long)gztell64(f));
    printf(" gzfread(SIZE_MAX, 2)=%zu", (size_t)gzfread(buf, SIZE_MAX, 2, f));
    printf(" gzerror=\"%s\"", message(gzerror(f, &err)));
    gzclearerr(f);
    printf(" gzseek64(-1, SEEK_SET)=%lld", (long long)gzseek64(f, -1, SEEK_SET));
    printf(" gzseek64(5 GiB + 3, SEEK_SET)=%lld", (long long)gzseek64(f, GIB5 + 3, SEEK_SET));
    printf(" gztell64=%lld", (long long)gztell64(f));
    printf(" gzoffset64>0=%s\n", gzoffset64(f) > 0 ? "yes" : "no");
    printf("gzread past the end=%d", gzread(f, buf, sizeof(buf)));
    printf(" gzeof=%d", gzeof(f));
    printf(" gzrewind=%d", gzrewind(f));
    printf(" gzseek64(99999, SEEK_CUR)=%lld", (long long)gzseek64(f, 99999, SEEK_CUR));
    printf(" gzgetc_=%d (expected %d)", gzgetc_(f), text[99999]);
    printf(" gzclose=%s\n", zt_ret(gzclose(f)));
    free(text);
}

int main(int argc, char **argv)
{
    char path[64];

    snprintf(path, sizeof(path), "%s", argc > 1 ? argv[1] : "zlib-wide.gz");
    combines();
    bounds();
    inflate_edges();
    gz64(path);
    unlink(path);
    return zt_finish("wide");
}
