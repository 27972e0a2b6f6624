/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libhlt.so: a test library whose functions take callbacks of every kind
 * hostlink supports. Built for the host and for each guest; its thunk is
 * generated from libs/hlt.hl.
 */
#ifndef HLT_H
#define HLT_H

#include <stdarg.h>
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
 * Stateless (libs/hlt.hl): sums f(0) ... f(n - 1), doing @work rounds of
 * arithmetic of its own before each call; the call policy's tests pick how
 * callback-bound it is.
 */
long hlt_work(hlt_event_fn f, int n, int work);

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

/* ---- types by value (tests/callbacks/types.sh) ---- */

/* In registers, integer and floating point mixed (x86_64: xmm0 + rax; riscv64: fa0 + a0). */
struct hlt_mixed { double d; int i; };
/* Over 16 bytes: in memory, a result through a hidden pointer. */
struct hlt_big { long a; double b; char name[16]; short s; };
/* Two floats: one vector register on x86_64, a floating-point pair on aarch64. */
struct hlt_vec2 { float x, y; };
union hlt_bits { double d; unsigned long long u; };
struct hlt_flags { unsigned ready : 1; int level : 4; unsigned code : 11; };

struct hlt_mixed hlt_mixed_scale(struct hlt_mixed m, int k);
struct hlt_big hlt_big_make(long a, double b, const char *name);
double hlt_big_sum(struct hlt_big x, struct hlt_vec2 v, struct hlt_big y);
struct hlt_vec2 hlt_vec2_swap(struct hlt_vec2 v);
union hlt_bits hlt_bits_flip(union hlt_bits b);
struct hlt_flags hlt_flags_bump(struct hlt_flags f);

/* Callbacks taking and returning structs by value. */
typedef struct hlt_mixed (*hlt_mixed_fn)(struct hlt_mixed m, struct hlt_big b, int k);
struct hlt_mixed hlt_fold_struct(hlt_mixed_fn f, int n);
typedef struct hlt_big (*hlt_big_fn)(struct hlt_vec2 v, long n);
struct hlt_big hlt_make_via(hlt_big_fn f, struct hlt_vec2 v);
/* A library function with struct arguments and result, handed to the guest. */
hlt_mixed_fn hlt_host_mixer(void);

/* Plain char by value: its 8 bits, whatever its signedness. */
char hlt_char_xor(char c, char k);
unsigned hlt_char_bits(char c);
typedef char (*hlt_char_fn)(char c);
/* Sum over all 256 chars c of (unsigned char)f(c) * (c as unsigned char + 1). */
unsigned long hlt_char_map(hlt_char_fn f);

/* Callbacks with 9 and 16 arguments, some on the stack on every guest. */
typedef int (*hlt_nine_fn)(void *user, const char *name, int a, const char *b, long c, double d,
                           char e, unsigned f, float g);
int hlt_call9(hlt_nine_fn f, void *user);
/* 12 integer and 4 floating-point arguments. */
typedef long (*hlt_sixteen_fn)(int a1, double d1, long a2, char a3, long a4, short a5, long a6,
                               double d2, long a7, unsigned char a8, long a9, double d3, long a10,
                               long a11, double d4, long a12);
long hlt_call16i(hlt_sixteen_fn f, long seed);
/* 11 floating-point and 5 integer arguments. */
typedef double (*hlt_sixteen_fp_fn)(double d1, int a1, double d2, double d3, float f4, double d5,
                                    long a2, double d6, double d7, float f8, double d9, int a3,
                                    double d10, long a4, double d11, int a5);
double hlt_call16d(hlt_sixteen_fp_fn f, double seed);

/* Arrays as parameters: pointers (libpng's png_convert_to_rfc1123_buffer(char[29], ...)). */
void hlt_stamp(char out[29], int day);
double hlt_trace(const double m[3][3]);
int hlt_sum_n(int n, const int v[n]);

