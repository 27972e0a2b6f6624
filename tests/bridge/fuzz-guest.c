// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Garbage through the magic syscall: random ops, handles, function ids,
 * call blocks and arguments (bad pointers, huge sizes), from a fixed seed.
 * The emulator must answer every one with an error or a result and keep
 * running; the last line proves it, with a pass-through call that works.
 * The "answers" line counts the kinds of answer: under the plugin none is
 * ENOSYS and some garbage calls reached live handles and ran.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "hlt.h"
#include "hostlink/protocol.h"

long hostlink_call(long op, long a1, long a2, long a3, long a4, long a5);

static uint64_t state = 0x2545f4914f6cdd1dull;
/* The callback-block choices draw from their own sequence: the rest stays as it was. */
static uint64_t cb_state = 0x9e3779b97f4a7c15ull;

/* hlt_from_thread's id (the Makefile passes it: ids are positions by name). */
#ifndef HLT_FROM_THREAD
#error "HLT_FROM_THREAD: hlt_from_thread's function id"
#endif

static uint64_t xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static uint64_t next(void)
{
    return xorshift(&state);
}

/* A guest function any callback signature may call: callbacks the fuzz runs are this. */
static long harmless(void)
{
    return 7;
}

/* A callback block: the real one, none, or garbage (unmapped, read-only, misaligned). */
static uint64_t cb_value(void *valid)
{
    static const uint64_t bad[] = { 0, 1, 8, 0x1000, 0xdead0000, 0x7ffffffff000ull,
                                    0xffffffffffffffffull, (uintptr_t)"read-only" };
    uint64_t r = xorshift(&cb_state);
    return r % 2 ? (uintptr_t)valid : bad[(r >> 8) % (sizeof(bad) / sizeof(bad[0]))];
}

/*
 * Values that make bad arguments: unmapped, misaligned, huge, negative;
 * with @valid, sometimes a real buffer full of garbage. (Never a mapped
 * address where a function pointer may go: jumping there is the guest's
 * own crash, not the emulator's.)
 */
static uint64_t bad_value(void *valid)
{
    static const uint64_t bad[] = { 0, 1, 8, 0x1000, 0xdead0000, 0x7ffffffff000ull,
                                    0xffffffffffffffffull, 0x8000000000000000ull, 1u << 31 };
    uint64_t r = next();
    switch (r % 4) {
    case 0: return valid ? (uintptr_t)valid : 0;  /* a real buffer, with garbage around it */
    case 1: return r >> 8;                      /* anything */
    default: return bad[(r >> 8) % (sizeof(bad) / sizeof(bad[0]))];
    }
}

int main(void)
{
    static uint64_t buffer[64];
    struct hostlink_call_block block;
    static struct hostlink_callback_block cb;
    unsigned long n = 0, errors = 0, ran = 0, einval = 0, efault = 0, eperm = 0, enosys = 0;
    unsigned long callbacks = 0;

    /* Open libhlt's thunk the ordinary way, so its handle is live. */
    printf("nothing registered yet: %d\n", hlt_fire(1));
    for (int i = 0; i < 20000; i++) {
        long op = (long)(next() % 12), r;
        for (int a = 0; a < HOSTLINK_MAX_ARGS; a++) {
            block.args[a] = bad_value(NULL);
        }
        long fn = (long)(next() % 48);
        if (op == HOSTLINK_OP_CALL && fn == HLT_FROM_THREAD) {
            /*
             * A thread of the library's own calling a NULL or sentinel
             * callback ((void (*)(void))-1 passes unchanged) crashes the
             * process, as it would natively: there is no host call on that
             * thread to give up. Garbage that is neither is tested.
             */
            block.args[0] = (block.args[0] | 0x1000) & ~(1ull << 63);
        }
        if (op == HOSTLINK_OP_CALL || op == HOSTLINK_OP_CALL_HOST) {
            /* Live handles and real function ids, garbage in the block. */
            bool own_block = next() % 3 || fn == HLT_FROM_THREAD;
            if (xorshift(&cb_state) % 2) {      /* a callback that is mapped */
                block.args[xorshift(&cb_state) % 4] = (uintptr_t)harmless;
            }
            r = hostlink_call(op, (long)(next() % 6), fn,
                              (long)(own_block ? (uintptr_t)&block : bad_value(buffer)),
                              (long)(uintptr_t)&block, (long)cb_value(&cb));
            /*
             * A callback handed out: never run (its address is garbage too),
             * answered with garbage, on the right block or not, or left.
             */
            while (r == HOSTLINK_CALLBACK && xorshift(&cb_state) % 4) {
                callbacks++;
                r = hostlink_call(HOSTLINK_OP_RESUME, 0, 0, 0, 0, (long)cb_value(&cb));
            }
        } else {
            r = hostlink_call(op, (long)bad_value(buffer), (long)bad_value(buffer),
                              (long)bad_value(buffer), (long)bad_value(buffer), (long)bad_value(buffer));
        }
        n++;
        errors += r < 0;
        ran += r == 0 && op == HOSTLINK_OP_CALL;
        einval += r == -EINVAL;
        efault += r == -EFAULT;
        eperm += r == -EPERM;
        enosys += r == -ENOSYS;
    }
    printf("%lu garbage calls answered, some with errors: %s\n", n, errors ? "yes" : "no");
    printf("answers: ran=%lu EINVAL=%lu EFAULT=%lu EPERM=%lu ENOSYS=%lu callbacks=%lu\n", ran,
           einval, efault, eperm, enosys, callbacks);
    printf("a library call afterwards: %d\n", hlt_host_adder()(2, 3));
    return 0;
}
