# SPDX-License-Identifier: GPL-2.0-or-later
# Variadic functions of the test library (tests/callbacks/varargs.sh).
define varargs_rules
$(B)/$(1)/tests/varargs-guest: tests/callbacks/varargs-guest.c $(B)/$(1)/tests/callbacks-guest
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -Wno-format -Itests/callbacks -o $$@ $$< $(B)/$(1)/lib/libhlt.so -Wl,-rpath,'$$$$ORIGIN/../lib'
all: $(B)/$(1)/tests/varargs-guest
endef
$(foreach a,$(GUEST_ARCHES),$(eval $(call varargs_rules,$(a))))
