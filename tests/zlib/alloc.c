/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Custom zalloc/zfree: zlib must call the guest's allocator, with the
 * guest's opaque pointer, the same number of times and for the same sizes
 * whether it runs emulated or on the host. Prints calls and bytes at every
 * step of a stream's life.
 */
#include "zt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC 0x5a11ac01u

struct counts {
    unsigned magic;         /* proves opaque arrived unchanged */
    unsigned long allocs, frees, bad;
    size_t cur, max, total;
};

/* Each block carries its size in front, so zfree can account for it. */
struct head {
    size_t size;
    _Alignas(16) unsigned char data[];
};

static voidpf count_alloc(voidpf opaque, uInt items, uInt size)
{
    struct counts *c = opaque;
    if (c->magic != MAGIC) {
        printf("zalloc: wrong opaque\n");
        exit(2);
    }
    size_t n = (size_t)items * size;
    struct head *h = malloc(sizeof *h + n);
    if (!h)
        return Z_NULL;
    h->size = n;
    c->allocs++;
    c->total += n;
    c->cur += n;
    if (c->cur > c->max)
        c->max = c->cur;
    return h->data;
}

static void count_free(voidpf opaque, voidpf p)
{
    struct counts *c = opaque;
    if (c->magic != MAGIC || !p) {
        c->bad++;
        return;
    }
    struct head *h = (struct head *)((unsigned char *)p - offsetof(struct head, data));
    c->frees++;
    c->cur -= h->size;
    free(h);
}

static void show(const char *step, const struct counts *c)
{
    printf("  %-8s zalloc=%lu zfree=%lu bytes=%zu outstanding=%zu max=%zu\n", step, c->allocs,
           c->frees, c->total, c->cur, c->max);
}

static void use_counts(z_stream *s, struct counts *c)
{
    memset(c, 0, sizeof *c);
    c->magic = MAGIC;
    memset(s, 0, sizeof *s);
    s->zalloc = count_alloc;
    s->zfree = count_free;
    s->opaque = c;
}

#define LEN (256 * 1024)
static unsigned char src[LEN], z[LEN + 4096], out[LEN];

static size_t deflate_counted(int level, int wbits, int memlevel)
{
    struct counts c;
    z_stream s, copy;

    printf("deflate level=%d wbits=%d memLevel=%d\n", level, wbits, memlevel);
    use_counts(&s, &c);
    ZT_CHECK(deflateInit2(&s, level, Z_DEFLATED, wbits, memlevel, Z_DEFAULT_STRATEGY) == Z_OK);
    show("init", &c);
    s.next_in = src;
    s.avail_in = LEN;
    s.next_out = z;
    s.avail_out = sizeof z;
    ZT_CHECK(deflate(&s, Z_FINISH) == Z_STREAM_END);
    show("deflate", &c);
    /* The copy allocates through the same functions and opaque. */
    copy.opaque = NULL;
    ZT_CHECK(deflateCopy(&copy, &s) == Z_OK);
    show("copy", &c);
    ZT_CHECK(copy.opaque == &c);
    ZT_CHECK(deflateEnd(&copy) == Z_OK);
    ZT_CHECK(deflateEnd(&s) == Z_OK);
    show("end", &c);
    ZT_CHECK(c.allocs == c.frees && c.cur == 0 && c.bad == 0);
    return s.total_out;
}

static void inflate_counted(size_t zlen, int wbits)
{
    struct counts c;
    z_stream s;

    printf("inflate wbits=%d\n", wbits);
    use_counts(&s, &c);
    ZT_CHECK(inflateInit2(&s, wbits) == Z_OK);
    show("init", &c);
    s.next_in = z;
    s.avail_in = (uInt)zlen;
    s.next_out = out;
    s.avail_out = 100;  /* a small first call: the window comes later */
    ZT_CHECK(inflate(&s, Z_NO_FLUSH) == Z_OK);
    show("inflate", &c);
    s.avail_out = sizeof out - 100;
    ZT_CHECK(inflate(&s, Z_FINISH) == Z_STREAM_END);
    ZT_CHECK(s.total_out == LEN && !memcmp(out, src, LEN));
    show("finish", &c);
    ZT_CHECK(inflateEnd(&s) == Z_OK);
    show("end", &c);
    ZT_CHECK(c.allocs == c.frees && c.cur == 0 && c.bad == 0);
}

/* An allocator that fails: zlib must report Z_MEM_ERROR, not crash. */
static voidpf no_alloc(voidpf opaque, uInt items, uInt size)
{
    (*(unsigned long *)opaque)++;
    (void)items, (void)size;
    return Z_NULL;
}

static void no_free(voidpf opaque, voidpf p)
{
    (void)opaque, (void)p;
}

static void failing(void)
{
    unsigned long calls = 0;
    z_stream s = {0};

    s.zalloc = no_alloc;
    s.zfree = no_free;
    s.opaque = &calls;
    int ret = deflateInit(&s, 6);
    printf("failing zalloc: deflateInit=%s calls=%lu", zt_ret(ret), calls);
    ZT_CHECK(ret == Z_MEM_ERROR);
    memset(&s, 0, sizeof s);
    s.zalloc = no_alloc;
    s.zfree = no_free;
    s.opaque = &calls;
    calls = 0;
    ret = inflateInit(&s);
    printf(" inflateInit=%s calls=%lu\n", zt_ret(ret), calls);
    ZT_CHECK(ret == Z_MEM_ERROR);
}

int main(void)
{
    static const struct { int level, wbits, memlevel; } cases[] = {
        { 1, 15, 8 }, { 6, 15, 8 }, { 9, 15, 9 }, { 6, -15, 8 },
        { 6, 31, 8 }, { 6, 9, 1 }, { 0, 15, 8 }, { 6, -9, 9 },
    };

    zt_fill(src, LEN, ZT_TEXT, 3);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t zlen = deflate_counted(cases[k].level, cases[k].wbits, cases[k].memlevel);
        inflate_counted(zlen, cases[k].wbits);
    }
    failing();
    return zt_finish("alloc");
}
