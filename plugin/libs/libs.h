/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The libraries hostlink can pass through, and how the guest finds their thunks. */
#ifndef HOSTLINK_LIBS_H
#define HOSTLINK_LIBS_H

#include <stdbool.h>
#include <stdint.h>

struct hl_fn;
struct hl_sig;
struct lib_state;

struct hostlink_lib {
    const char *name;           /* as in the plugin's lib= option */
    const char *description;
    const char *soname;         /* what the guest loader asks for */
    const char *thunk;          /* file name of the guest thunk library */
    const char *host;           /* host library to dlopen; NULL: built into the plugin */
    uint64_t hash;              /* of its description; the thunk must agree */
    struct hl_fn *fns;          /* by function id */
    unsigned n_fns;
    const struct hl_sig *sigs;  /* callback signatures, by number */
    unsigned n_sigs;

    bool enabled;               /* the loader hands the guest its thunk */
    bool warned_missing;        /* said once that its thunk is missing */
    struct lib_state *state;    /* once the guest's thunk opened it */

    /* For plugin/stats.c: what this process did with the library. */
    const char *emulated_why;   /* left emulated, and why; NULL if not */
    bool noted_here;            /* opened or refused by this process, not a parent */
    uint64_t *calls, *ns;       /* per function id, when stats are on */
};

/* NULL-terminated table of every library. */
extern struct hostlink_lib *const hostlink_libs[];

struct hostlink_lib *hostlink_lib_find(const char *name);

/* HOSTLINK_OP_OPEN and HOSTLINK_OP_CALL (plugin/library.c). */
void library_init(const char *host_lib_dir);
int64_t library_open(const uint64_t *args);
int64_t library_call(const uint64_t *args);
int64_t library_call_host(const uint64_t *args);

/* The host function behind guest stub @guest_fn of @lib's signature @sig, or NULL. */
void *library_stub_target(struct hostlink_lib *lib, uint64_t guest_fn, unsigned sig);

#endif
