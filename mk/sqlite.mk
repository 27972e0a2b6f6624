# SPDX-License-Identifier: GPL-2.0-or-later
# SQLite pass-through: the guest test programs (tests/sqlite/*-guest.c) and
# SQLite's own speedtest1 (from Debian's sqlite3 source package), built per
# guest against the guest's own libsqlite3 and sqlite3.h: the host's for
# x86_64, the guest sysroot's (toolchain/sysroot.sh) for the others.

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

sqlite_sysroot_lib = $(B)/sysroot/$(1)/usr/lib/$(1)-linux-gnu/libsqlite3.so.0
sqlite_link = $(if $(filter x86_64,$(1)),-lsqlite3,-idirafter $(B)/sysroot/$(1)/usr/include \
    $(call sqlite_sysroot_lib,$(1)) -Wl,--allow-shlib-undefined)
SQLITE_ARCHES := x86_64 $(foreach a,$(filter-out x86_64,$(GUEST_ARCHES)),$(if $(wildcard $(call sqlite_sysroot_lib,$(a))),$(a)))

$(B)/sqlite/speedtest1.c: toolchain/sqlite-speedtest1.sh
	toolchain/sqlite-speedtest1.sh $@

define sqlite_rules
$(B)/$(1)/tests/sqlite-%: tests/sqlite/%.c
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -o $$@ $$< $(call sqlite_link,$(1))
$(B)/$(1)/tests/speedtest1: $(B)/sqlite/speedtest1.c tests/sqlite/speedtest1-compat.h
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) -O2 -w -include tests/sqlite/speedtest1-compat.h -o $$@ $$< $(call sqlite_link,$(1)) -lm
all: $(B)/$(1)/tests/sqlite-sqlite-guest $(B)/$(1)/tests/sqlite-tempdir-guest $(B)/$(1)/tests/sqlite-loadext-guest $(B)/$(1)/tests/sqlite-config-guest $(B)/$(1)/tests/speedtest1
endef
$(foreach a,$(SQLITE_ARCHES),$(eval $(call sqlite_rules,$(a))))

# The 100k-row CLI session and speedtest1 at larger sizes, every guest: minutes, so not in check.
.PHONY: check-long-sqlite
check-long-sqlite: all
	HOSTLINK_LONG=1 HOSTLINK_SQLITE_ROWS=100000 HOSTLINK_SPEEDTEST1_SIZE=25 tests/run.sh tests/sqlite/cli.sh tests/sqlite/speedtest1.sh
check-long: check-long-sqlite
