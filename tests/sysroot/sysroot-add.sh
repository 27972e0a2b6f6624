# SPDX-License-Identifier: GPL-2.0-or-later
# `hostlink sysroot add/list` (cli/sysroot.c, toolchain/sysroot.sh): a guest
# root in a place of our own gets a Debian package the project's sysroot
# lacks (xxd), with what it depends on; `hostlink run --sysroot` runs it.
# The packages are cached by version: after the first run this takes no
# download.

sra_tmp=$(mktemp -d)
sra_hl="$B/bin/hostlink"
if [ -f "$B/sysroot/aarch64/.complete" ]; then
    check "sysroot add: the project's aarch64 sysroot lacks xxd (the package this adds)" \
        test ! -e "$B/sysroot/aarch64/usr/bin/xxd"
    sra_out=$("$sra_hl" sysroot add --arch aarch64 --dir "$sra_tmp/arm64" xxd 2>&1)
    expect_eq "sysroot add: adds xxd to a new place (exit 0)" 0 $?
    check "sysroot add: the place is a link to a finished sysroot" \
        test -L "$sra_tmp/arm64" -a -f "$sra_tmp/arm64/.complete"
    check "sysroot list: names xxd and its version" \
        bash -c '"$0" sysroot list --arch aarch64 --dir "$1" | grep -Eq "^xxd [0-9]"' "$sra_hl" "$sra_tmp/arm64"
    check "sysroot list: ... and the project's own packages too" \
        bash -c '"$0" sysroot list --arch aarch64 --dir "$1" | grep -q "^pigz "' "$sra_hl" "$sra_tmp/arm64"
    expect_eq "sysroot add + run --sysroot: the guest's own xxd runs" \
        "00000000: 6865 6c6c 6f0a                           hello." \
        "$(echo hello | "$sra_hl" run --sysroot "$sra_tmp/arm64" --lib zlib -- "$sra_tmp/arm64/usr/bin/xxd")"
    check "sysroot add: ... and it is an aarch64 program" \
        bash -c 'file -L "$0" 2>/dev/null | grep -q aarch64 || od -An -tx1 -j18 -N2 "$0" | grep -q "b7 00"' "$sra_tmp/arm64/usr/bin/xxd"
    sra_target=$(readlink "$sra_tmp/arm64")
    sra_out=$("$sra_hl" sysroot add --arch aarch64 --dir "$sra_tmp/arm64" xxd 2>&1)
    check "sysroot add: adding again is idempotent (up to date, same tree)" \
        bash -c 'grep -q "up to date" <<<"$0" && [ "$(readlink "$1")" = "$2" ]' "$sra_out" "$sra_tmp/arm64" "$sra_target"
else
    echo "# skip: no aarch64 sysroot (make sysroot)"
fi
expect_eq "sysroot add: a name that is no Debian package name is refused" \
    "hostlink: sysroot: 'Foo;rm' is not a Debian package name" \
    "$("$sra_hl" sysroot add --arch aarch64 --dir "$sra_tmp/x" 'Foo;rm' 2>&1)"
mkdir -p "$sra_tmp/mine"
expect_eq "sysroot add: a directory of someone's files is never replaced" \
    "hostlink: sysroot add: $sra_tmp/mine exists and is not a link hostlink made; name a new place" \
    "$("$sra_hl" sysroot add --arch aarch64 --dir "$sra_tmp/mine" xxd 2>&1)"
expect_eq "sysroot list: a place that is no sysroot" \
    "hostlink: sysroot: $sra_tmp/mine/.packages: No such file or directory (not a sysroot hostlink made?)" \
    "$("$sra_hl" sysroot list --arch aarch64 --dir "$sra_tmp/mine" 2>&1)"
expect_eq "sysroot: --arch is needed" "hostlink: sysroot: --arch is needed (x86_64, aarch64, riscv64)" \
    "$("$sra_hl" sysroot list 2>&1)"
rm -rf "$sra_tmp"
unset sra_tmp sra_hl sra_out sra_target
