# SPDX-License-Identifier: GPL-2.0-or-later
# The version-skew rule on riscv64, whose sysroot's libzstd (Debian trixie,
# 1.5.7) is newer than the host's (1.5.4). libzstd has no symbol versions;
# the versioned case is Debian's xz and liblzma (tests/codecs/xz.sh, and
# mksquashfs, which needs only XZ_5.0, in tests/codecs/squashfs.sh).
#   skew-zstd-old   takes only functions both releases have: passed through
#   skew-zstd-new   also takes one only 1.5.7 has: libzstd stays emulated
#   skew-zstd-dep   the program takes old ones, a library it loads after
#                   libzstd takes the new one: emulated all the same
# and on x86_64, where guest and host libraries are the same:
#   skew-excluded   takes LZ4F_createCompressionContext_advanced, which
#                   libs/liblz4.hl excludes from the thunk: liblz4 stays emulated
# Each prints its round trip on stdout (as under plain emulation) and the
# version of the libzstd that answered on stderr.

. "$top/tests/codecs/common.inc"
skew_tmp=$(mktemp -d)
skew_bin=$B/riscv64/tests

# skew_run LIB PROG OUT [QEMU ARGS...]: PROG through hostlink, stdout to
# OUT, stderr to OUT.err, exit status to OUT.rc.
skew_run() {
    local lib=$1 prog=$2 out=$3 opts=(); shift 3
    for a in "$@"; do opts+=(--qemu-arg "$a"); done
    : >"$hl_stats"
    "${hl_timeout[@]}" "$B/bin/hostlink" run --arch riscv64 --stats="$hl_stats" --lib "$lib" "${opts[@]}" -- \
        "$prog" >"$skew_tmp/$out" 2>"$skew_tmp/$out.err"
    echo $? >"$skew_tmp/$out.rc"
    cat "$hl_stats" >>"$hl_coverage"
}
skew_same() {
    cmp "$skew_tmp/$1.none" "$skew_tmp/$1.libzstd" && cmp "$skew_tmp/$1.none.rc" "$skew_tmp/$1.libzstd.rc"
}

if [ ! -x "$skew_bin/skew-zstd-old" ] || ! echo "$RUNTIME_ARCHES" | grep -qw riscv64; then
    echo "# skip: no riscv64 skew programs (they need the riscv64 sysroot: make sysroot)"
else
    for p in old new dep; do
        skew_run none "$skew_bin/skew-zstd-$p" "$p.none"
        skew_run libzstd "$skew_bin/skew-zstd-$p" "$p.libzstd"
        case $p in
        old) expect_host "skew: a program taking only old libzstd functions gets the host's" \
                 libzstd ZSTD_compress ZSTD_decompress ZSTD_versionNumber
             expect_eq "skew: the host's libzstd answered" "libzstd 10504" \
                 "$(grep '^libzstd' "$skew_tmp/$p.libzstd.err")" ;;
        new) expect_emulated "skew: a program taking a function the host's libzstd lacks gets the guest's" \
                 libzstd "skew-zstd-new needs ZSTD_compressSequencesAndLiterals, which the thunk made from the host's libzstd.so.1 lacks"
             expect_eq "skew: the guest's libzstd answered" "libzstd 10507" \
                 "$(grep '^libzstd' "$skew_tmp/$p.libzstd.err")" ;;
        dep) expect_emulated "skew: a library loaded after libzstd needing the newer function counts too" \
                 libzstd "libskewdep.so needs ZSTD_compressSequencesAndLiterals"
             expect_eq "skew: the guest's libzstd answered the program with that library" \
                 "libzstd 10507" "$(grep '^libzstd' "$skew_tmp/$p.libzstd.err")" ;;
        esac
        check "skew: skew-zstd-$p writes what it writes under plain emulation" skew_same "$p"
    done

    # One line in QEMU's log says why.
    skew_run libzstd "$skew_bin/skew-zstd-new" log -d plugin
    expect_eq "skew: one log line says why libzstd stays emulated" \
        "hostlink: libzstd: emulated for this program: skew-zstd-new needs ZSTD_compressSequencesAndLiterals, which the thunk made from the host's libzstd.so.1 lacks" \
        "$(grep 'libzstd' "$skew_tmp/log.err" | grep -v '^libzstd ')"

    # Damaged objects in the program's closure: the loader refuses them as
    # under plain emulation, and reading them does not harm QEMU.
    for damage in truncated garbled; do
        mkdir -p "$skew_tmp/$damage/tests" "$skew_tmp/$damage/lib"
        cp "$skew_bin/skew-zstd-dep" "$skew_tmp/$damage/tests/"
        if [ $damage = truncated ]; then
            head -c 600 "$B/riscv64/lib/libskewdep.so" >"$skew_tmp/$damage/lib/libskewdep.so"
        else
            { head -c 64 "$B/riscv64/lib/libskewdep.so"; head -c 8000 /dev/urandom; } \
                >"$skew_tmp/$damage/lib/libskewdep.so"
        fi
        skew_run none "$skew_tmp/$damage/tests/skew-zstd-dep" "$damage.none"
        skew_run libzstd "$skew_tmp/$damage/tests/skew-zstd-dep" "$damage.libzstd"
        expect_eq "skew: a $damage library: exit status as under plain emulation" \
            "$(cat "$skew_tmp/$damage.none.rc")" "$(cat "$skew_tmp/$damage.libzstd.rc")"
        expect_eq "skew: a $damage library: messages as under plain emulation" \
            "$(cat "$skew_tmp/$damage.none.err")" "$(cat "$skew_tmp/$damage.libzstd.err")"
    done
fi
if echo "$RUNTIME_ARCHES" | grep -qw x86_64 && [ -x "$B/x86_64/tests/skew-excluded" ]; then
    skew_excluded_none=$(hostlink_run x86_64 none "$B/x86_64/tests/skew-excluded" 2>&1; echo "exit $?")
    skew_excluded_hl=$(hostlink_run x86_64 liblz4 "$B/x86_64/tests/skew-excluded" 2>&1; echo "exit $?")
    expect_emulated "skew: a program needing a function the description excludes gets the guest's liblz4" \
        liblz4 "skew-excluded needs LZ4F_createCompressionContext_advanced, which the thunk made from the host's liblz4.so.1 lacks"
    expect_eq "skew: skew-excluded runs as under plain emulation" "$skew_excluded_none" "$skew_excluded_hl"
    # Positive control: the same library passed through for a program that only takes what the thunk has.
    hostlink_run x86_64 liblz4 "$(codec_prog x86_64 mksquashfs)" "$top/tests/codecs" "$skew_tmp/ctl.img" \
        -comp lz4 -noappend -no-progress -quiet -processors 1 </dev/null >/dev/null 2>&1
    expect_host "skew: control: x86_64 mksquashfs gets the host's liblz4" liblz4 LZ4_compress_default
fi
unset -f skew_run skew_same
rm -rf "$skew_tmp"
