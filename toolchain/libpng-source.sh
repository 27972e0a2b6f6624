#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# libpng's own test program, pngtest.c, with its image pngtest.png, from
# Debian's libpng1.6 source packages, for tests/png/pngtest.sh: one per
# libpng release the guests have (pngtest.c builds only against the png.h
# of its own release), found from the installed headers (the host's for
# x86_64, build/sysroot/ARCH's for the others). apt fetches the sources
# with a private configuration (deb-src of bookworm, trixie and sid; the
# host's apt set-up stays as it is), so their hashes are checked against
# the signed indexes. Kept outside the checkout
# ($HOSTLINK_CACHE/libpng-src/RELEASE, default ~/.cache/hostlink) and
# linked at build/libpng-src/RELEASE. A release whose source cannot be
# fetched is said once and left out: its guests skip pngtest.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
cache="${HOSTLINK_CACHE:-$HOME/.cache/hostlink}/libpng-src"
say() { echo "hostlink-libpng-source: $*" >&2; }

releases=$(sed -n 's/^#define PNG_LIBPNG_VER_STRING "\([0-9.]*\)"$/\1/p' \
               /usr/include/libpng16/png.h "$top"/build/sysroot/*/usr/include/libpng16/png.h 2>/dev/null | sort -u)
mkdir -p "$cache" "$top/build/libpng-src"
apt_dir="$cache/apt"
apt_opts=(-o Dir::Etc::SourceList="$apt_dir/sources" -o Dir::Etc::SourceParts="$apt_dir/empty"
          -o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache"
          -o Dir::State::status=/dev/null -o APT::Sandbox::User=root)
apt_ready=false
apt_ready() {
    $apt_ready && return 0
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/empty"
    local k=/usr/share/keyrings/debian-archive-keyring.gpg m=http://deb.debian.org
    printf '%s\n' "deb-src [signed-by=$k] $m/debian bookworm main" \
        "deb-src [signed-by=$k] $m/debian-security bookworm-security main" \
        "deb-src [signed-by=$k] $m/debian trixie main" \
        "deb-src [signed-by=$k] $m/debian-security trixie-security main" \
        "deb-src [signed-by=$k] $m/debian sid main" >"$apt_dir/sources"
    apt-get "${apt_opts[@]}" update -qq >/dev/null 2>&1 || { say "apt-get update failed"; return 1; }
    apt_ready=true
}

rc=0
for r in $releases; do
    if [ ! -f "$cache/$r/pngtest.c" ] || [ ! -f "$cache/$r/pngtest.png" ]; then
        apt_ready || { rc=1; break; }
        got=false
        for v in $(apt-cache "${apt_opts[@]}" showsrc libpng1.6 2>/dev/null | sed -n "s/^Version: \($r-.*\)/\1/p" | sort -rV); do
            work=$(mktemp -d)
            # Only the upstream tarball is needed (Debian's patches do not touch pngtest).
            (cd "$work" && apt-get "${apt_opts[@]}" source -qq --download-only "libpng1.6=$v" >/dev/null 2>&1) || true
            if ls "$work"/libpng1.6_"$r".orig.tar.* >/dev/null 2>&1 &&
               tar -xf "$work"/libpng1.6_"$r".orig.tar.* -C "$work" --wildcards '*/pngtest.c' '*/pngtest.png'; then
                mkdir -p "$cache/$r"
                cp "$work"/libpng-*/pngtest.c "$work"/libpng-*/pngtest.png "$cache/$r/"
                got=true
            fi
            rm -rf "$work"
            $got && break
        done
        $got || { say "no source of libpng $r could be fetched: its guests skip pngtest"; rc=1; continue; }
        say "pngtest.c of libpng $r"
    fi
    ln -sfn "$cache/$r" "$top/build/libpng-src/$r"
done
exit $rc
