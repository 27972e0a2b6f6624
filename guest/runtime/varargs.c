// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest half of printf-style variadic functions: reads the arguments a
 * format names, each with va_arg of its real type, into a struct
 * hostlink_va (see include/hostlink/varargs.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include "hostlink/thunk.h"

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_BIG_L };

static int add(struct hostlink_va *va, uint64_t v, int is_double)
{
    if (va->n >= HOSTLINK_VA_MAX) {
        return 0;
    }
    va->doubles |= (uint64_t)is_double << va->n;
    va->v[va->n++] = v;
    return 1;
}

static int add_signed(struct hostlink_va *va, va_list *ap, enum length len)
{
    int64_t v;
    switch (len) {
    case LEN_L: v = va_arg(*ap, long); break;
    case LEN_LL: case LEN_BIG_L: v = va_arg(*ap, long long); break;
    case LEN_J: v = va_arg(*ap, intmax_t); break;
    case LEN_Z: v = va_arg(*ap, ssize_t); break;
    case LEN_T: v = va_arg(*ap, ptrdiff_t); break;
    default: v = va_arg(*ap, int);     /* char and short arrive promoted */
    }
    return add(va, (uint64_t)v, 0);
}

static int add_unsigned(struct hostlink_va *va, va_list *ap, enum length len)
{
    uint64_t v;
    switch (len) {
    case LEN_L: v = va_arg(*ap, unsigned long); break;
    case LEN_LL: case LEN_BIG_L: v = va_arg(*ap, unsigned long long); break;
    case LEN_J: v = va_arg(*ap, uintmax_t); break;
    case LEN_Z: v = va_arg(*ap, size_t); break;
    case LEN_T: v = (uint64_t)va_arg(*ap, ptrdiff_t); break;
    default: v = va_arg(*ap, unsigned int);
    }
    return add(va, v, 0);
}

static const char *length_of(const char *p, enum length *len)
{
    *len = LEN_NONE;
    switch (*p) {
    case 'h': *len = p[1] == 'h' ? LEN_HH : LEN_H; return p + (p[1] == 'h' ? 2 : 1);
    case 'l': *len = p[1] == 'l' ? LEN_LL : LEN_L; return p + (p[1] == 'l' ? 2 : 1);
    case 'q': *len = LEN_LL; return p + 1;
    case 'L': *len = LEN_BIG_L; return p + 1;
    case 'j': *len = LEN_J; return p + 1;
    case 'z': case 'Z': *len = LEN_Z; return p + 1;
    case 't': *len = LEN_T; return p + 1;
    default: return p;
    }
}

/* One conversion after its '%'; the format position after it, or NULL to refuse. */
static const char *conversion(struct hostlink_va *va, const char *p, va_list *ap, const char *extra,
                              const char *flags)
{
    enum length len = LEN_NONE;

    while (*p && (strchr("-+ #0'", *p) || strchr(flags, *p))) {
        p++;
    }
    for (int part = 0; part < 2; part++) {  /* width, then precision */
        if (part == 1 && *p != '.') {
            break;
        }
        p += part;
        if (*p == '*') {
            if (!add(va, (uint64_t)(int64_t)va_arg(*ap, int), 0)) {
                return NULL;
            }
            p++;
        }
        while (*p >= '0' && *p <= '9') {
            p++;
        }
        if (*p == '$') {
            return NULL;        /* positional arguments: not followed */
        }
    }
    /* The library's own conversions win over C's length letters (SQLite's %q and %z). */
    p = *p && strchr(extra, *p) ? p : length_of(p, &len);
    char c = *p;
    if (c && strchr(extra, c)) {
        return add(va, hl_from_ptr(va_arg(*ap, void *)), 0) ? p + 1 : NULL;
    }
    switch (c) {
    case 'd': case 'i':
        return add_signed(va, ap, len) ? p + 1 : NULL;
    case 'o': case 'u': case 'x': case 'X': case 'b': case 'B':
        return add_unsigned(va, ap, len) ? p + 1 : NULL;
    case 'c': case 'C':
        return add(va, (uint64_t)(int64_t)va_arg(*ap, int), 0) ? p + 1 : NULL;
    case 's': case 'S': case 'p':
        return add(va, hl_from_ptr(va_arg(*ap, void *)), 0) ? p + 1 : NULL;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
        if (len == LEN_BIG_L) {
            return NULL;        /* long double: another format on each guest */
        }
        return add(va, hl_from_f64(va_arg(*ap, double)), 1) ? p + 1 : NULL;
    default:
        /* %n writes through a pointer the host would need to trust; %m
           prints the host's errno; anything else: unknown argument count. */
        return NULL;
    }
}

int hl_va_printf(struct hostlink_va *va, const char *format, va_list *ap, const char *extra,
                 const char *flags)
{
    va->n = 0;
    va->doubles = 0;
    for (const char *p = format; p && *p; p++) {
        if (*p != '%') {
            continue;
        }
        if (p[1] == '%') {
            p++;
            continue;
        }
        p = conversion(va, p + 1, ap, extra, flags);
        if (!p) {
            va->n = HOSTLINK_VA_REFUSED;
            return 0;
        }
        p--;
    }
    return 1;
}
