// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libbz2 on guest FILEs and buffers, written against the ordinary API so it
 * runs the same natively, emulated and through hostlink. Prints one line
 * per check (what a program could observe: results, bzerror codes, stream
 * positions); tests/bzip2/bzip2.sh compares the lines of a hostlink run
 * with plain emulation's. Calls every function bzlib.h declares, with the
 * boundary values of their integer arguments.
 *   bz-guest DIR    (a scratch directory)
 */
#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *dir;
static int failures;

#define SAY(...) (printf(__VA_ARGS__), fflush(stdout))

static void expect(int ok, const char *what)
{
    SAY("%s %s\n", ok ? "ok" : "FAIL", what);
    failures += !ok;
}

/* @n bytes of half text, half noise (deterministic). */
static unsigned char *make_data(size_t n)
{
    unsigned char *d = malloc(n ? n : 1);
    unsigned x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        d[i] = (i / 4096) % 2 ? (unsigned char)(x >> 16) : (unsigned char)("hostlink bzip2 "[i % 15]);
    }
    return d;
}

static char *path(const char *name)
{
    static char p[4096];
    snprintf(p, sizeof(p), "%s/%s", dir, name);
    return p;
}

/* Compresses @data onto @f with the FILE API; bzerror of the close. */
static int write_bz(FILE *f, const unsigned char *data, size_t n, int level, unsigned *out)
{
    int e, ec;
    unsigned in_lo, in_hi, out_lo, out_hi;
    BZFILE *b = BZ2_bzWriteOpen(&e, f, level, 0, 30);
    if (e != BZ_OK) {
        return e;
    }
    for (size_t at = 0; at < n; at += 7000) {
        BZ2_bzWrite(&e, b, (void *)(data + at), (int)(n - at < 7000 ? n - at : 7000));
        if (e != BZ_OK) {
            BZ2_bzWriteClose64(&ec, b, 1, NULL, NULL, NULL, NULL);
            return e;
        }
    }
    BZ2_bzWriteClose64(&e, b, 0, &in_lo, &in_hi, &out_lo, &out_hi);
    if (out) {
        *out = out_lo;
    }
    if (e == BZ_OK && (in_lo != n || in_hi != 0)) {
        return 1000;
    }
    return e;
}

/*
 * Reads one stream from @f into @buf (@cap bytes) with the FILE API: its
 * length, or -bzerror; the bytes libbz2 read past the stream go to @unused.
 */
static long read_bz(FILE *f, unsigned char *buf, long cap, char *unused, int *n_unused,
                    const char *pre, int n_pre)
{
    int e, ec;
    long got = 0;
    BZFILE *b = BZ2_bzReadOpen(&e, f, 0, 0, (void *)pre, n_pre);
    if (e != BZ_OK) {
        return e;
    }
    while (e == BZ_OK) {
        int n = BZ2_bzRead(&e, b, buf + got, (int)(cap - got > 5000 ? 5000 : cap - got));
        if (e == BZ_OK || e == BZ_STREAM_END) {
            got += n;
        }
    }
    if (e == BZ_STREAM_END && unused) {
        void *u;
        BZ2_bzReadGetUnused(&ec, b, &u, n_unused);
        memcpy(unused, u, (size_t)*n_unused);
    }
    BZ2_bzReadClose(&ec, b);
    return e == BZ_STREAM_END ? got : e;
}

