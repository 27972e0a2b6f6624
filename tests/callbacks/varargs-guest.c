// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * printf-style variadic functions of libhlt through their generated thunks
 * (issue 10): every conversion, arguments beyond the registers, a va_list
 * twin, a double among the fixed arguments, the library's own conversion,
 * a function without result. "bad" mode: formats hostlink refuses. "data":
 * an exported constant (gen/data.h). "options", "unknown-option": an
 * option-typed function (the varargs key).
 *
 *   varargs-guest good|bad|lists|bad-lists|options|unknown-option|data
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include "hlt.h"

static char buf[1024];

static int via_va_list(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = hlt_vformat(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    return n;
}

static void good(void)
{
    int n = hlt_format(buf, sizeof(buf), "%d %i %u %o %x %X %c %s %p %% [%5d] [%-5d] [%05d] [%+d] [% d] [%#x] [%#o]",
                       -42, 7, 3000000000u, 8, 255, 255, 'q', "str", (void *)0x1234, 3, 3, 3, 3, 3, 255, 8);
    printf("ints (%d): %s\n", n, buf);
    n = hlt_format(buf, sizeof(buf), "%hhd %hd %hhu %hu %ld %lu %lld %llu %zu %zd %jd %ju %td %lx",
                   (signed char)-5, (short)-300, (unsigned char)250, (unsigned short)65000, -1234567890123L,
                   18446744073709551615ul, -9223372036854775807ll, 18446744073709551615ull, (size_t)123456789012,
                   (ssize_t)-5, (intmax_t)-77, (uintmax_t)77, (ptrdiff_t)-88, 0xdeadbeefcafeul);
    printf("lengths (%d): %s\n", n, buf);
    n = hlt_format(buf, sizeof(buf), "%e %E %f %F %g %G %a %A %.3f %10.4f %-10.2e| %.0f %g",
                   1.5e-7, -2.25e100, 3.14159, -0.5, 1e-5, 123456789.0, 1.0, -0.75, 2.0 / 3.0, 42.125, -1e10,
                   2.5, 0.1);
    printf("doubles (%d): %s\n", n, buf);
    n = hlt_format(buf, sizeof(buf), "[%*d] [%-*d] [%.*f] [%*.*s] [%.*s]", 6, 42, 6, 42, 2, 3.14159, 8, 3,
                   "abcdef", 2, "xyz");
    printf("star (%d): %s\n", n, buf);
    /* 30 arguments, integers and doubles interleaved: most on the stack. */
    n = hlt_format(buf, sizeof(buf),
                   "%d %.1f %ld %.2f %d %.1f %s %.1f %d %.1f %d %.1f %lld %.1f %d %.1f %d %.1f %c %.1f "
                   "%d %.1f %d %.1f %u %.1f %d %.1f %d %.1f",
                   1, 1.5, 2L, 2.25, 3, 3.5, "four", 4.5, 5, 5.5, 6, 6.5, 7LL, 7.5, 8, 8.5, 9, 9.5, 'X', 10.5,
                   11, 11.5, 12, 12.5, 13u, 13.5, 14, 14.5, 15, 15.5);
    printf("30 args (%d): %s\n", n, buf);
    n = via_va_list("va_list: %s %d %.2f %lld %c", "x", -1, 0.25, 1LL << 40, 'z');
    printf("va_list (%d): %s\n", n, buf);
    n = hlt_format_scaled(0.5, buf, sizeof(buf), "%d %.3f %s", 9, 1.125, "end");
    printf("fixed double (%d): %s\n", n, buf);
    n = hlt_format_tagged(buf, sizeof(buf), "%T and %!d and %T", "tag", 5, "second");
    printf("own conversion (%d): %s\n", n, buf);
    hlt_note("note %d %s %.1f", 12, "ok", 0.5);
    printf("no result: %s\n", hlt_last_text());
    n = hlt_format(buf, sizeof(buf), "no arguments, 100%%");
    printf("none (%d): %s\n", n, buf);
}

/* Formats hostlink refuses: an error, never a crash. */
static void bad(void)
{
    int where = 0;
    const char *fmts[] = { "%n", "%Lf", "%1$d", "%m", "%y" };
    for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
        errno = 0;
        int n = hlt_format(buf, sizeof(buf), fmts[i], &where);
        printf("%s: %d %s\n", fmts[i], n, errno == EINVAL ? "EINVAL" : "?");
    }
    errno = 0;
    int n = hlt_format(buf, sizeof(buf), "%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d%d",
                       1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
                       27, 28, 29, 30, 31, 32, 33);
    printf("33 arguments: %d %s\n", n, errno == EINVAL ? "EINVAL" : "?");
    errno = 0;
    hlt_note("%n", &where);
    printf("no result, %%n: %s\n", errno == EINVAL ? "EINVAL" : "?");
    n = hlt_format(buf, sizeof(buf), "%d %d", 1, 2);
    printf("afterwards (%d): %s\n", n, buf);
}

