// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * zlib's variadic printing, by hand: format in the guest, then write
 * through the (passed-through) gzwrite.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>
#include "hostlink/thunk.h"

HL_EXPORT int gzvprintf(gzFile file, const char *format, va_list va)
{
    char *text;
    int len = vasprintf(&text, format, va);
    if (len < 0) {
        return Z_MEM_ERROR;
    }
    int written = len ? gzwrite(file, text, (unsigned)len) : 0;
    free(text);
    return written == len ? len : Z_ERRNO;
}

HL_EXPORT int gzprintf(gzFile file, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    int r = gzvprintf(file, format, va);
    va_end(va);
    return r;
}
