/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The plugin's options: -plugin libhostlink.so,lib=NAME,thunkdir=DIR,stats=on,statsfile=PATH,policy=off,profile=FILE,... */
#ifndef HOSTLINK_OPTIONS_H
#define HOSTLINK_OPTIONS_H

#include <stdbool.h>

struct options {
    const char *thunk_dir;      /* where thunks are when not beside the library */
    bool stats;                 /* per-function counts and host time at exit, on stderr */
    const char *stats_file;     /* the same as records appended to this file (plugin/stats.h) */
    const char *host_lib_dir;   /* host libraries the project built, tried first */
    const char *sysroot;        /* QEMU's -L: for programs a guest execs (exec.h), and for
                                   reading the guest's files (skew.h) */
    const char *exe;            /* the guest program's file, for an exec of /proc/self/exe */
    bool no_policy;             /* policy=off: no call policy (plugin/policy.h) */
    const char *profile;        /* the program's call-policy profile, or NULL */
};

/*
 * Parses argv; enables the libraries named by lib= options (all of them
 * when there is none; lib=none for none). On a bad option, returns false
 * with a message for the user in *error (g_free it).
 */
bool options_parse(int argc, char **argv, struct options *opts, char **error);

#endif
