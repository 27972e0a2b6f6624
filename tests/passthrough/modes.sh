# SPDX-License-Identifier: GPL-2.0-or-later
# The same zlib thunk in every mode: through the plugin, forced to emulate
# with HOSTLINK_EMULATE, under QEMU without the plugin, and natively on the
# host (x86_64) with the thunk put first in the library path.

prog="$B/x86_64/tests/zlib-fallback"
expected="compress2 0, 34586 bytes, crc32 dcdfcb7c; uncompress 0, same
zlib's own allocator, called through the stream: works"
native=$("$prog")
expect_eq "modes: native with the genuine zlib" "$expected" "$native"

stats=$("$B/bin/hostlink" run --lib zlib --stats -- "$prog" 2>&1)
expect_eq "modes: passed through, zlib's own allocator callable from the guest" "$expected" \
    "$(grep -v '^hostlink stats' <<<"$stats")"
check "modes: passed through: compress2 ran on the host" grep -Eq "zlib +compress2 +1 " <<<"$stats"

stats=$(HOSTLINK_EMULATE=zlib "$B/bin/hostlink" run --lib zlib --stats -- "$prog" 2>&1)
expect_eq "modes: HOSTLINK_EMULATE=zlib: the genuine library through the thunk" "$expected" \
    "$(grep -v '^hostlink stats' <<<"$stats")"
check "modes: HOSTLINK_EMULATE=zlib: nothing ran on the host" \
    bash -c '! grep -q "hostlink stats: zlib" <<<"$1"' _ "$stats"

# The thunk under the real library's name, first in the search path.
thunks=$(mktemp -d)
cp "$B/x86_64/thunks/libz-thunk.so" "$thunks/libz.so.1"
expect_eq "modes: thunk without the plugin under QEMU forwards to the genuine zlib" "$expected" \
    "$("$QEMU_BIN/qemu-x86_64" -E LD_LIBRARY_PATH="$thunks" "$prog" 2>&1)"
check "modes: ... and the thunk really was the library loaded" \
    bash -c 'LD_LIBRARY_PATH="$1" LD_DEBUG=files "$2" 2>&1 | grep -q "file=libz.so.1 \[0\];  generating link map" &&
             LD_LIBRARY_PATH="$1" LD_DEBUG=libs "$2" 2>&1 | grep -q "trying file=$1/libz.so.1"' _ "$thunks" "$prog"
expect_eq "modes: thunk natively on the host (a real machine of the guest's kind) forwards too" "$expected" \
    "$(LD_LIBRARY_PATH="$thunks" "$prog" 2>&1)"
rm -rf "$thunks"
