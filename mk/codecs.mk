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
