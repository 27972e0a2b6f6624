// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * FILE *s a library makes and returns (libhlf: hlf_open, hlf_fdopen),
 * used by the guest and by the library in turn: one line per observation.
 * tests/file/returned.sh compares a hostlink run with the genuine library
 * under plain emulation.
 *   returned-guest DIR          the observations
 *   returned-guest DIR forge    (through hostlink only) bad HOSTLINK_OP_FILE requests
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "guest-say.h"
#include "hlf.h"
#include "hostlink/protocol.h"

static void show_next(const char *what, FILE *f)
{
    char buf[64] = "";
    size_t n = fread(buf, 1, 10, f);
    SAY("%s: guest reads %zu '%.*s', guest ftell %ld\n", what, n, (int)n, buf, ftell(f));
}

static const char *file_has(const char *dir, const char *name)
{
    static char buf[256];
    FILE *g = fopen(path(dir, name), "r");
    size_t n = g ? fread(buf, 1, sizeof(buf) - 1, g) : 0;
    buf[n] = '\0';
    if (g) {
        fclose(g);
    }
    return buf;
}

/* The error of a raw request: syscall() returns -1 and sets errno. */
static const char *error_of(long r)
{
    return r != -1 ? "no error" : errno == EFAULT ? "EFAULT" : errno == EINVAL ? "EINVAL"
         : errno == EBADF ? "EBADF" : "another error";
}

