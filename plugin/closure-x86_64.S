/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * closure_entry: where every host-callable stand-in for a guest function
 * lands (x86_64 host, System V ABI), with its struct closure in r11. Saves
 * the argument registers, hands them to closure_dispatch(closure, regs,
 * stack_args), and returns what it returns in rax and xmm0.
 */
    .text
    .globl  closure_entry
    .hidden closure_entry
    .type   closure_entry, @function
closure_entry:
    pushq   %rbp
    movq    %rsp, %rbp
    subq    $112, %rsp          /* 6 integer + 8 vector registers; stays 16-aligned */
    movq    %rdi, 0(%rsp)
    movq    %rsi, 8(%rsp)
    movq    %rdx, 16(%rsp)
    movq    %rcx, 24(%rsp)
    movq    %r8, 32(%rsp)
    movq    %r9, 40(%rsp)
    movsd   %xmm0, 48(%rsp)
    movsd   %xmm1, 56(%rsp)
    movsd   %xmm2, 64(%rsp)
    movsd   %xmm3, 72(%rsp)
    movsd   %xmm4, 80(%rsp)
    movsd   %xmm5, 88(%rsp)
    movsd   %xmm6, 96(%rsp)
    movsd   %xmm7, 104(%rsp)
    movq    %r11, %rdi
    movq    %rsp, %rsi
    leaq    16(%rbp), %rdx      /* the caller's stack arguments */
    call    closure_dispatch    /* struct { uint64_t; double; }: rax, xmm0 */
    leave
    ret
    .size   closure_entry, .-closure_entry

    .section .note.GNU-stack, "", @progbits
