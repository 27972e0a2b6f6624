/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The magic syscall inline, per guest architecture: saves a guest call and
 * return (two translation-block lookups under QEMU) on every pass-through
 * call. The plugin answers like a kernel: only the result register changes
 * (guest callbacks run after the syscall has returned, see
 * HOSTLINK_CALLBACK), so only what a real syscall instruction clobbers is
 * declared clobbered.
 */
#ifndef HOSTLINK_INLINE_CALL_H
#define HOSTLINK_INLINE_CALL_H

#include "hostlink/protocol.h"

/* hostlink_call(op, a1, a2, a3, 0, a5) */
static inline long hostlink_call_inline(long op, long a1, long a2, long a3, long a5)
{
#if defined(__x86_64__)
    register long r10 __asm__("r10") = a3;
    register long r8 __asm__("r8") = 0;
    register long r9 __asm__("r9") = a5;
    long ret = HOSTLINK_SYSCALL;
    __asm__ volatile("syscall"
                     : "+a"(ret)
                     : "D"(op), "S"(a1), "d"(a2), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory", "cc");
    return ret;
#elif defined(__aarch64__)
    register long x0 __asm__("x0") = op;
    register long x1 __asm__("x1") = a1;
    register long x2 __asm__("x2") = a2;
    register long x3 __asm__("x3") = a3;
    register long x4 __asm__("x4") = 0;
    register long x5 __asm__("x5") = a5;
    register long x8 __asm__("x8") = HOSTLINK_SYSCALL;
    __asm__ volatile("svc #0"
                     : "+r"(x0)
                     : "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5), "r"(x8)
                     : "memory", "cc");
    return x0;
#elif defined(__riscv) && __riscv_xlen == 64
    register long a0r __asm__("a0") = op;
    register long a1r __asm__("a1") = a1;
    register long a2r __asm__("a2") = a2;
    register long a3r __asm__("a3") = a3;
    register long a4r __asm__("a4") = 0;
    register long a5r __asm__("a5") = a5;
    register long a7r __asm__("a7") = HOSTLINK_SYSCALL;
    __asm__ volatile("ecall"
                     : "+r"(a0r)
                     : "r"(a1r), "r"(a2r), "r"(a3r), "r"(a4r), "r"(a5r), "r"(a7r)
                     : "memory");
    return a0r;
#else
    return hostlink_call(op, a1, a2, a3, 0, a5);
#endif
}

#endif
