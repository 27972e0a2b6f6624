// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest FILEs handed to a library (libhlf: tests/file/hlf.c) that reads,
 * writes, seeks, pushes back and closes them: one line per observation
 * (results, positions, what the guest reads next). tests/file/file.sh
 * compares a hostlink run with the genuine library under plain emulation.
 *   file-guest DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "guest-say.h"
#include "hlf.h"

static void show_next(const char *what, FILE *f)
{
    char buf[64] = "";
    size_t n = fread(buf, 1, 10, f);
    SAY("%s: guest ftell %ld, guest reads %zu '%.*s'\n", what, ftell(f) - (long)n, n, (int)n, buf);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : ".";
    char buf[256];

    /* Writing: the guest's buffered bytes, then the library's, then the guest's again. */
    FILE *f = fopen(path(dir, "w.txt"), "w+");
    fputs("guest-1 ", f);
    size_t wrote = hlf_write(f, "library-1 ", 10);
    SAY("write: library writes %zu, then printf %d\n", wrote, hlf_printf(f, 42));
    long at = ftell(f);
    SAY("write: guest ftell %ld, library ftell %ld\n", at, hlf_tell(f));
    fputs("guest-2\n", f);
    int flushed = hlf_flush(f);
    SAY("write: library flush %d, flags %d\n", flushed, hlf_flags(f));
    rewind(f);
    SAY("write: file is '%s'\n", fgets(buf, sizeof(buf), f) ? buf : "(nothing)");

    /* Seeking both ways: each side sees the other's position. */
    int sought = hlf_seek(f, 6, SEEK_SET);
    SAY("seek: library seeks to 6: %d, guest ftell %ld\n", sought, ftell(f));
    show_next("seek", f);
    fseek(f, 2, SEEK_SET);
    SAY("seek: guest seeks to 2, library ftell %ld\n", hlf_tell(f));
    SAY("seek: library seeks -5 from the end: %d\n", hlf_seek(f, -5, SEEK_END));
    show_next("seek", f);
    sought = hlf_seek(f, -100, SEEK_SET);
    SAY("seek: before the start: %d, flags %d\n", sought, hlf_flags(f));
    hlf_rewind(f);
    show_next("rewind", f);

    /* Reading: the guest reads some, the library some, the guest the rest. */
    rewind(f);
    SAY("read: guest fgetc '%c'\n", fgetc(f));
    SAY("read: library reads %zu\n", hlf_read(f, buf, 7));
    show_next("read", f);
    rewind(f);
    SAY("read: library line %d\n", hlf_line(f, buf, sizeof(buf)));
    SAY("read: guest ftell %ld after the library's line\n", ftell(f));

    /* Pushed back by the library: the guest reads it next. */
    rewind(f);
    int peeked = hlf_peek(f);
    SAY("peek: library peeks '%c', guest ftell %ld\n", peeked, ftell(f));
    show_next("peek", f);
    SAY("unread: library pushes back 'XY': %d\n", hlf_unread(f, "XY"));
    show_next("unread", f);
    ungetc('Z', f);
    size_t got = hlf_read(f, buf, 1);
    SAY("guest pushes back 'Z': library reads %zu '%.1s'\n", got, buf);

    /* End of file and errors, as flags on the one stream. */
    fseek(f, 0, SEEK_END);
    got = hlf_read(f, buf, 10);
    int flags = hlf_flags(f);
    SAY("eof: library reads %zu, flags %d, guest feof %d\n", got, flags, feof(f) != 0);
    clearerr(f);
    SAY("eof: guest clearerr, library flags %d\n", hlf_flags(f));
    peeked = hlf_peek(f);
    SAY("eof: library peek at the end %d, guest feof %d\n", peeked, feof(f) != 0);
    fclose(f);

    FILE *ro = fopen(path(dir, "w.txt"), "r");
    wrote = hlf_write(ro, "x", 1);
    flags = hlf_flags(ro);
    SAY("error: library writes to a read-only FILE: flags %d, guest ferror %d\n", flags, ferror(ro) != 0);
    /* Differs, documented: the host stream buffers small writes; the error comes at its flush. */
    SAY("write-return: %zu\n", wrote);
    clearerr(ro);
    SAY("error: guest clearerr, library flags %d\n", hlf_flags(ro));
    /* Differs, documented: the host stream has no descriptor (fopencookie). */
    SAY("fileno: %d\n", hlf_fileno_known(ro));
    fclose(ro);

    /* Pipes: no position; reading and writing through them. */
    int p[2];
    if (pipe(p) == 0) {
        FILE *w = fdopen(p[1], "w"), *r = fdopen(p[0], "r");
        wrote = hlf_write(w, "through a pipe\n", 15);
        SAY("pipe: library writes %zu, then seek %d\n", wrote, hlf_seek(w, 0, SEEK_SET));
        fclose(w);
        int len = hlf_line(r, buf, sizeof(buf));
        SAY("pipe: library line %d '%s'", len, buf);
        len = hlf_line(r, buf, sizeof(buf));
        SAY("pipe: then %d, flags %d\n", len, hlf_flags(r));
        fclose(r);
    }

    /* fmemopen: the guest C library's own kind of stream. */
    static char mem[64];
    FILE *m = fmemopen(mem, sizeof(mem), "w+");
    hlf_printf(m, 7);
    fputs("guest ", m);
    hlf_write(m, "library", 7);
    fflush(m);
    SAY("fmemopen: '%s', library ftell %ld\n", mem, hlf_tell(m));
    fclose(m);

    /* Closing: the library's API takes the FILE over; the guest's is closed too. */
    FILE *c = fopen(path(dir, "closed.txt"), "w");
    fputs("buffered by the guest\n", c);
    SAY("close: library fclose %d\n", hlf_close(c));
    FILE *back = fopen(path(dir, "closed.txt"), "r");
    SAY("close: file has '%s'", fgets(buf, sizeof(buf), back) ? buf : "(nothing)\n");
    fclose(back);

    /* stdout itself. */
    fflush(stdout);
    hlf_printf(stdout, 99);
    SAY("stdout: done\n");
    return 0;
}
