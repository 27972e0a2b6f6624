// SPDX-License-Identifier: GPL-2.0-or-later
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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

long hlt_work(hlt_event_fn f, int n, int work)
{
    long sum = 0;
    for (int i = 0; i < n; i++) {
        unsigned x = (unsigned)i;
        for (int k = 0; k < work; k++) {
            x = x * 1103515245u + 12345u;
            __asm__ volatile("" : "+r"(x));     /* the work is not optimised away */
        }
        sum += f(i) + (long)(x & 1);
    }
    return sum;
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

/* ---- callbacks from threads the library makes (tests/callbacks/hostthreads.sh) ---- */

struct spinner {
    pthread_t thread;
    int kind, t, n;
    hlt_int_fn fi;
    hlt_real_fn fr;
    hlt_ptr_fn fp;
    const char *base;
    long ints;
    double reals;
    unsigned long ptrs;
};

static void *spin(void *p)
{
    struct spinner *s = p;
    for (long i = 0; i < s->n; i++) {
        if (s->kind == 0) {
            s->ints += s->fi(s->t, i);
        } else if (s->kind == 1) {
            s->reals += s->fr(i + s->t / 8.0, s->t);
        } else {
            s->ptrs += (unsigned long)(s->fp(s->base, s->t * s->n + i) - s->base);
        }
    }
    return NULL;
}

int hlt_spin(hlt_int_fn fi, hlt_real_fn fr, hlt_ptr_fn fp, const char *base, int per_kind, int n,
             struct hlt_spin_sums *out)
{
    struct spinner s[3 * 8];
    int started = 0;

    if (per_kind < 1 || per_kind > 8 || n < 0 || n > HLT_MAX_CALLS || !fi || !fr || !fp) {
        return 0;
    }
    for (int k = 0; k < 3; k++) {
        for (int t = 0; t < per_kind; t++) {
            s[started] = (struct spinner){ .kind = k, .t = t, .n = n, .fi = fi, .fr = fr,
                                           .fp = fp, .base = base };
            if (pthread_create(&s[started].thread, NULL, spin, &s[started]) != 0) {
                break;
            }
            started++;
        }
    }
    for (int i = 0; i < started; i++) {
        pthread_join(s[i].thread, NULL);
        if (s[i].kind == 0) {
            out->ints[s[i].t] = s[i].ints;
        } else if (s[i].kind == 1) {
            out->reals[s[i].t] = s[i].reals;
        } else {
            out->ptrs[s[i].t] = s[i].ptrs;
        }
    }
    return started == 3 * per_kind ? started : 0;
}

struct loop { hlt_int_fn fi; long n, sum; };

static void *loop(void *p)
{
    struct loop *l = p;
    for (long i = 0; i < l->n; i++) {
        l->sum += l->fi(0, i);
    }
    return NULL;
}

long hlt_thread_loop(hlt_int_fn fi, long n)
{
    struct loop l = { fi, n, 0 };
    pthread_t t;
    if (!fi || n < 0 || n > HLT_MAX_CALLS || pthread_create(&t, NULL, loop, &l) != 0) {
        return -1;
    }
    pthread_join(t, NULL);
    return l.sum;
}

static struct {
    pthread_t thread;
    hlt_event_fn f;
    int period_us, calls;
    bool running, stop;
} ticker;
static pthread_mutex_t ticker_lock = PTHREAD_MUTEX_INITIALIZER;

static void *tick(void *unused)
{
    (void)unused;
    struct timespec period = { ticker.period_us / 1000000, ticker.period_us % 1000000 * 1000L };
    for (int i = 0;; i++) {
        pthread_mutex_lock(&ticker_lock);
        bool stop = ticker.stop;
        pthread_mutex_unlock(&ticker_lock);
        if (stop) {
            return NULL;
        }
        ticker.f(i);
        pthread_mutex_lock(&ticker_lock);
        ticker.calls++;
        pthread_mutex_unlock(&ticker_lock);
        nanosleep(&period, NULL);
    }
}

int hlt_ticker_start(hlt_event_fn f, int period_us)
{
    if (ticker.running || !f || period_us < 0 || period_us > 1000000) {
        return -1;
    }
    ticker.f = f;
    ticker.period_us = period_us;
    ticker.calls = 0;
    ticker.stop = false;
    if (pthread_create(&ticker.thread, NULL, tick, NULL) != 0) {
        return -1;
    }
    ticker.running = true;
    return 0;
}

int hlt_ticker_stop(void)
{
    if (!ticker.running) {
        return -1;
    }
    pthread_mutex_lock(&ticker_lock);
    ticker.stop = true;
    pthread_mutex_unlock(&ticker_lock);
    pthread_join(ticker.thread, NULL);
    ticker.running = false;
    return ticker.calls;
}

/* ---- types by value ---- */

struct hlt_mixed hlt_mixed_scale(struct hlt_mixed m, int k)
{
    return (struct hlt_mixed){ m.d * k, m.i * k };
}

struct hlt_big hlt_big_make(long a, double b, const char *name)
{
    struct hlt_big r = { a, b, "", (short)-a };
    strncpy(r.name, name, sizeof(r.name) - 1);
    return r;
}

double hlt_big_sum(struct hlt_big x, struct hlt_vec2 v, struct hlt_big y)
{
    return (double)(x.a + y.a) + x.b + y.b + v.x + v.y + x.s + y.s + x.name[0] + y.name[0];
}

struct hlt_vec2 hlt_vec2_swap(struct hlt_vec2 v)
{
    return (struct hlt_vec2){ v.y, v.x };
}

union hlt_bits hlt_bits_flip(union hlt_bits b)
{
    b.u ^= 1ull << 63;
    return b;
}

struct hlt_flags hlt_flags_bump(struct hlt_flags f)
{
    f.ready = !f.ready;
    f.level = f.level - 1;
    f.code = f.code + 100;
    return f;
}

struct hlt_mixed hlt_fold_struct(hlt_mixed_fn f, int n)
{
    struct hlt_mixed acc = { 0.5, 1 };
    struct hlt_big b = { 1000, 0.25, "fold", 7 };
    for (int k = 0; k < n; k++) {
        acc = f(acc, b, k);
        b.a += acc.i;
    }
    return acc;
}

struct hlt_big hlt_make_via(hlt_big_fn f, struct hlt_vec2 v)
{
    struct hlt_big r = f(v, 3);
    r.s += 1;
    return r;
}

static struct hlt_mixed host_mixer(struct hlt_mixed m, struct hlt_big b, int k)
{
    return (struct hlt_mixed){ m.d + b.b * k, m.i + (int)b.a + b.s + b.name[1] };
}

hlt_mixed_fn hlt_host_mixer(void)
{
    return host_mixer;
}

char hlt_char_xor(char c, char k)
{
    return (char)(c ^ k);
}

unsigned hlt_char_bits(char c)
{
    return (unsigned char)c;
}

unsigned long hlt_char_map(hlt_char_fn f)
{
    unsigned long sum = 0;
    for (unsigned i = 0; i < 256; i++) {
        sum += (unsigned long)(unsigned char)f((char)i) * (i + 1);
    }
    return sum;
}

int hlt_call9(hlt_nine_fn f, void *user)
{
    return f(user, "element", -9, "attr", 1L << 40, -2.5, (char)0xe9, 4000000000u, 0.75f);
}

long hlt_call16i(hlt_sixteen_fn f, long seed)
{
    return f((int)seed, 1.5, -2 * seed, (char)0xf0, 4, -5, 6000000000L, -0.25, 7, 250, 8, 1e6, -9,
             10, 3.5, seed * 11);
}

double hlt_call16d(hlt_sixteen_fp_fn f, double seed)
{
    return f(seed, -1, 2.5, -3.25, 4.5f, 5e-3, -6000000000L, 7.0, 8.125, -9.5f, 10.0, 11, 12.5, -13,
             1e10, 15);
}

void hlt_stamp(char out[29], int day)
{
    snprintf(out, 29, "%02d Jan 2026 12:34:56 +0000", day);
}

double hlt_trace(const double m[3][3])
{
    return m[0][0] + m[1][1] + m[2][2];
}

int hlt_sum_n(int n, const int v[n])
{
    int s = 0;
    for (int i = 0; i < n; i++) {
        s += v[i];
    }
    return s;
}

int hlt_dispose(void *p, hlt_free_fn f)
{
    if (f == HLT_STATIC) return 0;
    if (f == HLT_IGNORE) return 1;
    if (f == HLT_TRANSIENT) return 2;
    f(p);
    return 3;
}

hlt_free_fn hlt_sentinel(int which)
{
    return which == 2 ? HLT_TRANSIENT : which == 1 ? HLT_IGNORE : HLT_STATIC;
}

int hlt_stream_run(struct hlt_stream *s)
{
    if (!s->allocator) {
        return -1;
    }
    char *p = s->allocator->alloc(s->allocator->ctx, (size_t)s->value);
    memset(p, 'a', (size_t)s->value);
    return p[0];
}

/* ---- variadic functions ---------------------------------------------------- */

int hlt_vformat(char *buf, size_t len, const char *fmt, va_list ap)
{
    return vsnprintf(buf, len, fmt, ap);
}

int hlt_format(char *buf, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, len, fmt, ap);
    va_end(ap);
    return n;
}

