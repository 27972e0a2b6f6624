// SPDX-License-Identifier: GPL-2.0-or-later
/* AArch64 AAPCS64 (Linux): https://github.com/ARM-software/abi-aa */
#include "abi/abi.h"

const struct guest_abi guest_abi_aarch64 = {
    .name = "aarch64",
    .sp = "sp",
    ABI_GENERIC_SYSCALLS,
};
