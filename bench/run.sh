#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# make bench: measures everything in one run and prints ratios. Each
# figure is the best of several interleaved runs pinned to one core, so
# that the machine's noise hits every row alike.
set -euo pipefail
. "$(dirname "$0")/../tests/lib.sh"
PLUGIN="$B/plugin/libhostlink.so"
RUNS=${RUNS:-3}
QEMU_LAUNCHER="taskset -c $(($(nproc) - 1))"
min() { tr ' ' '\n' | grep . | sort -g | head -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

echo "hostlink benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m) host"
echo
echo "Callback bridge: ns per operation (best of $RUNS runs x 5 rounds)"
printf '%-8s %-30s %9s %8s %8s\n' guest operation ns ratio target
for arch in $RUNTIME_ARCHES; do
    bench="$B/$arch/bench/bridge-bench"
    base="" empty="" trip=""
    for _ in $(seq "$RUNS"); do
        base+=" $(qemu "$arch" "$bench-baseline" syscall)"
        empty+=" $(qemu "$arch" -plugin "$PLUGIN" "$bench" empty)"
        trip+=" $(qemu "$arch" -plugin "$PLUGIN" "$bench" roundtrip)"
    done
    base=$(min <<<"$base") empty=$(min <<<"$empty") trip=$(min <<<"$trip")
    printf '%-8s %-30s %9s %8s %8s\n' "$arch" "unknown syscall, no plugin" "$base" 1.00x ""
    printf '%-8s %-30s %9s %8s %8s\n' "$arch" "empty pass-through call" "$empty" "$(ratio "$empty" "$base")" "<=1.15x"
    printf '%-8s %-30s %9s %8s %8s\n' "$arch" "callback round trip" "$trip" "$(ratio "$trip" "$base")" "<=2.50x"
done