int hlt_format_scaled(double scale, char *buf, size_t len, const char *fmt, ...)
{
    va_list ap;
    int head = snprintf(buf, len, "scale=%g: ", scale);
    va_start(ap, fmt);
    int n = vsnprintf(buf + head, len - (size_t)head, fmt, ap);
    va_end(ap);
    return head + n;
}

int hlt_format_tagged(char *buf, size_t len, const char *fmt, ...)
{
    char plain[512];
    size_t o = 0;
    va_list ap;

    /* %T becomes [%s]; the flag ! is dropped. */
    for (const char *p = fmt; *p && o + 5 < sizeof(plain); p++) {
        if (p[0] == '%' && p[1] == '!') {
            plain[o++] = *p++;
        } else if (p[0] == '%' && p[1] == 'T') {
            memcpy(plain + o, "[%s]", 4);
            o += 4;
            p++;
        } else {
            plain[o++] = *p;
        }
    }
    plain[o] = '\0';
    va_start(ap, fmt);
    int n = vsnprintf(buf, len, plain, ap);
    va_end(ap);
    return n;
}

static char last_text[256];

void hlt_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_text, sizeof(last_text), fmt, ap);
    va_end(ap);
}

const char *hlt_last_text(void)
{
    return last_text;
}

static int join(char *buf, size_t len, int num, va_list ap)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; num < 0 || i < num; i++) {
        const char *s = va_arg(ap, const char *);
        if (!s) {
            break;
        }
        o += (size_t)snprintf(buf + o, o < len ? len - o : 0, "%s%s", i ? "+" : "", s);
    }
    return (int)o;
}

