# SPDX-License-Identifier: GPL-2.0-or-later
# OpenSSL pass-through (tests/openssl): the hard-cases program
# tests/openssl/ossl-guest.c -> build/ARCH/tests/ossl-guest, built against
# the guest's own libssl-dev (the host's for x86_64, the sysroot's for the
# others: its headers and libraries, so riscv64's is OpenSSL 3.5's).

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

ossl_root = $(B)/sysroot/$(1)
ossl_flags = $(if $(filter x86_64,$(1)),-lssl -lcrypto,-isystem $(call ossl_root,$(1))/usr/include \
    -isystem $(call ossl_root,$(1))/usr/include/$(call guest_triple,$(1)) \
    $(call ossl_root,$(1))/usr/lib/$(call guest_triple,$(1))/libssl.so.3 \
    $(call ossl_root,$(1))/usr/lib/$(call guest_triple,$(1))/libcrypto.so.3 -Wl,--allow-shlib-undefined)
OSSL_ARCHES := x86_64 $(foreach a,$(filter-out x86_64,$(GUEST_ARCHES)),$(if $(wildcard $(call ossl_root,$(a))/usr/include/openssl/ssl.h),$(a)))

define ossl_rules
$(B)/$(1)/tests/ossl-guest: tests/openssl/ossl-guest.c
	@mkdir -p $$(@D)
	$$(guest_cc_$(1)) $$(GUEST_CFLAGS) -o $$@ $$< $(call ossl_flags,$(1)) -pthread
all: $(B)/$(1)/tests/ossl-guest
endef
$(foreach a,$(OSSL_ARCHES),$(eval $(call ossl_rules,$(a))))

# Debian's openssl on 64 MiB (dgst, enc), an RSA-3072 key and a 16 MiB TLS 1.3
# transfer, every guest: minutes (riscv64 runs it emulated), so not in check.
# (check-long collects such targets as prerequisites, so other parts can add theirs.)
.PHONY: check-long check-long-openssl
check-long: check-long-openssl
check-long-openssl: all
	HOSTLINK_LONG=1 HOSTLINK_OPENSSL_MIB=64 HOSTLINK_OPENSSL_TLS_MIB=16 HOSTLINK_OPENSSL_RSA_BITS=3072 \
	    tests/run.sh tests/openssl/programs.sh
