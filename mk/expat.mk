# SPDX-License-Identifier: GPL-2.0-or-later
# expat pass-through: the guest test program (tests/expat/expat-guest.c ->
# build/ARCH/tests/expat-guest), linked against the guest's own libexpat:
# the host's for x86_64, the guest sysroot's for the others, with expat.h
# from the host (the functions it uses are in every guest's release).

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

expat_sysroot_lib = $(B)/sysroot/$(1)/usr/lib/$(1)-linux-gnu/libexpat.so.1
expat_link = $(if $(filter x86_64,$(1)),-lexpat,$(call expat_sysroot_lib,$(1)) -Wl,--allow-shlib-undefined)
EXPAT_ARCHES := x86_64 $(foreach a,$(filter-out x86_64,$(GUEST_ARCHES)),$(if $(wildcard $(call expat_sysroot_lib,$(a))),$(a)))

define expat_rules
$(B)/$(1)/tests/expat-guest: tests/expat/expat-guest.c
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -DXML_DTD -idirafter /usr/include -o $$@ $$< $(call expat_link,$(1))
all: $(B)/$(1)/tests/expat-guest
endef
$(foreach a,$(EXPAT_ARCHES),$(eval $(call expat_rules,$(a))))
