# SPDX-License-Identifier: GPL-2.0-or-later
# make install (mk/install.mk): the installed hostlink works from its own
# files, none of the checkout's; DESTDIR stages the same tree; the man page
# renders.

inst_tmp=$(mktemp -d)
check "install: make install PREFIX=DIR" make -s -C "$top" install PREFIX="$inst_tmp/prefix"
inst_hl="$inst_tmp/prefix/bin/hostlink"
check "install: bin/hostlink is a relative link into lib/hostlink" \
    test "$(readlink "$inst_hl")" = ../lib/hostlink/bin/hostlink
# Run away from the checkout, without anything that points at it.
inst_doctor=$(cd / && env -u HOSTLINK_ROOT -u HOSTLINK_QEMU -u HOSTLINK_PLUGIN "$inst_hl" doctor 2>&1)
expect_eq "install: hostlink doctor passes on the installed files" "all checks passed" "$(tail -1 <<<"$inst_doctor")"
check "install: ... and names no file of the checkout" \
    bash -c '! grep -F "$1" <<<"$2"' _ "$top" "$inst_doctor"
inst_out=$(cd "$inst_tmp" && env -u HOSTLINK_ROOT -u HOSTLINK_QEMU -u HOSTLINK_PLUGIN \
           "$inst_hl" run --lib zlib --stats="$inst_tmp/stats.tsv" -- "$B/x86_64/tests/zlib-fallback" 2>&1)
expect_eq "install: the installed hostlink runs a zlib program" \
    "$(hostlink_run x86_64 none "$B/x86_64/tests/zlib-fallback" 2>&1)" "$inst_out"
check "install: ... with compress2 on the host" \
    awk -F'\t' '$1 == "fn" && $4 == "zlib" && $5 == "compress2" && $6 > 0 { ok = 1 } END { exit !ok }' "$inst_tmp/stats.tsv"
check "install: the man page renders" bash -c 'man -l "$1" 2>/dev/null | grep -q "hostlink sysroot add"' _ \
    "$inst_tmp/prefix/share/man/man1/hostlink.1"
check "install: DESTDIR stages the same tree under PREFIX" \
    bash -c 'make -s -C "$1" install DESTDIR="$2/stage" PREFIX=/usr/local &&
             diff <(cd "$2/prefix" && find . | sort) <(cd "$2/stage/usr/local" && find . | sort)' _ "$top" "$inst_tmp"
check "install: make uninstall removes it all" \
    bash -c 'make -s -C "$1" uninstall PREFIX="$2/prefix" && [ -z "$(find "$2/prefix" -type f -o -type l)" ]' _ "$top" "$inst_tmp"
rm -rf "$inst_tmp"
unset inst_tmp inst_hl inst_doctor inst_out
