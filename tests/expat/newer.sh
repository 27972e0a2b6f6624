# SPDX-License-Identifier: GPL-2.0-or-later
# A program built against a guest's newer expat (riscv64's sysroot: 2.9)
# on a guest whose expat is newer than the host's 2.5: with only expat
# 2.8's 64-bit location functions, which the thunk has as aliases of the
# old ones (libs/expat.hl, gen/alias.h), expat passes through and the host
# runs them; taking XML_GetInputContext64 too, which is not an alias (its
# outputs are wider), keeps expat emulated by the version-skew rule, with
# the reason. Output identical to plain emulation both ways.

en_tmp=$(mktemp -d)
printf '<?xml version="1.0"?>\n<doc>\n  <a x="1">text</a>\n  <b><c/></b>\n</doc>\n' >"$en_tmp/doc.xml"
for arch in $RUNTIME_ARCHES; do
    [ -x "$B/$arch/tests/newer-guest" ] || continue     # built where the sysroot's expat.h is newer
    prog="$B/$arch/tests/newer-guest"
    plain=$(hostlink_run "$arch" none "$prog" "$en_tmp/doc.xml" 2>&1; echo "status $?")
    expect_eq "$arch: expat newer: 64-bit locations of every element, as plain emulation" \
        "$plain" "$(hostlink_run "$arch" expat "$prog" "$en_tmp/doc.xml" 2>&1; echo "status $?")"
    check "$arch: expat newer: ... the output has them" grep -q '^<c> line 4 column ' <<<"$plain"
    expect_host "$arch: expat newer: ... on the host, through the aliases" expat XML_Parse \
        XML_GetCurrentLineNumber64 XML_GetCurrentColumnNumber64 XML_GetCurrentByteIndex64 XML_GetCurrentByteCount64
    prog="$B/$arch/tests/newer-context-guest"
    plain=$(hostlink_run "$arch" none "$prog" "$en_tmp/doc.xml" 2>&1; echo "status $?")
    expect_eq "$arch: expat newer: XML_GetInputContext64 too: as plain emulation" \
        "$plain" "$(hostlink_run "$arch" expat "$prog" "$en_tmp/doc.xml" 2>&1; echo "status $?")"
    expect_emulated "$arch: expat newer: ... expat emulated (version skew: XML_GetInputContext64 is no alias)" \
        expat "needs XML_GetInputContext64, which the thunk made from the host's libexpat.so.1 lacks"
done
rm -rf "$en_tmp"
