# SPDX-License-Identifier: GPL-2.0-or-later
# zlib pass-through: guest test programs (tests/zlib/*.c -> build/ARCH/tests/zlib-*)
# and benchmark programs (bench/zlib/*.c -> build/ARCH/bench/zlib-*), written
# against the ordinary zlib API so they run natively, emulated and through hostlink.

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

ZLIB_TESTS   := roundtrip stream alloc back gz misc threads wide
ZLIB_BENCHES := zlib-bench zlib-qsort-bench zlib-syscall-heavy

# Guests whose compiler links -lz (zlib development files in its sysroot);
# only those get the programs in "all". Checked once per make run.
# zlib_flags_ARCH (unset by default) can point a guest at zlib files kept
# elsewhere, e.g. "-I<sysroot>/usr/include -L<sysroot>/usr/lib/<triple>".
zlib_links = $(shell echo 'int main(void){return 0;}' | \
    $(guest_cc_$(1)) $(zlib_flags_$(1)) -x c - -lz -o /dev/null 2>/dev/null && echo yes)

# A cross guest without zlib of its own is built against the zlib of its
# Debian sysroot (toolchain/sysroot.sh, `make sysroot`), when that has one
# and zlib_flags_ARCH is not set: the guest's own zlib.h, zconf.h and
# libz.so, and nothing else of the sysroot. Its glibc headers and libraries
# (newer than the cross compiler's on riscv64) stay out of the build: only
# links to the zlib files go on the search paths, in build/ARCH/zlib-dev.
# The programs then run with the sysroot's libz.so.1, which `hostlink run`
# finds there (it passes -L build/sysroot/ARCH to QEMU).
zlib_sysroot_files = $(addprefix $(B)/sysroot/$(1)/usr/,include/zlib.h include/zconf.h \
    lib/$(1)-linux-gnu/libz.so)
zlib_from_sysroot = $(if $(zlib_flags_$(1)),,$(if $(filter x86_64,$(1)),,$(if \
    $(filter 3,$(words $(wildcard $(call zlib_sysroot_files,$(1))))),yes)))
ZLIB_SYSROOT_ARCHES := $(foreach a,$(GUEST_ARCHES),$(if $(call zlib_from_sysroot,$(a)),$(a)))
$(foreach a,$(ZLIB_SYSROOT_ARCHES),$(eval zlib_flags_$(a) := -I$(B)/$(a)/zlib-dev/include -L$(B)/$(a)/zlib-dev/lib))
# What a zlib program of ARCH waits for before it is compiled.
zlib_dev = $(if $(filter $(1),$(ZLIB_SYSROOT_ARCHES)),$(B)/$(1)/zlib-dev/.links)

ZLIB_ARCHES := $(foreach a,$(GUEST_ARCHES),$(if $(or $(filter $(a),$(ZLIB_SYSROOT_ARCHES)),$(call zlib_links,$(a))),$(a)))

define zlib_dev_rules
# The links are remade when the sysroot's files change (a new sysroot).
$(B)/$(1)/zlib-dev/.links: $(call zlib_sysroot_files,$(1))
	@mkdir -p $$(@D)/include $$(@D)/lib
	ln -sfn $$(abspath $(B)/sysroot/$(1)/usr/include/zlib.h) $$(@D)/include/zlib.h
	ln -sfn $$(abspath $(B)/sysroot/$(1)/usr/include/zconf.h) $$(@D)/include/zconf.h
	ln -sfn $$(abspath $(B)/sysroot/$(1)/usr/lib/$(1)-linux-gnu/libz.so) $$(@D)/lib/libz.so
	touch $$@
endef
$(foreach a,$(ZLIB_SYSROOT_ARCHES),$(eval $(call zlib_dev_rules,$(a))))

define zlib_rules
$(addprefix $(B)/$(1)/tests/zlib-,$(ZLIB_TESTS)): $(B)/$(1)/tests/zlib-%: tests/zlib/%.c tests/zlib/zt.c tests/zlib/zt.h $(call zlib_dev,$(1))
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) $$(zlib_flags_$(1)) -pthread -o $$@ $$(filter %.c,$$^) -lz

$(B)/$(1)/bench/zlib-bench: bench/zlib/zlib-bench.c bench/zlib/bench-time.h $(call zlib_dev,$(1))
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) $$(zlib_flags_$(1)) -o $$@ $$< -lz

# Guest syscalls on host library memory (tests/hostmem): zlib and libhlt.
$(B)/$(1)/tests/hostmem-guest: tests/hostmem/hostmem-guest.c $(B)/$(1)/genuine/libhlt.so $(call zlib_dev,$(1))
	@mkdir -p $$(@D) $(B)/$(1)/lib
	cp $(B)/$(1)/genuine/libhlt.so $(B)/$(1)/lib/
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) $$(zlib_flags_$(1)) -Itests/callbacks -o $$@ $$< $(B)/$(1)/genuine/libhlt.so \
	    -Wl,-rpath,'$$$$ORIGIN/../lib' -lz

# The pass-through modes test (tests/passthrough/modes.sh).
$(B)/$(1)/tests/zlib-fallback: tests/passthrough/zlib-fallback.c tests/common/build-id.h $(call zlib_dev,$(1))
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) $$(zlib_flags_$(1)) -o $$@ $$< -lz

# These two do not use zlib; they measure what hostlink costs a program
# whose hot code stays in the guest.
$(B)/$(1)/bench/zlib-%: bench/zlib/%.c bench/zlib/bench-time.h
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -o $$@ $$<
endef
$(foreach a,$(GUEST_ARCHES),$(eval $(call zlib_rules,$(a))))

all: $(foreach a,$(ZLIB_ARCHES),$(addprefix $(B)/$(a)/tests/zlib-,$(ZLIB_TESTS) fallback) $(B)/$(a)/tests/hostmem-guest \
                                $(addprefix $(B)/$(a)/bench/,$(ZLIB_BENCHES)))

# A JIT's page written by a host library (tests/hostmem/tbpage.sh).
define tbpage_rules
$(B)/$(1)/tests/tbpage-guest: tests/hostmem/tbpage-guest.c $(B)/$(1)/genuine/libhlt.so $(B)/$(1)/tests/hostmem-guest
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -Itests/callbacks -o $$@ $$< $(B)/$(1)/genuine/libhlt.so -Wl,-rpath,'$$$$ORIGIN/../lib'
all: $(B)/$(1)/tests/tbpage-guest
endef
$(foreach a,$(ZLIB_ARCHES),$(eval $(call tbpage_rules,$(a))))
