// SPDX-License-Identifier: GPL-2.0-or-later
#include <pthread.h>
#include <stdlib.h>
#include "hlt.h"

double hlt_mix(hlt_mix_fn f, int seed)
{
    return f(seed, seed * 0.5, -7L * seed, 1.25f, (short)-3, 1e10, 4000000000u, -2.5f,
             -123456789012LL, 3.75, (void *)(size_t)0x1234, 0.125f, 200, -1e-3, seed + 1, 8.5f);
}

float hlt_fold(hlt_fold_fn f, const float *v, int n)
{
    float acc = 0;
    for (int i = 0; i < n; i++) {
        acc = f(acc, v[i]);
    }
    return acc;
}

void hlt_each(const int *v, int n, hlt_visit_fn f, void *ctx)
{
    for (int i = 0; i < n; i++) {
        f(ctx, v[i]);
    }
}

void *hlt_alloc_via(hlt_alloc_fn f, void *ctx, size_t n)
{
    return f(ctx, n);
}

long hlt_recurse(hlt_depth_fn f, long depth)
{
    return 1 + f(depth);
}

static hlt_event_fn registered;

void hlt_register(hlt_event_fn f)
{
    registered = f;
}

int hlt_fire(int value)
{
    return registered ? registered(value) : -1;
}

struct job { hlt_event_fn f; int value, result; };

static void *run_job(void *p)
{
    struct job *j = p;
    j->result = j->f(j->value);
    return NULL;
}

int hlt_from_thread(hlt_event_fn f, int value)
{
    struct job j = { f, value, -1 };
    pthread_t t;
    if (pthread_create(&t, NULL, run_job, &j) != 0) {
        return -1;
    }
    pthread_join(t, NULL);
    return j.result;
}

int hlt_apply(struct hlt_ops *ops, int a, int b)
{
    return ops->combine(a, b) + ops->bias;
}

static int add(int a, int b)
{
    return a + b;
}

hlt_binop_fn hlt_host_adder(void)
{
    return add;
}

const char *hlt_mem_text(void)
{
    return "text from the library's read-only data\n";
}

static char area[HLT_MEM_AREA_SIZE] __attribute__((aligned(4096)));

char *hlt_mem_area(void)
{
    return area;
}

/*
 * Blocks hlt_mem_heap handed out: hlt_mem_free frees only those, and sizes are
 * bounded, so the fuzz test's garbage arguments get NULL or nothing done.
 */
#define HEAP_BLOCKS 16
#define HEAP_MAX (1u << 20)
static char *blocks[HEAP_BLOCKS];
static pthread_mutex_t blocks_lock = PTHREAD_MUTEX_INITIALIZER;

char *hlt_mem_heap(size_t n)
{
    char *p = n <= HEAP_MAX ? malloc(n ? n : 1) : NULL;
    int slot = -1;

    pthread_mutex_lock(&blocks_lock);
    for (int i = 0; p && slot < 0 && i < HEAP_BLOCKS; i++) {
        if (!blocks[i]) {
            blocks[slot = i] = p;
        }
    }
    pthread_mutex_unlock(&blocks_lock);
    if (slot < 0) {
        free(p);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        p[i] = (char)((i * 7 + 3) & 0xff);
    }
    return p;
}

void hlt_mem_free(char *p)
{
    pthread_mutex_lock(&blocks_lock);
    for (int i = 0; p && i < HEAP_BLOCKS; i++) {
        if (blocks[i] == p) {
            blocks[i] = NULL;
            free(p);
        }
    }
    pthread_mutex_unlock(&blocks_lock);
}

unsigned long hlt_mem_sum(const char *p, size_t n)
{
    unsigned long sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum = sum * 31 + (unsigned char)p[i];
    }
    return sum;
}