static void logger(void *ctx, int code, const char *msg)
{
    printf("  log callback: %s %d %s\n", (const char *)ctx, code, msg);
}

/* Option-typed: the arguments after op depend on its value. */
static void options(void)
{
    int out = 0;
    printf("none: %d\n", hlt_config(HLT_CONFIG_NONE));
    printf("int: %d\n", hlt_config(HLT_CONFIG_INT, -12345));
    printf("pair: %d\n", hlt_config(HLT_CONFIG_PAIR, 5000000000LL, -4999999000.75));
    printf("log: %d\n", hlt_config(HLT_CONFIG_LOG, logger, "ctx"));
    printf("later log: %d\n", hlt_log(7, "from the library later"));
    for (int op = HLT_CONFIG_GET_FIRST; op <= HLT_CONFIG_GET_LAST; op++) {
        int r = hlt_config(op, 3, &out);
        printf("range %d: %d %d\n", op, r, out);
    }
    printf("short, float: %d\n", hlt_config(HLT_CONFIG_SHORT, (short)-7, 2.5f));
}

/* Count- and NULL-terminated lists. */
static void lists(void)
{
    int n = hlt_join(buf, sizeof(buf), 3, "a", "bb", "ccc");
    printf("count: %d %s\n", n, buf);
    n = hlt_join_null(buf, sizeof(buf), "x", "yy", "zzz", "w", (char *)NULL);
    printf("null-terminated: %d %s\n", n, buf);
    n = hlt_join(buf, sizeof(buf), 0);
    printf("none: %d [%s]\n", n, buf);
    printf("20 doubles: %.3f\n", hlt_sum_doubles(20, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5,
                                                  13.5, 14.5, 15.5, 16.5, 17.5, 18.5, 19.5, 20.25));
}

/* Lists hostlink cannot take: an error. */
static void bad_lists(void)
{
    errno = 0;
    int n = hlt_join(buf, sizeof(buf), -1, "a", (char *)NULL);
    printf("negative count: %d %s\n", n, errno == EINVAL ? "EINVAL" : "?");
    errno = 0;
    n = hlt_join(buf, sizeof(buf), 40, "a", "b");
    printf("count 40: %d %s\n", n, errno == EINVAL ? "EINVAL" : "?");
}

/* An option no case describes: an error, its arguments not guessed. */
static void unknown_option(void)
{
    errno = 0;
    int r = hlt_config(99, 1, 2, 3);
    printf("unknown option: %d %s\n", r, errno == EINVAL ? "EINVAL" : "?");
}

/* Exported constant data: what the program sees is what the library has. */
static void data(void)
{
    char seen[8];
    hlt_version_copy(seen);
    printf("program sees \"%s\" (%zu bytes), the library has \"%s\"\n", hlt_version, sizeof(hlt_version), seen);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "lists") == 0) {
        lists();
    } else if (argc > 1 && strcmp(argv[1], "bad-lists") == 0) {
        bad_lists();
    } else if (argc > 1 && strcmp(argv[1], "options") == 0) {
        options();
    } else if (argc > 1 && strcmp(argv[1], "unknown-option") == 0) {
        unknown_option();
    } else if (argc > 1 && strcmp(argv[1], "data") == 0) {
        data();
    } else if (argc > 1 && strcmp(argv[1], "bad") == 0) {
        bad();
    } else {
        good();
    }
    return 0;
}
