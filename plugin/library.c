// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Generated libraries at run time: opening one for a guest thunk (loading
 * and binding the host library) and calling its functions by id through
 * the bridge, with optional per-function statistics.
 */
#include <dlfcn.h>
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include "bridge.h"
#include "clock.h"
#include "fault.h"
#include "file_crossing.h"
#include "guest_mem.h"
#include "loader.h"
#include "libs/generated.h"
#include "log.h"
#include "policy.h"
#include "service.h"
#include "stats.h"
#include "unwind.h"
#include "unit.h"
#include <qemu-plugin.h>

struct lib_state {
    void *handle;
    struct policy_lib *policy;
    struct service *service;    /* runs callbacks from the host library's own threads */

    /* The thunk's guest stubs for host function pointers, per signature. */
    unsigned per_sig;
    uint64_t host_fns;          /* guest table the stubs read their host function from */
    uint64_t *stub_addrs;       /* [sig * per_sig + i] */
    void **bound;               /* host function each stub stands for, or NULL */
    GMutex stubs_lock;
};

static GMutex open_lock;
static bool policy_on;
static const char *host_lib_dir;

void library_init(const char *dir, bool policy)
{
    host_lib_dir = dir;
    policy_on = policy;
}

static unsigned n_libs(void)
{
    static unsigned n;
    if (!n) {
        while (hostlink_libs[n]) {
            n++;
        }
    }
    return n;
}

/* Loads the host library and binds every function; false with a log line. */
static bool bind(struct hostlink_lib *lib, void **handle)
{
    void *h = NULL;
    if (host_lib_dir) {
        g_autofree char *path = g_build_filename(host_lib_dir, lib->host, NULL);
        h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    }
    if (!h) {
        h = dlopen(lib->host, RTLD_NOW | RTLD_LOCAL);
    }
    if (!h) {
        hl_log("%s: cannot load the host's %s (%s): the guest uses its own", lib->name, lib->host,
               dlerror());
        stats_lib_emulated(lib, "the host library cannot be loaded");
        return false;
    }
    for (unsigned i = 0; i < lib->n_fns; i++) {
        struct hl_fn *f = &lib->fns[i];
        if (!f->real) {
            continue;
        }
        /* An alias runs the host function it stands for (gen/alias.h). */
        const char *name = f->host_name ? f->host_name : f->name;
        *f->real = f->version ? dlvsym(h, name, f->version) : NULL;
        if (!*f->real) {
            *f->real = dlsym(h, name);
        }
        if (!*f->real) {
            hl_log("%s: the host's %s lacks %s: the guest uses its own", lib->name, lib->host, name);
            stats_lib_emulated(lib, "the host library lacks a function");
            dlclose(h);
            return false;
        }
    }
    *handle = h;
    return true;
}

void hl_alias_negative(struct hostlink_lib *lib, bool *said, const char *fn, const char *host_fn, long long value)
{
    hl_log_once(said, "%s: %s: the host's %s returned %lld, which its description says never happens "
                "(alias ... nonnegative): the guest gets %llu", lib->name, fn, host_fn, value,
                (unsigned long long)value);
}

/* The thunk's struct hostlink_thunk_info; false if it does not fit this library. */
static bool read_thunk_info(struct hostlink_lib *lib, uint64_t at, struct lib_state *st)
{
    struct hostlink_thunk_info info;
    size_t n;

    if (!guest_mem_read(at, &info, sizeof(info)) || info.n_sigs != lib->n_sigs ||
        info.stubs_per_sig > 64 || info.n_fns != lib->n_fns ||
        !guest_mem_ok(info.guest_turns, lib->n_fns * sizeof(uint32_t), true)) {
        hl_log("%s: the thunk's description of itself does not fit", lib->name);
        return false;
    }
    st->per_sig = (unsigned)info.stubs_per_sig;
    st->host_fns = info.host_fns;
    st->policy = policy_lib_new(lib, info.guest_turns);
    n = info.n_sigs * info.stubs_per_sig;
    st->stub_addrs = g_new0(uint64_t, n + 1);
    st->bound = g_new0(void *, n + 1);
    g_mutex_init(&st->stubs_lock);
    return n == 0 || (guest_mem_read(info.stub_addrs, st->stub_addrs, n * sizeof(uint64_t)) &&
                      guest_mem_ok(info.host_fns, n * sizeof(uint64_t), true));
}

