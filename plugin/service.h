/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest callbacks from host threads: a host library's own thread (SDL's
 * audio thread, a worker pool) cannot run guest code, since only QEMU's
 * vCPU threads can. So the thunk of a library that does this starts guest
 * "service" threads (HOSTLINK_OP_SERVE); a host thread that needs a guest
 * callback queues it on its library's service and blocks until one of
 * them has run it, through the bridge like any callback of a host call.
 *
 * One queue per library, served by a pool of service threads that keeps
 * one thread idle while any is busy: a callback that waits for another
 * host thread's callback, or calls into the library again (which calls
 * back from yet another host thread), always finds a thread to run it.
 * The pool grows up to SERVICE_MAX_THREADS; beyond that requests wait
 * for a free thread.
 */
#ifndef HOSTLINK_SERVICE_H
#define HOSTLINK_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "bridge.h"

#define SERVICE_MAX_THREADS 32

struct service;

/* A service for the library named @lib_name. */
struct service *service_new(const char *lib_name);

/*
 * HOSTLINK_OP_SERVE on a guest service thread of @svc (see protocol.h):
 * runs queued callbacks until there is something for the guest to do.
 * -EINVAL for a call that does not fit (a thread that is not a service
 * thread, a new one without @key): guest input cannot make a thread serve.
 */
int64_t service_serve(struct service *svc, uint64_t flags, uint64_t key, uint64_t block_at);

/*
 * On a host thread that is not running a host call: has a service thread
 * run @block as bridge_call_guest_block() does, and waits for it.
 * False (one log line) when @svc is NULL or has no thread, as in a fork
 * child before its thunk started a new one; the caller then gives the
 * host library 0.
 */
bool service_call(struct service *svc, struct hostlink_callback_block *block, uint64_t target);

#endif
