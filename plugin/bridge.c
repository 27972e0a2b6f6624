// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "hostlink/protocol.h"
#include "tls.h"
#include "bridge.h"
#include "clock.h"
#include "coro.h"
#include "guest_mem.h"
#include "log.h"

struct frame {
    struct frame *outer;            /* the host call this one nests in */
    struct coro *co;
    const char *name;
    bridge_host_fn fn;
    uint64_t args[BRIDGE_MAX_ARGS];
    int64_t result;
    uint64_t callbacks;
    bool faulted;                   /* the host function faulted; given up */
    bool given_up;                  /* its watch gave it up */
    bool abandoned;                 /* being unwound: the guest left its callback */
    jmp_buf *unwind;                /* where the call ends when abandoned, or NULL */
    bridge_watch_fn watch;
    struct bridge_cost cost;        /* kept while watched */
    uint64_t returned_ns;           /* when the last callback returned */

    /*
     * The guest's callback block (0: none), in the frame of the guest code
     * that made the call; that code runs the callbacks, so their frames lie
     * below the block, and so does the block of any host call they make.
     */
    uint64_t block_at;
    bool in_guest;                  /* a callback was handed to the guest */
    uint64_t checked_fn;            /* last callback address found mapped */

    /* The callback the host side is waiting for. */
    struct hostlink_callback_block *cb_block;  /* host copy of the block */
    uint64_t cb_target;             /* the guest function the entry calls */
};

static HL_THREAD_LOCAL struct frame *top;      /* innermost host call of this thread */
static HL_THREAD_LOCAL struct frame *spare;    /* recycled frames */

/* Thread exit: host calls still waiting (their callbacks never returned) go too. */
static pthread_key_t exit_key;
static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;
static HL_THREAD_LOCAL bool exit_hooked;

static void frame_drop(struct frame *f);

static void release_thread(void *unused)
{
    (void)unused;
    while (top) {
        frame_drop(top);
    }
    while (spare) {
        struct frame *f = spare;
        spare = f->outer;
        free(f);
    }
    coro_release_thread();
}

static void make_exit_key(void)
{
    pthread_key_create(&exit_key, release_thread);
}

static struct frame *frame_get(void)
{
    struct frame *f = spare;
    if (!exit_hooked) {
        pthread_once(&exit_key_once, make_exit_key);
        pthread_setspecific(exit_key, &exit_key);   /* any non-NULL value */
        exit_hooked = true;
    }
    if (f) {
        spare = f->outer;
    } else if (!(f = malloc(sizeof(*f)))) {
        return NULL;
    }
    /* Only what is read before it is written (a memset shows in the hot path). */
    f->callbacks = 0;
    f->faulted = false;
    f->given_up = false;
    f->abandoned = false;
    f->unwind = NULL;
    f->in_guest = false;
    f->checked_fn = 0;
    return f;
}

/* Pops @f (the top frame) and recycles it with its coroutine. */
static void frame_drop(struct frame *f)
{
    top = f->outer;
    coro_put(f->co);
    f->outer = spare;
    spare = f;
}

static void run_host_call(void *arg)
{
    struct frame *f = arg;
    f->result = f->fn(f->args);
}

/*
 * What the guest's block holds in its mark while @f's callbacks run: a
 * guest that left the callback for good and reused its stack overwrote it.
 */
static uint64_t canary(const struct frame *f)
{
    return (uintptr_t)f ^ 0x686f73746c696e6bull;   /* "hostlink" */
}

static struct hostlink_callback_block *guest_block(const struct frame *f)
{
    return (struct hostlink_callback_block *)(uintptr_t)f->block_at;
}

static bool canary_intact(const struct frame *f)
{
    return guest_mem_ok(f->block_at, sizeof(struct hostlink_callback_block), false) &&
        guest_block(f)->mark == canary(f);
}

/* Gives up @f, which waits for a callback that cannot be entered. */
static int64_t fail_frame(struct frame *f, const char *why)
{
    hl_log("%s: %s; the host call returns -EFAULT", f->name, why);
    frame_drop(f);
    return -EFAULT;
}

/* Hands the guest the callback @f asked for: writes it to the guest's block. */
static int64_t enter_callback(struct frame *f)
{
    if (!f->in_guest) {
        if (!guest_mem_ok(f->block_at, sizeof(struct hostlink_callback_block), true)) {
            return fail_frame(f, "the guest's callback block is not writable");
        }
        f->in_guest = true;
    }
    if (f->cb_target != f->checked_fn) {
        uint8_t byte;
        /* QEMU's view: host memory is readable too, but is no guest code. */
        if (!guest_mem_read(f->cb_target, &byte, 1)) {
            return fail_frame(f, "guest callback address not mapped");
        }
        f->checked_fn = f->cb_target;
    }
    f->cb_block->mark = canary(f);
    /* Checked writable above; guest addresses are host addresses. */
    memcpy(guest_block(f), f->cb_block, sizeof(*f->cb_block));
    f->callbacks++;
    return HOSTLINK_CALLBACK;
}

/* Host time of a watched call between two points, the last callback's return and now. */
static void host_segment(struct frame *f, uint64_t ns)
{
    if (ns < BRIDGE_LONG_NS) {
        f->cost.host_ns += ns;
        f->cost.host_segments++;
    } else {
        f->cost.long_segments++;
    }
}

/* The watched cost of @f's callbacks at its end: the last segment, if still in the window. */
static const struct bridge_cost *cost_at_end(struct frame *f)
{
    if (f->callbacks <= BRIDGE_WINDOW) {
        host_segment(f, now_ns() - f->returned_ns);
    }
    return &f->cost;
}

