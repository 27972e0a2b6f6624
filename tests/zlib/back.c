/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * inflateBack: zlib pulls input and pushes output through guest callbacks.
 * Under pass-through every in() and out() call is a call from host zlib
 * back into the guest, so the call counts and the order of the data are
 * what this test pins down.
 */
#include "zt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEN (200 * 1024)

static unsigned char src[LEN], z[LEN + 1024];
static size_t zlen;

struct feed {
    const unsigned char *data;
    size_t len, pos, chunk, limit;  /* limit: pretend the input ends here */
    unsigned long calls;
};

struct sink {
    unsigned long calls, bytes, crc;
    unsigned long stop_at;  /* returns non-zero on this call (0: never) */
};

static unsigned in_cb(void *desc, z_const unsigned char **buf)
{
    struct feed *f = desc;
    size_t end = f->limit < f->len ? f->limit : f->len;
    size_t n = end - f->pos < f->chunk ? end - f->pos : f->chunk;

    f->calls++;
    *buf = (unsigned char *)f->data + f->pos;
    f->pos += n;
    return (unsigned)n;
}

static int out_cb(void *desc, unsigned char *buf, unsigned len)
{
    struct sink *s = desc;

    s->calls++;
    s->bytes += len;
    s->crc = crc32(s->crc, buf, len);
    return s->stop_at && s->calls == s->stop_at;
}

/* Runs one inflateBack over data with the given feeding; prints the outcome. */
static int run(const char *what, const unsigned char *data, size_t len, size_t chunk,
               size_t limit, unsigned long stop_at, int wbits)
{
    unsigned char *window = zt_alloc(1u << wbits);
    struct feed f = { data, len, 0, chunk, limit, 0 };
    struct sink s = { 0, 0, crc32(0, Z_NULL, 0), stop_at };
    z_stream strm = {0};
    int ret = inflateBackInit(&strm, wbits, window);

    ZT_CHECK(ret == Z_OK);
    ret = inflateBack(&strm, in_cb, &f, out_cb, &s);
    printf("%s: %s in_calls=%lu out_calls=%lu out_bytes=%lu crc32=%08lx", what, zt_ret(ret),
           f.calls, s.calls, s.bytes, s.crc);
    if (ret == Z_BUF_ERROR)  /* next_in tells which callback stopped it */
        printf(" next_in=%s", strm.next_in ? "set (out stopped)" : "NULL (in ran dry)");
    else if (ret == Z_STREAM_END)
        printf(" left_in=%u", strm.avail_in);
    else if (strm.msg)
        printf(" msg=\"%s\"", strm.msg);
    printf("\n");
    ZT_CHECK(inflateBackEnd(&strm) == Z_OK);
    free(window);
    if (ret == Z_STREAM_END)
        ZT_CHECK(s.bytes == LEN && s.crc == zt_crc(src, LEN));
    return ret;
}

int main(void)
{
    z_stream d = {0};

    zt_fill(src, LEN, ZT_TEXT, 11);
    printf("original: len=%d crc32=%08lx\n", LEN, zt_crc(src, LEN));
    ZT_CHECK(deflateInit2(&d, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    d.next_in = src;
    d.avail_in = LEN;
    d.next_out = z;
    d.avail_out = sizeof z;
    ZT_CHECK(deflate(&d, Z_FINISH) == Z_STREAM_END);
    zlen = d.total_out;
    deflateEnd(&d);

    ZT_CHECK(run("chunks of 1000", z, zlen, 1000, zlen, 0, 15) == Z_STREAM_END);
    ZT_CHECK(run("chunks of 1", z, zlen, 1, zlen, 0, 15) == Z_STREAM_END);
    ZT_CHECK(run("all at once", z, zlen, zlen, zlen, 0, 15) == Z_STREAM_END);

    /* Stored and fixed-Huffman blocks take other paths through inflateBack. */
    static unsigned char zs[LEN + 1024];
    /* A 512-byte window: out() runs about once per 512 bytes. */
    z_stream w = {0};
    ZT_CHECK(deflateInit2(&w, 6, Z_DEFLATED, -9, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    w.next_in = src;
    w.avail_in = LEN;
    w.next_out = zs;
    w.avail_out = sizeof zs;
    ZT_CHECK(deflate(&w, Z_FINISH) == Z_STREAM_END);
    ZT_CHECK(run("512-byte window", zs, w.total_out, 1000, w.total_out, 0, 9) == Z_STREAM_END);
    deflateEnd(&w);

    for (int level = 0; level <= 1; level++) {
        z_stream e = {0};
        ZT_CHECK(deflateInit2(&e, level, Z_DEFLATED, -15, 8,
                              level ? Z_FIXED : Z_DEFAULT_STRATEGY) == Z_OK);
        e.next_in = src;
        e.avail_in = LEN;
        e.next_out = zs;
        e.avail_out = sizeof zs;
        ZT_CHECK(deflate(&e, Z_FINISH) == Z_STREAM_END);
        ZT_CHECK(run(level ? "fixed blocks" : "stored blocks", zs, e.total_out, 4096,
                     e.total_out, 0, 15) == Z_STREAM_END);
        deflateEnd(&e);
    }

    ZT_CHECK(run("out stops on call 3", z, zlen, 1000, zlen, 3, 15) == Z_BUF_ERROR);
    ZT_CHECK(run("input ends early", z, zlen, 1000, zlen / 2, 0, 15) == Z_BUF_ERROR);

    static unsigned char bad[LEN + 1024];
    memcpy(bad, z, zlen);
    bad[0] = 0xff;  /* block type 3 does not exist */
    ZT_CHECK(run("corrupt", bad, zlen, 1000, zlen, 0, 15) == Z_DATA_ERROR);
    return zt_finish("back");
}
