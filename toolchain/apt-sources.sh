#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Adds the two extra apt sources hostlink needs (idempotent):
#  - bookworm-backports, for meson >= 1.5 and python3-pycotap;
#  - sid deb-src, for Debian's qemu 10.2.2 source package (signature-checked by apt).
set -euo pipefail
list=/etc/apt/sources.list.d/hostlink.sources
want='Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian
Suites: sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg'
stamp=/var/lib/apt/lists/.hostlink-updated
if [ ! -f "$list" ] || [ "$(cat "$list")" != "$want" ]; then
    printf '%s\n' "$want" > "$list"
    rm -f "$stamp"
fi
# One `apt-get update` per machine (or when the sources change), not per run.
if [ ! -f "$stamp" ]; then
    echo "hostlink: apt-get update" >&2
    apt-get update -qq
    touch "$stamp"
fi
