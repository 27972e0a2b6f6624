/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gzFile I/O: zlib opens, reads, writes, seeks and closes the files itself,
 * so under pass-through these are host system calls made on the guest's
 * behalf. Writes PATH (given as argv[1]) and a few PATH.* siblings; PATH
 * is left behind for the test script to check with the host's gzip.
 * Prints nothing that depends on the path.
 */
#include "zt.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEXT_LEN 100000
#define HOLE 100

/* gzvprintf with a va_list of our own. */
static int gz_vprintf(gzFile f, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = gzvprintf(f, format, ap);
    va_end(ap);
    return n;
}

static const char *path;
static unsigned char text[TEXT_LEN];
static unsigned char want[TEXT_LEN + 1024];  /* what PATH must decompress to */
static size_t want_len;

static void add(const void *p, size_t n)
{
    memcpy(want + want_len, p, n);
    want_len += n;
}

static char *sibling(const char *suffix)
{
    static char buf[4][4096];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, sizeof buf[0], "%s%s", path, suffix);
    return p;
}

/* gzerror's message starts with the file's name: print only what follows. */
static const char *err_text(gzFile f, const char *name, int *code)
{
    const char *msg = gzerror(f, code);
    size_t n = strlen(name);
    if (!strncmp(msg, name, n) && !strncmp(msg + n, ": ", 2))
        return msg + n + 2;
    return msg;
}

/* A line with its newline shown as \n. */
static void show_line(const char *what, const char *s)
{
    printf("%s: \"", what);
    for (; s && *s; s++)
        *s == '\n' ? printf("\\n") : putchar(*s);
    printf("\"\n");
}

static void write_main(void)
{
    /* Five 10-byte records for gzfwrite, laid out one after the other. */
    static const char recs[5][10] = { "0123456789", "abcdefghij", "ABCDEFGHIJ", "0123456789",
                                      "klmnopqrst" };
    gzFile f = gzopen(path, "wb6");
    int code;

    printf("gzopen wb6: %s\n", f ? "ok" : "NULL");
    if (!f)
        exit(1);
    printf("gzbuffer(16384)=%d\n", gzbuffer(f, 16384));
    printf("gzwrite=%d\n", gzwrite(f, "hello, world\n", 13));
    add("hello, world\n", 13);
    printf("gzputs=%d\n", gzputs(f, "second line\n"));
    add("second line\n", 12);
    int c1 = gzputc(f, 'x');
    int c2 = gzputc(f, '\n');
    printf("gzputc=%d gzputc=%d\n", c1, c2);
    add("x\n", 2);
    /* The same 43 bytes as one gzprintf, half of them through gzvprintf. */
    int n = gzprintf(f, "int=%d str=%s ", 42, "abc");
    n += gz_vprintf(f, "float=%.3f neg=%+d hex=%#x\n", 3.25, -7, 255);
    printf("gzprintf=%d\n", n);
    add("int=42 str=abc float=3.250 neg=-7 hex=0xff\n", 43);
    /* Calls are sequenced one per statement: argument order is unspecified. */
    int ret = gzflush(f, Z_SYNC_FLUSH);
    printf("gzflush(Z_SYNC_FLUSH)=%s", zt_ret(ret));
    printf(" gzoffset=%ld", (long)gzoffset(f));
    printf(" gztell=%ld\n", (long)gztell(f));
    printf("gzsetparams(9, Z_FILTERED)=%s\n", zt_ret(gzsetparams(f, 9, Z_FILTERED)));
    printf("gzwrite text=%d\n", gzwrite(f, text, TEXT_LEN));
    add(text, TEXT_LEN);
    /* Seeking forward while writing writes zeros. */
    printf("gzseek(+%d, SEEK_CUR)=%ld\n", HOLE, (long)gzseek(f, HOLE, SEEK_CUR));
    static const unsigned char zeros[HOLE];
    add(zeros, HOLE);
    printf("gzfwrite=%zu", gzfwrite(recs, 10, 5, f));
    add(recs, sizeof recs);
    printf(" gzwrite(0 bytes)=%d", gzwrite(f, "", 0));
    printf(" gztell=%ld\n", (long)gztell(f));
    const char *msg = err_text(f, path, &code);
    printf("gzerror=%s \"%s\"\n", zt_ret(code), msg);
    ret = gzclose_w(f);
    printf("gzclose_w=%s\n", zt_ret(ret));
    ZT_CHECK(ret == Z_OK);

    FILE *raw = fopen(path, "rb");
    static unsigned char file[TEXT_LEN + 4096];
    size_t flen = raw ? fread(file, 1, sizeof file, raw) : 0;
    if (raw)
        fclose(raw);
    printf("file: %zu bytes crc32=%08lx header=%02x%02x%02x%02x mtime=%02x%02x%02x%02x\n", flen,
           zt_crc(file, flen), file[0], file[1], file[2], file[3], file[4], file[5], file[6],
           file[7]);
    printf("content: %zu bytes crc32=%08lx\n", want_len, zt_crc(want, want_len));
}

