# SPDX-License-Identifier: GPL-2.0-or-later
# make deb: the Debian binary package build/deb/hostlink_VERSION_amd64.deb,
# built by dpkg-buildpackage -b from debian/ (debhelper; it installs what
# make install PREFIX=/usr installs). dpkg-buildpackage writes beside the
# checkout; what it writes is moved to build/deb.
# make check-package: the package installed with apt in a clean Debian root
# (tests/clean-root.sh; minutes, so not in make check).

# Keep "all" the default goal: this file is included before the Makefile names it.
all:

DEB_VERSION = $(shell dpkg-parsechangelog -S Version)
DEB_ARCH    = $(shell dpkg --print-architecture)

.PHONY: deb check-package
deb:
	toolchain/install-packages.sh dev cross package
	toolchain/qemu/build.sh
	dpkg-buildpackage -b -us -uc
	@mkdir -p $(B)/deb
	mv $(foreach x,deb buildinfo changes,../hostlink_$(DEB_VERSION)_$(DEB_ARCH).$(x)) $(B)/deb/
	@echo "built $(B)/deb/hostlink_$(DEB_VERSION)_$(DEB_ARCH).deb"

check-package: deb
	tests/run.sh tests/clean-root.sh

# What make deb leaves: the package, and dpkg-buildpackage's files in debian/.
.PHONY: clean-deb
clean: clean-deb
clean-deb:
	rm -rf $(B)/deb debian/.debhelper debian/hostlink debian/files debian/debhelper-build-stamp \
	    debian/*.substvars debian/*.debhelper.log
