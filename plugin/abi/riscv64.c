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
    .int_args = { "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7" },
    .n_int_args = 8,
    .red_zone = 0,
    .stack_align = 16,
    ABI_GENERIC_SYSCALLS,
};
