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

# bench_merge_rows OLD NEW: OLD's rows with NEW's in place of those of the
# same guest and workload, NEW's others after the last row of their guest.
bench_merge_rows() {
    local merged
    merged=$(mktemp)
    awk -F'\t' -v OFS='\t' '
        FNR == 1 { if (NR == 1) print; next }
        NR == FNR { key = $1 FS $2; old[++n] = key; row[key] = $0; next }
        { key = $1 FS $2; if (!(key in row)) added[$1] = added[$1] $0 "\n"; row[key] = $0 }
        END {
            for (i = 1; i <= n; i++) {
                split(old[i], k, FS); print row[old[i]]
                if ((i == n || substr(old[i + 1], 1, length(k[1]) + 1) != k[1] FS) && (k[1] in added)) {
                    printf "%s", added[k[1]]; delete added[k[1]]
                }
            }
            for (a in added) printf "%s", added[a]
        }' "$1" "$2" >"$merged"
    mv "$merged" "$1"
}

echo "hostlink benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m) host"

# This run's throughput rows only (zz-openssl.bench.sh writes them when it runs).
ob_tsv="$B/bench/openssl.tsv"
rm -f "$ob_tsv"

# Each part is a bench/*.bench.sh file, run in name order.
for part in "$(dirname "$0")"/*.bench.sh; do
    name=$(basename "$part" .bench.sh)
    [ "$name" = zlib ] || bench_wants "$name" || continue
    echo
    . "$part"
done

echo
# The README's rows (build/bench/readme.tsv): a whole run replaces them; a
# run of some parts at full size with BENCH_MERGE=1 replaces its own rows
# (same guest and workload) and adds new ones, each row still measured in
# one run; a run at another size never touches them.
# The throughput rows (zz-openssl.bench.sh) go the same way, to their own table.
readme_rows="$B/bench/readme.tsv" readme_speed_rows="$B/bench/readme-openssl.tsv"
if [ -z "${BENCH_SIZE:-}${BENCH_ONLY:-}" ]; then
    cp "$zb_tsv" "$readme_rows"
    [ ! -r "$ob_tsv" ] || cp "$ob_tsv" "$readme_speed_rows"
    "$(dirname "$0")/readme-table.sh"
elif [ -z "${BENCH_SIZE:-}" ] && [ "${BENCH_MERGE:-}" = 1 ] && [ -r "$readme_rows" ]; then
    bench_merge_rows "$readme_rows" "$zb_tsv"
    if [ -r "$ob_tsv" ] && [ -r "$readme_speed_rows" ]; then
        bench_merge_rows "$readme_speed_rows" "$ob_tsv"
    elif [ -r "$ob_tsv" ]; then
        cp "$ob_tsv" "$readme_speed_rows"
    fi
    "$(dirname "$0")/readme-table.sh"
else
    echo "(BENCH_SIZE or BENCH_ONLY: a partial run; README.md left alone)"
fi
