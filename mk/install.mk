# SPDX-License-Identifier: GPL-2.0-or-later
# make install [PREFIX=/usr/local] [DESTDIR=]: the hostlink command, and in
# PREFIX/lib/hostlink everything it runs, laid out as build/ is (bin/,
# plugin/, qemu/bin/, ARCH/thunks/, ARCH/bin/hostlink-probe, host/,
# share/hostlink/libs.list), plus what `hostlink sysroot` runs
# (toolchain/sysroot.sh, mk/guest-arch.mk); the man page. The patched QEMU
# goes into that private directory, where no distribution QEMU lives.

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

PREFIX  ?= /usr/local
DESTDIR ?=
INSTALL_LIB := $(DESTDIR)$(PREFIX)/lib/hostlink

.PHONY: install uninstall
install: all
	install -d $(INSTALL_LIB)/bin $(INSTALL_LIB)/plugin $(INSTALL_LIB)/qemu/bin $(INSTALL_LIB)/host \
	    $(INSTALL_LIB)/share/hostlink $(INSTALL_LIB)/toolchain $(INSTALL_LIB)/mk \
	    $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(B)/bin/hostlink $(B)/bin/hostlink-binfmt $(INSTALL_LIB)/bin/
	ln -sfn ../lib/hostlink/bin/hostlink $(DESTDIR)$(PREFIX)/bin/hostlink
	install -m 644 $(PLUGIN) $(INSTALL_LIB)/plugin/
	install -m 755 $(foreach a,$(GUEST_ARCHES),$(QEMU)/bin/qemu-$(a)) $(INSTALL_LIB)/qemu/bin/
	install -m 644 $(HOST_LIBS) $(INSTALL_LIB)/host/
	install -m 644 $(B)/share/hostlink/libs.list $(INSTALL_LIB)/share/hostlink/
	install -d $(INSTALL_LIB)/share/hostlink/functions
	install -m 644 $(B)/share/hostlink/functions/* $(INSTALL_LIB)/share/hostlink/functions/
	$(foreach a,$(RUNTIME_ARCHES),install -d $(INSTALL_LIB)/$(a)/thunks $(INSTALL_LIB)/$(a)/bin && \
	    install -m 644 $(B)/$(a)/thunks/*.so $(INSTALL_LIB)/$(a)/thunks/ && \
	    install -m 755 $(B)/$(a)/bin/hostlink-probe $(INSTALL_LIB)/$(a)/bin/ &&) true
	install -m 755 toolchain/sysroot.sh $(INSTALL_LIB)/toolchain/
	install -m 644 mk/guest-arch.mk $(INSTALL_LIB)/mk/
	install -m 644 docs/hostlink.1 $(DESTDIR)$(PREFIX)/share/man/man1/

uninstall:
	rm -rf $(INSTALL_LIB)
	rm -f $(DESTDIR)$(PREFIX)/bin/hostlink $(DESTDIR)$(PREFIX)/share/man/man1/hostlink.1
