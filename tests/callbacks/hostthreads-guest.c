// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest half of the host-thread callback tests, against libhlt.so: threads
 * the library makes call guest callbacks. Prints what must be the same
 * with the genuine guest library and through hostlink.
 *   hostthreads-guest spin      12 host threads, 3 signatures, 500 calls each
 *   hostthreads-guest nested    callbacks from host threads call the library again
 *   hostthreads-guest signal    host-thread callbacks while the program is in a signal handler
 *   hostthreads-guest fork      host-thread callbacks in a parent and its fork child
 *   hostthreads-guest fork-thread  a fork child starts a thread of its own, then host-thread callbacks
 *   hostthreads-guest exit      exit(7) while a host thread waits for a callback
 *   hostthreads-guest dlopen    the library opened, used and closed twice (built with -DHLT_DLOPEN)
 *   hostthreads-guest misuse    HOSTLINK_OP_SERVE from a thread that is no service thread
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "hlt.h"
#include "hostlink/guest.h"

#ifdef HLT_DLOPEN
#include <dlfcn.h>
static __typeof__(hlt_spin) *spin_fn;
static __typeof__(hlt_ticker_start) *ticker_start_fn;
static __typeof__(hlt_ticker_stop) *ticker_stop_fn;
#define hlt_spin spin_fn
#define hlt_ticker_start ticker_start_fn
#define hlt_ticker_stop ticker_stop_fn
#endif

static long guest_calls;            /* callbacks that ran in the guest */

#ifndef HLT_DLOPEN
static void add_value(void *ctx, int value)
{
    *(long *)ctx += value;
}

/* A fork child's own thread: calls the library, which calls back on it. */
static void *child_thread(void *arg)
{
    static const int v[] = { 1, 2, 3, 4, 5 };
    hlt_each(v, 5, add_value, arg);
    return NULL;
}
#endif
static char text[4096];

static void count(void)
{
    __atomic_add_fetch(&guest_calls, 1, __ATOMIC_RELAXED);
}

static long int_cb(int thread, long i)
{
    count();
    return thread * 1000003L + i * i;
}

static double real_cb(double x, int thread)
{
    count();
    return x * x / (thread + 1) + 0.5;
}

static const char *ptr_cb(const char *base, long i)
{
    count();
    return base + (i * 7) % (long)sizeof(text);
}

#ifndef HLT_DLOPEN
static long descend(long depth)
{
    return depth > 0 ? hlt_recurse(descend, depth - 1) : 0;
}

static int triple(int v)
{
    return 3 * v;
}

/* From a host thread: calls back into the library, which calls back again (from yet another thread). */
static long nested_cb(int thread, long i)
{
    count();
    return thread + hlt_recurse(descend, 3) + (i % 25 == 0 ? hlt_from_thread(triple, (int)i) : 0);
}
#endif

static void print_sums(const char *what, int per_kind, int n, hlt_int_fn fi)
{
    struct hlt_spin_sums s;
    memset(&s, 0, sizeof(s));
    guest_calls = 0;
    int threads = hlt_spin(fi, real_cb, ptr_cb, text, per_kind, n, &s);
    printf("%s: %d host threads, guest ran %ld callbacks\n", what, threads,
           __atomic_load_n(&guest_calls, __ATOMIC_RELAXED));
    for (int t = 0; t < per_kind; t++) {
        printf("  thread %d: %ld %.6f %lu\n", t, s.ints[t], s.reals[t], s.ptrs[t]);
    }
}

static volatile int ticks;

static int tick_cb(int i)
{
    (void)i;
    ticks++;
    return 0;
}

static void nap(long us)
{
    struct timespec t = { us / 1000000, us % 1000000 * 1000 };
    nanosleep(&t, NULL);
}

/* Ticker callbacks arrive, and finish, while the program waits for them. */
static void ticker_round(const char *where)
{
    ticks = 0;
    hlt_ticker_start(tick_cb, 1000);
    for (int waited = 0; ticks < 5 && waited < 10000; waited++) {
        nap(1000);
    }
    int calls = hlt_ticker_stop();
    printf("%s: ticker called back %s\n", where, calls >= 5 && calls == ticks ? "at least 5 times" : "WRONG");
}

#ifndef HLT_DLOPEN
static void on_signal(int sig)
{
    (void)sig;
    ticker_round("in a signal handler");
    print_sums("spin in a signal handler", 1, 50, int_cb);
}

static volatile int waiting;

