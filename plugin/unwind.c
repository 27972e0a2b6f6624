// SPDX-License-Identifier: GPL-2.0-or-later
#include <glib.h>
#include <setjmp.h>
#include <stdlib.h>
#include "bridge.h"
#include "libs/generated.h"
#include "log.h"
#include "tls.h"
#include "unwind.h"

/* Which guest longjmp goes with each jmp_buf the library handed out. */
static GMutex lock;
static GHashTable *guest_longjmp;   /* jmp_buf address -> guest function */

/* What the host longjmp function was asked, for unwind_run() to pass on. */
static HL_THREAD_LOCAL uint64_t jumped_env, jumped_val;

/* Given to the host library in place of the guest's longjmp. */
static void host_longjmp(struct __jmp_buf_tag env[1], int val)
{
    jmp_buf *point = bridge_unwind_point();

    if (!point) {
        /* Only host calls reach the library, and each has one: a host thread of its own? */
        hl_log("a library longjmp'd outside an unwind point; aborting as it would without one");
        abort();
    }
    jumped_env = (uintptr_t)env;
    jumped_val = (uint64_t)(int64_t)val;
    longjmp(*point, 1);
}

void (*hl_unwind_fn(uint64_t guest_fn))(void)
{
    return hl_fn_sentinel(guest_fn) ? (void (*)(void))(uintptr_t)guest_fn : (void (*)(void))host_longjmp;
}

void hl_unwind_note(const void *env, uint64_t guest_fn)
{
    if (!env) {
        return;
    }
    g_mutex_lock(&lock);
    if (!guest_longjmp) {
        guest_longjmp = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
    g_hash_table_insert(guest_longjmp, (gpointer)env, (gpointer)(uintptr_t)guest_fn);
    g_mutex_unlock(&lock);
}

static uint64_t guest_longjmp_of(uint64_t env)
{
    g_mutex_lock(&lock);
    gpointer fn = guest_longjmp ? g_hash_table_lookup(guest_longjmp, (gpointer)(uintptr_t)env) : NULL;
    g_mutex_unlock(&lock);
    return (uintptr_t)fn;
}

int64_t unwind_run(void (*call)(struct hostlink_call_block *), struct hostlink_call_block *c)
{
    /* Volatile: read after the longjmp (C11 7.13.2.1p3 asks it only of changed ones; -Wclobbered of all). */
    struct hostlink_call_block *volatile block = c;
    void (*volatile fn)(struct hostlink_call_block *) = call;
    jmp_buf point;
    int how;

    bridge_set_unwind_point(&point);
    if ((how = _setjmp(point)) == 0) {
        fn(block);
    }
    bridge_set_unwind_point(NULL);
    if (how != 1) {
        return 0;               /* returned, or BRIDGE_ABANDONED: the guest is elsewhere */
    }
    uint64_t guest_fn = guest_longjmp_of(jumped_env);
    if (!guest_fn) {
        hl_log("a library longjmp'd to a jmp_buf it did not hand out; aborting as it would");
        abort();
    }
    hl_log("the library longjmp'd (value %d): its call ends, the guest's longjmp follows",
           (int)jumped_val);
    block->args[0] = guest_fn;
    block->args[1] = jumped_env;
    block->args[2] = jumped_val;
    return HOSTLINK_CALL_UNWOUND;
}
