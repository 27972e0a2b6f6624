# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by tests/run.sh after the whole suite: which host functions of
# each library (build/gen/LIB.functions, written by the generator) ran on
# the host in some run of the suite, per guest architecture. A library
# must reach every one, unless its description says "coverage report"
# (then the gaps are only listed).

for functions in "$B"/gen/*.functions; do
    lib=$(basename "$functions" .functions)
    policy=$(sed -n 's/^coverage[[:space:]]*//p' "$top/libs/$lib.hl")
    for arch in $RUNTIME_ARCHES; do
        total=$(awk -F'\t' '$2 == "host"' "$functions" | wc -l)
        gaps=$(awk -F'\t' -v arch="$arch" -v lib="$lib" '
            FNR == NR { if ($1 == "fn" && $3 == arch && $4 == lib && $6 > 0) ran[$5] = 1; next }
            $2 == "host" && !($1 in ran) { print $1 }' "$hl_coverage" "$functions" | tr '\n' ' ')
        n_gaps=$(wc -w <<<"$gaps")
        echo "# coverage: $arch $lib: $((total - n_gaps)) of $total host functions ran on the host" \
             "($(( total ? (total - n_gaps) * 100 / total : 100 )) %)${gaps:+; never: $gaps}"
        [ "${policy:-all}" = report ] ||
            expect_eq "coverage: $arch $lib: every host function ran on the host in some test" "" "$gaps"
    done
done
