// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <glib.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "hostlink/protocol.h"
#include "guest_mem.h"
#include "log.h"
#include "service.h"
#include "tls.h"

/* A callback a host thread waits for; lives on that thread's stack. */
struct request {
    struct request *next;
    struct hostlink_callback_block *block;
    uint64_t target;
    bool done, ok;
    pthread_cond_t cond;
};

struct service {
    struct service *next_service;   /* every service, for fork */
    const char *lib_name;

    pthread_mutex_t lock;           /* the rest */
    pthread_cond_t work;            /* a request was queued */
    struct request *head, **tail;
    unsigned threads;               /* service threads that have called in */
    unsigned expected;              /* started by the guest, not called in yet */
    unsigned idle;                  /* threads waiting for a request */
    bool spawn_failed;              /* the guest could not start one: stop asking */
    unsigned generation;            /* a fork child starts a new one */
    int64_t key;                    /* what a new service thread shows (not guessable) */
    unsigned pausers;               /* threads about to fork (HOSTLINK_SERVE_PAUSE) */
    pthread_cond_t left;            /* a service thread ended for a pause */
    pid_t leaving[SERVICE_MAX_THREADS + 1];  /* their host thread ids */
    unsigned n_leaving;
};

/* The service this guest thread serves, once it called in with the key. */
static HL_THREAD_LOCAL struct service *serving;

static pthread_mutex_t all_lock = PTHREAD_MUTEX_INITIALIZER;
static struct service *all;

/*
 * fork: the child has none of the parent's service threads nor host
 * threads, and its thunk starts none (see guest/runtime/service.c), so
 * callbacks from host threads the child makes get 0. Requests queued by
 * the parent's host threads are forgotten; a service thread that forked
 * from inside a callback finishes that callback and then ends.
 */
static void before_fork(void)
{
    pthread_mutex_lock(&all_lock);
    for (struct service *s = all; s; s = s->next_service) {
        pthread_mutex_lock(&s->lock);
    }
}

static void after_fork_parent(void)
{
    for (struct service *s = all; s; s = s->next_service) {
        pthread_mutex_unlock(&s->lock);
    }
    pthread_mutex_unlock(&all_lock);
}

static void after_fork_child(void)
{
    for (struct service *s = all; s; s = s->next_service) {
        pthread_mutex_init(&s->lock, NULL);
        pthread_cond_init(&s->work, NULL);
        pthread_cond_init(&s->left, NULL);
        s->pausers = s->n_leaving = 0;
        s->head = NULL;
        s->tail = &s->head;
        s->threads = s->expected = s->idle = 0;
        s->generation++;
    }
    pthread_mutex_init(&all_lock, NULL);
}

static void hook_fork(void)
{
    pthread_atfork(before_fork, after_fork_parent, after_fork_child);
}

struct service *service_new(const char *lib_name)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    struct service *s = calloc(1, sizeof(*s));

    if (!s) {
        return NULL;
    }
    pthread_once(&once, hook_fork);
    s->lib_name = lib_name;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->work, NULL);
    pthread_cond_init(&s->left, NULL);
    s->tail = &s->head;
    s->key = (int64_t)(((uint64_t)g_random_int() << 31) ^ g_random_int()) & INT64_MAX;
    pthread_mutex_lock(&all_lock);
    s->next_service = all;
    all = s;
    pthread_mutex_unlock(&all_lock);
    return s;
}

/* On the service thread, with no lock held: runs @r's callback. */
static bool run_request(struct service *svc, struct request *r)
{
    static bool warned;
    uint8_t byte;

    /* Checked here, on a vCPU thread: the bridge would give up the whole service call. */
    if (!guest_mem_read(r->target, &byte, 1)) {
        hl_log_once(&warned, "%s: a host thread called an unmapped guest callback; it gets 0",
                    svc->lib_name);
        return false;
    }
    return bridge_call_guest_block(r->block, r->target);
}

