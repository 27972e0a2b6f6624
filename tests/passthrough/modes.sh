# SPDX-License-Identifier: GPL-2.0-or-later
# The same zlib thunk in every mode, on every guest: through the plugin,
# forced to emulate with HOSTLINK_EMULATE (the library's name, or "all"),
# under QEMU without the plugin, natively on the host (x86_64) with the
# thunk put first in the library path, and as a thunk of another description
# (refused). Which file really served compress2
# is told by its build id (the program's "which").

expected="compress2 0, 34586 bytes, crc32 dcdfcb7c; uncompress 0, same
zlib's own allocator, called through the stream: works"
build_id() { readelf -n "$1" | sed -n 's/^ *Build ID: *//p'; }
# The genuine libz.so.1 of a guest: the host's for x86_64, else its sysroot's.
genuine_zlib() {
    if [ "$1" = x86_64 ]; then ldconfig -p | awk '$1 == "libz.so.1" && /x86-64/ { print $NF; exit }'
    else readlink -f "$B/sysroot/$1/usr/lib/$1-linux-gnu/libz.so.1"; fi
}

prog="$B/x86_64/tests/zlib-fallback"
expect_eq "modes: native with the genuine zlib" "$expected" "$("$prog")"
expect_eq "modes: native: compress2 comes from the genuine zlib" \
    "compress2 from build id $(build_id "$(genuine_zlib x86_64)")" "$("$prog" which)"

for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/zlib-fallback"
    [ -x "$prog" ] || { fail "modes $arch: $prog not built (no zlib for this guest)"; continue; }
    thunk_id="compress2 from build id $(build_id "$B/$arch/thunks/libz-thunk.so")"
    genuine_id="compress2 from build id $(build_id "$(genuine_zlib "$arch")")"

    expect_eq "modes $arch: plain emulation" "$expected" "$(hostlink_run "$arch" none "$prog" 2>&1)"
    expect_eq "modes $arch: passed through, zlib's own allocator callable from the guest" "$expected" \
        "$(hostlink_run "$arch" zlib "$prog" 2>&1)"
    expect_host "modes $arch: passed through: compress2, uncompress, crc32, deflateInit_ ran on the host" \
        zlib compress2 uncompress crc32 deflateInit_ deflateEnd
    expect_eq "modes $arch: passed through: the guest's loader was given the thunk" "$thunk_id" \
        "$(hostlink_run "$arch" zlib "$prog" which 2>&1)"

    # The thunk finds the genuine library by opening it (QEMU maps opens
    # through the sysroot, not access or stat on every guest).
    for forced in zlib all; do
        expect_eq "modes $arch: HOSTLINK_EMULATE=$forced: the genuine library through the thunk" \
            "$expected" "$(HOSTLINK_EMULATE=$forced hostlink_run "$arch" zlib "$prog" 2>&1)"
        expect_emulated "modes $arch: HOSTLINK_EMULATE=$forced: the plugin was asked, says so, and ran nothing" \
            zlib "HOSTLINK_EMULATE asks"
    done

    # The thunk under the real library's name, first in the search path,
    # under QEMU without the plugin; the genuine zlib comes from the sysroot.
    thunks=$(mktemp -d)
    cp "$B/$arch/thunks/libz-thunk.so" "$thunks/libz.so.1"
    sysroot=()
    [ "$arch" = x86_64 ] || sysroot=(-L "$B/sysroot/$arch")
    expect_eq "modes $arch: thunk without the plugin under QEMU forwards to the genuine zlib" "$expected" \
        "$("$QEMU_BIN/qemu-$arch" "${sysroot[@]}" -E LD_LIBRARY_PATH="$thunks" "$prog" 2>&1)"
    expect_eq "modes $arch: ... and the thunk really was the library loaded" "$thunk_id" \
        "$("$QEMU_BIN/qemu-$arch" "${sysroot[@]}" -E LD_LIBRARY_PATH="$thunks" "$prog" which 2>&1)"
    expect_eq "modes $arch: plain QEMU without the thunk uses the genuine zlib" "$genuine_id" \
        "$("$QEMU_BIN/qemu-$arch" "${sysroot[@]}" "$prog" which 2>&1)"
    if [ "$arch" = x86_64 ]; then
        expect_eq "modes: thunk natively on the host (a real machine of the guest's kind) forwards too" \
            "$expected" "$(LD_LIBRARY_PATH="$thunks" "$prog" 2>&1)"
        expect_eq "modes: ... and natively too the thunk was the library loaded" "$thunk_id" \
            "$(LD_LIBRARY_PATH="$thunks" "$prog" which 2>&1)"
    fi
    rm -rf "$thunks"

    # A thunk built from another description or protocol version (its hash
    # differs: here patched) in the plugin's thunk directory: refused at
    # open, the thunk forwards to the genuine library, with the reason.
    mismatched=$(mktemp -d)
    python3 - "$B/$arch/thunks/libz-thunk.so" "$mismatched/libz-thunk.so" \
        "$(sed -n 's/.*\.hash = \(0x[0-9a-f]*\)ull.*/\1/p' "$B/gen/zlib-guest.c")" <<'EOF'
import struct, sys
data = open(sys.argv[1], 'rb').read()
old = struct.pack('<Q', int(sys.argv[3], 16))
assert data.count(old) == 1, 'the hash is not in the thunk once'
open(sys.argv[2], 'wb').write(data.replace(old, struct.pack('<Q', int(sys.argv[3], 16) ^ 1)))
EOF
    plugin="$B/plugin/libhostlink.so,lib=zlib,thunkdir=$mismatched,hostlibdir=$B/host,statsfile=$hl_stats"
    : >"$hl_stats"
    expect_eq "modes $arch: a thunk of another description or protocol: same output" \
        "$expected" "$("$QEMU_BIN/qemu-$arch" "${sysroot[@]}" -plugin "$plugin" "$prog" 2>&1)"
    expect_emulated "modes $arch: ... refused at open with the reason, nothing ran on the host" \
        zlib "generated from another description or protocol"
    expect_eq "modes $arch: ... the guest's loader was given that thunk" "$thunk_id" \
        "$("$QEMU_BIN/qemu-$arch" "${sysroot[@]}" -plugin "$plugin" "$prog" which 2>&1)"
    rm -rf "$mismatched"
done
unset -f build_id genuine_zlib
