# SPDX-License-Identifier: GPL-2.0-or-later
# The hostlink command (cli/), the guest probe `hostlink doctor` runs, and
# the guest programs tests/cli/cli.sh and tests/exec/exec.sh run through it.
#
# Included before the Makefile sets WARN, HOST_CFLAGS and GUEST_CFLAGS, so
# those are only used where make expands late: in recipes.

# First rule here, so that "all" stays the default goal.
all: $(B)/bin/hostlink $(B)/bin/hostlink-binfmt

# probe.c is guest code; everything else in cli/ is the host tool: the
# command (main.c) and the binfmt_misc interpreter (binfmt_interp.c).
CLI_MAINS := cli/main.c cli/binfmt_interp.c
CLI_SRCS := $(filter-out cli/probe.c $(CLI_MAINS),$(wildcard cli/*.c)) $(wildcard shared/*.c)
CLI_HDRS := $(wildcard cli/*.h shared/*.h) $(B)/gen/guest-arches.h

$(B)/bin/hostlink: cli/main.c $(CLI_SRCS) $(CLI_HDRS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I. -I$(B)/gen -o $@ $< $(CLI_SRCS)

# Static: the kernel starts it with the environment of a guest, whose
# LD_PRELOAD (a guest shim) the host's loader would try to load.
$(B)/bin/hostlink-binfmt: cli/binfmt_interp.c $(CLI_SRCS) $(CLI_HDRS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -I. -I$(B)/gen -static -ffunction-sections -Wl,--gc-sections -o $@ $< $(CLI_SRCS)

define cli_guest_rules
$(B)/$(1)/bin/hostlink-probe: cli/probe.c include/hostlink/protocol.h
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -Iinclude -o $$@ $$<

$(B)/$(1)/tests/cli-exit: tests/cli/cli-exit.c
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -o $$@ $$<

$(B)/$(1)/tests/exec-guest: tests/exec/exec-guest.c
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -o $$@ $$<

all: $(B)/$(1)/bin/hostlink-probe $(B)/$(1)/tests/cli-exit $(B)/$(1)/tests/exec-guest
endef
$(foreach a,$(GUEST_ARCHES),$(eval $(call cli_guest_rules,$(a))))

# The Makefile's clean removes the per-arch directories, not build/bin.
.PHONY: clean-cli
clean: clean-cli
clean-cli:
	rm -f $(B)/bin/hostlink $(B)/bin/hostlink-binfmt
