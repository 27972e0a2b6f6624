/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host calls of a library that longjmps when it fails (a description with
 * a longjmp key, gen/unwind.h; libpng). The guest's setjmp fills a jmp_buf
 * the library hands out (png_jmpbuf), and the guest's longjmp must be the
 * one to jump to it. So the host library gets a host function in place of
 * the guest's longjmp: it ends the host call at the unwind point every
 * call of such a library runs under, and the call returns
 * HOSTLINK_CALL_UNWOUND with (guest longjmp, jmp_buf, value) in its block;
 * the guest thunk makes that call (guest/runtime/unwind.c). No host frame
 * stays behind: the host library's own code between the failure and the
 * unwind point is skipped, as its longjmp natively skips it.
 */
#ifndef HOSTLINK_UNWIND_H
#define HOSTLINK_UNWIND_H

#include <stdint.h>
#include "hostlink/protocol.h"

/*
 * On a host call's coroutine: runs @call(@c) under an unwind point
 * (bridge_set_unwind_point()). 0 when it returned, or was ended because
 * the guest left one of its callbacks for good (the block is then left
 * alone); HOSTLINK_CALL_UNWOUND when the library longjmp'd, with the
 * block's args[0..2] set to the guest's longjmp function, the jmp_buf and
 * the value.
 */
int64_t unwind_run(void (*call)(struct hostlink_call_block *), struct hostlink_call_block *c);

#endif
