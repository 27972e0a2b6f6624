// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libpng's hard cases through hostlink (tests/png/api.sh): its error
 * handling (setjmp(png_jmpbuf()) with the default handler, an error
 * handler that longjmps itself, one that returns, png_error from a read
 * callback, png_error and png_longjmp called by the program), read and
 * write callbacks, the progressive reader, warnings, and png_init_io with
 * a FILE the program has read from. Everything it prints must be what it
 * prints with the genuine library emulated.
 *
 *   png-guest CASE DIR      DIR: tests/png/mkpng.py's files
 */
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *dir;

static char *path(const char *name)
{
    static char buf[4096];
    snprintf(buf, sizeof(buf), "%s/%s", dir, name);
    return buf;
}

/* A whole file in memory, for the read callbacks. */
struct mem {
    unsigned char *data;
    size_t size, at;
};

static struct mem slurp(const char *name)
{
    struct mem m = { 0 };
    FILE *f = fopen(path(name), "rb");
    if (!f) {
        perror(name);
        exit(2);
    }
    m.data = malloc(1 << 20);
    m.size = fread(m.data, 1, 1 << 20, f);
    fclose(f);
    return m;
}

static void mem_read(png_structp png, png_bytep out, size_t n)
{
    struct mem *m = png_get_io_ptr(png);
    if (m->size - m->at < n) {
        png_error(png, "read callback: the data ends early");  /* a host call from a callback */
    }
    memcpy(out, m->data + m->at, n);
    m->at += n;
}

static unsigned long checksum(png_structp png, png_infop info)
{
    png_bytepp rows = png_get_rows(png, info);
    size_t rowbytes = png_get_rowbytes(png, info);
    unsigned long sum = 0;
    for (png_uint_32 y = 0; y < png_get_image_height(png, info); y++) {
        for (size_t x = 0; x < rowbytes; x++) {
            sum = sum * 31 + rows[y][x];
        }
    }
    return sum;
}

/* --- the default error handler: prints "libpng error: ...", then png_longjmp --- */
static int default_handler(void)
{
    static const char *const files[] = { "bad-crc.png", "bad-truncated.png", "rgb8.png" };
    volatile int caught = 0;
    for (volatile int round = 0; round < 20; round++) {
        const char *name = files[round % 3];
        FILE *f = fopen(path(name), "rb");
        png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
        png_infop info = png_create_info_struct(png);
        if (setjmp(png_jmpbuf(png))) {
            caught++;
            png_destroy_read_struct(&png, &info, NULL);
            fclose(f);
            continue;
        }
        png_init_io(png, f);
        png_read_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
        printf("%s: %ux%u, checksum %lu\n", name, png_get_image_width(png, info),
               png_get_image_height(png, info), checksum(png, info));
        png_destroy_read_struct(&png, &info, NULL);
        fclose(f);
    }
    printf("default handler: %d errors caught by setjmp(png_jmpbuf())\n", caught);
    return 0;
}

/* --- an error handler that longjmps itself, to the program's own jmp_buf --- */
struct catcher {
    jmp_buf env;
    char message[128];
};

static void longjmp_handler(png_structp png, png_const_charp msg)
{
    struct catcher *c = png_get_error_ptr(png);
    snprintf(c->message, sizeof(c->message), "%s", msg);
    longjmp(c->env, 1);
}

static void count_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    printf("warning: %s\n", msg);
}

static int own_handler(void)
{
    static const char *const files[] = { "bad-crc.png", "bad-truncated.png", "palette.png" };
    volatile int caught = 0;
    for (volatile int round = 0; round < 30; round++) {
        struct catcher c;
        struct mem m = slurp(files[round % 3]);
        png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &c, longjmp_handler, count_warning);
        png_infop info = png_create_info_struct(png);
        if (setjmp(c.env)) {
            if (round < 3) {
                printf("%s: error handler longjmp'd: %s\n", files[round % 3], c.message);
            }
            caught++;
            png_destroy_read_struct(&png, &info, NULL);
            free(m.data);
            continue;
        }
        /* The truncated file fails in mem_read's png_error, inside a read callback. */
        png_set_read_fn(png, &m, mem_read);
        png_read_png(png, info, PNG_TRANSFORM_EXPAND | PNG_TRANSFORM_STRIP_16, NULL);
        if (round < 3) {
            printf("%s: checksum %lu\n", files[round % 3], checksum(png, info));
        }
        png_destroy_read_struct(&png, &info, NULL);
        free(m.data);
    }
    printf("own handler: %d errors\n", caught);
    return 0;
}

