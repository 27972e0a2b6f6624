/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The callback bridge: runs a host function on its own coroutine so that,
 * whenever it calls a guest function pointer, the host call can be set
 * aside while the guest runs that function, and taken up again when the
 * guest's return trampoline reports the result (HOSTLINK_OP_RESUME).
 *
 * Host calls nest: a guest callback may start another host call, which
 * completes before the callback returns. Each guest thread has its own
 * stack of host calls. A host call whose guest callback never returns
 * (the guest longjmp'd out of it) is abandoned the next time that thread
 * starts or resumes a host call from above the abandoned call's frame
 * (see bridge_set_unwind_point() for how it ends).
 */
#ifndef HOSTLINK_BRIDGE_H
#define HOSTLINK_BRIDGE_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "abi/abi.h"

#define BRIDGE_MAX_ARGS 8

/* A host function run through the bridge: its result is the syscall's. */
typedef int64_t (*bridge_host_fn)(const uint64_t *args);

/* Where guest callbacks of a host call enter and return, in the guest. */
struct bridge_guest {
    uint64_t trampoline;        /* return address: reports back with RESUME */
    uint64_t callback_entry;    /* entry(block) for bridge_call_guest_block(), or 0 */
};

void bridge_init(const struct guest_abi *abi);

/*
 * How a watched host call's guest callbacks went, over a window of its
 * first BRIDGE_WINDOW callbacks: two clock reads around each (from the
 * bridge leaving the host call to the guest's RESUME), none after it (no
 * cost on long calls; timing a sample of callbacks misleads, their cost
 * varies with their order). Between them lie the host segments: the host
 * function's own work, and the bridge's share. A segment that long is
 * either preempted or heavy host work; it is counted, not summed, so that
 * one preemption does not hide a callback-bound call.
 */
struct bridge_cost {
    uint64_t callbacks;         /* in the window that returned */
    uint64_t host_ns;           /* host segments shorter than BRIDGE_LONG_NS, summed */
    uint64_t host_segments;     /* how many those are */
    uint64_t long_segments;     /* host segments of BRIDGE_LONG_NS or more */
    uint64_t away_min_ns;       /* the quickest callback: about the round trip alone */
};
#define BRIDGE_WINDOW 256
#define BRIDGE_LONG_NS 20000

/*
 * Watches a host call that makes guest callbacks, with the args
 * bridge_start() was given. On the host call's coroutine before its
 * callbacks number 64, 128 and 256 (@done false): true gives the call
 * up, and its START syscall returns -ECANCELED (whatever the host
 * function had allocated is lost). Once more when such a call finished
 * (@done true; the result is ignored).
 */
typedef bool (*bridge_watch_fn)(const uint64_t *args, const struct bridge_cost *cost, bool done);
#define BRIDGE_WATCH_FIRST 64

/*
 * From a syscall filter: runs fn(args) as a host call whose guest
 * callbacks enter and return as @guest says. Returns the result if fn
 * finished without calling into the guest; otherwise the guest is sent to
 * the callback and this does not return: the result reaches the guest
 * later, as the return value of this syscall. Negative: -errno.
 * @watch (or NULL) sees the cost of the call's callbacks.
 */
int64_t bridge_start(const char *name, bridge_host_fn fn, const uint64_t *args,
                     unsigned nargs, const struct bridge_guest *guest, bridge_watch_fn watch);

/*
 * HOSTLINK_OP_RESUME (a callback returned; its result is in the block):
 * does not return, except with -EINVAL when no host call waits.
 */
int64_t bridge_resume(void);

/*
 * On a host call's stack: copies @block (@len bytes) to the guest's stack,
 * runs the host call's callback entry with its address as only argument,
 * and copies the block back when the entry returns. @target is the guest
 * function the entry will call: a call to an unmapped one fails the whole
 * host call with -EFAULT. False, with nothing run and one log line, on a
 * thread that is not running a host call (a host library's own thread
 * goes to service_call() instead).
 */
bool bridge_call_guest_block(void *block, size_t len, uint64_t target);

/*
 * Unwind points. A host call may register a jmp_buf on its own coroutine
 * (plugin/unwind.c does, for libraries whose description has a longjmp
 * key). When the guest left one of its callbacks for good, the bridge
 * resumes the call once before dropping it: the callback, instead of
 * returning, longjmps to the point with BRIDGE_ABANDONED, so the host call
 * ends there (its own code finishes; the guest's call block, no longer in
 * use, must then be left alone). Any guest callback it asks for meanwhile
 * fails at once. A call without an unwind point is dropped where it stands.
 * NULL unregisters; outside a host call both do nothing / return NULL.
 */
#define BRIDGE_ABANDONED 2
void bridge_set_unwind_point(jmp_buf *env);
jmp_buf *bridge_unwind_point(void);

/* Whether this thread is running a host call (on its coroutine) right now. */
bool bridge_in_host_call(void);

/*
 * From a fault handler during a host call: gives the call up; its START
 * syscall returns -EFAULT. Does not return.
 */
__attribute__((noreturn)) void bridge_host_call_faulted(void);


#endif