/* Ends @f: the op that started it (or the last RESUME) returns @result. */
static int64_t finish(struct frame *f, int64_t result)
{
    frame_drop(f);
    return result;
}

/* After the host call of @f paused or finished: carry on in the guest. */
static int64_t settle(struct frame *f)
{
    if (f->faulted) {
        return fail_frame(f, "host code faulted on a bad guest pointer");
    }
    if (f->given_up) {
        return finish(f, -ECANCELED);
    }
    if (!coro_finished(f->co)) {
        return enter_callback(f);
    }
    if (f->in_guest) {
        if (f->watch) {
            f->watch(f->args, cost_at_end(f), true);
        }
        hl_log("completed %s with %llu guest callbacks", f->name,
               (unsigned long long)f->callbacks);
    }
    return finish(f, f->result);
}

/*
 * Host calls whose callbacks the guest has left for good (it longjmp'd out
 * of one): their coroutines are recycled; whatever the host function had
 * allocated at that point is lost. A host call made from a live callback
 * of frame f has its block below f's, and f's mark is intact. So a call
 * with a block at or above f's, a RESUME with a block above f's, or a
 * broken mark means the guest is no longer inside f's callback.
 */
static void drop_abandoned(uint64_t block_at, bool resuming)
{
    while (top && top->in_guest &&
           ((resuming ? block_at > top->block_at : block_at >= top->block_at) ||
            !canary_intact(top))) {
        hl_log("%s: abandoned by a guest callback that did not return", top->name);
        if (top->unwind) {
            top->abandoned = true;
            coro_resume(top->co);   /* ends at its unwind point */
        }
        frame_drop(top);
    }
}

int64_t bridge_start(const char *name, bridge_host_fn fn, const uint64_t *args,
                     unsigned nargs, uint64_t block_at, bridge_watch_fn watch)
{
    struct frame *f;

    drop_abandoned(block_at, false);
    if (nargs > BRIDGE_MAX_ARGS || !(f = frame_get())) {
        return -ENOMEM;
    }
    if (!(f->co = coro_get())) {
        f->outer = spare;
        spare = f;
        return -ENOMEM;
    }
    f->name = name;
    f->fn = fn;
    memcpy(f->args, args, nargs * sizeof(*args));
    f->block_at = block_at;
    f->watch = watch;
    f->outer = top;
    top = f;
    coro_start(f->co, run_host_call, f);
    return settle(f);
}

int64_t bridge_resume(uint64_t block_at)
{
    static bool warned;
    struct frame *f;

    /* The usual case, the innermost call's block, needs no further check. */
    if (!top || block_at != top->block_at) {
        drop_abandoned(block_at, true);
    }
    if (!(f = top) || !f->in_guest || block_at != f->block_at) {
        hl_log_once(&warned, "RESUME with no host call waiting on that callback block");
        return -EINVAL;
    }
    coro_resume(f->co);
    return settle(f);
}

/*
 * coro_yield() for a watched call: in the window, times the callback and
 * the host segment before it, and first asks the watch at the checkpoints.
 */
static void watched_yield(struct frame *f)
{
    uint64_t n = f->callbacks + 1, t0, d;

    if (n > BRIDGE_WINDOW) {
        coro_yield(f->co);
        return;
    }
    t0 = now_ns();
    if (n == 1) {
        f->cost = (struct bridge_cost){ .away_min_ns = UINT64_MAX };
    } else {
        host_segment(f, t0 - f->returned_ns);
        if (n >= BRIDGE_WATCH_FIRST && (n & (n - 1)) == 0 && f->watch(f->args, &f->cost, false)) {
            f->given_up = true;
            coro_escape(f->co); /* settle() ends the call with -ECANCELED */
        }
    }
    coro_yield(f->co);
    f->returned_ns = now_ns();
    d = f->returned_ns - t0;
    f->cost.callbacks = n;
    f->cost.away_min_ns = d < f->cost.away_min_ns ? d : f->cost.away_min_ns;
}

/* The frame of the host call running on this stack, or NULL (with one log line). */
static struct frame *current_frame(void)
{
    static bool warned;
    struct frame *f = top;
    struct coro *co = coro_self();

    if (!co || !f || f->co != co) {
        hl_log_once(&warned, "a guest callback was asked for on a thread outside a host call; "
                    "it gets 0");
        return NULL;
    }
    return f;
}

bool bridge_call_guest_block(struct hostlink_callback_block *block, uint64_t target)
{
    static bool warned;
    struct frame *f = current_frame();

    if (!f || f->abandoned) {
        return false;
    }
    if (!f->block_at) {
        hl_log_once(&warned, "%s: the guest gave no callback block; its callbacks get 0", f->name);
        return false;
    }
    f->cb_target = target;
    f->cb_block = block;
    if (!f->watch) {
        coro_yield(f->co);      /* back in settle(): the guest runs entry(block) */
    } else {
        watched_yield(f);
    }
    if (f->abandoned) {
        longjmp(*f->unwind, BRIDGE_ABANDONED);
    }
    memcpy(block, guest_block(f), sizeof(*block));
    return true;
}

void bridge_set_unwind_point(jmp_buf *env)
{
    if (bridge_in_host_call()) {
        top->unwind = env;
    }
}

jmp_buf *bridge_unwind_point(void)
{
    return bridge_in_host_call() ? top->unwind : NULL;
}

bool bridge_in_host_call(void)
{
    struct coro *co = coro_self();
    return co && top && top->co == co;
}

void bridge_host_call_faulted(void)
{
    top->faulted = true;
    coro_escape(top->co);
}

