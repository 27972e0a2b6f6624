#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Provides a plugin-capable QEMU linux-user with plugin API v6 at
# build/qemu/{bin,include} (idempotent, one command):
#
#   HOSTLINK_QEMU unset: Debian's qemu 1:10.2.2+ds-1 source plus the patches
#     in patches/, built once into a cache outside the checkout
#     ($HOSTLINK_CACHE, default ~/.cache/hostlink) keyed by source version,
#     patch content and configure flags; later runs only relink.
#   HOSTLINK_QEMU=/prefix: use an upstream QEMU >= 11.0 installed there
#     (configured with --enable-plugins; needs bin/qemu-<arch> and
#     include/qemu-plugin.h under the prefix).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out="$top/build/qemu"
# The guest architectures: mk/guest-arch.mk.
targets=$(make -s -f "$top/mk/guest-arch.mk" guest-arch-shell | sed -n "s/^GUEST_ARCHES='\(.*\)'$/\1/p")
target_list=$(for t in $targets; do printf '%s-linux-user\n' "$t"; done | paste -sd,)

version=1:10.2.2+ds-1
flags=(--enable-plugins --disable-system --disable-tools --disable-docs
       --disable-download --disable-install-blobs --python=/usr/bin/python3
       --target-list="$target_list")

say() { echo "hostlink-qemu: $*" >&2; }

link_result() {                 # $1: prefix holding bin/ and include/
    mkdir -p "$top/build"
    rm -rf "$out"
    ln -s "$1" "$out"
}

if [ -n "${HOSTLINK_QEMU:-}" ]; then
    for t in $targets; do
        [ -x "$HOSTLINK_QEMU/bin/qemu-$t" ] ||
            { say "HOSTLINK_QEMU: no $HOSTLINK_QEMU/bin/qemu-$t"; exit 1; }
    done
    [ -f "$HOSTLINK_QEMU/include/qemu-plugin.h" ] ||
        { say "HOSTLINK_QEMU: no $HOSTLINK_QEMU/include/qemu-plugin.h"; exit 1; }
    link_result "$HOSTLINK_QEMU"
    say "using $HOSTLINK_QEMU"
    exit 0
fi

key=$( { echo "$version"; printf '%s\n' "${flags[@]}"; cat "$here"/patches/*.patch; } |
       sha256sum | cut -c1-16)
cache="${HOSTLINK_CACHE:-$HOME/.cache/hostlink}/qemu"
prefix="$cache/$key"

if [ -f "$prefix/.complete" ]; then
    link_result "$prefix"
    exit 0
fi

"$top/toolchain/install-packages.sh" qemu-build

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9                         # one build at a time per cache
if [ -f "$prefix/.complete" ]; then
    link_result "$prefix"
    exit 0
fi

work="$cache/work-$key"
rm -rf "$work"
mkdir -p "$work/dl"
say "fetching Debian source qemu $version"
(cd "$work/dl" && apt-get source -qq --download-only "qemu=$version" >/dev/null 2>&1) ||
    { say "apt-get source qemu=$version failed (is the sid deb-src entry reachable?)"; exit 1; }
(cd "$work/dl" && dpkg-source -q -x ./*.dsc "$work/src" >/dev/null 2>&1)
for p in "$here"/patches/*.patch; do
    say "applying $(basename "$p")"
    patch -s -d "$work/src" -p1 < "$p"
done

say "configuring (log: $work/build.log)"
mkdir -p "$work/build"
(cd "$work/build" && ../src/configure --prefix="$prefix" "${flags[@]}") \
    > "$work/build.log" 2>&1 || { tail -30 "$work/build.log"; exit 1; }

say "building (about 6 minutes on 2 cores)"
# ninja prints "[done/total]"; show every 10 percent instead of every step.
set -o pipefail
ninja -C "$work/build" 2>&1 | tee -a "$work/build.log" | awk '
    match($0, /^\[[0-9]+\/[0-9]+\]/) {
        split(substr($0, 2, RLENGTH - 2), n, "/")
        p = int(n[1] * 10 / n[2]) * 10
        if (p > last) { printf "hostlink-qemu: %d%%\n", p > "/dev/stderr"; last = p }
    }' || { tail -30 "$work/build.log"; exit 1; }

mkdir -p "$prefix/bin" "$prefix/include"
for t in $targets; do
    cp "$work/build/qemu-$t" "$prefix/bin/"
done
cp "$work/src/include/qemu/qemu-plugin.h" "$prefix/include/"
touch "$prefix/.complete"
rm -rf "$work"
link_result "$prefix"
say "built into $prefix"
