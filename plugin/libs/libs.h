/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The libraries hostlink can pass through, and how the guest finds their thunks. */
#ifndef HOSTLINK_LIBS_H
#define HOSTLINK_LIBS_H

#include <stdbool.h>
#include <stdint.h>

struct hostlink_lib {
    const char *name;           /* as in the plugin's lib= option */
    const char *soname;         /* what the guest loader asks for */
    const char *thunk;          /* file name of the guest thunk library */
    bool enabled;
    bool warned_missing;        /* said once that its thunk is missing */
};

/* NULL-terminated table of every library. */
extern struct hostlink_lib *const hostlink_libs[];

struct hostlink_lib *hostlink_lib_find(const char *name);

/* The callback demo: op START runs host qsort with a guest comparator. */
extern struct hostlink_lib demo_qsort_lib;
int64_t demo_qsort_start(const uint64_t *args);

#endif
