/* SPDX-License-Identifier: GPL-2.0-or-later */
/* RISC-V 64 guest runtime: the magic syscall. */
#include "hostlink/protocol.h"

    .text
    .globl  hostlink_call
    .hidden hostlink_call
    .type   hostlink_call, @function
hostlink_call:                  /* (op, a1..a5) in a0..a5; the kernel's order too */
    li      a7, HOSTLINK_SYSCALL
    ecall
    ret
    .size   hostlink_call, .-hostlink_call

    .section .note.GNU-stack, "", @progbits
