#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# make bench: measures everything in one run and prints ratios. Each
# figure is the best of several interleaved runs pinned to one core, so
# that the machine's noise hits every row alike.
set -euo pipefail
. "$(dirname "$0")/../tests/lib.sh"
RUNS=${RUNS:-3}
QEMU_LAUNCHER="taskset -c $(($(nproc) - 1))"
min() { tr ' ' '\n' | grep . | sort -g | head -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }

# BENCH_SIZE=MIB: every workload's size at once (ZLIB_BENCH_MIB,
# CODECS_BENCH_MIB), for a quick check of the machinery; the README's
# tables are left alone then.
if [ -n "${BENCH_SIZE:-}" ]; then
    ZLIB_BENCH_MIB=${ZLIB_BENCH_MIB:-$BENCH_SIZE} CODECS_BENCH_MIB=${CODECS_BENCH_MIB:-$BENCH_SIZE}
fi
# BENCH_ONLY="codecs ...": only the parts whose names contain one of these
# words (zlib.bench.sh, which holds the row machinery, is read anyway and
# runs its own rows only when named); the README's tables are left alone.
bench_wants() {
    local w
    [ -n "${BENCH_ONLY:-}" ] || return 0
    for w in $BENCH_ONLY; do [[ $1 != *"$w"* ]] || return 0; done
    return 1
}

echo "hostlink benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m) host"

# Each part is a bench/*.bench.sh file, run in name order.
for part in "$(dirname "$0")"/*.bench.sh; do
    name=$(basename "$part" .bench.sh)
    [ "$name" = zlib ] || bench_wants "$name" || continue
    echo
    . "$part"
done

echo
if [ -z "${BENCH_SIZE:-}${BENCH_ONLY:-}" ]; then
    "$(dirname "$0")/readme-table.sh"
else
    echo "(BENCH_SIZE or BENCH_ONLY: a partial run; README.md left alone)"
fi
