// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Service threads: guest threads that run the callbacks a host library
 * makes from threads of its own (plugin/service.h). They sit in
 * HOSTLINK_OP_SERVE, blocked in the plugin while there is nothing to run,
 * with every signal blocked: signals are for the program's own threads.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include "hostlink/thunk.h"

static struct hl_thunk_lib *served;     /* this thunk's library, once served */
static long key;                        /* what a new service thread shows the plugin */
static __thread int is_service;         /* this thread is a service thread */
static __thread int paused_here;        /* this thread paused the service for its fork */

static int start_thread(struct hl_thunk_lib *l);

static void *service_main(void *arg)
{
    struct hl_thunk_lib *l = arg;
    long flags = HOSTLINK_SERVE_NEW;

    is_service = 1;
    for (;;) {
        struct hostlink_callback_block b;
        long r = hl_run_callbacks(l, &b, hostlink_call(HOSTLINK_OP_SERVE, l->handle, flags, key, 0, (long)&b));
        flags = 0;
        if (r == HOSTLINK_SERVE_SPAWN && !start_thread(l)) {
            hostlink_call(HOSTLINK_OP_SERVE, l->handle, HOSTLINK_SERVE_SPAWN_FAILED, key, 0, 0);
        } else if (r != HOSTLINK_SERVE_SPAWN && r != -EFAULT) {
            return NULL;
        }
    }
}

/* A detached service thread that starts with every signal blocked. */
static int start_thread(struct hl_thunk_lib *l)
{
    sigset_t all, old;
    pthread_attr_t attr;
    pthread_t t;
    int ok;

    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    ok = pthread_create(&t, &attr, service_main, l) == 0;
    pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return ok;
}

/* The first service thread, announced so that no host thread finds none meanwhile. */
static void start_first(struct hl_thunk_lib *l)
{
    key = hostlink_call(HOSTLINK_OP_SERVE, l->handle, HOSTLINK_SERVE_EXPECT, 0, 0, 0);
    if (key >= 0 && !start_thread(l)) {
        hostlink_call(HOSTLINK_OP_SERVE, l->handle, HOSTLINK_SERVE_SPAWN_FAILED, key, 0, 0);
    }
}

/*
 * fork: the service threads end first, so the child inherits none of
 * their vCPUs (QEMU's plugin core asserts when a thread the child starts
 * reuses the index of a vCPU that was alive at the fork); the parent
 * starts a new one after it. A fork from a host-thread callback (on a
 * service thread) cannot end its own thread: it forks as it is.
 */
static void before_fork(void)
{
    paused_here = !is_service &&
                  hostlink_call(HOSTLINK_OP_SERVE, served->handle, HOSTLINK_SERVE_PAUSE, key, 0, 0) != -EINVAL;
}

static void after_fork_parent(void)
{
    if (paused_here) {
        paused_here = 0;
        if (hostlink_call(HOSTLINK_OP_SERVE, served->handle, HOSTLINK_SERVE_RESUME, key, 0, 0) >= 0 &&
            !start_thread(served)) {
            hostlink_call(HOSTLINK_OP_SERVE, served->handle, HOSTLINK_SERVE_SPAWN_FAILED, key, 0, 0);
        }
    }
}

/* The child has no service thread (the plugin forgot the parent's): callbacks from host threads get 0. */
static void after_fork_child(void)
{
    paused_here = 0;
}

static void start_service(void)
{
    Dl_info self;

    /*
     * Service threads run this thunk's code for as long as the process
     * lives, so dlclose must not unmap it: the thunk stays loaded, as the
     * genuine library would have to while threads of its own run.
     */
    if (dladdr((void *)service_main, &self) && self.dli_fname) {
        dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    }
    pthread_atfork(before_fork, after_fork_parent, after_fork_child);
    start_first(served);
}

void hl_serve_host_threads(struct hl_thunk_lib *l)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    served = l;
    pthread_once(&once, start_service);
}
