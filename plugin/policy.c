// SPDX-License-Identifier: GPL-2.0-or-later
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include "libs/generated.h"
#include "log.h"
#include "policy.h"

/* Calls with fewer callbacks are a wash either way and are not judged. */
#define MIN_CALLBACKS 8
/* Host calls a stateless function leaves to the guest after a switch, then doubling. */
#define FIRST_TURNS 16
#define MAX_TURNS (1u << 16)

struct policy_fn {
    uint32_t calls;             /* seen by policy_watches (racy: a rough count will do) */
    bool on_guest;              /* switched to the genuine guest library */
    uint32_t turns;             /* the turns last given */
    uint64_t judged;            /* calls judged */
    uint64_t callbacks, host_ns;    /* over the judged calls */
    uint64_t given_up;          /* calls given up mid-way */
    uint64_t to_guest, to_host; /* switches */
    unsigned not_bound;         /* probes in a row that were clearly not callback-bound */
    char why[160];              /* the last switch */
};

struct policy_lib {
    const struct hostlink_lib *lib;
    uint64_t turns;             /* guest uint32_t[n_fns] */
    GMutex lock;
    struct policy_fn fns[];
};

/* The quickest round trip seen in this process: the bridge's own cost. */
static uint64_t round_trip_ns = UINT64_MAX;

struct verdict {
    bool judged;
    bool bound;                 /* callback-bound: host per callback < 2/5 round trip */
    bool clearly_not;           /* host per callback > 4/5 round trip */
    uint64_t host_ns, host_per_cb, round_trip;
};

/*
 * Emulated, host work costs k times its host time, passed through one
 * round trip more per callback: emulation wins when host * (k - 1) < round
 * trip. k = 3.5, the break-even measured with Debian's xmlwf on an x86_64
 * guest (tiny elements: host 144 ns, round trip 370 ns per callback, both
 * ways as fast); other guests emulate slower, so it errs towards emulation.
 */
static bool bound(uint64_t host_per_cb, uint64_t round_trip)
{
    return host_per_cb * 5 < round_trip * 2;
}

static struct verdict judge(const struct bridge_cost *c)
{
    struct verdict v = { 0 };
    uint64_t rt = __atomic_load_n(&round_trip_ns, __ATOMIC_RELAXED);