static void read_main(void)
{
    static unsigned char buf[TEXT_LEN + 1024];
    char line[128];
    int code;
    gzFile f = gzopen(path, "rb");

    if (!ZT_CHECK(f != NULL))
        exit(1);
    printf("gzbuffer(4096)=%d", gzbuffer(f, 4096));
    show_line(" gzgets", gzgets(f, line, sizeof line));
    printf("gzdirect=%d\n", gzdirect(f));
    show_line("gzgets", gzgets(f, line, sizeof line));
    int c1 = gzgetc(f);  /* the macro, which may read the gzFile's fields */
    int u = gzungetc('y', f);
    int c2 = gzgetc(f);
    int c3 = (gzgetc)(f);  /* the function */
    printf("gzgetc=%d gzungetc=%d gzgetc=%d (gzgetc)=%d\n", c1, u, c2, c3);
    show_line("gzgets", gzgets(f, line, sizeof line));
    long pos = (long)gztell(f);
    int n = gzread(f, buf, 1000);
    printf("gztell=%ld gzread(1000)=%d same=%s\n", pos, n, !memcmp(buf, text, 1000) ? "yes" : "no");
    printf("gzseek(+500, SEEK_CUR)=%ld", (long)gzseek(f, 500, SEEK_CUR));
    n = gzread(f, buf, 100);
    printf(" gzread(100)=%d same=%s\n", n, !memcmp(buf, text + 1500, 100) ? "yes" : "no");
    printf("gzseek(13, SEEK_SET)=%ld", (long)gzseek(f, 13, SEEK_SET));
    show_line(" gzgets", gzgets(f, line, sizeof line));
    printf("gzrewind=%d", gzrewind(f));
    printf(" gztell=%ld gzeof=%d\n", (long)gztell(f), gzeof(f));
    size_t got = gzfread(buf, 1, sizeof buf, f);
    int same = got == want_len && !memcmp(buf, want, got);
    printf("gzfread(all)=%zu same=%s gzeof=%d", got, same ? "yes" : "no", gzeof(f));
    printf(" gzoffset=%ld\n", (long)gzoffset(f));
    ZT_CHECK(same);
    printf("gzread at end=%d", gzread(f, buf, 10));
    printf(" gzgetc at end=%d", gzgetc(f));
    const char *msg = err_text(f, path, &code);
    printf(" gzerror=%s \"%s\"\n", zt_ret(code), msg);
    printf("gzclose_r=%s\n", zt_ret(gzclose_r(f)));
}

/* gzdopen on descriptors we opened: one to write, one to read back. */
static void through_fd(void)
{
    static unsigned char buf[TEXT_LEN + 1024];
    const char *p = sibling(".fd");
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    gzFile f = gzdopen(fd, "wb1");

    printf("gzdopen(fd, wb1): %s", f ? "ok" : "NULL");
    printf(" gzwrite=%d", gzwrite(f, text, TEXT_LEN));
    printf(" gzclose=%s\n", zt_ret(gzclose(f)));
    fd = open(p, O_RDONLY);
    f = gzdopen(fd, "rb");
    int n = gzread(f, buf, sizeof buf);
    printf("gzdopen(fd, rb): %s gzread=%d same=%s", f ? "ok" : "NULL", n,
           n == TEXT_LEN && !memcmp(buf, text, TEXT_LEN) ? "yes" : "no");
    printf(" gzclose=%s", zt_ret(gzclose(f)));
    /* gzclose closed the descriptor: it is gone for the guest too. */
    errno = 0;
    printf(" fd closed: %s\n", close(fd) == -1 && errno == EBADF ? "yes" : "no");
    ZT_CHECK(n == TEXT_LEN);
    unlink(p);
}