/* Under the lock, which it releases: this service thread ends for a pause (a fork). */
static int64_t leave(struct service *svc)
{
    svc->threads--;
    svc->leaving[svc->n_leaving++] = gettid();
    pthread_cond_broadcast(&svc->left);
    pthread_mutex_unlock(&svc->lock);
    serving = NULL;
    return HOSTLINK_SERVE_STOP;
}

/* The host call of HOSTLINK_OP_SERVE, on the service thread's coroutine. */
static int64_t serve(const uint64_t *args)
{
    struct service *svc = (void *)(uintptr_t)args[0];

    pthread_mutex_lock(&svc->lock);
    unsigned generation = svc->generation;
    for (;;) {
        svc->idle++;
        while (!svc->head && !svc->pausers) {
            pthread_cond_wait(&svc->work, &svc->lock);
        }
        svc->idle--;
        if (svc->pausers) {
            return leave(svc);      /* queued requests wait for the service to resume */
        }
        /* Keep one thread idle while this one is busy: nested callbacks need it. */
        if (svc->idle == 0 && svc->expected == 0 && !svc->spawn_failed &&
            svc->threads < SERVICE_MAX_THREADS) {
            svc->expected++;
            pthread_mutex_unlock(&svc->lock);
            return HOSTLINK_SERVE_SPAWN;     /* the request waits for this thread or the new one */
        }
        struct request *r = svc->head;
        if (!(svc->head = r->next)) {
            svc->tail = &svc->head;
        }
        pthread_mutex_unlock(&svc->lock);

        bool ok = run_request(svc, r);

        pthread_mutex_lock(&svc->lock);
        if (svc->generation != generation) {
            /* A fork child: @r belongs to a host thread that is not here. */
            pthread_mutex_unlock(&svc->lock);
            return HOSTLINK_SERVE_STOP;
        }
        r->ok = ok;
        r->done = true;
        pthread_cond_signal(&r->cond);
    }
}

/*
 * Whether @flags and @key make sense from this thread: a thread becomes a
 * service thread only with the key and when one is expected, and only the
 * first one is announced (later ones are asked for by the plugin itself).
 * Under the lock.
 */
static bool serve_allowed(struct service *svc, uint64_t flags, uint64_t key)
{
    bool keyed = key == (uint64_t)svc->key;

    switch (flags) {
    case 0:
        return serving == svc;
    case HOSTLINK_SERVE_NEW:
        return keyed && svc->expected > 0 && serving != svc;
    case HOSTLINK_SERVE_EXPECT:
        return svc->threads + svc->expected == 0;
    case HOSTLINK_SERVE_SPAWN_FAILED:
        return keyed && svc->expected > 0;
    case HOSTLINK_SERVE_PAUSE:
        return keyed && serving != svc;
    case HOSTLINK_SERVE_RESUME:
        return keyed && svc->pausers > 0;
    default:
        return false;
    }
}

/* Whether host thread @tid has ended (its vCPU, if it had one, is gone). */
static bool thread_gone(pid_t tid)
{
    return tgkill(getpid(), tid, 0) != 0 && errno == ESRCH;
}

/*
 * HOSTLINK_SERVE_PAUSE, under the lock, which it releases: every service
 * thread ends, and their host threads are gone (QEMU removes a vCPU from
 * its plugin core's table before the thread ends), within 2 s.
 */