/* --- an error handler that returns: libpng then prints and longjmps itself --- */
static void returning_handler(png_structp png, png_const_charp msg)
{
    (void)png;
    printf("returning handler saw: %s\n", msg);
    fflush(stdout);
}

static int handler_returns(void)
{
    struct mem m = slurp("bad-crc.png");
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, returning_handler, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        printf("caught after the handler returned\n");
        png_destroy_read_struct(&png, &info, NULL);
        return 0;
    }
    png_set_read_fn(png, &m, mem_read);
    png_read_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
    printf("not reached\n");
    return 1;
}

/* --- png_error, png_chunk_error and png_longjmp called by the program itself --- */
static int program_errors(void)
{
    for (volatile int kind = 0; kind < 3; kind++) {
        png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, count_warning);
        volatile int stage = 0;
        int val;
        if ((val = setjmp(png_jmpbuf(png))) != 0) {
            printf("kind %d: caught %d at stage %d\n", kind, val, stage);
            png_destroy_write_struct(&png, NULL);
            continue;
        }
        stage = 1;
        png_warning(png, "a warning from the program");
        stage = 2;
        if (kind == 0) {
            png_error(png, "an error from the program");
        } else if (kind == 1) {
            png_chunk_error(png, "a chunk error");
        } else {
            png_longjmp(png, 42);
        }
        printf("not reached\n");
    }
    return 0;
}

/* --- write and read back through callbacks --- */
static void mem_write(png_structp png, png_bytep data, size_t n)
{
    struct mem *m = png_get_io_ptr(png);
    memcpy(m->data + m->size, data, n);
    m->size += n;
}

static int flushes;
static void mem_flush(png_structp png)
{
    (void)png;
    flushes++;
}

static int callbacks(void)
{
    enum { W = 37, H = 29 };
    struct mem out = { malloc(1 << 20), 0, 0 };
    png_bytep rows[H];
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        printf("write failed\n");
        return 1;
    }
    png_set_write_fn(png, &out, mem_write, mem_flush);
    png_set_IHDR(png, info, W, H, 16, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_ADAM7,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_text text = { .compression = PNG_TEXT_COMPRESSION_zTXt, .key = "Comment",
                      .text = "written through png_set_write_fn" };
    png_set_text(png, info, &text, 1);
    png_set_flush(png, 8);
    png_write_info(png, info);
    for (int y = 0; y < H; y++) {
        rows[y] = malloc(W * 8);
        for (int x = 0; x < W * 8; x++) {
            rows[y][x] = (unsigned char)(x * 7 + y * 13);
        }
    }
    png_write_image(png, rows);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    printf("wrote %zu bytes, %d flushes\n", out.size, flushes);

    png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        printf("read back failed\n");
        return 1;
    }
    png_set_read_fn(png, &out, mem_read);
    png_read_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
    png_bytepp back = png_get_rows(png, info);
    int same = 1;
    for (int y = 0; y < H; y++) {
        same &= memcmp(back[y], rows[y], W * 8) == 0;
    }
    png_textp got;
    int n_text = 0;
    png_get_text(png, info, &got, &n_text);
    printf("read back: %s, %d text: %s\n", same ? "same pixels" : "DIFFERENT", n_text,
           n_text ? got[0].text : "");
    png_destroy_read_struct(&png, &info, NULL);
    return same ? 0 : 1;
}

/* --- the progressive reader: info, row and end callbacks, fed in pieces --- */
struct progress {
    unsigned rows;
    unsigned long sum;
    int ended;
};

static void on_info(png_structp png, png_infop info)
{
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    printf("progressive: info %ux%u, %d passes\n", png_get_image_width(png, info),
           png_get_image_height(png, info), png_get_interlace_type(png, info) ? 7 : 1);
}

static void on_row(png_structp png, png_bytep row, png_uint_32 y, int pass)
{
    struct progress *p = png_get_progressive_ptr(png);
    (void)pass;
    if (row) {
        p->rows++;
        p->sum = p->sum * 31 + y + row[0];
    }
}

