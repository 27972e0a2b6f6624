# SPDX-License-Identifier: GPL-2.0-or-later
# liblzma, liblz4 and libzstd through hostlink on every guest: one program
# per library (tests/codecs/{lzma,lz4,zstd}-api.c) calls every function of
# its thunk as programs do (round trips, streaming, dictionaries, indexes,
# worker threads calling the guest's allocator, a guest sequence producer,
# bad input of each kind) and prints a transcript.
#   - Same library release as the host (x86_64, aarch64): the transcript is
#     plain emulation's, byte for byte.
#   - A newer guest release (riscv64's trixie libraries): the programs take
#     only functions the host's library has, so the version-skew rule lets
#     the library through (riscv64's coverage comes from here); the lines
#     not marked as depending on the release ("~ ") are plain emulation's,
#     and the whole transcript is the host's library's run natively.
# Every function of the library must have run on the host in that run.

. "$top/tests/codecs/common.inc"
ca_tmp=$(mktemp -d)
for arch in $RUNTIME_ARCHES; do
    for ca_case in lzma:liblzma:liblzma5 lz4:liblz4:liblz4-1 zstd:libzstd:libzstd1; do
        IFS=: read -r ca_prog ca_lib ca_pkg <<<"$ca_case"
        prog="$B/$arch/tests/$ca_prog-api"
        if [ ! -x "$prog" ]; then
            echo "# skip: no $ca_prog-api for $arch (no $ca_lib of the guest's: make sysroot)"
            continue
        fi
        hostlink_run "$arch" none "$prog" >"$ca_tmp/none" 2>&1
        echo "status $?" >>"$ca_tmp/none"
        hostlink_run "$arch" "$ca_lib" "$prog" >"$ca_tmp/hl" 2>&1
        echo "status $?" >>"$ca_tmp/hl"
        check "$arch: $ca_lib api: every check passes through hostlink" grep -qx "status 0" "$ca_tmp/hl"
        if codec_same_version "$arch" "$ca_pkg"; then
            expect_eq "$arch: $ca_lib api: the transcript of plain emulation" "$(cat "$ca_tmp/none")" "$(cat "$ca_tmp/hl")"
        else
            expect_eq "$arch: $ca_lib api (a newer guest release): plain emulation's lines that no release changes" \
                "$(grep -v '^~ ' "$ca_tmp/none")" "$(grep -v '^~ ' "$ca_tmp/hl")"
            expect_eq "$arch: $ca_lib api (a newer guest release): the host's library's transcript, run natively" \
                "$("$B/x86_64/tests/$ca_prog-api" 2>&1; echo "status $?")" "$(cat "$ca_tmp/hl")"
        fi
        # shellcheck disable=SC2046
        expect_host "$arch: $ca_lib api: every host function of $ca_lib ran on the host" "$ca_lib" \
            $(awk -F'\t' '$2 == "host" { print $1 }' "$B/gen/$ca_lib.functions")
    done
done
rm -rf "$ca_tmp"
