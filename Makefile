# SPDX-License-Identifier: GPL-2.0-or-later
#
# hostlink: one entry point.
#   make demo    set up everything and run the callback demo
#   make check   set up everything and run the test suite
#   make bench   set up everything and print the benchmark table
#   make         build what is buildable with what is installed
#
# "Set up" installs Debian packages (toolchain/install-packages.sh) and the
# patched QEMU (toolchain/qemu/build.sh, cached outside the checkout).

B      := build
QEMU   := $(B)/qemu
include mk/guest-arch.mk
# Further parts (CLI, zlib tests, benchmarks) keep their rules in mk/*.mk.
include $(filter-out mk/guest-arch.mk,$(wildcard mk/*.mk))

WARN        := -Wall -Wextra -Werror
HOST_CFLAGS := -std=c11 $(WARN) -O2 -g -fPIC -D_GNU_SOURCE
GLIB_CFLAGS := $(shell pkg-config --cflags glib-2.0 2>/dev/null)
GLIB_LIBS   := $(shell pkg-config --libs glib-2.0 2>/dev/null)
GUEST_CFLAGS := -std=c11 $(WARN) -O2 -g -D_GNU_SOURCE
# Extra flags for sanitizer runs of host code: make check SANITIZE=1
ifeq ($(SANITIZE),1)
HOST_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer
endif

.PHONY: all setup check demo bench clean
all:

# --- the plugin (host side) -------------------------------------------------
PLUGIN_SRCS := $(wildcard plugin/*.c plugin/abi/*.c plugin/libs/*.c) plugin/coro-switch-x86_64.S
PLUGIN_HDRS := $(wildcard plugin/*.h plugin/abi/*.h plugin/libs/*.h include/hostlink/*.h)
PLUGIN      := $(B)/plugin/libhostlink.so
$(PLUGIN): $(PLUGIN_SRCS) $(PLUGIN_HDRS) $(QEMU)/include/qemu-plugin.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -fvisibility=hidden -flto $(GLIB_CFLAGS) -Iinclude -Iplugin -I$(QEMU)/include -shared \
	    -o $@ $(PLUGIN_SRCS) $(GLIB_LIBS) -lpthread
all: $(PLUGIN)

# --- guest side, per guest architecture ---------------------------------------
# Only guests with a runtime in guest/arch/ get thunks and demo programs.
RUNTIME_ARCHES := $(notdir $(wildcard guest/arch/*))
GUEST_INC := -Iinclude -Iguest/include -Idemo

define guest_rules
$(B)/$(1)/lib/libdemo-callback-qsort-thunk.so: guest/thunks/demo-callback-qsort.c guest/arch/$(1)/hostlink-call.S $$(wildcard guest/include/hostlink/*.h include/hostlink/*.h) demo/demo-callback-qsort.h
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) $$(GUEST_INC) -fPIC -shared \
	    -Wl,-soname,libdemo-callback-qsort.so -o $$@ $$(filter %.c %.S,$$^)

# Programs find their libraries through $$ORIGIN/../lib, wherever they live.
$(B)/$(1)/bin/callback-demo: demo/callback-demo.c $(B)/$(1)/lib/libdemo-callback-qsort-thunk.so
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) $$(GUEST_INC) -o $$@ $$^ -Wl,-rpath,'$$$$ORIGIN/../lib'

$(B)/$(1)/tests/bridge-guest: tests/bridge/bridge-guest.c $(B)/$(1)/lib/libdemo-callback-qsort-thunk.so guest/arch/$(1)/hostlink-call.S
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) $$(GUEST_INC) -pthread -o $$@ $$^ -Wl,-rpath,'$$$$ORIGIN/../lib'

$(B)/$(1)/bench/bridge-bench: bench/bridge-bench.c $(B)/$(1)/lib/libdemo-callback-qsort-thunk.so
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) $$(GUEST_INC) -o $$@ $$^ -Wl,-rpath,'$$$$ORIGIN/../lib'

$(B)/$(1)/bench/bridge-bench-baseline: bench/bridge-bench.c
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) $$(GUEST_INC) -DBASELINE_ONLY -o $$@ $$^

all: $(B)/$(1)/bin/callback-demo $(B)/$(1)/tests/bridge-guest $(B)/$(1)/bench/bridge-bench $(B)/$(1)/bench/bridge-bench-baseline
endef
$(foreach a,$(RUNTIME_ARCHES),$(eval $(call guest_rules,$(a))))

bench: setup
	$(MAKE) all
	bench/run.sh

demo: setup
	$(MAKE) all
	$(QEMU)/bin/qemu-x86_64 -d plugin -plugin $(PLUGIN) $(B)/x86_64/bin/callback-demo

setup:
	toolchain/install-packages.sh dev cross
	toolchain/qemu/build.sh

check: setup
	$(MAKE) all
	tests/run.sh

clean:
	rm -rf $(B)/plugin $(B)/tests $(addprefix $(B)/,$(GUEST_ARCHES))

# --- unit tests of plugin pieces (tests/unit), always under ASan + UBSan ------
UNIT_CFLAGS := -std=c11 $(WARN) -O1 -g -D_GNU_SOURCE -fsanitize=address,undefined \
               -fno-omit-frame-pointer -fno-sanitize-recover=undefined
UNIT_DEPS   := tests/unit/qemu_stubs.c plugin/log.c
define unit_rule
$(B)/tests/unit/test_$(1): tests/unit/test_$(1).c $(2) $$(UNIT_DEPS) $$(PLUGIN_HDRS) $(QEMU)/include/qemu-plugin.h
	@mkdir -p $$(@D)
	$$(CC) $$(UNIT_CFLAGS) $$(GLIB_CFLAGS) -Iinclude -Iplugin -Itests/unit -I$(QEMU)/include \
	    -o $$@ $$(filter %.c %.S,$$^) $$(GLIB_LIBS) -lcmocka -lpthread
all: $(B)/tests/unit/test_$(1)
endef
$(eval $(call unit_rule,coro,plugin/coro.c plugin/coro-switch-x86_64.S))
$(eval $(call unit_rule,options,plugin/options.c plugin/libs/libs.c plugin/libs/demo_qsort.c plugin/bridge.c plugin/coro.c plugin/coro-switch-x86_64.S plugin/guest_mem.c plugin/regs.c))
$(eval $(call unit_rule,guest_mem,plugin/guest_mem.c))
$(eval $(call unit_rule,bridge,plugin/bridge.c plugin/coro.c plugin/coro-switch-x86_64.S plugin/guest_mem.c plugin/regs.c $(wildcard plugin/abi/*.c)))

# --- tests of the QEMU patches (tests/qemu) --------------------------------
$(B)/tests/filter-plugin.so: tests/qemu/filter-plugin.c tests/qemu/filter-test.h $(QEMU)/include/qemu-plugin.h
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) $(GLIB_CFLAGS) -I$(QEMU)/include -shared -o $@ $<

define guest_test_prog
$(B)/$(1)/tests/filter-guest: tests/qemu/filter-guest.c tests/qemu/filter-test.h
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -o $$@ $$<
all: $(B)/$(1)/tests/filter-guest
endef
$(foreach a,$(GUEST_ARCHES),$(eval $(call guest_test_prog,$(a))))
all: $(B)/tests/filter-plugin.so
