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

setup:
	toolchain/install-packages.sh dev cross
	toolchain/qemu/build.sh

check: setup
	$(MAKE) all
	tests/run.sh

clean:
	rm -rf $(B)/plugin $(B)/tests $(addprefix $(B)/,$(GUEST_ARCHES))

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
