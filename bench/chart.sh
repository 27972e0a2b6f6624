#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Draws build/bench/results.tsv (written by bench/zlib.bench.sh) as a PNG
# bar chart: one panel per workload with the seconds natively, under plain
# QEMU and through hostlink. Each panel has its own scale, since the
# workloads differ by orders of magnitude.
#   bench/chart.sh [RESULTS.tsv [CHART.png]]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
tsv=${1:-$top/build/bench/results.tsv}
png=${2:-$top/build/bench/chart.png}

[ -r "$tsv" ] || { echo "chart: no $tsv (run bench/run.sh first)" >&2; exit 1; }
command -v gnuplot >/dev/null || { echo "chart: gnuplot not installed" >&2; exit 1; }
# pngcairo draws smoother text; plain png (libgd) is the fallback.
term="pngcairo font 'sans,10'"
gnuplot -e "set terminal $term" 2>/dev/null || term="png font 'sans,10'"

rows=$(tail -n +2 "$tsv" | grep -c . || true)
[ "$rows" -gt 0 ] || { echo "chart: $tsv has no rows" >&2; exit 1; }
cols=$((rows < 3 ? rows : 3))
lines=$(((rows + cols - 1) / cols))

# gnuplot strings are double-quoted: keep quotes and backslashes out.
gp_str() { printf '%s' "$1" | tr -d '"\\'; }

script() {
    cat <<EOF
set terminal $term size $((430 * cols)),$((400 * lines))
set output "$(gp_str "$png")"
set multiplot layout $lines,$cols title "hostlink: seconds per workload (lower is better)" font ",12"
set style fill solid 0.85 border -1
set boxwidth 0.6
set xrange [-0.6:2.6]
set xtics ("native" 0, "plain qemu" 1, "hostlink" 2) nomirror
set ytics nomirror
set grid ytics
set ylabel "seconds"
unset key
EOF
    local arch name n p h hn pl target
    while IFS=$'\t' read -r arch name n p h hn pl target; do
        local top_s vals=() k=0 v
        top_s=$(printf '%s\n' "$n" "$p" "$h" | grep -E '^[0-9.]+$' | sort -g | tail -1 || true)
        echo "unset label"
        echo "set title \"$(gp_str "$arch: $name")\" noenhanced"
        echo "set xlabel \"hostlink/native $hn, plain/hostlink $pl\" noenhanced"
        echo "set yrange [0:$(awk -v m="${top_s:-1}" 'BEGIN { print (m > 0 ? m : 1) * 1.2 }')]"
        echo "\$d << EOD"
        for v in "$n" "$p" "$h"; do
            # x, seconds, colour: native green, plain red, hostlink blue
            colours=(0x43a047 0xe53935 0x1e88e5)
            if [[ $v =~ ^[0-9.]+$ ]]; then echo "$k $v ${colours[$k]}"
            else vals+=("set label \"n/a\" at $k, graph 0.05 center"); fi
            k=$((k + 1))
        done
        echo "EOD"
        printf '%s\n' "${vals[@]}"
        echo "plot \$d using 1:2:3 with boxes lc rgb variable, \\"
        echo "     \$d using 1:2:(sprintf('%.3g s', \$2)) with labels offset 0,0.8"
    done < <(tail -n +2 "$tsv")
    echo "unset multiplot"
}

mkdir -p "$(dirname "$png")"
script | gnuplot
echo "chart: wrote ${png#"$top"/}"
