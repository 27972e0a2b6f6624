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

echo "hostlink benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m) host"

# Each part is a bench/*.bench.sh file, run in name order.
for part in "$(dirname "$0")"/*.bench.sh; do
    echo
    . "$part"
done

echo
"$(dirname "$0")/readme-table.sh"