/* "wT" writes without compression; reading it back is direct. */
static void transparent(void)
{
    const char *p = sibling(".T");
    char buf[64] = {0};
    gzFile f = gzopen(p, "wT");

    printf("gzopen wT: gzputs=%d", gzputs(f, "plain text\n"));
    printf(" gzclose=%s", zt_ret(gzclose(f)));
    FILE *raw = fopen(p, "rb");
    size_t n = raw ? fread(buf, 1, sizeof buf - 1, raw) : 0;
    if (raw)
        fclose(raw);
    printf(" file is plain: %s\n", n == 11 && !strcmp(buf, "plain text\n") ? "yes" : "no");
    f = gzopen(p, "rb");
    memset(buf, 0, sizeof buf);
    int r = gzread(f, buf, sizeof buf - 1);
    int direct = gzdirect(f);
    printf("read back: gzread=%d same=%s gzdirect=%d", r, !strcmp(buf, "plain text\n") ? "yes" : "no",
           direct);
    ZT_CHECK(r == 11 && direct == 1);
    printf(" gzclose=%s\n", zt_ret(gzclose(f)));
    unlink(p);
}

/* Two members: one written with "wb", one appended with "ab". */
static void append(void)
{
    const char *p = sibling(".a");
    char buf[64] = {0};
    gzFile f = gzopen(p, "wb");

    gzputs(f, "first member\n");
    gzclose(f);
    f = gzopen(p, "ab9");
    printf("gzopen ab9: %s", f ? "ok" : "NULL");
    printf(" gzputs=%d", gzputs(f, "second member\n"));
    printf(" gzclose=%s", zt_ret(gzclose(f)));
    f = gzopen(p, "rb");
    int n = gzread(f, buf, sizeof buf - 1);
    printf(" read both: %d same=%s\n", n, !strcmp(buf, "first member\nsecond member\n") ? "yes" : "no");
    ZT_CHECK(!strcmp(buf, "first member\nsecond member\n"));
    gzclose(f);
    unlink(p);
}

/* Copies PATH with a change; returns the sibling's name. */
static const char *damaged(const char *suffix, int truncate)
{
    static unsigned char file[TEXT_LEN + 4096];
    FILE *in = fopen(path, "rb");
    size_t n = fread(file, 1, sizeof file, in);
    fclose(in);
    if (truncate)
        n /= 2;
    else
        file[n - 6] ^= 0x55;  /* inside the trailer's CRC */
    const char *p = sibling(suffix);
    FILE *out = fopen(p, "wb");
    fwrite(file, 1, n, out);
    fclose(out);
    return p;
}

static void errors(void)
{
    static unsigned char buf[TEXT_LEN + 1024];
    int code;

    for (int truncate = 0; truncate <= 1; truncate++) {
        const char *p = damaged(truncate ? ".cut" : ".bad", truncate);
        gzFile f = gzopen(p, "rb");
        long total = 0;
        int n;
        while ((n = gzread(f, buf, 8192)) > 0)
            total += n;
        const char *msg = err_text(f, p, &code);
        printf("%s: read %ld then %d, gzerror=%s \"%s\"", truncate ? "truncated" : "bad crc", total,
               n, zt_ret(code), msg);
        ZT_CHECK(code == (truncate ? Z_BUF_ERROR : Z_DATA_ERROR));
        gzclearerr(f);
        msg = err_text(f, p, &code);
        printf(" after gzclearerr=%s \"%s\"", zt_ret(code), msg);
        printf(" gzclose=%s\n", zt_ret(gzclose(f)));
        unlink(p);
    }

    errno = 0;
    gzFile f = gzopen(sibling(".missing"), "rb");
    int e = errno;
    printf("gzopen missing: %s errno=%s\n", f ? "not NULL" : "NULL", strerrorname_np(e) ? strerrorname_np(e) : "0");
    ZT_CHECK(f == NULL && e == ENOENT);
    f = gzopen(path, "");  /* neither read nor write */
    printf("gzopen mode \"\": %s\n", f ? "not NULL" : "NULL");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.gz\n", argv[0]);
        return 2;
    }
    path = argv[1];
    zt_fill(text, TEXT_LEN, ZT_TEXT, 5);
    write_main();
    read_main();
    through_fd();
    transparent();
    append();
    errors();
    return zt_finish("gz");
}
