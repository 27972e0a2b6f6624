// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest half of the callback-bridge tests: bridge-guest SCENARIO.
 * Each scenario sorts with callback_qsort() (host qsort, guest comparator
 * under hostlink) and with the guest libc's qsort on the same input, and
 * prints what must match. The script compares the output with the
 * expected text, so a line mentioning "differs" is a failure.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "demo-callback-qsort.h"
#include "hostlink/guest.h"

static __thread unsigned long calls;

static uint32_t lcg(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    calls++;
    return (x > y) - (x < y);
}

/* Sorts copies of @v both ways and reports whether order and call counts agree. */
static void compare_with_libc(const char *what, const void *v, size_t n, size_t size,
                              int (*cmp)(const void *, const void *))
{
    void *a = malloc(n * size + 1), *b = malloc(n * size + 1);
    unsigned long host_calls, libc_calls;

    memcpy(a, v, n * size);
    memcpy(b, v, n * size);
    calls = 0;
    int r = callback_qsort(a, n, size, cmp);
    host_calls = calls;
    calls = 0;
    qsort(b, n, size, cmp);
    libc_calls = calls;
    printf("%s: result %d, order %s, comparator calls %s (%lu)\n", what, r,
           memcmp(a, b, n * size) == 0 ? "same as libc" : "differs",
           host_calls == libc_calls ? "same as libc" : "differ", host_calls);
    free(a);
    free(b);
}

static int *random_ints(size_t n, uint32_t seed)
{
    int *v = malloc(n * sizeof(int) + 1);
    for (size_t i = 0; i < n; i++) {
        v[i] = (int)(lcg(&seed) % 1000000) - 500000;
    }
    return v;
}

static void sizes(void)
{
    static const size_t ns[] = { 0, 1, 2, 128, 100000 };
    for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++) {
        char what[32];
        int *v = random_ints(ns[i], 42 + (uint32_t)i);
        snprintf(what, sizeof(what), "%zu ints", ns[i]);
        compare_with_libc(what, v, ns[i], sizeof(int), cmp_int);
        free(v);
    }
}

struct rec { int64_t key; double weight; char tag[8]; };   /* 24 bytes */

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    calls++;
    if (x->key != y->key) {
        return x->key < y->key ? -1 : 1;
    }
    return strcmp(x->tag, y->tag);
}

static void structs(void)
{
    enum { N = 5000 };
    struct rec *v = calloc(N, sizeof(*v));
    uint32_t seed = 7;
    for (int i = 0; i < N; i++) {
        v[i].key = lcg(&seed) % 100;
        v[i].weight = i * 0.5;
        snprintf(v[i].tag, sizeof(v[i].tag), "t%05u", lcg(&seed) % 100000);
    }
    printf("struct size %zu\n", sizeof(struct rec));
    compare_with_libc("5000 24-byte structs", v, N, sizeof(*v), cmp_rec);
    free(v);
}

static int cmp_extreme(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    calls++;
    return x < y ? INT_MIN : x > y ? INT_MAX : 0;
}

/* Floating point and stdio inside the comparator. */
static int cmp_float(const void *a, const void *b)
{
    double x = *(const int *)a * 0.001, y = *(const int *)b * 0.001;
    if (calls++ < 2) {
        printf("  comparator printf: %.3f vs %.3f\n", x, y);
    }
    return (x > y) - (x < y);
}

static void extremes(void)
{
    int *v = random_ints(1000, 99);
    compare_with_libc("INT_MIN/INT_MAX comparator", v, 1000, sizeof(int), cmp_extreme);
    compare_with_libc("floating-point comparator", v, 1000, sizeof(int), cmp_float);
    free(v);
}

