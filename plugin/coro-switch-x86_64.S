/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * void coro_switch(void **save_sp, void *load_sp)
 * Saves the callee-saved registers on the current stack, stores the stack
 * pointer in *save_sp, and continues on the stack load_sp was saved from.
 */
    .text
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

/* First code a new coroutine runs: its struct coro is in rbx. */
    .globl  coro_boot
    .hidden coro_boot
    .type   coro_boot, @function
coro_boot:
    movq    %rbx, %rdi
    call    coro_main           /* never returns */
    ud2
    .size   coro_boot, .-coro_boot

    .section .note.GNU-stack, "", @progbits
