// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <qemu-plugin.h>
#include "tls.h"
#include "bridge.h"
#include "clock.h"
#include "coro.h"
#include "guest_mem.h"
#include "log.h"
#include "regs.h"

struct frame {
    struct frame *outer;            /* the host call this one nests in */
    struct coro *co;
    const char *name;
    bridge_host_fn fn;
    uint64_t args[BRIDGE_MAX_ARGS];
    struct bridge_guest guest;
    int64_t result;
    uint64_t callbacks;
    bool faulted;                   /* the host function faulted; given up */
    bool given_up;                  /* its watch gave it up */
    bool abandoned;                 /* being unwound: the guest left its callback */
    jmp_buf *unwind;                /* where the call ends when abandoned, or NULL */
    bridge_watch_fn watch;
    struct bridge_cost cost;        /* kept while watched */
    uint64_t returned_ns;           /* when the last callback returned */

    /* Guest state of the START syscall, saved at the first callback. */
    bool in_guest;                  /* START has returned to the guest once */
    uint64_t start_sp, start_pc, start_link;
    uint64_t base;                  /* top of the callbacks' stack area */
    uint64_t callback_sp;           /* sp at the current callback's entry */
    uint64_t canary_at;             /* guest word just above base */
    uint64_t checked_fn;            /* last callback address found mapped */

    /* The callback the host side is waiting for: entry(block) in the guest. */
    void *cb_block;                 /* host copy of the block */
    size_t cb_block_len;
    uint64_t cb_block_at;           /* its guest copy */
    uint64_t cb_target;             /* the guest function the entry calls */
};

static const struct guest_abi *abi;
static HL_THREAD_LOCAL struct frame *top;      /* innermost host call of this thread */
static HL_THREAD_LOCAL struct frame *spare;    /* recycled frames */

void bridge_init(const struct guest_abi *guest_abi)
{
    abi = guest_abi;
}

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
 * A word that marks @f's place on the guest stack while its callbacks run.
 * Callbacks' own frames lie below it, so only a guest that left the
 * callback for good (and reused the stack) overwrites it.
 */
static uint64_t canary(const struct frame *f)
{
    return (uintptr_t)f ^ 0x686f73746c696e6bull;   /* "hostlink" */
}

static bool canary_intact(const struct frame *f)
{
    return guest_mem_ok(f->canary_at, sizeof(uint64_t), false) &&
        *(const uint64_t *)(uintptr_t)f->canary_at == canary(f);
}

/* The guest continues after its START syscall, which returns @result. */
static int64_t return_to_start(uint64_t sp, uint64_t pc, uint64_t link, int64_t result)
{
    if (regs_write(REG_SP, sp) && (!abi->link || regs_write(REG_LINK, link)) &&
        regs_write(REG_RET, (uint64_t)result)) {
        qemu_plugin_set_pc(pc);
    }
    hl_log("cannot restore the guest's registers after a host call");
    return -EFAULT;
}

/* Gives up @f, which waits for a callback that cannot be entered. */
static int64_t fail_frame(struct frame *f, const char *why)
{
    bool in_guest = f->in_guest;
    uint64_t sp = f->start_sp, pc = f->start_pc, link = f->start_link;

    hl_log("%s: %s; the host call returns -EFAULT", f->name, why);
    frame_drop(f);
    return in_guest ? return_to_start(sp, pc, link, -EFAULT) : -EFAULT;
}

