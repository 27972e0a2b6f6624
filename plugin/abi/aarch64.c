// SPDX-License-Identifier: GPL-2.0-or-later
/* AArch64 AAPCS64 (Linux): https://github.com/ARM-software/abi-aa */
#include <stddef.h>
#include "abi/abi.h"

const struct guest_abi guest_abi_aarch64 = {
    .name = "aarch64",
    .sp = "sp",
    .pc = "pc",
    .ret = "x0",
    .link = "x30",
    .arg0 = "x0",
    .red_zone = 0,
    .stack_align = 16,
    ABI_GENERIC_SYSCALLS,
};
