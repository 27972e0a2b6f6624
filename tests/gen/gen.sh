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
    "refuse: stateless nosuch: not a generated function of this library" \
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
