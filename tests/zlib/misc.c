/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zlib's small functions: version, compile flags, checksums and their
 * combination, bounds, error strings and the one-shot uncompress calls on
 * good and bad input.
 */
#include "zt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void version(void)
{
    const char *v = zlibVersion();
    /* The string itself would tie the expected output to one zlib release. */
    printf("zlibVersion: %s ZLIB_VERSION\n", !strcmp(v, ZLIB_VERSION) ? "matches" : "differs from");
    ZT_CHECK(v[0] == ZLIB_VERSION[0]);
    uLong flags = zlibCompileFlags();
    printf("zlibCompileFlags: nonzero=%s uInt=%lu uLong=%lu voidpf=%lu z_off_t=%lu\n",
           flags ? "yes" : "no", 2UL << (flags & 3), 2UL << ((flags >> 2) & 3),
           2UL << ((flags >> 4) & 3), 2UL << ((flags >> 6) & 3));
    ZT_CHECK(flags != 0);
}

static void checksums(void)
{
    static const unsigned char check[] = "123456789";
    unsigned char *a = zt_data(100000, ZT_RANDOM, 1), *b = zt_data(77777, ZT_TEXT, 2);

    /* The standard check values of both checksums. */
    uLong c = crc32(0, check, 9), d = adler32(1, check, 9);
    printf("crc32(\"123456789\")=%08lx adler32(\"123456789\")=%08lx\n", c, d);
    ZT_CHECK(c == 0xcbf43926 && d == 0x091e01de);
    printf("initial values: crc32=%08lx adler32=%08lx\n", crc32(0, Z_NULL, 0), adler32(0, Z_NULL, 0));

    uLong ca = crc32(0, a, 100000), cb = crc32(0, b, 77777);
    uLong aa = adler32(1, a, 100000), ab = adler32(1, b, 77777);
    uLong cab = crc32(ca, b, 77777), aab = adler32(aa, b, 77777);
    uLong comb_c = crc32_combine(ca, cb, 77777), comb_a = adler32_combine(aa, ab, 77777);
    printf("crc32 a=%08lx b=%08lx a+b=%08lx combine=%08lx same=%s\n", ca, cb, cab, comb_c,
           cab == comb_c ? "yes" : "no");
    printf("adler32 a=%08lx b=%08lx a+b=%08lx combine=%08lx same=%s\n", aa, ab, aab, comb_a,
           aab == comb_a ? "yes" : "no");
    ZT_CHECK(cab == comb_c && aab == comb_a);
    uLong op = crc32_combine_gen(77777);
    printf("crc32_combine_op same=%s\n", crc32_combine_op(ca, cb, op) == cab ? "yes" : "no");

    uLong z1 = crc32_z(0, a, 100000), z2 = adler32_z(1, a, 100000);
    printf("crc32_z same as crc32: %s adler32_z same as adler32: %s\n", z1 == ca ? "yes" : "no",
           z2 == aa ? "yes" : "no");
    ZT_CHECK(z1 == ca && z2 == aa);
    printf("crc32(NULL buffer)=%08lx adler32(NULL buffer)=%08lx\n", crc32(ca, Z_NULL, 5),
           adler32(aa, Z_NULL, 5));

    /* The table is read straight from zlib's memory. */
    const z_crc_t *t = get_crc_table();
    printf("get_crc_table: [1]=%08lx [128]=%08lx [255]=%08lx crc32 of table=%08lx\n",
           (unsigned long)t[1], (unsigned long)t[128], (unsigned long)t[255],
           zt_crc(t, 256 * sizeof *t));
    free(a);
    free(b);
}

static void bounds(void)
{
    static const uLong lens[] = { 0, 1, 100, 65536, 1UL << 20, 1UL << 30 };

    printf("compressBound:");
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++)
        printf(" %lu->%lu", lens[i], compressBound(lens[i]));
    printf("\n");
}

static void errors(void)
{
    static const int codes[] = { Z_OK, Z_STREAM_END, Z_NEED_DICT, Z_ERRNO, Z_STREAM_ERROR,
                                 Z_DATA_ERROR, Z_MEM_ERROR, Z_BUF_ERROR, Z_VERSION_ERROR };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        printf("zError(%s)=\"%s\"\n", zt_ret(codes[i]), zError(codes[i]));
}

static void one_shot(void)
{
    const uLong len = 50000;
    unsigned char *src = zt_data(len, ZT_TEXT, 9), *out = zt_alloc(len);
    uLongf zlen = compressBound(len), olen;
    unsigned char *z = zt_alloc(zlen);
    int ret;

    ZT_CHECK(compress(z, &zlen, src, len) == Z_OK);
    printf("compress: clen=%lu crc32=%08lx\n", zlen, zt_crc(z, zlen));

    /* uncompress2 reports how much input it used. */
    uLong used = zlen + 100;  /* trailing garbage is not consumed */
    olen = len;
    ret = uncompress2(out, &olen, z, &used);
    printf("uncompress2: %s out=%lu used=%lu same=%s\n", zt_ret(ret), olen, used,
           olen == len && !memcmp(out, src, len) ? "yes" : "no");
    ZT_CHECK(ret == Z_OK && used == zlen);

    olen = len - 1;  /* one byte short */
    ret = uncompress(out, &olen, z, zlen);
    printf("uncompress short of room: %s out=%lu\n", zt_ret(ret), olen);
    ZT_CHECK(ret == Z_BUF_ERROR);

    used = zlen / 2;
    olen = len;
    ret = uncompress2(out, &olen, z, &used);
    printf("uncompress2 truncated input: %s out=%lu used=%lu\n", zt_ret(ret), olen, used);
    ZT_CHECK(ret == Z_DATA_ERROR);

    z[zlen / 2] ^= 0xff;
    olen = len;
    ret = uncompress(out, &olen, z, zlen);
    printf("uncompress corrupt: %s\n", zt_ret(ret));
    ZT_CHECK(ret == Z_DATA_ERROR);
    z[zlen / 2] ^= 0xff;
    z[0] = 0x77;  /* not a zlib header */
    olen = len;
    ret = uncompress(out, &olen, z, zlen);
    printf("uncompress bad header: %s\n", zt_ret(ret));
    ZT_CHECK(ret == Z_DATA_ERROR);

    zlen = 5;  /* far too small */
    ret = compress2(z, &zlen, src, len, 6);
    printf("compress2 into 5 bytes: %s\n", zt_ret(ret));
    ZT_CHECK(ret == Z_BUF_ERROR);
    zlen = compressBound(len);
    ret = compress2(z, &zlen, src, len, 10);
    printf("compress2 level 10: %s\n", zt_ret(ret));
    ZT_CHECK(ret == Z_STREAM_ERROR);

    /* A version that does not match is refused before anything else. */
    z_stream s = {0};
    ret = deflateInit_(&s, 6, "0.9", (int)sizeof s);
    printf("deflateInit_ version \"0.9\": %s", zt_ret(ret));
    ret = inflateInit_(&s, ZLIB_VERSION, (int)sizeof s - 8);
    printf(" inflateInit_ wrong stream size: %s\n", zt_ret(ret));
    free(src);
    free(out);
    free(z);
}

int main(void)
{
    version();
    checksums();
    bounds();
    errors();
    one_shot();
    return zt_finish("misc");
}
