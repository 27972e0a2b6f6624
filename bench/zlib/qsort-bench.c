/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qsort of N ints (argv[1], default 1M) with a comparator in the guest:
 * what a program whose hot loop is guest code calling into libc costs.
 * Only the qsort call is timed. Prints a checksum of the sorted order and
 * "seconds"; not how often the comparator ran, which differs between C
 * libraries and when hostlink's call policy reruns the call in the guest.
 */
#include "bench-time.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
    int *v = malloc(n * sizeof *v);
    uint64_t x = 7;

    if (!v)
        return 1;
    for (size_t k = 0; k < n; k++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        v[k] = (int)(x >> 32);
    }
    double t0 = bench_now();
    qsort(v, n, sizeof *v, cmp_int);
    double t1 = bench_now();

    uint32_t sum = 0;
    int sorted = 1;
    for (size_t k = 0; k < n; k++) {
        sum = sum * 31 + (uint32_t)v[k];
        if (k && v[k - 1] > v[k])
            sorted = 0;
    }
    printf("qsort-bench: %zu ints %s checksum %08x\n", n, sorted ? "sorted" : "NOT SORTED", sum);
    printf("seconds %.3f\n", t1 - t0);
    free(v);
    return !sorted;
}
