#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Installs the Debian packages a part of hostlink needs, only those missing.
#   install-packages.sh GROUP...   (groups: qemu-build, dev, cross, package)
#   install-packages.sh --list GROUP...   prints the groups' packages, one a line
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# The guest architectures and their cross compilers: mk/guest-arch.mk.
eval "$(make -s -f "$here/../mk/guest-arch.mk" guest-arch-shell)"

# "package" or "package/suite" (the suite is bookworm-backports here).
declare -A group=(
    [qemu-build]="meson/bookworm-backports python3-pycotap/bookworm-backports
                  ninja-build libglib2.0-dev pkg-config python3-venv
                  device-tree-compiler flex bison dpkg-dev patch"
    [dev]="gcc make pkg-config libglib2.0-dev libcmocka-dev libclang-dev zlib1g-dev libsdl2-dev
           gzip unzip gnuplot-nox pigz libbz2-dev bzip2 liblzma-dev liblz4-dev libzstd-dev xz-utils
           squashfs-tools libsqlite3-dev sqlite3
           libpng-dev libpng-tools optipng pngcrush
           libexpat1-dev expat
           libssl-dev openssl"
    [cross]="${guest_cross_packages[*]}"
    # make deb (debian/) and make check-package (a clean root with mmdebstrap).
    [package]="debhelper mmdebstrap"
)

if [ "${1:-}" = --list ]; then
    shift
    for g in "$@"; do
        for spec in ${group[$g]:?unknown group $g}; do echo "${spec%%/*}"; done
    done
    exit 0
fi

missing=()
for g in "$@"; do
    [ -n "${group[$g]+x}" ] || { echo "install-packages: unknown group $g" >&2; exit 2; }
    for spec in ${group[$g]}; do
        pkg=${spec%%/*}
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" ||
            missing+=("$spec")
    done
done
# meson from bookworm itself (1.0) is too old for QEMU 10.2.
if [[ " $* " == *" qemu-build "* ]] && command -v meson >/dev/null &&
   ! dpkg --compare-versions "$(meson --version)" ge 1.5; then
    missing+=("meson/bookworm-backports")
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "install-packages: need root to install: ${missing[*]}" >&2
    exit 1
fi
"$here/apt-sources.sh"
echo "hostlink: installing ${missing[*]}" >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
