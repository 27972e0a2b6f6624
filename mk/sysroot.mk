# SPDX-License-Identifier: GPL-2.0-or-later
# Guest sysroots of Debian's own arm64 and riscv64 packages (libc, zlib,
# pigz, minizip) at build/sysroot/ARCH, for running unmodified Debian
# programs under QEMU. Not part of "all": it downloads about 20 MB per guest.

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

.PHONY: sysroot
sysroot:
	toolchain/sysroot.sh $(SYSROOT_ARCHES)