static void on_end(png_structp png, png_infop info)
{
    struct progress *p = png_get_progressive_ptr(png);
    (void)info;
    p->ended = 1;
}

static int progressive(void)
{
    static const char *const files[] = { "rgba8-interlaced.png", "gray16-interlaced.png", "bad-crc.png" };
    for (int i = 0; i < 3; i++) {
        struct mem m = slurp(files[i]);
        struct progress p = { 0 };
        png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
        png_infop info = png_create_info_struct(png);
        if (setjmp(png_jmpbuf(png))) {
            printf("%s: progressive read failed after %u rows\n", files[i], p.rows);
            png_destroy_read_struct(&png, &info, NULL);
            free(m.data);
            continue;
        }
        png_set_progressive_read_fn(png, &p, on_info, on_row, on_end);
        for (size_t at = 0; at < m.size; at += 97) {
            png_process_data(png, info, m.data + at, m.size - at < 97 ? m.size - at : 97);
        }
        printf("%s: %u rows, sum %lu, %s\n", files[i], p.rows, p.sum, p.ended ? "ended" : "NOT ENDED");
        png_destroy_read_struct(&png, &info, NULL);
        free(m.data);
    }
    return 0;
}

/* --- png_init_io on a FILE the program read the signature from --- */
static int file_io(void)
{
    unsigned char sig[8];
    FILE *f = fopen(path("gray16-interlaced.png"), "rb");
    if (fread(sig, 1, 8, f) != 8 || png_sig_cmp(sig, 0, 8) != 0) {
        printf("not a PNG\n");
        return 1;
    }
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        printf("read failed\n");
        return 1;
    }
    png_init_io(png, f);
    png_set_sig_bytes(png, 8);
    png_read_info(png, info);
    printf("after png_read_info the FILE is at %ld\n", ftell(f));
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    size_t rowbytes = png_get_rowbytes(png, info);
    png_bytep row = malloc(rowbytes);
    unsigned long sum = 0;
    for (int pass = 0; pass < passes; pass++) {
        for (png_uint_32 y = 0; y < png_get_image_height(png, info); y++) {
            png_read_row(png, row, NULL);
            for (size_t x = 0; x < rowbytes; x++) {
                sum = sum * 31 + row[x];
            }
        }
    }
    png_read_end(png, NULL);
    long end = ftell(f);
    fseek(f, 0, SEEK_END);
    printf("rows read, sum %lu; after png_read_end the FILE is at %ld of %ld\n", sum, end, ftell(f));
    png_destroy_read_struct(&png, &info, NULL);
    fclose(f);
    printf("libpng %s\n", png_get_libpng_ver(NULL));
    return 0;
}

/* --- png_init_io for writing: row by row into a FILE, then read back with stdio --- */
static int file_write(void)
{
    enum { W = 301, H = 97 };
    FILE *f = fopen(path("written.png"), "wb");
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    unsigned char row[W * 3];
    if (setjmp(png_jmpbuf(png))) {
        printf("write failed\n");
        return 1;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, W, H, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W * 3; x++) {
            row[x] = (unsigned char)((x * y) ^ (x >> 3));
        }
        png_write_row(png, row);
    }
    png_write_end(png, info);
    printf("before fclose the FILE is at %ld\n", ftell(f));
    png_destroy_write_struct(&png, &info);
    fclose(f);
    f = fopen(path("written.png"), "rb");
    unsigned long sum = 0;
    long n = 0;
    for (int ch; (ch = getc(f)) != EOF; n++) {
        sum = sum * 31 + (unsigned)ch;
    }
    fclose(f);
    printf("wrote %ld bytes, sum %lu\n", n, sum);
    return 0;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(void);
    } cases[] = {
        { "default-handler", default_handler }, { "own-handler", own_handler },
        { "handler-returns", handler_returns }, { "program-errors", program_errors },
        { "callbacks", callbacks }, { "progressive", progressive }, { "file-io", file_io },
        { "file-write", file_write },
    };
    if (argc == 3) {
        dir = argv[2];
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
            if (strcmp(argv[1], cases[i].name) == 0) {
                int rc = cases[i].run();
                fflush(stdout);
                return rc;
            }
        }
    }
    fprintf(stderr, "usage: png-guest CASE DIR\n");
    return 2;
}
