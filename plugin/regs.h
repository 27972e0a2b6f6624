/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The guest stack pointer of the vCPU making the current syscall (only
 * valid inside syscall callbacks): the plugin's one look at guest
 * registers, to check once that guest addresses are host addresses.
 */
#ifndef HOSTLINK_REGS_H
#define HOSTLINK_REGS_H

#include <stdbool.h>
#include <stdint.h>
#include "abi/abi.h"

/* False if QEMU does not expose @abi's stack pointer or cannot read it. */
bool regs_read_sp(const struct guest_abi *abi, uint64_t *sp);

#endif