int64_t library_open(const uint64_t *args)
{
    char name[64];
    struct hostlink_lib *lib;
    int64_t result;

    if (!guest_mem_read_string(args[0], name, sizeof(name))) {
        return -EFAULT;
    }
    if (!(lib = hostlink_lib_find(name))) {
        return -ENOENT;
    }
    if (args[2] & HOSTLINK_OPEN_GENUINE) {
        loader_let_through(lib);
        return 0;
    }
    fault_catch_init();
    g_mutex_lock(&open_lock);
    if (lib->state) {
        result = 0;             /* another thread of the guest got here first */
    } else if (!lib->enabled) {
        /* A preloaded shim's thunk loads whatever the plugin decided: keep the reason. */
        stats_lib_emulated(lib, lib->emulated_why ? lib->emulated_why : "not selected (lib= options)");
        result = -ENOENT;
    } else if (args[1] != lib->hash) {
        hl_log("%s: the guest thunk was generated from another description or protocol than "
               "the plugin: the guest uses its own library", lib->name);
        stats_lib_emulated(lib, "the thunk was generated from another description or protocol");
        result = -EPROTO;
    } else {
        struct lib_state *st = g_new0(struct lib_state, 1);
        result = read_thunk_info(lib, args[3], st) ? 0 : -EFAULT;
        if (result == 0 && !bind(lib, &st->handle)) {
            result = -ENOENT;
        }
        if (result == 0 && !(st->service = service_new(lib->name))) {
            result = -ENOMEM;
        }
        if (result == 0) {
            if (stats_on()) {
                lib->calls = g_new0(uint64_t, lib->n_fns);
                lib->ns = g_new0(uint64_t, lib->n_fns);
            }
            stats_lib_opened(lib);
            __atomic_store_n(&lib->state, st, __ATOMIC_RELEASE);
        } else {
            g_free(st->stub_addrs);
            g_free(st->bound);
            policy_lib_free(st->policy);
            g_free(st);
        }
    }
    if (result < 0) {
        lib->enabled = false;   /* the loader now lets the genuine library through */
        unit_emulate_partners(lib);
    } else {
        for (result = 0; hostlink_libs[result] != lib; result++) {
        }
    }
    g_mutex_unlock(&open_lock);
    return result;
}

/*
 * A call block the host stub may take the members of: not NULL, aligned.
 * An unmapped one faults in the stub, which the fault net makes -EFAULT.
 */
static bool block_ok(uint64_t block)
{
    return block && block % _Alignof(struct hostlink_call_block) == 0;
}

/* The state of library @handle if a thunk opened it, else NULL. */
static struct lib_state *opened(uint64_t handle, struct hostlink_lib **lib)
{
    if (handle >= n_libs()) {
        return NULL;
    }
    *lib = hostlink_libs[handle];
    return __atomic_load_n(&(*lib)->state, __ATOMIC_ACQUIRE);
}

/* Function @id of @lib, under an unwind point if its library longjmps. */
static inline int64_t call_fn(struct hostlink_lib *lib, uint64_t id, struct hostlink_call_block *c)
{
    if (lib->unwinds) {
        return unwind_run(lib->fns[id].call, c);
    }
    lib->fns[id].call(c);
    return 0;
}

/* On the host call's coroutine. */
static int64_t run_call(const uint64_t *args)
{
    struct hostlink_lib *lib = hostlink_libs[args[0]];
    struct hostlink_call_block *c = (void *)(uintptr_t)args[2];
    int64_t r;

    if (!lib->calls) {
        r = call_fn(lib, args[1], c);
        file_crossing_settle();
        return r;
    }
    uint64_t t0 = now_ns();
    r = call_fn(lib, args[1], c);
    file_crossing_settle();
    __atomic_add_fetch(&lib->ns[args[1]], now_ns() - t0, __ATOMIC_RELAXED);
    __atomic_add_fetch(&lib->calls[args[1]], 1, __ATOMIC_RELAXED);
    return r;
}

/* The bridge's watch of a call: (handle, function id, block) as for run_call. */
static bool watch_call(const uint64_t *args, const struct bridge_cost *cost, bool done)
{
    return policy_watch(hostlink_libs[args[0]]->state->policy, (unsigned)args[1], cost, done);
}

int64_t library_call(const uint64_t *args)
{
    uint64_t handle = args[0], fn = args[1], block = args[2];
    struct hostlink_lib *lib;
    struct lib_state *st;

    if (!(st = opened(handle, &lib))) {
        return -EINVAL;
    }
    if (fn >= lib->n_fns || !lib->fns[fn].call) {
        return -EINVAL;
    }
    if (!block_ok(block)) {
        return -EFAULT;
    }
    return bridge_start(lib->fns[fn].name, run_call, args, 3, args[4],
                        policy_on && policy_watches(st->policy, (unsigned)fn) ? watch_call : NULL);
}

