/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Offsets in struct coro that the stack-switching assembly uses (checked in coro.c). */
#ifndef HOSTLINK_CORO_LAYOUT_H
#define HOSTLINK_CORO_LAYOUT_H

#define CORO_CALLER_SP 8
#define CORO_FINISHED  16

#endif
