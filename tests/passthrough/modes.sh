# SPDX-License-Identifier: GPL-2.0-or-later
# The same zlib thunk in every mode: through the plugin, forced to emulate
# with HOSTLINK_EMULATE, under QEMU without the plugin, and natively on the
# host (x86_64) with the thunk put first in the library path. Which file
# really served compress2 is told by its build id (the program's "which").

prog="$B/x86_64/tests/zlib-fallback"
expected="compress2 0, 34586 bytes, crc32 dcdfcb7c; uncompress 0, same
zlib's own allocator, called through the stream: works"
build_id() { readelf -n "$1" | sed -n 's/^ *Build ID: *//p'; }
thunk_id="compress2 from build id $(build_id "$B/x86_64/thunks/libz-thunk.so")"
genuine_id="compress2 from build id $(build_id "$(ldconfig -p | awk '$1 == "libz.so.1" && /x86-64/ { print $NF; exit }')")"

native=$("$prog")
expect_eq "modes: native with the genuine zlib" "$expected" "$native"
expect_eq "modes: native: compress2 comes from the genuine zlib" "$genuine_id" "$("$prog" which)"

expect_eq "modes: passed through, zlib's own allocator callable from the guest" "$expected" \
    "$(hostlink_run x86_64 zlib "$prog" 2>&1)"
expect_host "modes: passed through: compress2, uncompress, crc32, deflateInit_ ran on the host" \
    zlib compress2 uncompress crc32 deflateInit_ deflateEnd
expect_eq "modes: passed through: the guest's loader was given the thunk" "$thunk_id" \
    "$(hostlink_run x86_64 zlib "$prog" which 2>&1)"

expect_eq "modes: HOSTLINK_EMULATE=zlib: the genuine library through the thunk" "$expected" \
    "$(HOSTLINK_EMULATE=zlib hostlink_run x86_64 zlib "$prog" 2>&1)"
expect_emulated "modes: HOSTLINK_EMULATE=zlib: the plugin was asked, says so, and ran nothing" \
    zlib "HOSTLINK_EMULATE asks"

# The thunk under the real library's name, first in the search path.
thunks=$(mktemp -d)
cp "$B/x86_64/thunks/libz-thunk.so" "$thunks/libz.so.1"
expect_eq "modes: thunk without the plugin under QEMU forwards to the genuine zlib" "$expected" \
    "$("$QEMU_BIN/qemu-x86_64" -E LD_LIBRARY_PATH="$thunks" "$prog" 2>&1)"
expect_eq "modes: ... and the thunk really was the library loaded" "$thunk_id" \
    "$("$QEMU_BIN/qemu-x86_64" -E LD_LIBRARY_PATH="$thunks" "$prog" which 2>&1)"
expect_eq "modes: thunk natively on the host (a real machine of the guest's kind) forwards too" "$expected" \
    "$(LD_LIBRARY_PATH="$thunks" "$prog" 2>&1)"
expect_eq "modes: ... and natively too the thunk was the library loaded" "$thunk_id" \
    "$(LD_LIBRARY_PATH="$thunks" "$prog" which 2>&1)"
rm -rf "$thunks"
unset -f build_id
