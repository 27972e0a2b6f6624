/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest registers of the vCPU making the current syscall, named by role
 * (stack pointer, first argument, ...) rather than by architecture.
 * Only valid inside syscall callbacks.
 */
#ifndef HOSTLINK_REGS_H
#define HOSTLINK_REGS_H

#include <stdbool.h>
#include <stdint.h>
#include "abi/abi.h"

enum reg_role {
    REG_SP,
    REG_ROLES,
};

/* Looks the registers of @abi up (once per process); false if QEMU lacks one. */
bool regs_init(const struct guest_abi *abi);

bool regs_read(enum reg_role role, uint64_t *value);

#endif
