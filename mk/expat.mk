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

# A program built against a guest's newer expat.h (2.8's 64-bit location
# functions, tests/expat/newer.sh), where the sysroot has one: only that
# header, not the sysroot's whole include directory, is put before the
# cross compiler's. newer-guest takes aliased functions only;
# newer-context-guest takes XML_GetInputContext64 too.
expat_newer = $(if $(shell grep -l XML_GetInputContext64 $(B)/sysroot/$(1)/usr/include/expat.h 2>/dev/null),$(1))
EXPAT_NEWER_ARCHES := $(foreach a,$(filter-out x86_64,$(EXPAT_ARCHES)),$(call expat_newer,$(a)))

define expat_newer_rules
$(B)/$(1)/tests/expat-include/expat.h:
	@mkdir -p $$(@D)
	ln -sfn $(abspath $(B)/sysroot/$(1)/usr/include)/expat.h $(abspath $(B)/sysroot/$(1)/usr/include)/expat_external.h $$(@D)/
$(B)/$(1)/tests/newer-guest: tests/expat/newer-guest.c $(B)/$(1)/tests/expat-include/expat.h
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -I$(B)/$(1)/tests/expat-include -o $$@ $$< $(call expat_link,$(1))
$(B)/$(1)/tests/newer-context-guest: tests/expat/newer-guest.c $(B)/$(1)/tests/expat-include/expat.h
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -DWITH_CONTEXT64 -I$(B)/$(1)/tests/expat-include -o $$@ $$< $(call expat_link,$(1))
all: $(B)/$(1)/tests/newer-guest $(B)/$(1)/tests/newer-context-guest
endef
$(foreach a,$(EXPAT_NEWER_ARCHES),$(eval $(call expat_newer_rules,$(a))))
