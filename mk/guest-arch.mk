# SPDX-License-Identifier: GPL-2.0-or-later
# Guest architectures: the compiler that builds guest code and the sysroot
# QEMU loads its shared libraries from (-L). A new 64-bit little-endian
# guest needs an entry here and an ABI file in plugin/abi/.

GUEST_ARCHES := x86_64 aarch64 riscv64

guest_cc_x86_64   := gcc
guest_cc_aarch64  := aarch64-linux-gnu-gcc
guest_cc_riscv64  := riscv64-linux-gnu-gcc

guest_sysroot_x86_64  := /
guest_sysroot_aarch64 := /usr/aarch64-linux-gnu
guest_sysroot_riscv64 := /usr/riscv64-linux-gnu
