// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest half of the call-policy tests. Prints results only (sorted
 * checksums, search hits, sums), never how often a callback ran: a call
 * the policy gives up and reruns in the guest library runs its callbacks
 * again. Modes:
 *   sort N REPS   qsort of N ints REPS times, qsort_r, 2000 bsearches
 *   small REPS    qsort of 2 ints REPS times (not callback-bound)
 *   work          hlt_work callback-bound, then with host work (back to the host)
 *   each N REPS   hlt_each over N ints REPS times (callback-bound, not stateless)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hlt.h"

static void *(*volatile search)(const void *, const void *, size_t, size_t,
                                int (*)(const void *, const void *)) = bsearch;

static int by_value(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int by_residue(const void *a, const void *b, void *arg)
{
    int m = *(const int *)arg, x = *(const int *)a, y = *(const int *)b;
    return x % m != y % m ? (x % m > y % m) - (x % m < y % m) : (x > y) - (x < y);
}

static uint32_t seed = 12345;

static void fill(int *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1664525u + 1013904223u;
        v[i] = (int)((seed >> 8) % 1000000);
    }
}

static unsigned long checksum(const int *v, size_t n)
{
    unsigned long h = 5381;
    for (size_t i = 0; i < n; i++) {
        h = h * 33 + (unsigned)v[i];
    }
    return h;
}

static void sort(size_t n, int reps)
{
    int *v = malloc(n * sizeof(int)), m = 97;
    for (int r = 0; r < reps; r++) {
        fill(v, n);
        qsort(v, n, sizeof(int), by_value);
        printf("qsort %d: checksum %lu\n", r, checksum(v, n));
    }
    fill(v, n);
    qsort_r(v, n, sizeof(int), by_residue, &m);
    printf("qsort_r: checksum %lu\n", checksum(v, n));
    qsort(v, n, sizeof(int), by_value);
    int hits = 0, misses = 0;
    for (int k = 0; k < 2000; k++) {
        int key = k * 499;
        int *p = search(&key, v, n, sizeof(int), by_value);
        hits += p && *p == key;
        misses += !p;
    }
    printf("bsearch: %d hits, %d misses\n", hits, misses);
    free(v);
}

static int square(int i)
{
    return i * i % 1000;
}

static long visited;

static void visit(void *ctx, int value)
{
    visited += value + (ctx != NULL);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    long a = argc > 2 ? atol(argv[2]) : 0, b = argc > 3 ? atol(argv[3]) : 0;

    if (strcmp(mode, "sort") == 0) {
        sort((size_t)a, (int)b);
    } else if (strcmp(mode, "small") == 0) {
        unsigned long sum = 0;
        for (long r = 0; r < a; r++) {
            int v[2] = { (int)(r % 7), (int)(r % 5) };
            qsort(v, 2, sizeof(int), by_value);
            sum = sum * 31 + checksum(v, 2);
        }
        printf("small: %ld sorts, checksum %lu\n", a, sum);
    } else if (strcmp(mode, "work") == 0) {
        long sum = 0;
        for (int r = 0; r < 4; r++) {
            sum += hlt_work(square, 2000, 0);
        }
        printf("work, callback-bound: %ld\n", sum);
        sum = 0;
        for (int r = 0; r < 100; r++) {
            sum += hlt_work(square, 64, 4000);
        }
        printf("work, host-bound: %ld\n", sum);
    } else if (strcmp(mode, "each") == 0) {
        int *v = malloc((size_t)a * sizeof(int));
        fill(v, (size_t)a);
        for (long r = 0; r < b; r++) {
            hlt_each(v, (int)a, visit, &visited);
        }
        printf("each: %ld\n", visited);
        free(v);
    } else {
        fprintf(stderr, "usage: policy-guest sort N REPS | small REPS | work | each N REPS\n");
        return 2;
    }
    return 0;
}
