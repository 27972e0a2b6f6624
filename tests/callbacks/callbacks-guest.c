// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest half of the callback tests, against libhlt.so: every supported
 * callback kind, nested and stored callbacks, callbacks in structs, and 8
 * threads at once. Prints results that must be the same with the genuine
 * guest library and through hostlink.
 *   callbacks-guest all       everything except the host-thread case
 *   callbacks-guest thread    a callback from a thread the library made
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hlt.h"
#include "../common/build-id.h"

static double mix(int a, double x1, long b, float x2, short c, double x3, unsigned d, float x4,
                  long long e, double x5, void *f, float x6, unsigned char g, double x7, int h,
                  float x8)
{
    printf("  mix got %d %.3f %ld %.3f %d %.3g %u %.3f %lld %.3f %#lx %.4f %u %.4f %d %.2f\n",
           a, x1, b, (double)x2, c, x3, d, (double)x4, e, x5, (unsigned long)(uintptr_t)f,
           (double)x6, g, x7, h, (double)x8);
    return a + x1 + b + x2 + c + x3 / 1e10 + d / 1e9 + x4 + e / 1e9 + x5 + x6 + g + x7 + h + x8;
}

static double mix_quiet(int a, double x1, long b, float x2, short c, double x3, unsigned d,
                        float x4, long long e, double x5, void *f, float x6, unsigned char g,
                        double x7, int h, float x8)
{
    (void)f;
    return a + x1 + b + x2 + c + x3 / 1e10 + d / 1e9 + x4 + e / 1e9 + x5 + x6 + g + x7 + h + x8;
}

static float add_halves(float acc, float x) { return acc + x / 2; }

static void sum_into(void *ctx, int value) { *(long *)ctx += value; }

static void *alloc_tagged(void *ctx, size_t n)
{
    char *p = malloc(n);
    memset(p, *(const char *)ctx, n);
    return p;
}

/* Nested: the callback calls back into the library. */
static long descend(long depth) { return depth > 0 ? hlt_recurse(descend, depth - 1) : 0; }

static int triple(int v) { return 3 * v; }

static int minus(int a, int b) { return a - b; }

static void *worker(void *p)
{
    int id = (int)(intptr_t)p;
    int ok = 1;
    for (int i = 0; i < 200; i++) {
        double want = mix_quiet(id + i, (id + i) * 0.5, -7L * (id + i), 1.25f, (short)-3, 1e10,
                                4000000000u, -2.5f, -123456789012LL, 3.75, NULL, 0.125f, 200, -1e-3,
                                id + i + 1, 8.5f);
        ok &= hlt_mix(mix_quiet, id + i) == want;
        long sum = 0;
        int v[3] = { id, i, 1 };
        hlt_each(v, 3, sum_into, &sum);
        ok &= sum == id + i + 1;
        ok &= hlt_recurse(descend, 3) == 4;
    }
    return (void *)(intptr_t)ok;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1 && strcmp(argv[1], "thread") == 0) {
        printf("from a library thread: %d\n", hlt_from_thread(triple, 5));
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "which") == 0) {
        struct build_id_query q;
        printf("hlt_mix from build id %s\n", build_id_of((const void *)hlt_mix, &q));
        return 0;
    }
    printf("8 int + 8 fp arguments: %.6f\n", hlt_mix(mix, 11));

    float v[] = { 1.5f, 2.25f, -4.0f, 10.0f };
    printf("float callback: %.4f\n", (double)hlt_fold(add_halves, v, 4));

    int ints[] = { 5, 6, 7, -100 };
    long sum = 0;
    hlt_each(ints, 4, sum_into, &sum);
    printf("void callback with context: %ld\n", sum);

    char tag = 'z';
    char *p = hlt_alloc_via(alloc_tagged, &tag, 8);
    printf("pointer result: %.8s\n", p);
    free(p);

    printf("nested 10 deep: %ld\n", hlt_recurse(descend, 9));

    hlt_register(triple);
    printf("stored callback, fired later: %d %d\n", hlt_fire(7), hlt_fire(-2));

    struct hlt_ops ops = { minus, 100 };
    printf("callback in a struct: %d, field afterwards %s\n", hlt_apply(&ops, 50, 8),
           ops.combine == minus ? "unchanged" : "changed");

    hlt_binop_fn adder = hlt_host_adder();
    struct hlt_ops host_ops = { adder, 1 };
    printf("library function called by the guest: %d; handed back: %d\n", adder(20, 22),
           hlt_apply(&host_ops, 2, 3));

    pthread_t t[8];
    for (intptr_t i = 0; i < 8; i++) {
        pthread_create(&t[i], NULL, worker, (void *)i);
    }
    int all = 1;
    for (int i = 0; i < 8; i++) {
        void *ok;
        pthread_join(t[i], &ok);
        all &= (int)(intptr_t)ok;
    }
    printf("8 threads at once: %s\n", all ? "all right" : "WRONG");
    return 0;
}
