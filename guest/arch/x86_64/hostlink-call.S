/* SPDX-License-Identifier: GPL-2.0-or-later */
/* x86_64 guest runtime: the magic syscall. */
#include "hostlink/protocol.h"

    .text
    .globl  hostlink_call
    .hidden hostlink_call
    .type   hostlink_call, @function
hostlink_call:                  /* (op, a1..a5) in rdi, rsi, rdx, rcx, r8, r9 */
    movq    %rcx, %r10          /* the kernel takes argument 4 in r10 */
    movl    $HOSTLINK_SYSCALL, %eax
    syscall
    ret
    .size   hostlink_call, .-hostlink_call

    .section .note.GNU-stack, "", @progbits
