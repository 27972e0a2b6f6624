# SPDX-License-Identifier: GPL-2.0-or-later
# Callback bridge micro-benchmarks against an emulated unknown syscall.
echo "Callback bridge: ns per operation (best of $RUNS runs x 5 rounds)"
printf '%-8s %-30s %9s %8s %8s\n' guest operation ns ratio target
bb_tsv="$B/bench/bridge.tsv"
mkdir -p "$B/bench"
printf 'arch\tunknown_syscall_ns\tempty_call_ns\tempty_ratio\troundtrip_ns\troundtrip_ratio\n' >"$bb_tsv"
for arch in $RUNTIME_ARCHES; do
    bench="$B/$arch/bench/bridge-bench"
    base="" empty="" trip=""
    for _ in $(seq "$RUNS"); do
        base+=" $(qemu "$arch" "$bench-baseline" syscall)"
        empty+=" $(qemu "$arch" -plugin "$PLUGIN,hostlibdir=$B/host" "$bench" empty)"
        trip+=" $(qemu "$arch" -plugin "$PLUGIN,hostlibdir=$B/host" "$bench" roundtrip)"
    done
    base=$(min <<<"$base") empty=$(min <<<"$empty") trip=$(min <<<"$trip")
    printf '%-8s %-30s %9s %8s %8s\n' "$arch" "unknown syscall, no plugin" "$base" 1.00x ""
    printf '%-8s %-30s %9s %8s %8s\n' "$arch" "empty pass-through call" "$empty" "$(ratio "$empty" "$base")" "<=1.15x"
    printf '%-8s %-30s %9s %8s %8s\n' "$arch" "callback round trip" "$trip" "$(ratio "$trip" "$base")" "<=2.50x"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$arch" "$base" "$empty" "$(ratio "$empty" "$base")" \
        "$trip" "$(ratio "$trip" "$base")" >>"$bb_tsv"
done
