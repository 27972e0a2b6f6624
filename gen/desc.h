/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A library description (libs/NAME.hl): which library to pass through and
 * what the header cannot say. Signatures come from the header, exported
 * functions and their symbol versions from the real library.
 *
 *   name         zlib                  lib= option and id
 *   description  compression library   one line for `hostlink list`
 *   soname       libz.so.1             what the guest asks for
 *   host         libz.so.1             what the plugin dlopens on the host
 *   header       zlib.h                parsed with libclang (several: lz4.h lz4hc.h)
 *   cflags       -D_LARGEFILE64_SOURCE for parsing and compiling
 *   functions    qsort bsearch         only these (default: every function
 *                                      the host library exports)
 *   special      gzprintf              hand-written in libs/NAME-guest.c
 *   exclude      FN reason...          FN is left out of the thunk: a
 *                                      program that needs it gets the
 *                                      genuine library (the version-skew
 *                                      rule, plugin/skew.h)
 *   error-int    -2                    int result when the host call fails
 *   preload      yes                   a preloaded shim: the genuine
 *                                      functions are the next definitions
 *   coverage     all                   the test suite fails unless every
 *                                      host function ran on the host in
 *                                      some test (default); "report" only
 *                                      lists the gaps (tests/coverage.sh)
 */
#ifndef HOSTLINK_GEN_DESC_H
#define HOSTLINK_GEN_DESC_H

#include <stdbool.h>

/* A per-function exception (exclude), with the description's reason. */
struct desc_exception {
    char *fn;
    char *reason;
};

struct desc {
    char *name, *description, *soname, *host, *header, *cflags;
    char **functions;           /* NULL-terminated, or NULL for "all" */
    char **special;             /* NULL-terminated */
    char **headers;             /* NULL-terminated, from "header" */
    struct desc_exception *excluded;    /* ends with fn == NULL */
    char *error_int;            /* C expression */
    bool preload;
};

/* Reads @path; on error prints "path:line: message" and returns false. */
bool desc_read(const char *path, struct desc *d);

bool desc_is_special(const struct desc *d, const char *fn);
/* The reason given for @fn in @list (excluded), or NULL. */
const char *desc_exception(const struct desc_exception *list, const char *fn);

/*
 * The C text that declares the library: "#include <H>" per header, after
 * "#define NAME VALUE" per -D of cflags when @with_defines (for files
 * compiled without the description's cflags). malloc'd.
 */
char *desc_prelude(const struct desc *d, bool with_defines);

#endif
