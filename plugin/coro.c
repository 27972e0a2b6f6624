// SPDX-License-Identifier: GPL-2.0-or-later
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "coro.h"

#define STACK_SIZE (1u << 20)   /* reserved, not committed: pages fill as used */
#define GUARD_SIZE 4096u
#define POOL_MAX   8            /* spare stacks a thread keeps */

struct coro {
    void *sp;                   /* saved stack pointer while switched out */
    void *caller_sp;            /* where coro_yield goes back to */
    coro_fn fn;
    void *arg;
    bool finished;              /* fn returned: the coroutine can run another */
    struct coro *next_free;
    void *stack;                /* mapping, guard page first */
};

void coro_switch(void **save_sp, void *load_sp);
void coro_boot(void);
void coro_main(struct coro *co) __attribute__((noreturn, used));

struct pool {
    struct coro *free;
    unsigned n_free;
};
static __thread struct pool pool;
static __thread struct coro *running;
static pthread_key_t pool_key;
static pthread_once_t pool_key_once = PTHREAD_ONCE_INIT;

void coro_main(struct coro *co)
{
    for (;;) {
        co->fn(co->arg);
        co->finished = true;
        coro_yield(co);         /* a recycled coroutine continues here */
    }
}

/* Lays out a fresh stack so that the first switch to it enters coro_boot. */
static void coro_reset(struct coro *co)
{
    uintptr_t top = ((uintptr_t)co->stack + STACK_SIZE) & ~(uintptr_t)15;
    void **frame = (void **)(top - 8 * sizeof(void *));
    /* popped by coro_switch: r15 r14 r13 r12 rbx rbp, then "ret" */
    frame[0] = frame[1] = frame[2] = frame[3] = 0;
    frame[4] = co;                      /* rbx */
    frame[5] = 0;                       /* rbp */
    frame[6] = (void *)coro_boot;       /* return address, at top - 16 */
    frame[7] = 0;
    co->sp = frame;
    co->finished = true;
}

static void free_pool(void *unused)
{
    (void)unused;
    while (pool.free) {
        struct coro *co = pool.free;
        pool.free = co->next_free;
        munmap(co->stack, STACK_SIZE);
        free(co);
    }
    pool.n_free = 0;
}

static void make_key(void)
{
    pthread_key_create(&pool_key, free_pool);
}

struct coro *coro_get(void)
{
    struct coro *co = pool.free;

    if (co) {
        pool.free = co->next_free;
        pool.n_free--;
        return co;
    }
    pthread_once(&pool_key_once, make_key);
    pthread_setspecific(pool_key, &pool);   /* so the pool goes with the thread */
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
    coro_reset(co);
    return co;
}

void coro_put(struct coro *co)
{
    if (!co->finished) {
        coro_reset(co);         /* abandoned mid-way: its frames are garbage */
    }
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
    co->fn = fn;
    co->arg = arg;
    co->finished = false;
    coro_resume(co);
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

bool coro_finished(const struct coro *co)
{
    return co->finished;
}

struct coro *coro_self(void)
{
    return running;
}
