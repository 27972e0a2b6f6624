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
 * starts or resumes a host call from above the abandoned call's frame.
 */
#ifndef HOSTLINK_BRIDGE_H
#define HOSTLINK_BRIDGE_H

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
 * From a syscall filter: runs fn(args) as a host call whose guest
 * callbacks enter and return as @guest says. Returns the result if fn
 * finished without calling into the guest; otherwise the guest is sent to
 * the callback and this does not return: the result reaches the guest
 * later, as the return value of this syscall. Negative: -errno.
 */
int64_t bridge_start(const char *name, bridge_host_fn fn, const uint64_t *args,
                     unsigned nargs, const struct bridge_guest *guest);

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

/* Whether this thread is running a host call (on its coroutine) right now. */
bool bridge_in_host_call(void);

/*
 * From a fault handler during a host call: gives the call up; its START
 * syscall returns -EFAULT. Does not return.
 */
__attribute__((noreturn)) void bridge_host_call_faulted(void);


#endif
