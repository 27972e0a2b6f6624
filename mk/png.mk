# SPDX-License-Identifier: GPL-2.0-or-later
# libpng pass-through (tests/png): the guest test program
# (tests/png/png-guest.c -> build/ARCH/tests/png-guest) and libpng's own
# pngtest (toolchain/libpng-source.sh -> build/ARCH/tests/pngtest), each
# built against the guest's own libpng: the host's for x86_64, the guest
# sysroot's for the others, whose headers (build/sysroot/ARCH/usr/include/
# libpng16) go on the include path alone, zlib's through build/ARCH/zlib-dev.

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

png_header = $(if $(filter x86_64,$(1)),/usr/include/libpng16,$(B)/sysroot/$(1)/usr/include/libpng16)
png_sysroot_lib = $(B)/sysroot/$(1)/usr/lib/$(1)-linux-gnu/libpng16.so.16
png_link = $(if $(filter x86_64,$(1)),-lpng16 -lz,$(call png_sysroot_lib,$(1)) \
           $(B)/sysroot/$(1)/usr/lib/$(1)-linux-gnu/libz.so.1 -Wl,--allow-shlib-undefined)
png_zlib_include = $(if $(filter x86_64,$(1)),,-I$(B)/$(1)/zlib-dev/include)
# The libpng release of a guest's png.h: pngtest.c builds only against its own.
png_release = $(shell sed -n 's/^\#define PNG_LIBPNG_VER_STRING "\([0-9.]*\)"$$/\1/p' $(call png_header,$(1))/png.h 2>/dev/null)
PNG_ARCHES := $(foreach a,$(GUEST_ARCHES),$(if $(wildcard $(call png_header,$(a))/png.h),$(a)))

define png_rules
$(B)/$(1)/tests/png-guest: tests/png/png-guest.c
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -I$(call png_header,$(1)) -o $$@ $$< $(call png_link,$(1))
all: $(B)/$(1)/tests/png-guest

# libpng's own code: its warnings are not ours to fix.
$(B)/$(1)/tests/pngtest: $(B)/libpng-src/$(call png_release,$(1))/pngtest.c $(if $(filter x86_64,$(1)),,$(B)/$(1)/zlib-dev/.links)
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) -O2 -g -w -I$(call png_header,$(1)) $(call png_zlib_include,$(1)) -o $$@ $$< $(call png_link,$(1))
all: $(if $(wildcard $(B)/libpng-src/$(call png_release,$(1))/pngtest.c),$(B)/$(1)/tests/pngtest)
endef
$(foreach a,$(PNG_ARCHES),$(eval $(call png_rules,$(a))))

# Debian's PNG programs on a larger set of images: not in check.
.PHONY: check-png-long
check-png-long: all
	HOSTLINK_LONG=1 HOSTLINK_PNG_SCALE=8 tests/run.sh tests/png/programs.sh
.PHONY: check-long
check-long: check-png-long