/* Sends the guest into the callback @f asked for; returns only on failure. */
static int64_t enter_callback(struct frame *f)
{
    if (!f->in_guest) {
        uint64_t sp;
        if (!regs_read(REG_SP, &sp) || !regs_read(REG_PC, &f->start_pc) ||
            (abi->link && !regs_read(REG_LINK, &f->start_link))) {
            return fail_frame(f, "cannot read the guest's registers");
        }
        /* Below the red zone: 16 bytes holding the canary, then the callbacks' stack. */
        f->base = (sp - abi->red_zone - 16) & ~(uint64_t)(abi->stack_align - 1);
        if (!guest_mem_ok(f->base, 16, true) || !guest_mem_ok(f->guest.trampoline, 1, false)) {
            return fail_frame(f, "guest stack or return trampoline not mapped");
        }
        f->start_sp = sp;
        f->canary_at = f->base + sizeof(uint64_t);
        *(uint64_t *)(uintptr_t)f->canary_at = canary(f);
        f->in_guest = true;
    }

    /* The block goes on the stack, the entry gets its address. */
    f->cb_block_at = (f->base - f->cb_block_len) & ~(uint64_t)(abi->stack_align - 1);
    /* Aligned as at a call, with the return address slot where calls push one. */
    uint64_t csp = abi->link ? f->cb_block_at : f->cb_block_at - sizeof(uint64_t);
    if (!guest_mem_ok(csp, f->base - csp, true)) {
        return fail_frame(f, "guest stack not mapped");
    }
    if (f->cb_target != f->checked_fn) {
        uint8_t byte;
        /* QEMU's view: host memory is readable too, but is no guest code. */
        if (!guest_mem_read(f->cb_target, &byte, 1)) {
            return fail_frame(f, "guest callback address not mapped");
        }
        f->checked_fn = f->cb_target;
    }
    /* Checked writable above; guest addresses are host addresses. */
    memcpy((void *)(uintptr_t)f->cb_block_at, f->cb_block, f->cb_block_len);

    bool ok = true;
    if (abi->link) {
        ok = regs_write(REG_LINK, f->guest.trampoline);
    } else {
        *(uint64_t *)(uintptr_t)csp = f->guest.trampoline;
    }
    if (!ok || !regs_write(REG_ARG0, f->cb_block_at) || !regs_write(REG_SP, csp)) {
        return fail_frame(f, "cannot set the guest's registers");
    }
    f->callback_sp = csp;
    f->callbacks++;
    qemu_plugin_set_pc(f->guest.callback_entry);
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

/* Ends @f: the guest continues after its START syscall, which returns @result. */
static int64_t finish(struct frame *f, int64_t result)
{
    bool in_guest = f->in_guest;
    uint64_t sp = f->start_sp, pc = f->start_pc, link = f->start_link;

    frame_drop(f);
    return in_guest ? return_to_start(sp, pc, link, result) : result;
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
 * allocated at that point is lost. A live callback of frame f runs below
 * f->callback_sp and leaves f's canary alone; its return trampoline runs
 * at callback_sp (plus the popped return address where calls push one).
 * So a START from at or above f's own START, a RESUME from above f's
 * trampoline, or a broken canary means the guest is no longer inside f's
 * callback.
 */
static void drop_abandoned(bool resuming)
{
    uint64_t sp;

    if (!top || !regs_read(REG_SP, &sp)) {
        return;
    }
    while (top && top->in_guest &&
           ((resuming ? sp > top->callback_sp + (abi->link ? 0 : sizeof(uint64_t))
                      : sp >= top->start_sp) || !canary_intact(top))) {
        hl_log("%s: abandoned by a guest callback that did not return", top->name);
        if (top->unwind) {
            top->abandoned = true;
            coro_resume(top->co);   /* ends at its unwind point */
        }
        frame_drop(top);
    }
}

int64_t bridge_start(const char *name, bridge_host_fn fn, const uint64_t *args,
                     unsigned nargs, const struct bridge_guest *guest, bridge_watch_fn watch)
{
    struct frame *f;

    drop_abandoned(false);
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
    f->guest = *guest;
    f->watch = watch;
    f->outer = top;
    top = f;
    coro_start(f->co, run_host_call, f);
    return settle(f);
}

int64_t bridge_resume(void)
{
    static bool warned;
    struct frame *f;

    /*
     * Only a nested call can hide an abandoned one under a live one; a
     * single level skips the register read on this hot path.
     */
    if (top && top->outer) {
        drop_abandoned(true);
    }
    if (!(f = top)) {
        hl_log_once(&warned, "RESUME with no host call waiting for a callback");
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

bool bridge_call_guest_block(void *block, size_t len, uint64_t target)
{
    struct frame *f = current_frame();

    if (!f || !f->guest.callback_entry || f->abandoned) {
        return false;
    }
    f->cb_target = target;
    f->cb_block = block;
    f->cb_block_len = len;
    if (!f->watch) {
        coro_yield(f->co);      /* back in settle(): the guest runs entry(block) */
    } else {
        watched_yield(f);
    }
    if (f->abandoned) {
        longjmp(*f->unwind, BRIDGE_ABANDONED);
    }
    memcpy(block, (const void *)(uintptr_t)f->cb_block_at, len);
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

