/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest runtime: what thunk libraries use to reach the hostlink plugin. */
#ifndef HOSTLINK_GUEST_H
#define HOSTLINK_GUEST_H

#include "hostlink/protocol.h"

/*
 * Issue the magic syscall: returns the plugin's answer (negative: -errno,
 * HOSTLINK_CALLBACK: run the callback in the block given as @a5).
 */
long hostlink_call(long op, long a1, long a2, long a3, long a4, long a5);

#endif
