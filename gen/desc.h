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
 *   header       zlib.h                parsed with libclang
 *   cflags       -D_LARGEFILE64_SOURCE for parsing and compiling; its -D and -U
 *                                      also reach the host stubs (as #define
 *                                      lines), so an experimental API
 *                                      (-DZSTD_STATIC_LINKING_ONLY) is passed
 *                                      like the rest
 *   functions    qsort bsearch         only these (default: every function
 *                                      the host library exports)
 *   special      gzprintf              hand-written in libs/NAME-guest.c
 *   error-int    -2                    int result when the host call fails
 *   emulate      FN reason...          FN always runs the genuine guest
 *                                      library (its types are not looked at);
 *                                      only for functions sharing no state
 *                                      with the passed-through ones
 *   exclude      FN reason...          FN is left out of the thunk: programs
 *                                      using it fail to load (for exports
 *                                      no program may call)
 *   preload      yes                   a preloaded shim: the genuine
 *                                      functions are the next definitions
 *   host-threads yes                   the library calls guest callbacks
 *                                      from threads of its own: the thunk
 *                                      starts guest threads to run them
 *   coverage     all                   the test suite fails unless every
 *                                      host function ran on the host in
 *                                      some test (default); "report" only
 *                                      lists the gaps (tests/coverage.sh)
 */
#ifndef HOSTLINK_GEN_DESC_H
#define HOSTLINK_GEN_DESC_H

#include <stdbool.h>

/* A per-function exception: emulate or exclude, with the description's reason. */
struct desc_exception {
    char *fn;
    char *reason;
};

struct desc {
    char *name, *description, *soname, *host, *header, *cflags;
    char **functions;           /* NULL-terminated, or NULL for "all" */
    char **special;             /* NULL-terminated */
    char *error_int;            /* C expression */
    struct desc_exception *emulated;    /* ends with fn == NULL */
    struct desc_exception *excluded;    /* ends with fn == NULL */
    bool preload;
    bool host_threads;
};

/* Reads @path; on error prints "path:line: message" and returns false. */
bool desc_read(const char *path, struct desc *d);

bool desc_is_special(const struct desc *d, const char *fn);

/* The reason given for @fn in @list (emulated or excluded), or NULL. */
const char *desc_exception(const struct desc_exception *list, const char *fn);

#endif
