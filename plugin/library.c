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
#include <time.h>
#include "bridge.h"
#include "fault.h"
#include "guest_mem.h"
#include "libs/generated.h"
#include "log.h"
#include <qemu-plugin.h>

struct lib_state {
    void *handle;
    struct bridge_guest guest;
    uint64_t *calls, *ns;       /* per function id, when stats are on */
};

static GMutex open_lock;
static bool stats_on;
static const char *host_lib_dir;

void library_init(const char *dir)
{
    host_lib_dir = dir;
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
        return false;
    }
    for (unsigned i = 0; i < lib->n_fns; i++) {
        struct hl_fn *f = &lib->fns[i];
        if (!f->real) {
            continue;
        }
        *f->real = f->version ? dlvsym(h, f->name, f->version) : NULL;
        if (!*f->real) {
            *f->real = dlsym(h, f->name);
        }
        if (!*f->real) {
            hl_log("%s: the host's %s lacks %s: the guest uses its own", lib->name, lib->host, f->name);
            dlclose(h);
            return false;
        }
    }
    *handle = h;
    return true;
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
    fault_catch_init();
    g_mutex_lock(&open_lock);
    if (lib->state) {
        result = 0;             /* another thread of the guest got here first */
    } else if (!lib->enabled) {
        result = -ENOENT;
    } else if (args[2] & HOSTLINK_OPEN_DECLINE) {
        hl_log("%s: emulated as HOSTLINK_EMULATE asks", lib->name);
        result = -ENOENT;
    } else if (args[1] != lib->hash) {
        hl_log("%s: the guest thunk was generated from another description than the plugin: "
               "the guest uses its own library", lib->name);
        result = -EPROTO;
    } else {
        void *handle;
        result = bind(lib, &handle) ? 0 : -ENOENT;
        if (result == 0) {
            struct lib_state *st = g_new0(struct lib_state, 1);
            st->handle = handle;
            st->guest.callback_entry = args[3];
            st->guest.trampoline = args[4];
            if (stats_on) {
                st->calls = g_new0(uint64_t, lib->n_fns);
                st->ns = g_new0(uint64_t, lib->n_fns);
            }
            __atomic_store_n(&lib->state, st, __ATOMIC_RELEASE);
        }
    }
    if (result < 0) {
        lib->enabled = false;   /* the loader now lets the genuine library through */
    } else {
        for (result = 0; hostlink_libs[result] != lib; result++) {
        }
    }
    g_mutex_unlock(&open_lock);
    return result;
}

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* On the host call's coroutine. */
static int64_t run_call(const uint64_t *args)
{
    struct hostlink_lib *lib = hostlink_libs[args[0]];
    struct lib_state *st = lib->state;
    struct hostlink_call_block *c = (void *)(uintptr_t)args[2];

    if (!st->calls) {
        lib->fns[args[1]].call(c);
        return 0;
    }
    uint64_t t0 = now_ns();
    lib->fns[args[1]].call(c);
    __atomic_add_fetch(&st->ns[args[1]], now_ns() - t0, __ATOMIC_RELAXED);
    __atomic_add_fetch(&st->calls[args[1]], 1, __ATOMIC_RELAXED);
    return 0;
}

int64_t library_call(const uint64_t *args)
{
    uint64_t handle = args[0], fn = args[1], block = args[2];
    struct hostlink_lib *lib;
    struct lib_state *st;

    if (handle >= n_libs() || !(st = __atomic_load_n(&(lib = hostlink_libs[handle])->state,
                                                     __ATOMIC_ACQUIRE))) {
        return -EINVAL;
    }
    if (fn >= lib->n_fns || !lib->fns[fn].call) {
        return -EINVAL;
    }
    /* A bad block pointer faults in the host stub: the fault net makes that -EFAULT. */
    (void)block;
    return bridge_start(lib->fns[fn].name, run_call, args, 3, &st->guest);
}

static void print_stats(qemu_plugin_id_t id, void *unused)
{
    (void)id;
    (void)unused;
    fprintf(stderr, "hostlink stats: %-10s %-28s %12s %14s\n", "library", "function", "calls", "host ms");
    for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
        struct lib_state *st = (*l)->state;
        for (unsigned i = 0; st && st->calls && i < (*l)->n_fns; i++) {
            if (st->calls[i]) {
                fprintf(stderr, "hostlink stats: %-10s %-28s %12llu %14.3f\n", (*l)->name,
                        (*l)->fns[i].name, (unsigned long long)st->calls[i], st->ns[i] / 1e6);
            }
        }
    }
}

void library_enable_stats(uint64_t id)
{
    stats_on = true;
    qemu_plugin_register_atexit_cb(id, print_stats, NULL);
}
