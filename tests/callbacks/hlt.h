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
 * Memory of the library's own handed to the guest (tests/hostmem): guest
 * syscalls on it must work as natively.
 */
#define HLT_MEM_AREA_SIZE 16384
/* A string in the library's read-only data. */
const char *hlt_mem_text(void);
/* HLT_MEM_AREA_SIZE bytes of the library's writable static data, 4096-aligned. */
char *hlt_mem_area(void);
/*
 * @n bytes (at most 1 MiB, 16 blocks at a time, else NULL) of the
 * library's heap, byte i set to (i * 7 + 3) & 0xff.
 */
char *hlt_mem_heap(size_t n);
/* Frees a block of hlt_mem_heap; any other pointer is ignored. */
void hlt_mem_free(char *p);
/* A checksum of @n bytes at @p, computed by the library. */
unsigned long hlt_mem_sum(const char *p, size_t n);

#endif