/* A stream the guest writes into before and after libbz2, and reads likewise. */
static void interleaved(void)
{
    size_t n = 300000;
    unsigned char *data = make_data(n), *back = malloc(n + 1);
    unsigned out = 0;
    char unused[BZ_MAX_UNUSED], rest[64] = "";
    int n_unused = 0;
    FILE *f = fopen(path("interleaved.bz2"), "w+");

    fputs("HEAD", f);   /* still in the guest's buffer when libbz2 writes */
    expect(write_bz(f, data, n, 9, &out) == BZ_OK, "interleaved: compress after a buffered guest write");
    SAY("interleaved: ftell after close %ld = 4 + %u\n", ftell(f), out);
    expect(ftell(f) == 4 + (long)out, "interleaved: position after libbz2's writes");
    fputs("TAIL-and-more", f);
    rewind(f);
    char head[5] = "";
    expect(fread(head, 1, 4, f) == 4 && strcmp(head, "HEAD") == 0, "interleaved: guest reads its head");
    long got = read_bz(f, back, (long)n + 1, unused, &n_unused, NULL, 0);
    SAY("interleaved: read %ld, unused %d, ftell %ld\n", got, n_unused, ftell(f));
    expect(got == (long)n && memcmp(back, data, n) == 0, "interleaved: libbz2 reads the data back");
    size_t r = fread(rest, 1, sizeof(rest) - 1, f);
    SAY("interleaved: guest reads %zu more after close, feof %d\n", r, feof(f));
    char tail[128];
    snprintf(tail, sizeof(tail), "%.*s%.*s", n_unused, unused, (int)r, rest);
    expect(strcmp(tail, "TAIL-and-more") == 0, "interleaved: unused + the guest's own read = what followed");
    fclose(f);
    free(data);
    free(back);
}

/* Two streams back to back, read as bzip2 -d does (reopening with the unused bytes). */
static void concatenated(void)
{
    unsigned char *a = make_data(20000), *buf = malloc(50000);
    FILE *f = fopen(path("two.bz2"), "w+");
    write_bz(f, a, 20000, 1, NULL);
    write_bz(f, a + 5000, 10000, 5, NULL);
    rewind(f);
    char unused[BZ_MAX_UNUSED];
    int n_unused = 0;
    long first = read_bz(f, buf, 50000, unused, &n_unused, NULL, 0);
    long second = read_bz(f, buf + 20000, 30000, NULL, NULL, unused, n_unused);
    int c = fgetc(f);
    SAY("concatenated: %ld + %ld bytes, then fgetc %d\n", first, second, c);
    expect(first == 20000 && second == 10000 && memcmp(buf + 20000, a + 5000, 10000) == 0 && c == EOF,
           "concatenated: both streams, then end of file");
    fclose(f);
    free(a);
    free(buf);
}

/* Pipes: libbz2 writes into one, then reads from one. */
static void pipes(void)
{
    int p[2];
    unsigned char *d = make_data(40000), *buf = malloc(40001);
    char small[65536];
    expect(pipe(p) == 0, "pipe: made");
    FILE *w = fdopen(p[1], "w"), *r = fdopen(p[0], "r");
    /* Mostly text: the compressed stream fits the pipe's buffer. */
    memset(d, 'x', 20000);
    int e = write_bz(w, d, 40000, 9, NULL);
    fclose(w);
    size_t n = fread(small, 1, sizeof(small), r);
    fclose(r);
    unsigned len = 40001;
    int de = BZ2_bzBuffToBuffDecompress((char *)buf, &len, small, (unsigned)n, 0, 0);
    SAY("pipe write: bzerror %d, %zu bytes in the pipe, decompress %d -> %u\n", e, n, de, len);
    expect(e == BZ_OK && de == BZ_OK && len == 40000 && memcmp(buf, d, 40000) == 0, "pipe: libbz2 writes into it");

    expect(pipe(p) == 0, "pipe: made again");
    write(p[1], small, n);
    write(p[1], "after", 5);
    close(p[1]);
    r = fdopen(p[0], "r");
    char unused[BZ_MAX_UNUSED];
    int n_unused = 0;
    long got = read_bz(r, buf, 40001, unused, &n_unused, NULL, 0);
    int c = fgetc(r);
    SAY("pipe read: %ld bytes, unused %d, then fgetc %d\n", got, n_unused, c);
    expect(got == 40000 && n_unused == 5 && memcmp(unused, "after", 5) == 0 && c == EOF,
           "pipe: libbz2 reads from it");
    fclose(r);
    free(d);
    free(buf);
}