/* Bad requests a guest could make of the plugin: error codes, never a crash. */
static int forge(const char *dir)
{
    char buf[16];
    FILE *f = hlf_open(path(dir, "forge.txt"), "w+");
    long h = (long)(hlf_address(f) | HOSTLINK_HOST_FILE);
    long r = syscall(HOSTLINK_SYSCALL, HOSTLINK_OP_FILE, HOSTLINK_FILE_READ, h, (long)16, (long)sizeof(buf));
    SAY("forge: read into page 0: %s\n", error_of(r));
    r = syscall(HOSTLINK_SYSCALL, HOSTLINK_OP_FILE, 99, h, 0L, 0L);
    SAY("forge: unknown operation: %s\n", error_of(r));
    r = syscall(HOSTLINK_SYSCALL, HOSTLINK_OP_FILE, HOSTLINK_FILE_SEEK, (long)(0x1230 | HOSTLINK_HOST_FILE), 0L, 0L);
    SAY("forge: a stream never handed out: %s\n", error_of(r));
    fclose(f);
    r = syscall(HOSTLINK_SYSCALL, HOSTLINK_OP_FILE, HOSTLINK_FILE_WRITE, h, (long)buf, 1L);
    SAY("forge: a stream closed since: %s\n", error_of(r));
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : ".";
    char buf[256];

    if (argc > 2 && strcmp(argv[2], "forge") == 0) {
        return forge(dir);
    }

    /* NULL and errno, as the library's fopen and fdopen give them. */
    errno = 0;
    FILE *none = hlf_open(path(dir, "missing/x"), "r");
    SAY("open missing: %s, errno ENOENT %d\n", none ? "a stream" : "NULL", errno == ENOENT);
    errno = 0;
    none = hlf_fdopen(-1, "r");
    SAY("fdopen -1: %s, errno EBADF %d\n", none ? "a stream" : "NULL", errno == EBADF);

    /* Writing: the guest and the library take turns on the one stream. */
    FILE *f = hlf_open(path(dir, "r.txt"), "w+");
    SAY("open: %s, the library hands the same stream back: %d, knows it as the one it made: %d\n",
        f ? "a stream" : "NULL", hlf_same(f) == f, hlf_is_kept(f));
    fputs("guest-1 ", f);
    SAY("write: library writes %zu\n", hlf_write(f, "lib-1 ", 6));
    fprintf(f, "%d ", 42);
    SAY("write: library puts to the stream it keeps: %d\n", hlf_kept_puts("lib-2 ") >= 0);
    long at = ftell(f);
    SAY("write: guest ftell %ld, library ftell %ld\n", at, hlf_tell(f));
    fputs("guest-2 ", f);
    hlf_kept_puts("lib-3\n");
    fflush(f);
    SAY("write: after the guest's fflush the file has '%s'", file_has(dir, "r.txt"));

    /* Seeking: each side sees the other's position. */
    fseek(f, 6, SEEK_SET);
    SAY("seek: guest seeks to 6, library ftell %ld\n", hlf_tell(f));
    int sought = hlf_seek(f, 2, SEEK_SET);
    SAY("seek: library seeks to 2: %d, guest ftell %ld\n", sought, ftell(f));
    show_next("seek", f);
    SAY("seek: library reads '%c' from the stream it keeps\n", hlf_kept_getc());
    SAY("seek: guest ftell %ld\n", ftell(f));
    fseek(f, 1, SEEK_CUR);
    show_next("seek: guest skips 1", f);
    fseek(f, 6, SEEK_SET);
    hlf_seek(f, 2, SEEK_SET);
    fseek(f, 1, SEEK_CUR);
    show_next("seek: guest at 6, library seeks to 2, guest skips 1", f);
    fseek(f, 6, SEEK_SET);
    hlf_kept_getc();
    fseek(f, 1, SEEK_CUR);
    show_next("seek: guest at 6, library reads 1, guest skips 1", f);
    hlf_rewind(f);
    SAY("rewind: library rewinds, guest line '%s'", fgets(buf, sizeof(buf), f) ? buf : "(none)\n");

    /* Reading: the guest, the library, the guest; push back; end of file. */
    rewind(f);
    SAY("read: guest getc '%c'\n", getc(f));
    SAY("read: library reads %zu\n", hlf_read(f, buf, 7));
    show_next("read", f);
    int c = getc(f);
    ungetc(c, f);
    SAY("read: guest getc after its own ungetc '%c'\n", getc(f));
    fseek(f, 0, SEEK_END);
    c = getc(f);
    int eof = feof(f) != 0;
    SAY("eof: guest getc %d, feof %d, library flags %d\n", c, eof, hlf_flags(f));
    clearerr(f);

    /* A large transfer: one fread, one fwrite. */
    static char big[300000], back[300000];
    for (size_t i = 0; i < sizeof(big); i++) {
        big[i] = (char)('a' + i * 7 % 26);
    }
    rewind(f);
    size_t wrote = fwrite(big, 1, sizeof(big), f);
    rewind(f);
    size_t got = fread(back, 1, sizeof(back), f);
    int same = memcmp(big, back, sizeof(big)) == 0;
    SAY("large: wrote %zu, read %zu, same %d, library ftell %ld\n", wrote, got, same, hlf_tell(f));
    SAY("close: guest fclose %d\n", fclose(f));

    /* A read-only stream: writing to it is an error on the stream. */
    FILE *ro = hlf_open(path(dir, "r.txt"), "r");
    int put = fputs("x", ro);
    int error = ferror(ro) != 0;
    SAY("read-only: guest fputs %s, ferror %d\n", put == EOF ? "EOF" : "ok", error);
    SAY("read-only: library fclose %d\n", hlf_close(ro));

    /* fdopen of a pipe: what the guest writes comes out of the other end. */
    int p[2];
    if (pipe(p) == 0) {
        FILE *w = hlf_fdopen(p[1], "w");
        fprintf(w, "through a pipe %d\n", 7);
        errno = 0;
        long where = ftell(w);
        SAY("pipe: guest ftell %ld, errno ESPIPE %d\n", where, errno == ESPIPE);
        hlf_kept_puts("and the library\n");
        fclose(w);
        ssize_t n = read(p[0], buf, sizeof(buf) - 1);
        buf[n > 0 ? n : 0] = '\0';
        SAY("pipe: read back '%s'", buf);
        close(p[0]);
    }
    return 0;
}
