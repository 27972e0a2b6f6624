# SPDX-License-Identifier: GPL-2.0-or-later
# SDL2 audio through hostlink (tests/sdl2): the guest program, built against
# the host's SDL2 headers with the description's flags; it dlopens SDL.

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

define sdl2_rules
$(B)/$(1)/tests/sdl2-audio: tests/sdl2/sdl2-audio.c libs/sdl2.hl
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) $$(call lib_cflags,sdl2) -idirafter /usr/include -pthread -o $$@ $$< -ldl
all: $(B)/$(1)/tests/sdl2-audio
endef
$(if $(wildcard /usr/include/SDL2/SDL.h),$(foreach a,$(GUEST_ARCHES),$(eval $(call sdl2_rules,$(a)))))
