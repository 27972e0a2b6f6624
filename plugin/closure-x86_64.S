/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * closure_entry: where every host-callable stand-in for a guest function
 * lands (x86_64 host, System V ABI), with its struct closure in r11. Keeps
 * the argument registers (6 integer, 8 vector, rax for variadic callers)
 * across closure_enter(closure), which returns the signature's receive
 * function, and jumps there with registers and stack as the caller left
 * them: the receiver, a C function of the callback's own type, takes its
 * arguments, stack-passed ones and struct results included.
 */
    .text
    .globl  closure_entry
    .hidden closure_entry
    .type   closure_entry, @function
closure_entry:
    pushq   %rbp
    movq    %rsp, %rbp
    subq    $128, %rsp          /* 7 integer registers, 8 vector ones (an eightbyte each) */
    movq    %rdi, 0(%rsp)
    movq    %rsi, 8(%rsp)
    movq    %rdx, 16(%rsp)
    movq    %rcx, 24(%rsp)
    movq    %r8, 32(%rsp)
    movq    %r9, 40(%rsp)
    movq    %rax, 48(%rsp)
    movsd   %xmm0, 56(%rsp)
    movsd   %xmm1, 64(%rsp)
    movsd   %xmm2, 72(%rsp)
    movsd   %xmm3, 80(%rsp)
    movsd   %xmm4, 88(%rsp)
    movsd   %xmm5, 96(%rsp)
    movsd   %xmm6, 104(%rsp)
    movsd   %xmm7, 112(%rsp)
    movq    %r11, %rdi
    call    closure_enter
    movq    %rax, %r11
    movq    0(%rsp), %rdi
    movq    8(%rsp), %rsi
    movq    16(%rsp), %rdx
    movq    24(%rsp), %rcx
    movq    32(%rsp), %r8
    movq    40(%rsp), %r9
    movq    48(%rsp), %rax
    movsd   56(%rsp), %xmm0
    movsd   64(%rsp), %xmm1
    movsd   72(%rsp), %xmm2
    movsd   80(%rsp), %xmm3
    movsd   88(%rsp), %xmm4
    movsd   96(%rsp), %xmm5
    movsd   104(%rsp), %xmm6
    movsd   112(%rsp), %xmm7
    leave
    jmp     *%r11
    .size   closure_entry, .-closure_entry

    .section .note.GNU-stack, "", @progbits