int hlt_join(char *buf, size_t len, int num, ...)
{
    va_list ap;
    va_start(ap, num);
    int n = join(buf, len, num, ap);
    va_end(ap);
    return n;
}

int hlt_join_null(char *buf, size_t len, ...)
{
    va_list ap;
    va_start(ap, len);
    int n = join(buf, len, -1, ap);
    va_end(ap);
    return n;
}

double hlt_sum_doubles(int n, ...)
{
    va_list ap;
    double sum = 0;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        sum += va_arg(ap, double) * (i + 1);
    }
    va_end(ap);
    return sum;
}

static hlt_log_fn log_fn;
static void *log_ctx;

int hlt_config(int op, ...)
{
    va_list ap;
    int r = -2;     /* an unknown option, as SQLITE_ERROR */
    va_start(ap, op);
    if (op == HLT_CONFIG_NONE) {
        r = 100;
    } else if (op == HLT_CONFIG_INT) {
        r = va_arg(ap, int);
    } else if (op == HLT_CONFIG_PAIR) {
        long long a = va_arg(ap, long long);
        r = (int)(a + (long long)va_arg(ap, double));
    } else if (op == HLT_CONFIG_LOG) {
        log_fn = va_arg(ap, hlt_log_fn);
        log_ctx = va_arg(ap, void *);
        r = hlt_log(op, "log installed");
    } else if (op >= HLT_CONFIG_GET_FIRST && op <= HLT_CONFIG_GET_LAST) {
        int v = va_arg(ap, int);
        *va_arg(ap, int *) = op * v;
        r = 0;
    } else if (op == HLT_CONFIG_SHORT) {
        int s = va_arg(ap, int);
        r = s + (int)(va_arg(ap, double) * 10);
    }
    va_end(ap);
    return r;
}

int hlt_log(int code, const char *msg)
{
    if (!log_fn) {
        return 0;
    }
    log_fn(log_ctx, code, msg);
    return 1;
}

/* ---- exported data ------------------------------------------------------------ */

#ifdef HOSTLINK_HOST_BUILD
const char hlt_version[8] = "hlt 2.0";
#else
const char hlt_version[8] = "hlt 1.0";
#endif
int hlt_counter = 7;

void hlt_version_copy(char *out)
{
    memcpy(out, hlt_version, sizeof(hlt_version));
}

static struct hlt_allocator kept;

void hlt_keep_allocator(struct hlt_allocator a)
{
    kept = a;
}

char *hlt_alloc_kept(size_t n)
{
    char *p = kept.alloc(kept.ctx, n);
    p[n - 1] = '\0';
    return p;
}
