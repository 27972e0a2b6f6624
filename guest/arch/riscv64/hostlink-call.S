/* SPDX-License-Identifier: GPL-2.0-or-later */
/* RISC-V 64 guest runtime: the magic syscall and the callback return path. */
#include "hostlink/protocol.h"

    .text
    .globl  hostlink_call
    .hidden hostlink_call
    .type   hostlink_call, @function
hostlink_call:                  /* (op, a1..a5) in a0..a5; the kernel's order too */
    li      a7, HOSTLINK_SYSCALL
    ecall
    ret                         /* ra: the plugin restores it after callbacks */
    .size   hostlink_call, .-hostlink_call

    .globl  hostlink_resume_trampoline
    .hidden hostlink_resume_trampoline
    .type   hostlink_resume_trampoline, @function
hostlink_resume_trampoline:     /* a callback returned here; its result is in the block */
    li      a0, HOSTLINK_OP_RESUME
    li      a7, HOSTLINK_SYSCALL
    ecall
    unimp                       /* RESUME came with no host call waiting */
    .size   hostlink_resume_trampoline, .-hostlink_resume_trampoline

    .section .note.GNU-stack, "", @progbits
