# SPDX-License-Identifier: GPL-2.0-or-later
# zlib pass-through against native and plain emulation. Each figure is the
# "seconds" a benchmark program reports for its measured part (setup such
# as making test data is left out), best of $RUNS interleaved runs. The
# table also goes to build/bench/results.tsv, which bench/chart.sh draws.
#
# ZLIB_BENCH_MIB (default 256) sets the zlib workload's size;
# ZLIB_BENCH_QSORT_LIBS (default libc-sort) the --lib list of the qsort row.

zb_tsv="$B/bench/results.tsv"
zb_mib=${ZLIB_BENCH_MIB:-256}
zb_have_cli() { [ -x "$B/bin/hostlink" ]; }

# zb_run MODE ARCH LIBS PROG ARGS...: the program's output, or nothing when
# it fails. MODE: native, plain or hostlink.
zb_run() {
    local mode=$1 arch=$2 libs=$3 out; shift 3
    case $mode in
    native) out=$(${QEMU_LAUNCHER:-} "$@" 2>&1) ;;
    plain) out=$(qemu "$arch" "$@" 2>&1) ;;
    hostlink) out=$(hostlink_run "$arch" "$libs" "$@" 2>&1) ;;
    esac || { echo "# $mode run of ${1##*/} failed: $out" >&2; return 0; }
    printf '%s\n' "$out"
}

# zb_cell LIST: the best of a list of seconds, "n/a" when there are none.
zb_cell() {
    local best
    best=$(min <<<"$1" || true)  # min fails on an empty list
    echo "${best:-n/a}"
}

# zb_ratio A B: A/B as "1.23x", or "n/a" unless both are numbers.
zb_ratio() {
    if [[ $1 =~ ^[0-9.]+$ && $2 =~ ^[0-9.]+$ ]] && awk -v b="$2" 'BEGIN { exit !(b > 0) }'; then
        ratio "$1" "$2"
    else
        echo n/a
    fi
}

# zb_meets RATIO OP LIMIT: "met" or "MISSED" for a ratio such as 1.02x.
zb_meets() {
    if [ "$1" = n/a ]; then echo "n/a"; return; fi
    awk -v r="${1%x}" -v l="$3" -v op="$2" \
        'BEGIN { ok = op == "<=" ? r <= l : r >= l; print ok ? "met" : "MISSED" }'
}

# zb_row ARCH WORKLOAD LIBS TARGET PROG ARGS...: runs PROG natively (on an
# x86_64 guest only), under plain QEMU and through hostlink, prints a row
# and appends it to the TSV file. TARGET: "zlib", "overhead" or "".
zb_row() {
    local arch=$1 name=$2 libs=$3 target=$4; shift 4
    local modes=(plain) mode out times sig
    declare -A secs=() sigs=()
    [ "$arch" != "$(uname -m)" ] || modes=(native plain)
    zb_have_cli && modes+=(hostlink)
    for _ in $(seq "$RUNS"); do
        for mode in "${modes[@]}"; do
            out=$(zb_run "$mode" "$arch" "$libs" "$@")
            times=$(awk '/^seconds /{print $2}' <<<"$out")
            secs[$mode]+=" $times"
            # Everything but the timings must come out the same every time.
            sig=$(grep -v -E '^(seconds|[a-z]+_s) ' <<<"$out" || true)
            if [ -z "$times" ]; then sigs[$mode]="failed"
            elif [ -z "${sigs[$mode]+x}" ]; then sigs[$mode]=$sig
            elif [ "${sigs[$mode]}" != "$sig" ]; then sigs[$mode]="varies"; fi
        done
    done
    local n p h
    n=$(zb_cell "${secs[native]:-}") p=$(zb_cell "${secs[plain]:-}") h=$(zb_cell "${secs[hostlink]:-}")
    local hn pl goal="" verdict
    hn=$(zb_ratio "$h" "$n") pl=$(zb_ratio "$p" "$h")
    case $target in
    zlib)
        goal="hl<=1.03x native, plain/hl>=3x"
        verdict="$(zb_meets "$hn" "<=" 1.03)/$(zb_meets "$pl" ">=" 3)" ;;
    overhead)
        goal="hl<=1.02x plain (plain/hl>=0.98x)"
        verdict=$(zb_meets "$pl" ">=" 0.98) ;;
    esac
    [ -z "$goal" ] || goal="$goal: $verdict"
    # Outputs (checksums, sizes) must agree between the ways of running.
    local first="" m
    for m in "${modes[@]}"; do
        if [ -z "$first" ]; then first=$m
        elif [ "${sigs[$m]}" != "${sigs[$first]}" ]; then goal="$goal [$m output differs from $first]"; fi
    done
    printf '%-8s %-42s %9s %9s %9s %9s %9s  %s\n' "$arch" "$name" "$n" "$p" "$h" "$hn" "$pl" "$goal"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$arch" "$name" "$n" "$p" "$h" "$hn" "$pl" "$goal" >>"$zb_tsv"
}

echo "zlib pass-through: seconds of the measured part (best of $RUNS runs)"
zb_have_cli || echo "# hostlink command not built: hostlink cells are n/a"
mkdir -p "$(dirname "$zb_tsv")"
printf 'arch\tworkload\tnative_s\tplain_s\thostlink_s\thostlink_per_native\tplain_per_hostlink\ttarget\n' >"$zb_tsv"
printf '%-8s %-42s %9s %9s %9s %9s %9s  %s\n' guest workload native plain hostlink hl/nat plain/hl target
for arch in $GUEST_ARCHES; do
    dir="$B/$arch/bench"
    [ -x "$dir/zlib-bench" ] || continue
    zb_row "$arch" "zlib $zb_mib MiB level 6 compress+decompress" zlib zlib "$dir/zlib-bench" "$zb_mib"
    zb_row "$arch" "qsort 1M ints, guest comparator" "${ZLIB_BENCH_QSORT_LIBS:-libc-sort}" "" \
        "$dir/zlib-qsort-bench"
    zb_row "$arch" "syscall-heavy, plugin loaded, no library" none overhead \
        "$dir/zlib-syscall-heavy"
done
echo "(written to ${zb_tsv#"$top"/})"
# The chart is a convenience: no gnuplot, no chart, and the bench goes on.
if command -v gnuplot >/dev/null; then "$top/bench/chart.sh" "$zb_tsv" || true; fi
