# SPDX-License-Identifier: GPL-2.0-or-later
# FILE * crossing: the guest program of tests/file, linked against the
# genuine libhlf of its guest (the Makefile builds it with the project's
# own libraries), found through $ORIGIN/../lib as callbacks-guest finds libhlt.

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

define file_guest_rules
$(B)/$(1)/tests/file-guest: tests/file/file-guest.c tests/file/hlf.h tests/file/guest-say.h $(B)/$(1)/genuine/libhlf.so
	@mkdir -p $$(@D) $(B)/$(1)/lib
	cp $(B)/$(1)/genuine/libhlf.so $(B)/$(1)/lib/
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -Itests/file -o $$@ $$< $(B)/$(1)/genuine/libhlf.so -Wl,-rpath,'$$$$ORIGIN/../lib'
all: $(B)/$(1)/tests/file-guest
endef
$(foreach a,$(notdir $(wildcard guest/arch/*)),$(eval $(call file_guest_rules,$(a))))

# FILE *s the library returns (tests/file/returned.sh), with the protocol's numbers for its forge mode.
define returned_guest_rules
$(B)/$(1)/tests/returned-guest: tests/file/returned-guest.c tests/file/hlf.h tests/file/guest-say.h $(B)/$(1)/genuine/libhlf.so $(B)/$(1)/tests/file-guest
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -Itests/file -Iinclude -o $$@ $$< $(B)/$(1)/genuine/libhlf.so -Wl,-rpath,'$$$$ORIGIN/../lib'
all: $(B)/$(1)/tests/returned-guest
endef
$(foreach a,$(notdir $(wildcard guest/arch/*)),$(eval $(call returned_guest_rules,$(a))))
