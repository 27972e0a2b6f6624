# SPDX-License-Identifier: GPL-2.0-or-later
# hostlink-gen refuses what it cannot pass through, saying why, and
# generates the rest readably.

gen_tmp=$(mktemp -d)
gen_out=$(cd "$top" && "$B/gen/hostlink-gen" -L "$B/host" tests/gen/refuse.hl "$gen_tmp" \
          aarch64-linux-gnu riscv64-linux-gnu 2>&1)
gen_status=$?
expect_eq "gen: a description with unsupported declarations is refused (exit 1)" 1 "$gen_status"
for why in \
    "refuse: scale: long double: long double has another format on each guest; no conversion is described" \
    "refuse: say: variadic: describe it as special and write its guest side" \
    "refuse: sum_pair: struct pair: structs passed by value are not supported" \
    "refuse: classify: char (argument): layout on aarch64-linux-gnu differs from the host's" \
    "refuse: classify: char (argument): layout on riscv64-linux-gnu differs from the host's" \
    "refuse: apply9: callback type many_ints_fn: more than 8 integer or 8 floating-point arguments" \
    "hostlink-gen: refuse: refused (see above)"; do
    check "gen: says: ${why:0:70}" grep -qF -- "$why" <<<"$gen_out"
done
check "gen: nothing wrong with fine()" bash -c '! grep -q "refuse: fine" <<<"$1"' _ "$gen_out"
check "gen: nothing is written for a refused description" bash -c '[ -z "$(ls -A "$1")" ]' _ "$gen_tmp"
rm -rf "$gen_tmp"

# The zlib thunk exports exactly what the real library does, versions included.
check "gen: the x86_64 zlib thunk exports the real libz's symbols and versions" bash -c \
    'diff <(nm -D --defined-only --with-symbol-versions "$1" | awk "{print \$3}" | sort) \
          <(nm -D --defined-only --with-symbol-versions "$2" | awk "{print \$3}" | sort)' _ \
    "$(gcc -print-file-name=libz.so.1)" "$B/x86_64/thunks/libz-thunk.so"

# The thunk's file name is the generator's rule alone (the plugin, the CLI
# and make read it from what the generator writes): the soname up to the
# first ".so" that is a whole part, then "-thunk.so".
gen_tmp=$(mktemp -d)
sed 's/^soname .*/soname       libhlt.sox.so.3/' "$top/libs/hlt.hl" >"$gen_tmp/hlt.hl"
(cd "$top" && "$B/gen/hostlink-gen" -L "$B/host" "$gen_tmp/hlt.hl" "$gen_tmp" >/dev/null 2>&1)
expect_eq "gen: the thunk name keeps the soname up to its .so part" \
    "libhlt.sox.so.3 libhlt.sox-thunk.so" "$(cut -f2,3 --output-delimiter=' ' "$gen_tmp/hlt.list" 2>&1)"
check "gen: the plugin's table names the same thunk" grep -q '"libhlt.sox-thunk.so"' "$gen_tmp/hlt-host.c"
expect_eq "gen: libs.list names each built thunk" "" \
    "$(cut -f3 "$B"/gen/*.list | while read -r t; do [ -f "$B/x86_64/thunks/$t" ] || echo "missing $t"; done)"
rm -rf "$gen_tmp"

# The shared ELF reader bounds-checks: a library whose version definitions
# point past its end, or one cut short, is refused with the reason.
gen_tmp=$(mktemp -d)
python3 - "$(gcc -print-file-name=libz.so.1)" "$gen_tmp/libz.so.1" <<'PY'
import struct, sys
b = bytearray(open(sys.argv[1], 'rb').read())
shoff, = struct.unpack_from('<Q', b, 0x28); shnum, = struct.unpack_from('<H', b, 0x3c)
for i in range(shnum):
    if struct.unpack_from('<I', b, shoff + i * 64 + 4)[0] == 0x6ffffffd:   # SHT_GNU_verdef
        struct.pack_into('<Q', b, shoff + i * 64 + 24, len(b) - 8)          # sh_offset
open(sys.argv[2], 'wb').write(b)
PY
sed 's/^host .*/host libz.so.1/' "$top/libs/zlib.hl" >"$gen_tmp/zlib.hl"
expect_eq "gen: version definitions outside the library are refused" \
    "$gen_tmp/libz.so.1: malformed version definitions" \
    "$(cd "$top" && "$B/gen/hostlink-gen" -L "$gen_tmp" "$gen_tmp/zlib.hl" "$gen_tmp" 2>&1)"
head -c 3000 "$(gcc -print-file-name=libz.so.1)" >"$gen_tmp/libz.so.1"
expect_eq "gen: a library cut short is refused" "$gen_tmp/libz.so.1: no usable section headers" \
    "$(cd "$top" && "$B/gen/hostlink-gen" -L "$gen_tmp" "$gen_tmp/zlib.hl" "$gen_tmp" 2>&1)"
rm -rf "$gen_tmp"
