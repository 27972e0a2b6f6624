/* SPDX-License-Identifier: GPL-2.0-or-later */
/* AArch64 guest runtime: the magic syscall. */
#include "hostlink/protocol.h"

    .text
    .globl  hostlink_call
    .hidden hostlink_call
    .type   hostlink_call, %function
hostlink_call:                  /* (op, a1..a5) in x0..x5; the kernel's order too */
    mov     x8, #HOSTLINK_SYSCALL
    svc     #0
    ret
    .size   hostlink_call, .-hostlink_call

    .section .note.GNU-stack, "", %progbits
