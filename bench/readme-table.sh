#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Writes the benchmark tables of the last `make bench` (build/bench/readme.tsv
# and readme-openssl.tsv: the whole run's rows, or a BENCH_MERGE=1 run's
# merged in; build/bench/bridge.tsv)
# into README.md between the bench-table markers, so no figure in the
# README is typed by hand.
#   bench/readme-table.sh [README.md]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
readme=${1:-$top/README.md}
results="$top/build/bench/readme.tsv" bridge="$top/build/bench/bridge.tsv"
openssl="$top/build/bench/readme-openssl.tsv"
begin='<!-- bench-table:begin (written by make bench: bench/readme-table.sh) -->'
end='<!-- bench-table:end -->'

table() {
    echo "Measured $(date -u +%Y-%m-%d) by \`make bench\` on $(nproc) cores, pinned to one, best of"
    echo "several interleaved runs; every row's outputs checked and pass-through evidence seen"
    echo "(a row that fails a check says FAILED; rows re-measured by a BENCH_MERGE=1 run of their"
    echo "part replace the whole run's). Seconds:"
    echo
    echo "| guest | workload | native | plain QEMU | hostlink | hostlink / native | plain / hostlink | target |"
    echo "|---|---|---|---|---|---|---|---|"
    tail -n +2 "$results" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
    if [ -r "$openssl" ]; then
        echo
        echo "Debian's \`openssl speed\` (bench/zz-openssl.bench.sh), throughput, higher is better: 1000s"
        echo "of bytes per second, RSA signatures per second:"
        echo
        echo "| guest | workload | native | plain QEMU | hostlink | hostlink / native | hostlink / plain | target |"
        echo "|---|---|---|---|---|---|---|---|"
        tail -n +2 "$openssl" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
    fi
    if [ -r "$bridge" ]; then
        echo
        echo "Bridge micro-benchmarks, ns per operation, against an unknown syscall emulated by QEMU"
        echo "without a plugin:"
        echo
        echo "| guest | unknown syscall | empty pass-through call | callback round trip |"
        echo "|---|---|---|---|"
        tail -n +2 "$bridge" | awk -F'\t' '{ printf "| %s | %s | %s (%s) | %s (%s) |\n", $1, $2, $3, $4, $5, $6 }'
    fi
}

[ -r "$results" ] || { echo "readme-table: no $results (run make bench)" >&2; exit 1; }
grep -qxF "$begin" "$readme" && grep -qxF "$end" "$readme" ||
    { echo "readme-table: $readme has no bench-table markers" >&2; exit 1; }
new=$(mktemp)
awk -v b="$begin" -v e="$end" -v t="$(table)" '
    $0 == b { print; print t; skip = 1; next }
    $0 == e { skip = 0 }
    !skip' "$readme" >"$new"
mv "$new" "$readme"
echo "readme-table: wrote the tables into ${readme#"$top"/}"
