/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The magic syscall inline, per guest architecture: saves a guest call and
 * return (two translation-block lookups under QEMU) on every pass-through
 * call. Guest callbacks may run while the plugin holds the call open, so
 * every register the C calling convention lets a callee change is declared
 * clobbered; the plugin restores the stack pointer and link register itself.
 */
#ifndef HOSTLINK_INLINE_CALL_H
#define HOSTLINK_INLINE_CALL_H

#include "hostlink/protocol.h"

static inline long hostlink_call3(long op, long a1, long a2, long a3)
{
#if defined(__x86_64__)
    register long r10 __asm__("r10");
    register long r8 __asm__("r8");
    register long r9 __asm__("r9");
    long ret = HOSTLINK_SYSCALL;
    __asm__ volatile("syscall"
                     : "+a"(ret), "+D"(op), "+S"(a1), "+d"(a2), "=r"(r10), "=r"(r8), "=r"(r9)
                     : "4"(a3)
                     : "rcx", "r11", "memory", "cc",
                       "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
                       "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15",
                       "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)");
    return ret;
#elif defined(__aarch64__)
    register long x0 __asm__("x0") = op;
    register long x1 __asm__("x1") = a1;
    register long x2 __asm__("x2") = a2;
    register long x3 __asm__("x3") = a3;
    register long x8 __asm__("x8") = HOSTLINK_SYSCALL;
    __asm__ volatile("svc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x8)
                     :
                     : "x4", "x5", "x6", "x7", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
                       "x16", "x17", "x18", "x30", "memory", "cc",
                       "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v16", "v17", "v18",
                       "v19", "v20", "v21", "v22", "v23", "v24", "v25", "v26", "v27", "v28",
                       "v29", "v30", "v31");
    return x0;
#elif defined(__riscv) && __riscv_xlen == 64
    register long a0r __asm__("a0") = op;
    register long a1r __asm__("a1") = a1;
    register long a2r __asm__("a2") = a2;
    register long a3r __asm__("a3") = a3;
    register long a7r __asm__("a7") = HOSTLINK_SYSCALL;
    __asm__ volatile("ecall"
                     : "+r"(a0r), "+r"(a1r), "+r"(a2r), "+r"(a3r), "+r"(a7r)
                     :
                     : "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a4", "a5", "a6", "memory",
                       "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "ft8", "ft9",
                       "ft10", "ft11", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7");
    return a0r;
#else
    return hostlink_call(op, a1, a2, a3, 0, 0);
#endif
}

#endif
