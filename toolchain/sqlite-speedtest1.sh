#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# toolchain/sqlite-speedtest1.sh OUT: puts SQLite's own benchmark program,
# test/speedtest1.c of Debian's sqlite3 source package, at OUT (cached in
# $HOSTLINK_CACHE/sqlite-src by source version). The source comes through
# the deb-src entry toolchain/apt-sources.sh adds (sid's: the newest
# packaged SQLite; its speedtest1.c builds against bookworm's and trixie's
# libraries too, with the one option constant newer headers add:
# tests/sqlite/speedtest1-compat.h). Fails, saying so, when the mirror
# cannot be reached.
set -euo pipefail
out=$1
here=$(cd "$(dirname "$0")" && pwd)
cache="${HOSTLINK_CACHE:-$HOME/.cache/hostlink}/sqlite-src"
say() { echo "sqlite-speedtest1: $*" >&2; }

"$here/apt-sources.sh" >/dev/null 2>&1 || true
version=$(apt-cache showsrc sqlite3 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -1)
[ -n "$version" ] || { say "no sqlite3 source package known to apt (is the deb-src entry reachable?)"; exit 1; }
dir="$cache/$version"
if [ ! -f "$dir/speedtest1.c" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && apt-get source -qq --download-only "sqlite3=$version" >/dev/null 2>&1) ||
        { say "apt-get source sqlite3=$version failed (mirror not reachable?)"; exit 1; }
    tar -xJf "$work"/sqlite3_*.orig.tar.xz -C "$work" --wildcards '*/test/speedtest1.c'
    mkdir -p "$dir"
    cp "$work"/*/test/speedtest1.c "$dir/speedtest1.c.tmp"
    mv "$dir/speedtest1.c.tmp" "$dir/speedtest1.c"
fi
mkdir -p "$(dirname "$out")"
cp "$dir/speedtest1.c" "$out"
