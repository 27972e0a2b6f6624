// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest half of the libc-sort tests: qsort, qsort_r with a context
 * pointer, bsearch hits and misses. The output must be the same with the
 * guest's own C library and with the preloaded pass-through shim.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long calls;

/*
 * glibc's stdlib.h inlines bsearch into optimised programs; calling it
 * through a pointer reaches the library's (or the shim's) definition.
 */
static void *(*volatile search)(const void *, const void *, size_t, size_t,
                                int (*)(const void *, const void *)) = bsearch;

static int by_value(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    calls++;
    return (x > y) - (x < y);
}

struct ctx { unsigned long calls; int modulus; };

/* Orders by value modulo ctx->modulus, then by value; counts in the context. */
static int by_residue(const void *a, const void *b, void *arg)
{
    struct ctx *c = arg;
    int x = *(const int *)a, y = *(const int *)b;
    int rx = x % c->modulus, ry = y % c->modulus;
    c->calls++;
    return rx != ry ? (rx > ry) - (rx < ry) : (x > y) - (x < y);
}

static unsigned long checksum(const int *v, size_t n)
{
    unsigned long h = 5381;
    for (size_t i = 0; i < n; i++) {
        h = h * 33 + (unsigned)v[i];
    }
    return h;
}

int main(void)
{
    enum { N = 50000 };
    int *v = malloc(N * sizeof(int));
    uint32_t s = 12345;
    for (int i = 0; i < N; i++) {
        s = s * 1664525u + 1013904223u;
        v[i] = (int)((s >> 8) % 1000000);
    }

    int *w = malloc(N * sizeof(int));
    memcpy(w, v, N * sizeof(int));
    qsort(w, N, sizeof(int), by_value);
    printf("qsort: %lu comparisons, checksum %lu\n", calls, checksum(w, N));

    memcpy(w, v, N * sizeof(int));
    struct ctx c = { 0, 97 };
    qsort_r(w, N, sizeof(int), by_residue, &c);
    printf("qsort_r: %lu comparisons counted through the context, checksum %lu\n", c.calls,
           checksum(w, N));

    qsort(w, N, sizeof(int), by_value);
    int hits = 0, misses = 0;
    calls = 0;
    for (int k = -5; k < 1000005; k += 997) {
        int *p = search(&k, w, N, sizeof(int), by_value);
        if (p) {
            hits += *p == k;
        } else {
            misses++;
        }
    }
    printf("bsearch: %d hits, %d misses, %lu comparisons\n", hits, misses, calls);
    int first = w[0];
    int *p = search(&first, w, N, sizeof(int), by_value);
    printf("bsearch returns a pointer into the array: %s\n", p >= w && p < w + N ? "yes" : "no");
    int none = -1;
    printf("bsearch of an empty array: %s\n", search(&none, w, 0, sizeof(int), by_value) ? "found" : "NULL");
    free(v);
    free(w);
    return 0;
}