/* Function-pointer sentinels (SQLite's SQLITE_TRANSIENT): values, not functions. */
typedef void (*hlt_free_fn)(void *p);
#define HLT_STATIC ((hlt_free_fn)0)
#define HLT_IGNORE ((hlt_free_fn)1)
#define HLT_TRANSIENT ((hlt_free_fn)-1)
/* 0 for HLT_STATIC, 1 HLT_IGNORE, 2 HLT_TRANSIENT; else calls f(p) and returns 3. */
int hlt_dispose(void *p, hlt_free_fn f);
/* HLT_TRANSIENT, HLT_IGNORE or HLT_STATIC, by @which (2, 1, 0). */
hlt_free_fn hlt_sentinel(int which);

/* A callback in a struct reached through a pointer field (liblzma's lzma_allocator). */
struct hlt_allocator { hlt_alloc_fn alloc; void *ctx; };
struct hlt_stream { int value; struct hlt_allocator *allocator; };
/* Allocates value bytes through s->allocator (if any), fills them with 'a', returns the first. */
int hlt_stream_run(struct hlt_stream *s);
/* A callback in a struct passed by value, kept by the library (zstd's ZSTD_customMem). */
void hlt_keep_allocator(struct hlt_allocator a);
/* n bytes from the kept allocator, the last one set to 0. */
char *hlt_alloc_kept(size_t n);

/* ---- variadic functions (libs/hlt.hl printf keys; issue 10) ---------------- */
/* As snprintf. */
int hlt_format(char *buf, size_t len, const char *fmt, ...);
/* As vsnprintf. */
int hlt_vformat(char *buf, size_t len, const char *fmt, va_list ap);
/* A double among the fixed arguments: printed as "scale=%g: " before the rest. */
int hlt_format_scaled(double scale, char *buf, size_t len, const char *fmt, ...);
/* This library's own conversion %T, a string in brackets, and its flag '!' (ignored). */
int hlt_format_tagged(char *buf, size_t len, const char *fmt, ...);
/* No result: the text goes to a buffer hlt_last_text() returns. */
void hlt_note(const char *fmt, ...);
const char *hlt_last_text(void);
/* Lists (libs/hlt.hl list keys): num strings joined with '+'; strings up to a NULL; n doubles summed. */
int hlt_join(char *buf, size_t len, int num, ...);
int hlt_join_null(char *buf, size_t len, ...);
double hlt_sum_doubles(int n, ...);

/* Option-typed (sqlite3_config-like; libs/hlt.hl varargs key): what follows op depends on it. */
#define HLT_CONFIG_NONE 0       /* nothing: returns 100 */
#define HLT_CONFIG_INT 1        /* int: returns it */
#define HLT_CONFIG_PAIR 2       /* long long, double: returns their sum, truncated */
#define HLT_CONFIG_LOG 3        /* void (*)(void *, int, const char *), void *: stores it, logs once */
#define HLT_CONFIG_GET_FIRST 10 /* 10..12: int value, int *out: *out = op * value, returns 0 */
#define HLT_CONFIG_GET_LAST 12
#define HLT_CONFIG_SHORT 13     /* short, float: returns short + (int)(float * 10) */
typedef void (*hlt_log_fn)(void *ctx, int code, const char *msg);
int hlt_config(int op, ...);
/* Calls the stored log callback with (ctx, code, msg); 1 if there was one. */
int hlt_log(int code, const char *msg);

/* ---- exported data (libs/hlt.hl; issue 10) ----------------------------------- */
/* Constant: "hlt 2.0" in the host's build, "hlt 1.0" in the guests'. */
extern const char hlt_version[8];
/* hlt_version as the library itself sees it, copied to @out (8 bytes). */
void hlt_version_copy(char *out);
/* A variable shared with the program: refused by the generator, excluded in libs/hlt.hl. */
extern int hlt_counter;

#endif
