// SPDX-License-Identifier: GPL-2.0-or-later
#include <pthread.h>
#include <stdbool.h>
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
