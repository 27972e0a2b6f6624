# SPDX-License-Identifier: GPL-2.0-or-later
# zlib pass-through: guest test programs (tests/zlib/*.c -> build/ARCH/tests/zlib-*)
# and benchmark programs (bench/zlib/*.c -> build/ARCH/bench/zlib-*), written
# against the ordinary zlib API so they run natively, emulated and through hostlink.

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

ZLIB_TESTS   := roundtrip stream alloc back gz misc threads
ZLIB_BENCHES := zlib-bench zlib-qsort-bench zlib-syscall-heavy

# Guests whose compiler links -lz (zlib development files in its sysroot);
# only those get the programs in "all". Checked once per make run.
# zlib_flags_ARCH (unset by default) can point a guest at zlib files kept
# elsewhere, e.g. "-I<sysroot>/usr/include -L<sysroot>/usr/lib/<triple>".
zlib_links = $(shell echo 'int main(void){return 0;}' | \
    $(guest_cc_$(1)) $(zlib_flags_$(1)) -x c - -lz -o /dev/null 2>/dev/null && echo yes)
ZLIB_ARCHES := $(foreach a,$(GUEST_ARCHES),$(if $(call zlib_links,$(a)),$(a)))

define zlib_rules
$(addprefix $(B)/$(1)/tests/zlib-,$(ZLIB_TESTS)): $(B)/$(1)/tests/zlib-%: tests/zlib/%.c tests/zlib/zt.c tests/zlib/zt.h
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) $$(zlib_flags_$(1)) -pthread -o $$@ $$(filter %.c,$$^) -lz

$(B)/$(1)/bench/zlib-bench: bench/zlib/zlib-bench.c bench/zlib/bench-time.h
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) $$(zlib_flags_$(1)) -o $$@ $$< -lz

# These two do not use zlib; they measure what hostlink costs a program
# whose hot code stays in the guest.
$(B)/$(1)/bench/zlib-%: bench/zlib/%.c bench/zlib/bench-time.h
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -o $$@ $$<
endef
$(foreach a,$(GUEST_ARCHES),$(eval $(call zlib_rules,$(a))))

all: $(foreach a,$(ZLIB_ARCHES),$(addprefix $(B)/$(a)/tests/zlib-,$(ZLIB_TESTS)) \
                                $(addprefix $(B)/$(a)/bench/,$(ZLIB_BENCHES)))
