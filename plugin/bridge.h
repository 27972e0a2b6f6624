/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The callback bridge: runs a host function on its own coroutine so that,
 * whenever it calls a guest function pointer, the host call can be set
 * aside while the guest runs that function, and taken up again when the
 * guest reports the result (HOSTLINK_CALLBACK and HOSTLINK_OP_RESUME in
 * include/hostlink/protocol.h: the op returns to the guest, whose runtime
 * makes the callback as an ordinary call; no guest register is written).
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
#include "hostlink/protocol.h"

#define BRIDGE_MAX_ARGS 8

/* A host function run through the bridge: its result is the syscall's. */
typedef int64_t (*bridge_host_fn)(const uint64_t *args);

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
 * callbacks go through the guest's callback block at @block_at (the op's
 * fifth argument; 0: its callbacks get 0, with one log line). Returns
 * fn's result if it finished without calling into the guest, or
 * HOSTLINK_CALLBACK with the first callback in the block; the result
 * reaches the guest later, from a RESUME. Negative: -errno.
 * @watch (or NULL) sees the cost of the call's callbacks.
 */
int64_t bridge_start(const char *name, bridge_host_fn fn, const uint64_t *args,
                     unsigned nargs, uint64_t block_at, bridge_watch_fn watch);

/*
 * HOSTLINK_OP_RESUME with the block at @block_at (a callback returned; its
 * result is in the block): HOSTLINK_CALLBACK for the next callback, else
 * the host call's result; -EINVAL when no host call waits on that block.
 */
int64_t bridge_resume(uint64_t block_at);

/*
 * On a host call's stack: hands @block to the guest (its mark is the
 * bridge's), which runs the thunk's callback entry on it, and copies the
 * guest's block back when the entry returns. @target is the guest
 * function the entry will call: a call to an unmapped one fails the whole
 * host call with -EFAULT. False, with nothing run and one log line, on a
 * thread that is not running a host call (a host library's own thread
 * goes to service_call() instead).
 */
bool bridge_call_guest_block(struct hostlink_callback_block *block, uint64_t target);

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
 * From a fault handler during a host call: gives the call up; the op that
 * started it (or the last RESUME) returns -EFAULT. Does not return.
 */
__attribute__((noreturn)) void bridge_host_call_faulted(void);


#endif
