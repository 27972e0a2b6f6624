# SPDX-License-Identifier: GPL-2.0-or-later
# libbz2 pass-through: the guest test program (tests/bzip2/bz-guest.c ->
# build/ARCH/tests/bz-guest), linked against the guest's own libbz2: the
# host's for x86_64, the guest sysroot's (toolchain/sysroot.sh) for the
# others, with bzlib.h (the same on every architecture) from the host.

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

bz2_sysroot_lib = $(B)/sysroot/$(1)/usr/lib/$(1)-linux-gnu/libbz2.so.1.0
bz2_link = $(if $(filter x86_64,$(1)),-lbz2,$(call bz2_sysroot_lib,$(1)) -Wl,--allow-shlib-undefined)
BZ2_ARCHES := x86_64 $(foreach a,$(filter-out x86_64,$(GUEST_ARCHES)),$(if $(wildcard $(call bz2_sysroot_lib,$(a))),$(a)))

define bz2_rules
$(B)/$(1)/tests/bz-guest: tests/bzip2/bz-guest.c
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -idirafter /usr/include -o $$@ $$< $(call bz2_link,$(1))
all: $(B)/$(1)/tests/bz-guest
endef
$(foreach a,$(BZ2_ARCHES),$(eval $(call bz2_rules,$(a))))

# Debian's bzip2 on 64 MiB through hostlink and emulated, every guest: minutes, so not in check.
.PHONY: check-bzip2-large
check-bzip2-large: all
	HOSTLINK_BZIP2_MIB=64 tests/run.sh tests/bzip2/programs.sh
