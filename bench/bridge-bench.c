// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest micro-benchmarks of the callback bridge. Prints nanoseconds per
 * operation, the best of several rounds:
 *   bridge-bench syscall    an unknown syscall (4096), the baseline
 *   bridge-bench empty      callback_qsort of 0 elements: a START that ends at once
 *   bridge-bench roundtrip  one guest comparator call from host qsort
 * Built a second time with -DBASELINE_ONLY, without the demo library, so
 * the baseline runs under QEMU with no plugin at all.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "demo-callback-qsort.h"
#pragma GCC diagnostic ignored "-Wunused-function"

#define ROUNDS 5

static unsigned long calls;

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    calls++;
    return (x > y) - (x < y);
}

static double unknown_syscall(void)
{
    enum { N = 200000 };
    double t = now_ns();
    for (int i = 0; i < N; i++) {
        syscall(4096, 99L);
    }
    return (now_ns() - t) / N;
}

#ifndef BASELINE_ONLY
static double empty_call(void)
{
    enum { N = 200000 };
    int dummy = 0;
    double t = now_ns();
    for (int i = 0; i < N; i++) {
        callback_qsort(&dummy, 0, sizeof(int), cmp_int);
    }
    return (now_ns() - t) / N;
}

static double round_trip(void)
{
    enum { N = 20000 };
    static int v[N];
    uint32_t s = 1;
    for (int i = 0; i < N; i++) {
        s = s * 1664525u + 1013904223u;
        v[i] = (int)(s >> 8);
    }
    calls = 0;
    double t = now_ns();
    callback_qsort(v, N, sizeof(int), cmp_int);
    return (now_ns() - t) / (double)calls;
}
#endif

int main(int argc, char **argv)
{
    double (*run)(void) = NULL;
    if (argc == 2 && strcmp(argv[1], "syscall") == 0) {
        run = unknown_syscall;
#ifndef BASELINE_ONLY
    } else if (argc == 2 && strcmp(argv[1], "empty") == 0) {
        run = empty_call;
    } else if (argc == 2 && strcmp(argv[1], "roundtrip") == 0) {
        run = round_trip;
#endif
    } else {
        fprintf(stderr, "usage: bridge-bench syscall|empty|roundtrip\n");
        return 2;
    }
    double best = run();
    for (int i = 1; i < ROUNDS; i++) {
        double t = run();
        best = t < best ? t : best;
    }
    printf("%.1f\n", best);
    return 0;
}
