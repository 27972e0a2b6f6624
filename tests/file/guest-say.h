/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the FILE * test programs (file-guest.c, returned-guest.c) share: DIR/NAME
 * paths, and lines flushed at once, so that the program's output and the
 * library's reach the file in the order they happened.
 */
#ifndef HOSTLINK_TESTS_FILE_GUEST_SAY_H
#define HOSTLINK_TESTS_FILE_GUEST_SAY_H

#include <stdio.h>

/* "DIR/NAME" in a static buffer: valid until the next call. */
static inline const char *path(const char *dir, const char *name)
{
    static char path_buf[4096];
    snprintf(path_buf, sizeof(path_buf), "%s/%s", dir, name);
    return path_buf;
}

#define SAY(...) (printf(__VA_ARGS__), fflush(stdout))

#endif
