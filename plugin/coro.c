// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "tls.h"
#include "coro.h"
#include "coro-layout.h"

#define STACK_SIZE (1u << 20)   /* reserved, not committed: pages fill as used */
#define GUARD_SIZE 4096u
#define POOL_MAX   8            /* spare stacks a thread keeps */

struct coro {
    void *sp;                   /* saved context while suspended in coro_yield */
    void *caller_sp;            /* context coro_yield and a return go back to */
    bool finished;              /* fn returned */
    struct coro *next_free;
    void *stack;                /* mapping, guard page first */
};

/* The assembly uses these offsets. */
_Static_assert(offsetof(struct coro, caller_sp) == CORO_CALLER_SP, "caller_sp");
_Static_assert(offsetof(struct coro, finished) == CORO_FINISHED, "finished");

void coro_call(struct coro *co, coro_fn fn, void *arg, void *stack_top);
void coro_switch(void **save_sp, void *load_sp);

struct pool {
    struct coro *free;
    unsigned n_free;
};
static HL_THREAD_LOCAL struct pool pool;
static HL_THREAD_LOCAL struct coro *running;

static void *stack_top(const struct coro *co)
{
    return (void *)(((uintptr_t)co->stack + STACK_SIZE) & ~(uintptr_t)15);
}

void coro_release_thread(void)
{
    while (pool.free) {
        struct coro *co = pool.free;
        pool.free = co->next_free;
        munmap(co->stack, STACK_SIZE);
        free(co);
    }
    pool.n_free = 0;
}

struct coro *coro_get(void)
{
    struct coro *co = pool.free;

    if (co) {
        pool.free = co->next_free;
        pool.n_free--;
        return co;
    }
    co = calloc(1, sizeof(*co));
    if (!co) {
        return NULL;
    }
    co->stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (co->stack == MAP_FAILED) {
        free(co);
        return NULL;
    }
    mprotect(co->stack, GUARD_SIZE, PROT_NONE);
    return co;
}

void coro_put(struct coro *co)
{
    /* Finished or abandoned mid-way: the next start uses the stack afresh. */
    if (pool.n_free >= POOL_MAX) {
        munmap(co->stack, STACK_SIZE);
        free(co);
        return;
    }
    co->next_free = pool.free;
    pool.free = co;
    pool.n_free++;
}

void coro_start(struct coro *co, coro_fn fn, void *arg)
{
    struct coro *outer = running;

    co->finished = false;
    running = co;
    coro_call(co, fn, arg, stack_top(co));
    running = outer;
}

void coro_resume(struct coro *co)
{
    struct coro *outer = running;

    running = co;
    coro_switch(&co->caller_sp, co->sp);
    running = outer;
}

void coro_yield(struct coro *co)
{
    coro_switch(&co->sp, co->caller_sp);
}

void coro_escape(struct coro *co)
{
    void *discard;
    coro_switch(&discard, co->caller_sp);
    __builtin_unreachable();
}

bool coro_finished(const struct coro *co)
{
    return co->finished;
}

struct coro *coro_self(void)
{
    return running;
}
