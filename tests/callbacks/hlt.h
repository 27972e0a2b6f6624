/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libhlt.so: a test library whose functions take callbacks of every kind
 * hostlink supports. Built for the host and for each guest; its thunk is
 * generated from libs/hlt.hl.
 */
#ifndef HLT_H
#define HLT_H

#include <stddef.h>

/* 8 integer and 8 floating-point arguments, interleaved. */
typedef double (*hlt_mix_fn)(int a, double x1, long b, float x2, short c, double x3,
                             unsigned d, float x4, long long e, double x5, void *f,
                             float x6, unsigned char g, double x7, int h, float x8);
/* Calls f with arguments derived from seed; returns its result. */
double hlt_mix(hlt_mix_fn f, int seed);

typedef float (*hlt_fold_fn)(float acc, float x);
float hlt_fold(hlt_fold_fn f, const float *v, int n);

typedef void (*hlt_visit_fn)(void *ctx, int value);
void hlt_each(const int *v, int n, hlt_visit_fn f, void *ctx);

typedef void *(*hlt_alloc_fn)(void *ctx, size_t n);
void *hlt_alloc_via(hlt_alloc_fn f, void *ctx, size_t n);

/* Calls f(depth); f may call hlt_recurse again (nested pass-through). */
typedef long (*hlt_depth_fn)(long depth);
long hlt_recurse(hlt_depth_fn f, long depth);

/* A callback kept by the library and called in a later call. */
typedef int (*hlt_event_fn)(int value);
void hlt_register(hlt_event_fn f);
int hlt_fire(int value);

/* Calls f from a thread the library creates itself; returns f's result. */
int hlt_from_thread(hlt_event_fn f, int value);

/* A callback inside a struct. */
struct hlt_ops {
    int (*combine)(int a, int b);
    int bias;
};
int hlt_apply(struct hlt_ops *ops, int a, int b);

/* A function of the library itself, handed to the guest as a pointer. */
typedef int (*hlt_binop_fn)(int a, int b);
hlt_binop_fn hlt_host_adder(void);

/*
 * ---- callbacks from threads the library makes (tests/callbacks/hostthreads.sh) ----
 * These refuse NULL callbacks and more than HLT_MAX_CALLS calls (the fuzz
 * test calls them with garbage: a host thread calling NULL would crash).
 */
#define HLT_MAX_CALLS 1000000

typedef long (*hlt_int_fn)(int thread, long i);
typedef double (*hlt_real_fn)(double x, int thread);
typedef const char *(*hlt_ptr_fn)(const char *base, long i);

/* What hlt_spin's threads computed: per thread, in thread order. */
struct hlt_spin_sums {
    long ints[8];
    double reals[8];
    unsigned long ptrs[8];      /* sum of offsets of the returned pointers from base */
};

/*
 * Starts 3 * @per_kind host threads at once (per_kind <= 8): thread t of
 * each kind calls its callback @n times, ints fi(t, i), reals fr(i + t / 8.0, t),
 * pointers fp(base, t * n + i); the sums land in @out. Returns how many
 * threads ran (0 if one could not be started, or the arguments are refused).
 */
int hlt_spin(hlt_int_fn fi, hlt_real_fn fr, hlt_ptr_fn fp, const char *base, int per_kind, int n,
             struct hlt_spin_sums *out);

/* One host thread calls fi(0, i) for i < n, one after the other; returns the sum (-1: refused). */
long hlt_thread_loop(hlt_int_fn fi, long n);

/*
 * A host thread that calls f(0), f(1), ... every @period_us microseconds
 * (at most 1 s) until hlt_ticker_stop(), which returns how many calls
 * returned. -1: refused, or already ticking.
 */
int hlt_ticker_start(hlt_event_fn f, int period_us);
int hlt_ticker_stop(void);

#endif
