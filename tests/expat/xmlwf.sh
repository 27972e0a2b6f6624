# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's own unmodified xmlwf (the host's for the x86_64 guest, the guest
# sysroots' for aarch64 and riscv64) through hostlink: a generated document
# of HOSTLINK_XMLWF_MIB MiB (default 1) with elements, attributes,
# namespaces, CDATA, entities, character references, comments, PIs and
# UTF-8 text, read through mmap and XML_Parse, and through read() into
# XML_GetBuffer's host buffer (-r, stdin); canonical (-d), meta (-m) and
# namespace (-n) output, and a malformed document. Every output file,
# message and exit status must be plain emulation's, and expat must have
# run on the host. riscv64's xmlwf (expat 2.9) takes 2.8's 64-bit location
# functions, which the host's expat 2.5 lacks under those names: the thunk
# has them as aliases of the old ones (libs/expat.hl), which the host runs.

xw_mib=${HOSTLINK_XMLWF_MIB:-1}
xw_tmp=$(mktemp -d)
python3 "$top/tests/expat/make-xml.py" "$xw_mib" >"$xw_tmp/doc.xml"
# Malformed two thirds in: a mismatched end tag.
awk -v n=$(( $(wc -l <"$xw_tmp/doc.xml") * 2 / 3 )) 'NR == n && /<\/name>/ { sub(/<\/name>/, "</nam>") }
     NR == n && !/<\/nam>/ { $0 = $0 "<unclosed>" } { print }' "$xw_tmp/doc.xml" >"$xw_tmp/bad.xml"

# xw_prog ARCH: Debian's xmlwf for that guest, or nothing.
xw_prog() {
    if [ "$1" = x86_64 ]; then command -v xmlwf
    elif [ -x "$B/sysroot/$1/usr/bin/xmlwf" ]; then echo "$B/sysroot/$1/usr/bin/xmlwf"; fi
}

# xw_step ARCH LIB NAME ARGS...: xmlwf ARGS (stdin from NAME.in if there is one)
# in $xw_tmp/ARCH/LIB, its output to NAME.out and out-NAME/, status and messages
# to the log, LIB runs' stats to LIB.stats.
xw_step() {
    local arch=$1 lib=$2 name=$3 dir="$xw_tmp/$1/$2" in=/dev/null; shift 3
    [ -f "$xw_tmp/$name.in" ] && in="$xw_tmp/$name.in"
    mkdir -p "$dir/out-$name"
    (cd "$dir" && hostlink_run "$arch" "$lib" "$xw_bin" "$@" <"$in" >"$name.out" 2>&1)
    echo "$name: exit $?" >>"$dir.log"
    cat "$hl_stats" >>"$dir.stats"
}

xw_calls() {
    awk -F'\t' -v fn="$2" '$1 == "fn" && $4 == "expat" && $5 == fn { n += $6 } END { print n + 0 }' \
        "$xw_tmp/$1/expat.stats"
}

cp "$xw_tmp/doc.xml" "$xw_tmp/stdin.in"
for arch in $RUNTIME_ARCHES; do
    long_or_on "$arch" riscv64 || continue
    xw_bin=$(xw_prog "$arch")
    if [ -z "$xw_bin" ]; then
        fail "$arch: xmlwf: Debian's xmlwf is in the sysroot (toolchain/sysroot.sh)"
        continue
    fi
    for lib in none expat; do
        xw_step "$arch" "$lib" canon -d out-canon "$xw_tmp/doc.xml"
        xw_step "$arch" "$lib" read -r -n -d out-read "$xw_tmp/doc.xml"
        xw_step "$arch" "$lib" meta -m -d out-meta "$xw_tmp/doc.xml"
        xw_step "$arch" "$lib" stdin -d out-stdin
        xw_step "$arch" "$lib" bad -d out-bad "$xw_tmp/bad.xml"
    done
    check "$arch: xmlwf: output files, messages and exit statuses identical to plain emulation" \
        diff -r "$xw_tmp/$arch/none" "$xw_tmp/$arch/expat"
    check "$arch: xmlwf: ... the canonical output is the document's $(du -k "$xw_tmp/doc.xml" | cut -f1) KiB rewritten" \
        test -s "$xw_tmp/$arch/expat/out-canon/doc.xml"
    expect_eq "$arch: xmlwf: ... the malformed document: the mismatched tag reported, exit status 2" \
        "bad: exit 2 / mismatched tag" \
        "$(grep '^bad:' "$xw_tmp/$arch/expat.log") / $(sed -n 's/.*: \(mismatched tag\)$/\1/p' "$xw_tmp/$arch/expat/bad.out")"
    if [ "$arch" = riscv64 ]; then
        check "$arch: xmlwf: ... expat 2.8's location functions ran on the host as the old ones (-m: per event)" \
            bash -c '[ "$1" -gt 1000 ] && [ "$2" -gt 1000 ] && [ "$3" -gt 1000 ] && [ "$4" -gt 1000 ] ||
                     { echo "ByteIndex64 $1, ByteCount64 $2, LineNumber64 $3, ColumnNumber64 $4"; false; }' \
            _ "$(xw_calls "$arch" XML_GetCurrentByteIndex64)" "$(xw_calls "$arch" XML_GetCurrentByteCount64)" \
            "$(xw_calls "$arch" XML_GetCurrentLineNumber64)" "$(xw_calls "$arch" XML_GetCurrentColumnNumber64)"
    fi
    check "$arch: xmlwf: expat ran on the host: XML_Parse (mmap: 3 runs), XML_GetBuffer + XML_ParseBuffer (-r, stdin), each run" \
        bash -c '[ "$1" -eq 3 ] && [ "$2" -gt 2 ] && [ "$3" -gt 2 ] && [ "$4" -eq 5 ] ||
                 { echo "XML_Parse $1, XML_GetBuffer $2, XML_ParseBuffer $3, XML_ParserCreate(NS) $4"; false; }' \
        _ "$(xw_calls "$arch" XML_Parse)" "$(xw_calls "$arch" XML_GetBuffer)" "$(xw_calls "$arch" XML_ParseBuffer)" \
        "$(( $(xw_calls "$arch" XML_ParserCreate) + $(xw_calls "$arch" XML_ParserCreateNS) ))"
    check "$arch: xmlwf: ... read() filled expat's host buffers on the host (guest syscalls on host memory)" \
        bash -c '[ "$(awk -F"\t" "\$1 == \"sys\" && \$4 == \"read\" { n += \$5 } END { print n + 0 }" "$1")" -gt 0 ]' \
        _ "$xw_tmp/$arch/expat.stats"
done
rm -rf "$xw_tmp"