    while (c->callbacks && c->away_min_ns < rt &&
           !__atomic_compare_exchange_n(&round_trip_ns, &rt, c->away_min_ns, false,
                                        __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
    }
    rt = __atomic_load_n(&round_trip_ns, __ATOMIC_RELAXED);
    if (c->callbacks < MIN_CALLBACKS || rt == UINT64_MAX) {
        return v;
    }
    v.judged = true;
    v.round_trip = rt;
    if (c->long_segments * 2 > c->host_segments || !c->host_segments) {
        v.clearly_not = true;   /* mostly long host work: not a preempted call */
        v.host_per_cb = BRIDGE_LONG_NS;
        v.host_ns = (c->host_segments + c->long_segments) * BRIDGE_LONG_NS;
        return v;
    }
    v.host_per_cb = c->host_ns / c->host_segments;
    v.host_ns = v.host_per_cb * c->callbacks;
    v.bound = bound(v.host_per_cb, rt);
    v.clearly_not = v.host_per_cb * 5 > rt * 4;
    return v;
}

struct policy_lib *policy_lib_new(const struct hostlink_lib *lib, uint64_t turns)
{
    struct policy_lib *p = g_malloc0(sizeof(*p) + lib->n_fns * sizeof(p->fns[0]));
    p->lib = lib;
    p->turns = turns;
    g_mutex_init(&p->lock);
    return p;
}

void policy_lib_free(struct policy_lib *p)
{
    g_mutex_clear(&p->lock);
    g_free(p);
}

/* The next @n calls of @fn run in the guest (guest addresses are host addresses). */
static void give_turns(struct policy_lib *p, unsigned fn, uint32_t n)
{
    __atomic_store_n((uint32_t *)(uintptr_t)p->turns + fn, n, __ATOMIC_RELAXED);
}

static void describe(char *why, size_t len, const char *what, uint64_t callbacks,
                     const struct verdict *v)
{
    snprintf(why, len, "%s: %" PRIu64 " callbacks timed, host %" PRIu64 " ns per callback, "
             "round trip %" PRIu64 " ns", what, callbacks, v->host_per_cb, v->round_trip);
}

/* Under p->lock: @fn is callback-bound; to the guest, or longer there if it was. */
static void to_guest(struct policy_lib *p, unsigned fn, uint64_t callbacks, const struct verdict *v,
                     bool mid_call)
{
    struct policy_fn *f = &p->fns[fn];

    f->not_bound = 0;
    if (f->on_guest) {
        f->turns = f->turns < MAX_TURNS ? f->turns * 2 : MAX_TURNS;
    } else {
        __atomic_store_n(&f->on_guest, true, __ATOMIC_RELAXED);
        f->turns = FIRST_TURNS;
        f->to_guest++;
        describe(f->why, sizeof(f->why), "callback-bound", callbacks, v);
        hl_log("policy: %s %s runs in the guest library, %s (%s)", p->lib->name,
               p->lib->fns[fn].name, mid_call ? "this call given up and rerun there" :
               "from the next call", f->why);
    }
    give_turns(p, fn, f->turns);
}

bool policy_watches(struct policy_lib *p, unsigned fn)
{
    struct policy_fn *f = &p->fns[fn];
    uint32_t n = __atomic_load_n(&f->calls, __ATOMIC_RELAXED);

    __atomic_store_n(&f->calls, n + 1, __ATOMIC_RELAXED);
    return n < 16 || n % 16 == 0 || __atomic_load_n(&f->on_guest, __ATOMIC_RELAXED);
}

bool policy_watch(struct policy_lib *p, unsigned fn, const struct bridge_cost *cost, bool done)
{
    struct verdict v = judge(cost);
    bool stateless = p->lib->fns[fn].stateless && p->turns;
    bool give_up = false;
    struct policy_fn *f = &p->fns[fn];

    if (!v.judged || (!done && !(stateless && v.bound))) {
        return false;
    }
    g_mutex_lock(&p->lock);
    if (!done) {
        f->given_up++;
        to_guest(p, fn, cost->callbacks, &v, true);
        give_up = true;
    } else {
        f->judged++;
        f->callbacks += cost->callbacks;
        f->host_ns += v.host_ns;
        if (stateless && v.bound) {
            to_guest(p, fn, cost->callbacks, &v, false);
        } else if (stateless && f->on_guest && v.clearly_not && ++f->not_bound < 2) {
            /* The next call probes again: a preempted call looks host-bound too. */
        } else if (stateless && f->on_guest && v.clearly_not) {
            __atomic_store_n(&f->on_guest, false, __ATOMIC_RELAXED);
            f->not_bound = 0;
            f->to_host++;
            describe(f->why, sizeof(f->why), "no longer callback-bound", cost->callbacks, &v);
            hl_log("policy: %s %s is back on the host (%s)", p->lib->name, p->lib->fns[fn].name,
                   f->why);
        } else if (stateless && f->on_guest) {
            f->not_bound = 0;
            give_turns(p, fn, f->turns);    /* no clear answer: as before */
        }
    }
    g_mutex_unlock(&p->lock);
    return give_up;
}

bool policy_lib_callback_bound(struct policy_lib *p, char *why, size_t len)
{
    struct verdict v = { .round_trip = __atomic_load_n(&round_trip_ns, __ATOMIC_RELAXED) };
    uint64_t callbacks = 0, host_ns = 0;

    g_mutex_lock(&p->lock);
    for (unsigned i = 0; i < p->lib->n_fns; i++) {
        if (!p->lib->fns[i].stateless) {
            callbacks += p->fns[i].callbacks;
            host_ns += p->fns[i].host_ns;
        }
    }
    g_mutex_unlock(&p->lock);
    if (callbacks < 8 * MIN_CALLBACKS || v.round_trip == UINT64_MAX) {
        return false;
    }
    v.host_per_cb = host_ns / callbacks;
    describe(why, len, "callback-bound", callbacks, &v);
    return bound(v.host_per_cb, v.round_trip);
}

/* Calls @emit for each function the policy judged, under the lock. */
static void each_judged(struct policy_lib *p, void (*emit)(GString *, const struct policy_lib *,
                                                           unsigned, const void *),
                        GString *out, const void *ctx)
{
    g_mutex_lock(&p->lock);
    for (unsigned i = 0; i < p->lib->n_fns; i++) {
        if (p->fns[i].judged || p->fns[i].given_up) {
            emit(out, p, i, ctx);
        }
    }
    g_mutex_unlock(&p->lock);
}

static uint64_t host_per_callback(const struct policy_fn *f)
{
    return f->callbacks ? f->host_ns / f->callbacks : 0;
}

static void table_line(GString *out, const struct policy_lib *p, unsigned i, const void *unused)
{
    const struct policy_fn *f = &p->fns[i];
    (void)unused;
    g_string_append_printf(out, "hostlink stats: policy %-10s %-20s %-5s judged %" PRIu64
                           " (host %" PRIu64 " ns per callback), given up %" PRIu64 ", to guest %"
                           PRIu64 ", back %" PRIu64 "%s%s%s\n", p->lib->name, p->lib->fns[i].name,
                           f->on_guest ? "guest" : "host", f->judged, host_per_callback(f),
                           f->given_up, f->to_guest, f->to_host, *f->why ? " (" : "", f->why,
                           *f->why ? ")" : "");
}

struct record_ctx {
    int pid;
    const char *arch;
};

static void record(GString *out, const struct policy_lib *p, unsigned i, const void *ctx)
{
    const struct record_ctx *r = ctx;
    const struct policy_fn *f = &p->fns[i];
    g_string_append_printf(out, "policy\t%d\t%s\t%s\t%s\t%s\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64
                           "\t%" PRIu64 "\t%s\n", r->pid, r->arch, p->lib->name, p->lib->fns[i].name,
                           f->on_guest ? "guest" : "host", f->judged, f->given_up, f->to_guest,
                           f->to_host, f->why);
}

void policy_table(GString *out, struct policy_lib *p)
{
    char why[200];

    each_judged(p, table_line, out, NULL);
    if (policy_lib_callback_bound(p, why, sizeof(why))) {
        g_string_append_printf(out, "hostlink stats: policy %-10s callback-bound (%s): a profile "
                               "emulates it next run\n", p->lib->name, why);
    }
}

void policy_records(GString *out, int pid, const char *arch, struct policy_lib *p)
{
    struct record_ctx r = { pid, arch };
    char why[200];

    each_judged(p, record, out, &r);
    if (policy_lib_callback_bound(p, why, sizeof(why))) {
        g_string_append_printf(out, "policy\t%d\t%s\t%s\t*\tcallback-bound\t%s\n", pid, arch,
                               p->lib->name, why);
    }
}
