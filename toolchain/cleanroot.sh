#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Prints the path of a clean Debian bookworm amd64 root as a tarball
# (idempotent): made once with mmdebstrap (variant apt: essential packages
# and apt, nothing of hostlink's) from the same mirror as the guest
# sysroots, with apt's signature checks, and kept in the cache outside the
# checkout ($HOSTLINK_CACHE, default ~/.cache/hostlink/cleanroot).
# make check-package unpacks a fresh copy for every run.
set -euo pipefail

suite=bookworm
mirror=http://deb.debian.org/debian
security=http://deb.debian.org/debian-security
cache="${HOSTLINK_CACHE:-$HOME/.cache/hostlink}/cleanroot"
tar="$cache/$suite-amd64.tar"

say() { echo "hostlink-cleanroot: $*" >&2; }

if [ ! -f "$tar" ]; then
    command -v mmdebstrap >/dev/null ||
        { say "needs mmdebstrap (toolchain/install-packages.sh package)"; exit 1; }
    mkdir -p "$cache"
    exec 9>"$cache/.lock"
    flock 9
    if [ ! -f "$tar" ]; then
        say "making a clean $suite root with mmdebstrap (a few minutes, once)"
        # The host's fetch settings (a frozen snapshot mirror needs
        # Check-Valid-Until "false") apply to the clean root's apt too.
        opts=()
        if apt-config dump Acquire::Check-Valid-Until 2>/dev/null | grep -q '"false"'; then
            opts+=(--aptopt='Acquire::Check-Valid-Until "false"')
        fi
        mmdebstrap --quiet --variant=apt --format=tar --architectures=amd64 "${opts[@]}" "$suite" "$tar.part" \
            "deb $mirror $suite main" "deb $mirror $suite-updates main" \
            "deb $security $suite-security main" >&2
        mv "$tar.part" "$tar"
    fi
fi
echo "$tar"
