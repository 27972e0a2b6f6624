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

/* hlt_from_thread's id: the generated thunk numbers functions by name. */
#define HLT_FROM_THREAD 5

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
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
    unsigned long n = 0, errors = 0, ran = 0, einval = 0, efault = 0, eperm = 0, enosys = 0;

    /* Open libhlt's thunk the ordinary way, so its handle is live. */
    printf("nothing registered yet: %d\n", hlt_fire(1));
    for (int i = 0; i < 20000; i++) {
        long op = (long)(next() % 12), r;
        for (int a = 0; a < HOSTLINK_MAX_ARGS; a++) {
            block.args[a] = bad_value(NULL);
        }
        long fn = (long)(next() % 20);
        if (op == HOSTLINK_OP_CALL && fn == HLT_FROM_THREAD) {
            /*
             * A thread of the library's own calling a NULL callback crashes
             * the process, as it would natively: there is no host call on
             * that thread to give up. Garbage that is not NULL is tested.
             */
            block.args[0] |= 0x1000;
        }
        if (op == HOSTLINK_OP_CALL || op == HOSTLINK_OP_CALL_HOST) {
            /* Live handles and real function ids, garbage in the block. */
            bool own_block = next() % 3 || fn == HLT_FROM_THREAD;
            r = hostlink_call(op, (long)(next() % 6), fn,
                              (long)(own_block ? (uintptr_t)&block : bad_value(buffer)),
                              (long)(uintptr_t)&block, 0);
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
    printf("answers: ran=%lu EINVAL=%lu EFAULT=%lu EPERM=%lu ENOSYS=%lu\n", ran, einval, efault,
           eperm, enosys);
    printf("a library call afterwards: %d\n", hlt_host_adder()(2, 3));
    return 0;
}
