# SPDX-License-Identifier: GPL-2.0-or-later
# The same zlib thunk in every mode, on every guest: through the plugin,
# forced to emulate with HOSTLINK_EMULATE (a library's name, or "all"),
# under QEMU without the plugin, and natively on the host (x86_64) with the
# thunk put first in the library path. Every mode prints what plain
# emulation prints.

modes_expected="compress2 0, 34586 bytes, crc32 dcdfcb7c; uncompress 0, same
zlib's own allocator, called through the stream: works"
expect_eq "modes: x86_64 natively with the genuine zlib" "$modes_expected" \
    "$("$B/x86_64/tests/zlib-fallback")"

for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/zlib-fallback"
    [ -x "$prog" ] || { fail "modes $arch: $prog not built (no zlib for this guest)"; continue; }
    expect_eq "modes $arch: plain emulation" "$modes_expected" "$(hostlink_run "$arch" none "$prog" 2>&1)"

    stats=$("$B/bin/hostlink" run --arch "$arch" --lib zlib --stats -- "$prog" 2>&1)
    expect_eq "modes $arch: passed through, zlib's own allocator callable from the guest" \
        "$modes_expected" "$(grep -v '^hostlink stats' <<<"$stats")"
    check "modes $arch: passed through: compress2 ran on the host" \
        grep -Eq "zlib +compress2 +1 " <<<"$stats"

    for forced in zlib all; do
        stats=$(HOSTLINK_EMULATE=$forced "$B/bin/hostlink" run --arch "$arch" --lib zlib --stats -- "$prog" 2>&1)
        expect_eq "modes $arch: HOSTLINK_EMULATE=$forced: the genuine library through the thunk" \
            "$modes_expected" "$(grep -v '^hostlink stats' <<<"$stats")"
        check "modes $arch: HOSTLINK_EMULATE=$forced: nothing ran on the host" \
            bash -c '! grep -q "hostlink stats: zlib" <<<"$1"' _ "$stats"
    done

    # The thunk under the real library's name, first in the search path,
    # under QEMU without the plugin; the genuine zlib comes from the sysroot.
    thunks=$(mktemp -d)
    cp "$B/$arch/thunks/libz-thunk.so" "$thunks/libz.so.1"
    sysroot=()
    [ "$arch" = x86_64 ] || sysroot=(-L "$B/sysroot/$arch")
    expect_eq "modes $arch: thunk without the plugin under QEMU forwards to the genuine zlib" \
        "$modes_expected" \
        "$("$QEMU_BIN/qemu-$arch" "${sysroot[@]}" -E LD_LIBRARY_PATH="$thunks" "$prog" 2>&1)"
    check "modes $arch: ... and the thunk really was the library loaded" \
        bash -c '"$@" 2>&1 | grep -q "trying file=$0/libz.so.1"' "$thunks" \
        "$QEMU_BIN/qemu-$arch" "${sysroot[@]}" -E LD_LIBRARY_PATH="$thunks" -E LD_DEBUG=libs "$prog"
    if [ "$arch" = x86_64 ]; then
        expect_eq "modes $arch: thunk natively on the host (a real machine of the guest's kind) forwards too" \
            "$modes_expected" "$(LD_LIBRARY_PATH="$thunks" "$prog" 2>&1)"
    fi
    rm -rf "$thunks"
done
