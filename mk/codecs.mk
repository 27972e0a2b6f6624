# SPDX-License-Identifier: GPL-2.0-or-later
# The version-skew test's riscv64 programs (tests/codecs/skew.sh), linked
# against the riscv64 sysroot's own libzstd.so.1 (Debian trixie's 1.5.7,
# newer than the host's); only its run-time library is in the sysroot.

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

SKEW_ZSTD := $(B)/sysroot/riscv64/usr/lib/riscv64-linux-gnu/libzstd.so.1
ifneq ($(wildcard $(SKEW_ZSTD)),)
$(B)/riscv64/tests/skew-zstd-old: tests/codecs/skew-zstd.c $(SKEW_ZSTD)
	@mkdir -p $(@D)
	$(guest_cc_riscv64) $(GUEST_CFLAGS) -o $@ $^ -Wl,--allow-shlib-undefined

$(B)/riscv64/tests/skew-zstd-new: tests/codecs/skew-zstd.c $(SKEW_ZSTD)
	@mkdir -p $(@D)
	$(guest_cc_riscv64) $(GUEST_CFLAGS) -DNEWER -o $@ $^ -Wl,--allow-shlib-undefined

# The same program with a library of its own (found through its RUNPATH)
# that needs the newer function: libzstd is opened before that library.
$(B)/riscv64/lib/libskewdep.so: tests/codecs/skew-dep.c $(SKEW_ZSTD)
	@mkdir -p $(@D)
	$(guest_cc_riscv64) $(GUEST_CFLAGS) -fPIC -shared -Wl,-soname,libskewdep.so -o $@ $^ \
	    -Wl,--allow-shlib-undefined

$(B)/riscv64/tests/skew-zstd-dep: tests/codecs/skew-zstd.c $(SKEW_ZSTD) $(B)/riscv64/lib/libskewdep.so
	@mkdir -p $(@D)
	$(guest_cc_riscv64) $(GUEST_CFLAGS) -Wl,--no-as-needed -o $@ $^ -Wl,--allow-shlib-undefined \
	    -Wl,-rpath,'$$ORIGIN/../lib'

all: $(B)/riscv64/tests/skew-zstd-old $(B)/riscv64/tests/skew-zstd-new $(B)/riscv64/tests/skew-zstd-dep
endif

# A liblzma program with its own const allocator, and a program per codec
# library calling its whole API (tests/codecs/api.sh), for every guest,
# built against the guest's own library with the host's headers: a guest
# whose library is a newer release (riscv64) runs them with only functions
# the host's has (the thunk passes them; plain emulation the newer one).
codec_lib = $(if $(filter x86_64,$(1)),-l$(2),$(B)/sysroot/$(1)/usr/lib/$(1)-linux-gnu/lib$(2).so.$(3))
codec_has = $(or $(filter x86_64,$(1)),$(wildcard $(B)/sysroot/$(1)/usr/lib/$(1)-linux-gnu/lib$(2).so.$(3)))
# PROGRAM:LIBRARY:SONAME-VERSION
CODEC_PROGS := lzma-alloc:lzma:5 lzma-api:lzma:5 lz4-api:lz4:1 zstd-api:zstd:1
define codecs_rule
ifneq ($$(call codec_has,$(1),$(3),$(4)),)
$(B)/$(1)/tests/$(2): tests/codecs/$(2).c tests/codecs/api.h
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -idirafter /usr/include -o $$@ $$< $$(call codec_lib,$(1),$(3),$(4)) \
	    -lpthread -Wl,--allow-shlib-undefined
all: $(B)/$(1)/tests/$(2)
endif
endef
codec_field = $(word $(2),$(subst :, ,$(1)))
$(foreach a,$(GUEST_ARCHES),$(foreach p,$(CODEC_PROGS),$(eval $(call codecs_rule,$(a),$(call codec_field,$(p),1),$(call codec_field,$(p),2),$(call codec_field,$(p),3)))))

# An x86_64 program needing a function libs/liblz4.hl excludes.
$(B)/x86_64/tests/skew-excluded: tests/codecs/skew-excluded.c
	@mkdir -p $(@D)
	$(guest_cc_x86_64) $(GUEST_CFLAGS) -o $@ $< -llz4
all: $(B)/x86_64/tests/skew-excluded
