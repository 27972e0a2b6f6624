/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Coroutines for host calls that must pause while the guest runs a
 * callback. A plain stack switch in assembly: no kernel call per switch
 * (glibc's swapcontext makes one to save the signal mask). Stacks are
 * recycled per thread, so a switch or a start costs a few nanoseconds.
 */
#ifndef HOSTLINK_CORO_H
#define HOSTLINK_CORO_H

#include <stdbool.h>

struct coro;
typedef void (*coro_fn)(void *arg);

/* A coroutine for the calling thread, or NULL if no stack can be had. */
struct coro *coro_get(void);

/* Gives @co back to the calling thread's pool; @co may be mid-way (abandoned). */
void coro_put(struct coro *co);

/* Frees the calling thread's spare coroutines (at thread exit). */
void coro_release_thread(void);

/* Runs fn(arg) on @co until it yields or returns; then comes back here. */
void coro_start(struct coro *co, coro_fn fn, void *arg);

/* Continues @co where it yielded, until it yields again or returns. */
void coro_resume(struct coro *co);

/* On @co: goes back to whoever started or resumed it. */
void coro_yield(struct coro *co);

bool coro_finished(const struct coro *co);

/*
 * On @co: goes back to whoever started or resumed it for good, without
 * saving anything (a fault handler gives the coroutine up). The resumer
 * sees it neither finished nor yielded; coro_put() recycles it.
 */
__attribute__((noreturn)) void coro_escape(struct coro *co);

/* The coroutine the calling thread is running on, or NULL on a thread's own stack. */
struct coro *coro_self(void);

#endif
