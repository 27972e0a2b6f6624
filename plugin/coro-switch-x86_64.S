/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Stack switching for plugin/coro.c, x86_64 host. A suspended context is
 * its stack pointer, with the callee-saved registers pushed below the
 * return address, in the order both functions here use.
 */

/*
 * void coro_call(struct coro *co, coro_fn fn, void *arg, void *stack_top)
 * Calls fn(arg) on a fresh stack. Returns when fn returns (co->finished is
 * set) or when fn's side switches back with coro_switch(..., co->caller_sp).
 * Call and return stay paired on the common path, which keeps the CPU's
 * return prediction right: a host call that never calls back costs little.
 */
#include "coro-layout.h"

    .text
    .globl  coro_call
    .hidden coro_call
    .type   coro_call, @function
coro_call:
    pushq   %rbp
    pushq   %rbx
    pushq   %r12
    pushq   %r13
    pushq   %r14
    pushq   %r15
    movq    %rsp, CORO_CALLER_SP(%rdi)
    movq    %rdi, %rbx          /* callee-saved: still co when fn returns */
    movq    %rcx, %rsp
    movq    %rdx, %rdi
    call    *%rsi
    movb    $1, CORO_FINISHED(%rbx)
    movq    CORO_CALLER_SP(%rbx), %rsp  /* the latest starter or resumer */
    popq    %r15
    popq    %r14
    popq    %r13
    popq    %r12
    popq    %rbx
    popq    %rbp
    ret
    .size   coro_call, .-coro_call

/*
 * void coro_switch(void **save_sp, void *load_sp)
 * Suspends the current context into *save_sp and continues the one
 * suspended at load_sp.
 */
    .globl  coro_switch
    .hidden coro_switch
    .type   coro_switch, @function
coro_switch:
    pushq   %rbp
    pushq   %rbx
    pushq   %r12
    pushq   %r13
    pushq   %r14
    pushq   %r15
    movq    %rsp, (%rdi)
    movq    %rsi, %rsp
    popq    %r15
    popq    %r14
    popq    %r13
    popq    %r12
    popq    %rbx
    popq    %rbp
    ret
    .size   coro_switch, .-coro_switch

    .section .note.GNU-stack, "", @progbits