/* A FILE the guest's C library makes of memory. */
static void memory_file(void)
{
    static char mem[200000];
    unsigned char *d = make_data(100000), *buf = malloc(100001);
    FILE *f = fmemopen(mem, sizeof(mem), "w+");
    unsigned out = 0;
    int e = write_bz(f, d, 100000, 9, &out);
    long end = ftell(f);
    rewind(f);
    long got = read_bz(f, buf, 100001, NULL, NULL, NULL, 0);
    SAY("fmemopen: bzerror %d, %u bytes out, ftell %ld, read back %ld\n", e, out, end, got);
    expect(e == BZ_OK && got == 100000 && memcmp(buf, d, 100000) == 0, "fmemopen: round trip");
    fclose(f);
    free(d);
    free(buf);
}

/* I/O errors come back as BZ_IO_ERROR, and the guest's FILE has its error flag. */
static void io_errors(void)
{
    unsigned char *d = make_data(10000), buf[100];
    int e, ec;
    FILE *ro = fopen(path("interleaved.bz2"), "r");
    e = write_bz(ro, d, 10000, 1, NULL);
    SAY("write to a read-only FILE: bzerror %d, ferror %d\n", e, ferror(ro) != 0);
    expect(e == BZ_IO_ERROR && ferror(ro), "read-only FILE: BZ_IO_ERROR");
    fclose(ro);

    FILE *wo = fopen(path("write-only"), "w");
    long got = read_bz(wo, buf, sizeof(buf), NULL, NULL, NULL, 0);
    SAY("read from a write-only FILE: %ld, ferror %d\n", got, ferror(wo) != 0);
    /* libbz2's end-of-file test (fgetc) meets the error first. */
    expect(got == BZ_UNEXPECTED_EOF && ferror(wo), "write-only FILE: BZ_UNEXPECTED_EOF, error flag");
    clearerr(wo);
    BZFILE *rb = BZ2_bzReadOpen(&e, wo, 0, 0, NULL, 0);
    if (rb) {
        BZ2_bzReadClose(&ec, rb);
    }
    expect(e == BZ_OK, "write-only FILE: the guest's clearerr reaches libbz2");
    fputc('x', wo);
    fflush(wo);
    fgetc(wo);
    rb = BZ2_bzReadOpen(&e, wo, 0, 0, NULL, 0);
    SAY("ReadOpen of a FILE with its error flag set: %d\n", e);
    expect(e == BZ_IO_ERROR, "write-only FILE: the guest's error flag reaches libbz2");
    fclose(wo);

    fclose(fopen(path("empty"), "w"));
    FILE *empty = fopen(path("empty"), "r");
    got = read_bz(empty, buf, sizeof(buf), NULL, NULL, NULL, 0);
    SAY("read from an empty FILE: %ld, feof %d\n", got, feof(empty) != 0);
    expect(got == BZ_UNEXPECTED_EOF, "empty FILE: BZ_UNEXPECTED_EOF");
    fclose(empty);

    FILE *f = fopen(path("bad.bz2"), "w+");
    fputs("BZh91AY&SY this is not bzip2 data at all, only its magic", f);
    rewind(f);
    got = read_bz(f, buf, sizeof(buf), NULL, NULL, NULL, 0);
    SAY("read corrupt data: %ld\n", got);
    expect(got == BZ_DATA_ERROR, "corrupt data: BZ_DATA_ERROR");
    fclose(f);
    free(d);
}

