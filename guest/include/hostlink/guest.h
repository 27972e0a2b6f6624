/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest runtime: what thunk libraries use to reach the hostlink plugin. */
#ifndef HOSTLINK_GUEST_H
#define HOSTLINK_GUEST_H

#include "hostlink/protocol.h"

/*
 * Issue the magic syscall: returns the plugin's answer (negative: -errno).
 * An ordinary out-of-line function, so the compiler assumes every
 * caller-saved register is clobbered: guest callbacks run while the
 * plugin holds this call open.
 */
long hostlink_call(long op, long a1, long a2, long a3, long a4, long a5);

/*
 * Return address the plugin gives guest callbacks: passes the callback's
 * integer result back with HOSTLINK_OP_RESUME. Never called directly.
 */
void hostlink_resume_trampoline(void);

#endif
