// SPDX-License-Identifier: GPL-2.0-or-later
/* RISC-V LP64D psABI: https://github.com/riscv-non-isa/riscv-elf-psabi-doc */
#include "abi/abi.h"

const struct guest_abi guest_abi_riscv64 = {
    .name = "riscv64",
    .sp = "sp",
    ABI_GENERIC_SYSCALLS,
};