/* Arguments libbz2 refuses, at the edges of what it takes. */
static void bad_arguments(void)
{
    int e, ec;
    char c = 0;
    FILE *f = fopen(path("args.bz2"), "w+");

    BZ2_bzWriteOpen(&e, NULL, 9, 0, 0);
    SAY("WriteOpen NULL FILE: %d\n", e);
    for (int level = 0; level <= 10; level += 1) {
        BZFILE *b = BZ2_bzWriteOpen(&e, f, level, 0, 0);
        SAY("WriteOpen level %d: %d\n", level, e);
        if (b) {
            BZ2_bzWriteClose(&ec, b, 1, NULL, NULL);
        }
    }
    int works[] = { -1, 0, 250, 251 }, verb[] = { -1, 0, 5 };
    for (int i = 0; i < 4; i++) {
        BZFILE *b = BZ2_bzWriteOpen(&e, f, 1, 0, works[i]);
        SAY("WriteOpen workFactor %d: %d\n", works[i], e);
        if (b) {
            BZ2_bzWrite(&e, b, &c, -1);
            SAY("Write length -1: %d\n", e);
            BZ2_bzRead(&e, b, &c, 1);
            SAY("Read on a write handle: %d\n", e);
            BZ2_bzWriteClose(&ec, b, 1, NULL, NULL);
        }
    }
    for (int i = 0; i < 3; i++) {
        BZFILE *b = BZ2_bzWriteOpen(&e, f, 1, verb[i], 0);
        SAY("WriteOpen verbosity %d: %d\n", verb[i], e);
        if (b) {
            BZ2_bzWriteClose(&ec, b, 1, NULL, NULL);
        }
    }
    rewind(f);
    int smalls[] = { -1, 0, 1, 2 }, unused_ns[] = { -1, 0, BZ_MAX_UNUSED, BZ_MAX_UNUSED + 1 };
    static char unused[BZ_MAX_UNUSED + 1];
    for (int i = 0; i < 4; i++) {
        BZFILE *b = BZ2_bzReadOpen(&e, f, 0, smalls[i], NULL, 0);
        SAY("ReadOpen small %d: %d\n", smalls[i], e);
        if (b) {
            BZ2_bzReadClose(&ec, b);
        }
        b = BZ2_bzReadOpen(&e, f, 0, 0, unused, unused_ns[i]);
        SAY("ReadOpen nUnused %d: %d\n", unused_ns[i], e);
        if (b) {
            BZ2_bzRead(&e, b, &c, 0);
            SAY("Read length 0: %d\n", e);
            BZ2_bzRead(&e, b, &c, -1);
            SAY("Read length -1: %d\n", e);
            BZ2_bzWrite(&e, b, &c, 1);
            SAY("Write on a read handle: %d\n", e);
            void *u;
            int nu;
            BZ2_bzReadGetUnused(&e, b, &u, &nu);
            SAY("GetUnused before the end: %d\n", e);
            BZ2_bzReadClose(&ec, b);
        }
    }
    fclose(f);
}

/* Whole buffers, and the stream API with the guest's allocator. */
static int allocs;
static void *my_alloc(void *opaque, int n, int m)
{
    (void)opaque;
    allocs++;
    return malloc((size_t)n * (size_t)m);
}
static void my_free(void *opaque, void *p)
{
    (void)opaque;
    free(p);
}

