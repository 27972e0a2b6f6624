/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The libraries hostlink can pass through, and how the guest finds their thunks. */
#ifndef HOSTLINK_LIBS_H
#define HOSTLINK_LIBS_H

#include <stdbool.h>
#include <stdint.h>

struct hl_fn;
struct hl_sig;
struct hl_data;
struct lib_state;
struct policy_lib;
struct service;

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
    const struct hl_data *data; /* exported data the thunk defines, NULL-name-terminated */
    const char *version_data;   /* exported version string a newer guest library must not */
    const char *host_version;   /* exceed (plugin/skew.h), and the host's; or NULL */
    bool unwinds;               /* a longjmp key: every call is an unwind point (plugin/unwind.h) */

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
/* @policy: the call policy (plugin/policy.h) watches calls with callbacks. */
void library_init(const char *host_lib_dir, bool policy);
int64_t library_open(const uint64_t *args);
int64_t library_call(const uint64_t *args);
int64_t library_call_host(const uint64_t *args);
/* HOSTLINK_OP_SERVE: a guest service thread of the library calls in (plugin/service.h). */
int64_t library_serve(const uint64_t *args);
/* The service running @lib's callbacks from host threads, or NULL before the thunk opened it. */
struct service *library_service(struct hostlink_lib *lib);

/* The host function behind guest stub @guest_fn of @lib's signature @sig, or NULL. */
void *library_stub_target(struct hostlink_lib *lib, uint64_t guest_fn, unsigned sig);

/* The call policy of @lib (plugin/policy.h), once a thunk opened it, else NULL. */
struct policy_lib *library_policy(const struct hostlink_lib *lib);

#endif
