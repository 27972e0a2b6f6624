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

# A liblzma program with its own const allocator, for every guest, built
# against the guest's own liblzma (the host's headers: liblzma's API is
# the same in every release these guests have).
lzma_link_x86_64  := -llzma
lzma_link_aarch64 := $(B)/sysroot/aarch64/usr/lib/aarch64-linux-gnu/liblzma.so.5
lzma_link_riscv64 := $(B)/sysroot/riscv64/usr/lib/riscv64-linux-gnu/liblzma.so.5
define codecs_rules
ifneq ($$(or $$(filter x86_64,$(1)),$$(wildcard $$(lzma_link_$(1)))),)
$(B)/$(1)/tests/lzma-alloc: tests/codecs/lzma-alloc.c
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -idirafter /usr/include -o $$@ $$< $$(lzma_link_$(1)) \
	    -Wl,--allow-shlib-undefined
all: $(B)/$(1)/tests/lzma-alloc
endif
endef
$(foreach a,$(GUEST_ARCHES),$(eval $(call codecs_rules,$(a))))

# An x86_64 program needing a function libs/liblz4.hl excludes.
$(B)/x86_64/tests/skew-excluded: tests/codecs/skew-excluded.c
	@mkdir -p $(@D)
	$(guest_cc_x86_64) $(GUEST_CFLAGS) -o $@ $< -llz4
all: $(B)/x86_64/tests/skew-excluded
