# SPDX-License-Identifier: GPL-2.0-or-later
# Guest architectures: the one list of them and what each needs. Everything
# else reads it: make, the CLI and the plugin (build/gen/guest-arches.h),
# the shell scripts (`make -s -f mk/guest-arch.mk guest-arch-shell`) and
# tests/lib.sh. A new 64-bit little-endian guest needs an entry here, an
# ABI file plugin/abi/NAME.c and a runtime guest/arch/NAME/.

GUEST_ARCHES := x86_64 aarch64 riscv64

# The compiler that builds guest code; its target triple is ARCH-linux-gnu.
guest_cc_x86_64   := gcc
guest_cc_aarch64  := aarch64-linux-gnu-gcc
guest_cc_riscv64  := riscv64-linux-gnu-gcc
guest_triple       = $(1)-linux-gnu

# The sysroot QEMU loads its shared libraries from (-L) when the project
# has built none of Debian's packages; / means the host's own root (no -L).
guest_sysroot_x86_64  := /
guest_sysroot_aarch64 := /usr/aarch64-linux-gnu
guest_sysroot_riscv64 := /usr/riscv64-linux-gnu

# ELF e_machine (the <elf.h> name), to tell a program's architecture.
guest_elf_machine_x86_64  := EM_X86_64
guest_elf_machine_aarch64 := EM_AARCH64
guest_elf_machine_riscv64 := EM_RISCV

# Debian's name for it, the suites its sysroot comes from (first usable
# wins; riscv64 is a release architecture from trixie on) and the host's
# cross-compiler packages. No suites: no sysroot is built (the host's own).
guest_debian_arch_x86_64      := amd64
guest_debian_arch_aarch64     := arm64
guest_debian_arch_riscv64     := riscv64
guest_debian_suites_x86_64    :=
guest_debian_suites_aarch64   := bookworm
guest_debian_suites_riscv64   := trixie forky
guest_cross_packages_x86_64   :=
guest_cross_packages_aarch64  := gcc-aarch64-linux-gnu libc6-dev-arm64-cross
guest_cross_packages_riscv64  := gcc-riscv64-linux-gnu libc6-dev-riscv64-cross

# Guests that get a Debian sysroot at build/sysroot/ARCH.
SYSROOT_ARCHES := $(strip $(foreach a,$(GUEST_ARCHES),$(if $(guest_debian_suites_$(a)),$(a))))

# Included first by the Makefile: keep its "all" the default goal.
all:

# For shell scripts: the list as shell assignments (arrays keyed by arch).
.PHONY: guest-arch-shell
guest-arch-shell:
	@echo "GUEST_ARCHES='$(GUEST_ARCHES)'"
	@echo "SYSROOT_ARCHES='$(SYSROOT_ARCHES)'"
	@echo "declare -A guest_debian_arch=($(foreach a,$(GUEST_ARCHES),[$(a)]='$(guest_debian_arch_$(a))'))"
	@echo "declare -A guest_debian_suites=($(foreach a,$(GUEST_ARCHES),[$(a)]='$(guest_debian_suites_$(a))'))"
	@echo "declare -A guest_cross_packages=($(foreach a,$(GUEST_ARCHES),[$(a)]='$(guest_cross_packages_$(a))'))"