/* Each comparison first sorts a small array of its own through the bridge. */
static unsigned long inner_ok, inner_bad;
static int cmp_nested(const void *a, const void *b)
{
    int inner[5] = { *(const int *)a, 3, *(const int *)b, -7, 11 };
    unsigned long outer_calls = calls;
    if (callback_qsort(inner, 5, sizeof(int), cmp_int) == 0 &&
        inner[0] <= inner[1] && inner[1] <= inner[2] && inner[2] <= inner[3] &&
        inner[3] <= inner[4]) {
        inner_ok++;
    } else {
        inner_bad++;
    }
    calls = outer_calls + 1;
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void nested(void)
{
    int *v = random_ints(300, 5);
    compare_with_libc("nested sort", v, 300, sizeof(int), cmp_nested);
    printf("inner sorts: %s\n", inner_bad == 0 && inner_ok > 0 ? "all sorted" : "some unsorted");
    free(v);
}

/* Threads with comparators of their own, all at once. */
static int by_abs(const void *a, const void *b)
{
    int x = abs(*(const int *)a), y = abs(*(const int *)b);
    calls++;
    return (x > y) - (x < y);
}
static int descending(const void *a, const void *b) { return cmp_int(b, a); }
static int by_last_digit(const void *a, const void *b)
{
    int x = abs(*(const int *)a) % 10, y = abs(*(const int *)b) % 10;
    calls++;
    return x != y ? (x > y) - (x < y) : cmp_int(a, b);
}

struct job { int (*cmp)(const void *, const void *); int id; int ok; };

static void *sort_thread(void *p)
{
    struct job *j = p;
    enum { N = 20000 };
    int *v = random_ints(N, 1000 + (uint32_t)j->id), *w = malloc(N * sizeof(int));
    memcpy(w, v, N * sizeof(int));
    j->ok = 1;
    for (int round = 0; round < 3; round++) {
        memcpy(v, w, N * sizeof(int));
        int *ref = malloc(N * sizeof(int));
        memcpy(ref, w, N * sizeof(int));
        qsort(ref, N, sizeof(int), j->cmp);
        if (callback_qsort(v, N, sizeof(int), j->cmp) != 0 || memcmp(v, ref, N * sizeof(int))) {
            j->ok = 0;
        }
        free(ref);
    }
    free(v);
    free(w);
    return NULL;
}

static void threads(void)
{
    struct job jobs[4] = { { cmp_int, 0, 0 }, { descending, 1, 0 }, { by_abs, 2, 0 },
                           { by_last_digit, 3, 0 } };
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        pthread_create(&t[i], NULL, sort_thread, &jobs[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        printf("thread %d: %s\n", i, jobs[i].ok ? "sorted like libc" : "differs");
    }
}

/* A comparator that longjmps out of the host sort, as C programs do. */
static jmp_buf escape;
static int cmp_escape(const void *a, const void *b)
{
    if (++calls == 3) {
        longjmp(escape, 1);
    }
    return cmp_int(a, b);
}

__attribute__((noinline)) static void escape_once(int *v, size_t n)
{
    calls = 0;
    if (setjmp(escape) == 0) {
        callback_qsort(v, n, sizeof(int), cmp_escape);
        printf("longjmp: the sort returned normally\n");
    }
}

/* Sorts from the same stack depth as escape_once(), where the escapes started. */
__attribute__((noinline)) static void sort_once(int *v, size_t n)
{
    calls = 0;
    if (setjmp(escape) == 0) {
        callback_qsort(v, n, sizeof(int), cmp_int);
    }
}

static void longjmp_out(void)
{
    int *v = random_ints(64, 3);
    int escaped = 0;
    for (int i = 0; i < 200; i++) {
        escape_once(v, 64);
        escaped += calls == 3;
    }
    printf("longjmp out of the comparator: %d of 200\n", escaped);
    sort_once(v, 64);
    compare_with_libc("sort after the escapes", v, 64, sizeof(int), cmp_int);
    free(v);
}

static void report(const char *what, int r)
{
    printf("%s: %d %s\n", what, r, r == 0 ? "" : errno == EINVAL ? "EINVAL" :
           errno == EFAULT ? "EFAULT" : strerror(errno));
}

/* Orders by address and never reads the elements: only host code touches them. */
static int cmp_addr(const void *a, const void *b)
{
    return (a > b) - (a < b);
}

static void bad_input(void)
{
    int v[4] = { 4, 3, 2, 1 };
    long page = sysconf(_SC_PAGESIZE);
    char *ro = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /* Below mmap_min_addr: never mapped, whatever else the program maps later. */
    char *gone = (char *)0x1000;

    errno = 0;
    report("size 0", callback_qsort(v, 4, 0, cmp_int));
    report("absurd nmemb", callback_qsort(v, SIZE_MAX / 2, 4, cmp_int));
    report("NULL base", callback_qsort(NULL, 4, sizeof(int), cmp_int));
    report("unmapped base", callback_qsort(gone, 4, sizeof(int), cmp_addr));
    report("read-only base", callback_qsort(ro, 4, sizeof(int), cmp_addr));
    report("base runs off the end", callback_qsort(ro + page - 8, 4, sizeof(int), cmp_addr));
    report("NULL comparator", callback_qsort(v, 4, sizeof(int), NULL));
    report("unmapped comparator", callback_qsort(v, 4, sizeof(int), (int (*)(const void *, const void *))gone));
    report("no elements, NULL base", callback_qsort(NULL, 0, sizeof(int), cmp_int));

    long r = hostlink_call(HOSTLINK_OP_RESUME, 0, 0, 0, 0, 0);
    printf("RESUME without START: %ld\n", r);
    r = hostlink_call(77, 1, 2, 3, 4, 5);
    printf("unknown op: %ld\n", r);
    r = hostlink_call(-1, 0, 0, 0, 0, 0);
    printf("op -1: %ld\n", r);

    /* Still alive and working. */
    int ok = callback_qsort(v, 4, sizeof(int), cmp_int) == 0 && v[0] == 1 && v[3] == 4;
    printf("sort after bad input: %s\n", ok ? "works" : "broken");
    munmap(ro, page);
}

int main(int argc, char **argv)
{
    static const struct { const char *name; void (*run)(void); } scenarios[] = {
        { "sizes", sizes }, { "structs", structs }, { "extremes", extremes },
        { "nested", nested }, { "threads", threads }, { "bad", bad_input },
        { "longjmp", longjmp_out },
    };
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (size_t i = 0; argc > 1 && i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
        if (strcmp(argv[1], scenarios[i].name) == 0) {
            scenarios[i].run();
            return 0;
        }
    }
    fprintf(stderr, "usage: bridge-guest sizes|structs|extremes|nested|threads|bad|longjmp\n");
    return 2;
}