const char hl_fnptr_unwritten_mark;

uint64_t hl_guest_fn_of(struct hostlink_lib *lib, void (*fn)(void), const struct hl_sig *sig)
{
    static bool warned;
    struct lib_state *st = lib->state;
    unsigned k = (unsigned)(sig - lib->sigs), free_slot = st ? st->per_sig : 0;
    uint64_t stub = (uintptr_t)fn;

    if (hl_fn_sentinel((uintptr_t)fn) || !st) {
        return (uintptr_t)fn;
    }
    g_mutex_lock(&st->stubs_lock);
    for (unsigned i = 0; i < st->per_sig; i++) {
        unsigned at = k * st->per_sig + i;
        if (st->bound[at] == (void *)fn) {
            free_slot = i;
            break;
        }
        if (!st->bound[at] && free_slot == st->per_sig) {
            free_slot = i;
        }
    }
    if (free_slot < st->per_sig) {
        unsigned at = k * st->per_sig + free_slot;
        if (!st->bound[at]) {
            /* Checked writable at open; guest addresses are host addresses. */
            ((uint64_t *)(uintptr_t)st->host_fns)[at] = (uintptr_t)fn;
            st->bound[at] = (void *)fn;
        }
        stub = st->stub_addrs[at];
    } else {
        hl_log_once(&warned, "%s: no guest stub left for another %s; the guest gets the host "
                    "address, which it cannot call", lib->name, sig->spelling);
    }
    g_mutex_unlock(&st->stubs_lock);
    return stub;
}

void *library_stub_target(struct hostlink_lib *lib, uint64_t guest_fn, unsigned sig)
{
    struct lib_state *st = lib->state;
    void *fn = NULL;

    if (!st || sig >= lib->n_sigs) {
        return NULL;
    }
    /* Any signature passing the same kinds will do (typedefs differ, calls do not). */
    g_mutex_lock(&st->stubs_lock);
    for (unsigned k = 0; k < lib->n_sigs && !fn; k++) {
        if (strcmp(lib->sigs[k].code, lib->sigs[sig].code) != 0) {
            continue;
        }
        for (unsigned i = 0; i < st->per_sig; i++) {
            if (st->stub_addrs[k * st->per_sig + i] == guest_fn) {
                fn = st->bound[k * st->per_sig + i];
                break;
            }
        }
    }
    g_mutex_unlock(&st->stubs_lock);
    return fn;
}

/* On the host call's coroutine: args are (handle, sig, host function, block). */
static int64_t run_call_host(const uint64_t *args)
{
    struct hostlink_lib *lib = hostlink_libs[args[0]];
    lib->sigs[args[1]].invoke((void (*)(void))(uintptr_t)args[2], (void *)(uintptr_t)args[3]);
    file_crossing_settle();
    return 0;
}

int64_t library_call_host(const uint64_t *args)
{
    uint64_t handle = args[0], sig = args[1], fn = args[2];
    struct hostlink_lib *lib;
    struct lib_state *st;
    bool bound = false;

    if (!(st = opened(handle, &lib))) {
        return -EINVAL;
    }
    if (sig >= lib->n_sigs || !lib->sigs[sig].invoke) {
        return -EINVAL;
    }
    if (!block_ok(args[3])) {
        return -EFAULT;
    }
    /* Only a host function this library handed out, and with its own signature. */
    g_mutex_lock(&st->stubs_lock);
    for (unsigned i = 0; i < st->per_sig && !bound; i++) {
        bound = st->bound[sig * st->per_sig + i] == (void *)(uintptr_t)fn;
    }
    g_mutex_unlock(&st->stubs_lock);
    if (!bound) {
        return -EPERM;
    }
    return bridge_start(lib->sigs[sig].spelling, run_call_host, args, 4, args[4], NULL);
}

struct policy_lib *library_policy(const struct hostlink_lib *lib)
{
    struct lib_state *st = __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE);
    return st ? st->policy : NULL;
}

int64_t library_serve(const uint64_t *args)
{
    struct hostlink_lib *lib;
    struct lib_state *st = opened(args[0], &lib);

    return st ? service_serve(st->service, args[1], args[2], args[4]) : -EINVAL;
}

struct service *library_service(struct hostlink_lib *lib)
{
    struct lib_state *st = __atomic_load_n(&lib->state, __ATOMIC_ACQUIRE);
    return st ? st->service : NULL;
}