static int64_t pause_service(struct service *svc)
{
    static bool warned;
    struct timespec deadline;
    pid_t leaving[SERVICE_MAX_THREADS + 1];
    unsigned n = 0;
    int rc = 0;

    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 2;
    if (svc->pausers++ == 0) {
        svc->n_leaving = 0;
    }
    pthread_cond_broadcast(&svc->work);
    while (svc->threads + svc->expected > 0 && rc != ETIMEDOUT) {
        rc = pthread_cond_timedwait(&svc->left, &svc->lock, &deadline);
    }
    if (rc != ETIMEDOUT) {
        n = svc->n_leaving;
        memcpy(leaving, svc->leaving, n * sizeof(leaving[0]));
    }
    pthread_mutex_unlock(&svc->lock);
    for (unsigned i = 0; i < n && rc != ETIMEDOUT; i++) {
        struct timespec now, nap = { 0, 50000 };
        while (!thread_gone(leaving[i]) && rc != ETIMEDOUT) {
            nanosleep(&nap, NULL);
            clock_gettime(CLOCK_REALTIME, &now);
            rc = now.tv_sec > deadline.tv_sec ||
                 (now.tv_sec == deadline.tv_sec && now.tv_nsec > deadline.tv_nsec) ? ETIMEDOUT : 0;
        }
    }
    if (rc == ETIMEDOUT) {
        hl_log_once(&warned, "%s: a service thread did not end within 2 s before a fork (a callback "
                    "still running); the child may not start threads of its own", svc->lib_name);
        return -ETIMEDOUT;
    }
    return 0;
}

/* HOSTLINK_SERVE_RESUME, under the lock: the last pauser expects a first thread again. */
static int64_t resume_service(struct service *svc)
{
    if (--svc->pausers > 0) {
        return -EBUSY;          /* another thread's fork is still coming */
    }
    svc->expected++;
    return svc->key;
}

int64_t service_serve(struct service *svc, uint64_t flags, uint64_t key, uint64_t block_at)
{
    static bool warned, warned_misuse;
    int64_t result = 0;

    pthread_mutex_lock(&svc->lock);
    if (!serve_allowed(svc, flags, key)) {
        pthread_mutex_unlock(&svc->lock);
        hl_log_once(&warned_misuse, "%s: HOSTLINK_OP_SERVE with flags %#llx refused: not a "
                    "service thread, or no key", svc->lib_name, (unsigned long long)flags);
        return -EINVAL;
    }
    if (flags == HOSTLINK_SERVE_PAUSE) {
        return pause_service(svc);
    }
    if (flags == HOSTLINK_SERVE_RESUME) {
        result = resume_service(svc);
        pthread_mutex_unlock(&svc->lock);
        return result;
    }
    if (flags == HOSTLINK_SERVE_EXPECT) {
        svc->expected++;
        result = svc->key;
    } else if (flags == HOSTLINK_SERVE_NEW) {
        svc->threads++;
        svc->expected--;
        serving = svc;
    } else if (flags == HOSTLINK_SERVE_SPAWN_FAILED) {
        svc->expected--;
        svc->spawn_failed = true;
        pthread_cond_broadcast(&svc->left);     /* a pause may wait for it */
    }
    pthread_mutex_unlock(&svc->lock);
    if (flags == HOSTLINK_SERVE_SPAWN_FAILED) {
        hl_log_once(&warned, "%s: the guest could not start another service thread; "
                    "callbacks from host threads wait for a free one", svc->lib_name);
    }
    if (flags == HOSTLINK_SERVE_EXPECT || flags == HOSTLINK_SERVE_SPAWN_FAILED) {
        return result;
    }
    const uint64_t args[1] = { (uintptr_t)svc };
    return bridge_start("callbacks from host threads", serve, args, 1, block_at, NULL);
}

bool service_call(struct service *svc, struct hostlink_callback_block *block, uint64_t target)
{
    static bool warned;
    struct request r = { .block = block, .target = target };

    if (svc) {
        pthread_mutex_lock(&svc->lock);
        if (svc->threads + svc->expected > 0 || svc->pausers) {
            pthread_cond_init(&r.cond, NULL);
            *svc->tail = &r;
            svc->tail = &r.next;
            pthread_cond_signal(&svc->work);
            while (!r.done) {
                pthread_cond_wait(&r.cond, &svc->lock);
            }
            pthread_mutex_unlock(&svc->lock);
            pthread_cond_destroy(&r.cond);
            return r.ok;
        }
        pthread_mutex_unlock(&svc->lock);
    }
    hl_log_once(&warned, "a host library called a guest callback from a thread of its own, and no "
                "guest thread serves its host threads (see host-threads in its description); "
                "it gets 0");
    return false;
}
