/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A safety net for host calls: a host library that faults on a bad guest
 * pointer (a garbage z_stream, a buffer too short) makes that call fail
 * with -EFAULT instead of taking QEMU down. Faults anywhere else go to
 * QEMU's own handler as before.
 */
#ifndef HOSTLINK_FAULT_H
#define HOSTLINK_FAULT_H

/*
 * Installs the handlers (once). Must run after QEMU installed its own,
 * which happens after plugins load: so at the first library open.
 */
void fault_catch_init(void);

#endif