/* Blocks its host thread: the program exits meanwhile. */
static int block_cb(int i)
{
    if (i == 2) {
        waiting = 1;
        nap(20 * 1000000);
    }
    return 0;
}

/*
 * The fork cases: the parent's sums before and after; the child (first,
 * with @own_thread, a thread of its own that calls the library, which the
 * parent's service thread alive at the fork must not hinder) has host
 * threads call back, which through hostlink get 0 there: it has no service
 * thread (README). The child exits with 3, or 4 if it could not start its
 * thread.
 */
static int fork_case(bool own_thread)
{
    print_sums("parent before fork", 1, 20, int_cb);
    pid_t pid = fork();
    if (pid == 0) {
        if (own_thread) {
            pthread_t t;
            long r = 0;
            if (pthread_create(&t, NULL, child_thread, &r) != 0 || pthread_join(t, NULL) != 0) {
                printf("fork child: no thread\n");
                return 4;
            }
            printf("fork child: its own thread ran: %ld\n", r);
        }
        struct hlt_spin_sums s;
        guest_calls = 0;
        int threads = hlt_spin(int_cb, real_cb, ptr_cb, text, 2, 50, &s);
        printf("fork child: %d host threads, guest ran %ld callbacks\n", threads, guest_calls);
        return 3;
    }
    int status = 0;
    waitpid(pid, &status, 0);
    printf("child exited with %d\n", WIFEXITED(status) ? WEXITSTATUS(status) :
           WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1);
    print_sums("parent after fork", 1, 20, int_cb);
    return 0;
}
#endif

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";

    setvbuf(stdout, NULL, _IOLBF, 0);
    for (size_t i = 0; i < sizeof(text); i++) {
        text[i] = (char)('a' + i % 26);
    }
#ifdef HLT_DLOPEN
    if (strcmp(mode, "dlopen") == 0) {
        for (int round = 1; round <= 2; round++) {
            void *h = dlopen("libhlt.so", RTLD_NOW);
            if (!h) {
                printf("dlopen: %s\n", dlerror());
                return 1;
            }
            spin_fn = (__typeof__(spin_fn))dlsym(h, "hlt_spin");
            ticker_start_fn = (__typeof__(ticker_start_fn))dlsym(h, "hlt_ticker_start");
            ticker_stop_fn = (__typeof__(ticker_stop_fn))dlsym(h, "hlt_ticker_stop");
            printf("round %d\n", round);
            print_sums("spin", 2, 100, int_cb);
            ticker_round("opened");
            printf("dlclose: %d\n", dlclose(h));
        }
        return 0;
    }
#else
    if (strcmp(mode, "spin") == 0) {
        print_sums("spin", 4, 500, int_cb);
        printf("one host thread, 100 callbacks in a row: %ld\n", hlt_thread_loop(int_cb, 100));
        return 0;
    }
    if (strcmp(mode, "nested") == 0) {
        print_sums("nested", 2, 100, nested_cb);
        return 0;
    }
    if (strcmp(mode, "signal") == 0) {
        signal(SIGUSR1, on_signal);
        raise(SIGUSR1);
        printf("after the handler\n");
        return 0;
    }
    if (strcmp(mode, "fork") == 0 || strcmp(mode, "fork-thread") == 0) {
        return fork_case(strcmp(mode, "fork-thread") == 0);
    }
    if (strcmp(mode, "misuse") == 0) {
        /* Every handle, every way of asking: none may make this thread serve. */
        static const long flags[][2] = { { 0, 0 }, { HOSTLINK_SERVE_NEW, 12345 },
                                         { HOSTLINK_SERVE_EXPECT, 0 },
                                         { HOSTLINK_SERVE_SPAWN_FAILED, 0 }, { 99, 0 } };
        print_sums("before", 1, 10, int_cb);
        int refused = 0, tries = 0;
        for (long h = 0; h < 16; h++) {
            for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++, tries++) {
                long r = hostlink_call(HOSTLINK_OP_SERVE, h, flags[f][0], flags[f][1], 0, 0);
                refused += r == -EINVAL || r == -ENOSYS;
            }
        }
        printf("SERVE from this thread: %d of %d refused\n", refused, tries);
        print_sums("after", 1, 10, int_cb);
        return 0;
    }
    if (strcmp(mode, "exit") == 0) {
        hlt_ticker_start(block_cb, 100);
        while (!waiting) {
            nap(1000);
        }
        printf("exiting while a host thread waits for its callback\n");
        exit(7);
    }
#endif
    fprintf(stderr, "usage: hostthreads-guest MODE\n");
    return 2;
}
