// SPDX-License-Identifier: GPL-2.0-or-later
/* Messages, allocation that cannot fail, small file tests. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"

static void vmsg(const char *fmt, va_list ap)
{
    fputs("hostlink: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void msg(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmsg(fmt, ap);
    va_end(ap);
}

void die(int status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmsg(fmt, ap);
    va_end(ap);
    exit(status);
}

/* Out of memory in a short-lived CLI: nothing sensible to do but stop. */
static void *check_alloc(void *p)
{
    if (!p) {
        die(EXIT_HOSTLINK, "out of memory");
    }
    return p;
}

void *xmalloc(size_t size)
{
    return check_alloc(malloc(size ? size : 1));
}

void *xrealloc(void *p, size_t size)
{
    return check_alloc(realloc(p, size ? size : 1));
}

char *xstrdup(const char *s)
{
    return check_alloc(strdup(s));
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    int r;

    va_start(ap, fmt);
    r = vasprintf(&s, fmt, ap);
    va_end(ap);
    return check_alloc(r < 0 ? NULL : s);
}

bool is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

void strvec_push(struct strvec *sv, const char *s)
{
    /* Room for s and the NULL that keeps v ready for execv. */
    if (sv->n + 2 > sv->cap) {
        sv->cap = sv->cap ? sv->cap * 2 : 16;
        sv->v = xrealloc(sv->v, sv->cap * sizeof(*sv->v));
    }
    sv->v[sv->n++] = xstrdup(s);
    sv->v[sv->n] = NULL;
}
