# SPDX-License-Identifier: GPL-2.0-or-later
# The call policy's guest test program (tests/policy), per guest with a runtime.

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

define policy_rules
$(B)/$(1)/tests/policy-guest: tests/policy/policy-guest.c $(B)/$(1)/genuine/libhlt.so
	@mkdir -p $$(@D) $(B)/$(1)/lib
	cp $(B)/$(1)/genuine/libhlt.so $(B)/$(1)/lib/
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -Itests/callbacks -o $$@ $$^ -Wl,-rpath,'$$$$ORIGIN/../lib'
all: $(B)/$(1)/tests/policy-guest
endef
$(foreach a,$(notdir $(wildcard guest/arch/*)),$(eval $(call policy_rules,$(a))))
