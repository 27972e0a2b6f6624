// SPDX-License-Identifier: GPL-2.0-or-later
/* RISC-V LP64D psABI: https://github.com/riscv-non-isa/riscv-elf-psabi-doc */
#include <stddef.h>
#include "abi/abi.h"

const struct guest_abi guest_abi_riscv64 = {
    .name = "riscv64",
    .sp = "sp",
    .pc = "pc",
    .ret = "a0",
    .link = "ra",
    .arg0 = "a0",
    .red_zone = 0,
    .stack_align = 16,
    ABI_GENERIC_SYSCALLS,
};
