/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest runtime for generated thunk libraries: deciding once whether the
 * hostlink plugin is there, packing values into call blocks, and finding
 * the genuine guest library when it is not.
 */
#ifndef HOSTLINK_THUNK_H
#define HOSTLINK_THUNK_H

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>          /* abort() after a function that must not return (gen/emit_guest.c) */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "hostlink/guest.h"
#include "hostlink/inline-call.h"
#include "hostlink/protocol.h"
#include "hostlink/slots.h"
#include "hostlink/varargs.h"

#define HL_EXPORT __attribute__((visibility("default")))
#define HL_HIDDEN __attribute__((visibility("hidden")))

struct hl_thunk_lib {
    const char *name;           /* as the plugin's lib= option */
    const char *soname;
    uint64_t hash;              /* of the description; must match the plugin's */
    const struct hostlink_thunk_info *info;
    void (*callback_entry)(struct hostlink_callback_block *b);
    int preload;                /* a preloaded shim: genuine = next definition */
    int host_threads;           /* calls back from host threads: start a service */

    int state;                  /* HL_UNDECIDED, HL_NATIVE or HL_GENUINE */
    long handle;                /* for HOSTLINK_OP_CALL */
    void *genuine;              /* dlopen handle of the genuine library */
};

enum { HL_UNDECIDED, HL_NATIVE, HL_GENUINE };

HL_HIDDEN int hl_decide(struct hl_thunk_lib *l);

/* Starts the guest threads that run @l's callbacks from host threads (runtime/service.c). */
HL_HIDDEN void hl_serve_host_threads(struct hl_thunk_lib *l);

/* Whether calls go to the host (else to the genuine guest library). */
static inline int hl_native(struct hl_thunk_lib *l)
{
    int s = __atomic_load_n(&l->state, __ATOMIC_ACQUIRE);
    return (s == HL_UNDECIDED ? hl_decide(l) : s) == HL_NATIVE;
}

HL_HIDDEN int hl_call_failed(long r);

/* hl_call() of a stateless function: the plugin gave it up, run the genuine one. */
#define HL_RUN_GUEST 1

/*
 * Calls function @fn of @l on the host; 0, HL_RUN_GUEST, or -1 with errno
 * set if it could not be made. Inline: one guest call less per
 * pass-through call.
 */
/*
 * The host library longjmp'd (HOSTLINK_CALL_UNWOUND): calls the guest's
 * longjmp with the jmp_buf and value in @c (guest/runtime/unwind.c).
 */
HL_HIDDEN __attribute__((noreturn)) void hl_unwind_jump(const struct hostlink_call_block *c);

/* A noreturn function's host call came back (it failed): aborts, with a message. */
HL_HIDDEN __attribute__((noreturn)) void hl_noreturn_returned(const char *fn);

static inline int hl_call_done(long r, const struct hostlink_call_block *c)
{
    if (__builtin_expect(r != 0, 0)) {
        if (r == -ECANCELED) {
            return HL_RUN_GUEST;
        }
        if (r == HOSTLINK_CALL_UNWOUND) {
            hl_unwind_jump(c);
        }
        return hl_call_failed(r);
    }
    if (__builtin_expect(c->err != 0, 0)) {
        errno = (int)c->err;
    }
    return 0;
}

/*
 * After an op that may call back (include/hostlink/protocol.h): runs the
 * guest callbacks the plugin hands out on block @b while @r is
 * HOSTLINK_CALLBACK, and returns the op's own result.
 */
HL_HIDDEN long hl_run_callbacks(struct hl_thunk_lib *l, struct hostlink_callback_block *b, long r);

/* hl_run_callbacks() without an out-of-line call when there are none. */
static inline long hl_op_result(struct hl_thunk_lib *l, struct hostlink_callback_block *b, long r)
{
    return __builtin_expect(r == HOSTLINK_CALLBACK, 0) ? hl_run_callbacks(l, b, r) : r;
}

static inline int hl_call(struct hl_thunk_lib *l, unsigned fn, struct hostlink_call_block *c)
{
    struct hostlink_callback_block b;
    long r = hostlink_call_inline(HOSTLINK_OP_CALL, l->handle, fn, (long)c, (long)&b);

    return hl_call_done(hl_op_result(l, &b, r), c);
}

/*
 * Whether this call of a stateless function goes to the genuine guest
 * library: the plugin's call policy sets @turns (the thunk's guest_turns
 * entry) when the function is callback-bound. No syscall: a load, and a
 * store while turns are left. Threads may race; either answer is correct.
 */
static inline int hl_guest_turn(uint32_t *turns)
{
    uint32_t n = __atomic_load_n(turns, __ATOMIC_RELAXED);
    if (__builtin_expect(n == 0, 1)) {
        return 0;
    }
    __atomic_store_n(turns, n - 1, __ATOMIC_RELAXED);
    return 1;
}

/* A guest stub calls host function @fn of callback signature @sig; as hl_call(). */
static inline int hl_call_host(struct hl_thunk_lib *l, unsigned sig, uint64_t fn,
                               struct hostlink_call_block *c)
{
    struct hostlink_callback_block b;
    long r = hostlink_call(HOSTLINK_OP_CALL_HOST, l->handle, sig, (long)fn, (long)c, (long)&b);

    return hl_call_done(hl_op_result(l, &b, r), c);
}

/*
 * FILE * slots (guest/runtime/host_file.c): a guest FILE * as its address,
 * but the guest stream over a host FILE * as that host FILE
 * (HOSTLINK_HOST_FILE set); and back, a host FILE * a host function
 * returned becomes the guest stream over it (made on first sight), NULL
 * with errno ENOMEM if none can be made.
 */
HL_HIDDEN uint64_t hl_from_file(FILE *f);
HL_HIDDEN FILE *hl_to_file(uint64_t v);

/*
 * Operations the plugin asks of the runtime itself through a callback block
 * (sig >= HOSTLINK_CB_RUNTIME): the generated callback entry passes them on.
 */
HL_HIDDEN void hl_runtime_callback(struct hostlink_callback_block *b);

/*
 * Reads the arguments @format names from @ap into @va (guest/runtime/varargs.c):
 * C99's and glibc's conversions, plus @extra conversion letters taking a
 * pointer and @flags characters (a library's own, e.g. SQLite's "qQwz" and
 * "!,"). 1, or 0 with va->n = HOSTLINK_VA_REFUSED for %n, %m, positional
 * arguments, long double, an unknown conversion or more than
 * HOSTLINK_VA_MAX arguments.
 */
HL_HIDDEN int hl_va_printf(struct hostlink_va *va, const char *format, va_list *ap, const char *extra,
                           const char *flags);

/* The genuine library's @name (@version may be NULL); aborts with a message if missing. */
HL_HIDDEN void *hl_genuine(struct hl_thunk_lib *l, const char *name, const char *version);
/* The same, or NULL when the genuine library lacks it (an alias's newer name, gen/alias.h). */
HL_HIDDEN void *hl_genuine_optional(struct hl_thunk_lib *l, const char *name, const char *version);

#endif