static void buffers(void)
{
    unsigned char *d = make_data(1 << 20), *back = malloc((1 << 20) + 1);
    unsigned cap = (1 << 20) + 10000, len = cap;
    char *z = malloc(cap);
    int sizes[] = { 0, 1, 1 << 20 };
    for (int i = 0; i < 3; i++) {
        for (int level = 0; level <= 10; level += (level == 1 ? 8 : 1)) {
            len = cap;
            int e = BZ2_bzBuffToBuffCompress(z, &len, (char *)d, (unsigned)sizes[i], level, 0, 0);
            unsigned blen = (1 << 20) + 1;
            int de = e == BZ_OK ? BZ2_bzBuffToBuffDecompress((char *)back, &blen, z, len, i == 1, 0) : -99;
            SAY("buff %d bytes level %d: %d -> %u, back %d -> %u\n", sizes[i], level, e, e == BZ_OK ? len : 0, de,
                de == BZ_OK ? blen : 0);
            if (de == BZ_OK) {
                expect(blen == (unsigned)sizes[i] && memcmp(back, d, blen) == 0, "buffers: round trip");
            }
        }
    }
    len = 10;
    SAY("buff output full: %d\n", BZ2_bzBuffToBuffCompress(z, &len, (char *)d, 100000, 9, 0, 0));
    SAY("buff verbosity 5: %d\n", BZ2_bzBuffToBuffCompress(z, &len, (char *)d, 10, 9, 5, 0));
    SAY("buff decompress small 2: %d\n", BZ2_bzBuffToBuffDecompress((char *)back, &len, z, 10, 2, 0));
    len = 4;
    SAY("buff decompress garbage: %d\n", BZ2_bzBuffToBuffDecompress((char *)back, &len, "BZh9xxxxxxxxxxxx", 16, 0, 0));

    /* Stream API: the guest's bzalloc/bzfree are called back. */
    bz_stream s;
    memset(&s, 0, sizeof(s));
    s.bzalloc = my_alloc;
    s.bzfree = my_free;
    int e = BZ2_bzCompressInit(&s, 9, 0, 0);
    s.next_in = (char *)d;
    s.avail_in = 200000;
    s.next_out = z;
    s.avail_out = cap;
    int r1 = BZ2_bzCompress(&s, BZ_RUN), r2 = BZ2_bzCompress(&s, BZ_FLUSH), r3;
    while ((r3 = BZ2_bzCompress(&s, BZ_FINISH)) == BZ_FINISH_OK) {
    }
    unsigned zlen = s.total_out_lo32;
    int r4 = BZ2_bzCompressEnd(&s);
    SAY("stream compress: init %d run %d flush %d finish %d end %d, %u bytes, allocs>0 %d\n", e, r1, r2, r3, r4,
        zlen, allocs > 0);
    SAY("stream bad level: %d\n", BZ2_bzCompressInit(&s, 10, 0, 0));
    SAY("stream bad action: %d\n", BZ2_bzCompress(NULL, 99));

    memset(&s, 0, sizeof(s));   /* libbz2's default allocator */
    e = BZ2_bzDecompressInit(&s, 0, 0);
    s.next_in = z;
    s.avail_in = zlen;
    s.next_out = (char *)back;
    s.avail_out = 200000;
    int d1 = BZ2_bzDecompress(&s);
    int d2 = BZ2_bzDecompressEnd(&s);
    SAY("stream decompress: init %d, %d, end %d, %u bytes\n", e, d1, d2, s.total_out_lo32);
    expect(d1 == BZ_STREAM_END && memcmp(back, d, 200000) == 0, "stream: round trip");
    SAY("stream decompress small 2: %d\n", BZ2_bzDecompressInit(&s, 0, 2));
    SAY("stream decompress NULL: %d %d\n", BZ2_bzDecompress(NULL), BZ2_bzDecompressEnd(NULL));
    free(d);
    free(back);
    free(z);
}

/* The zlib-like file functions: libbz2 opens the file itself (bzopen, bzdopen). */
static void bz_files(void)
{
    unsigned char *d = make_data(50000), buf[60000];
    int errnum;
    BZFILE *b = BZ2_bzopen(path("bzopen.bz2"), "wb9");
    int w = BZ2_bzwrite(b, d, 50000);
    int fl = BZ2_bzflush(b);
    const char *msg = BZ2_bzerror(b, &errnum);
    SAY("bzopen write: %d, flush %d, error '%s' %d\n", w, fl, msg, errnum);
    BZ2_bzclose(b);
    int fd = open(path("bzopen.bz2"), O_RDONLY);
    b = BZ2_bzdopen(fd, "rb");
    int r = BZ2_bzread(b, buf, sizeof(buf));
    SAY("bzdopen read: %d\n", r);
    expect(r == 50000 && memcmp(buf, d, 50000) == 0, "bzopen/bzdopen: round trip");
    BZ2_bzclose(b);
    SAY("fd closed by bzclose: %d\n", fcntl(fd, F_GETFD) == -1 && errno == EBADF);
    SAY("bzopen of a missing file: %d\n", BZ2_bzopen(path("missing/x.bz2"), "rb") == NULL);
    SAY("version: %.5s\n", BZ2_bzlibVersion());
    free(d);
}

int main(int argc, char **argv)
{
    dir = argc > 1 ? argv[1] : ".";
    interleaved();
    concatenated();
    pipes();
    memory_file();
    io_errors();
    bad_arguments();
    buffers();
    bz_files();
    SAY("%d failures\n", failures);
    return failures != 0;
}
