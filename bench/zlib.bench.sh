# SPDX-License-Identifier: GPL-2.0-or-later
# zlib pass-through against native and plain emulation. Each figure is the
# "seconds" a benchmark program reports for its measured part (setup such
# as making test data is left out), best of $RUNS interleaved runs. The
# table also goes to build/bench/results.tsv, which bench/chart.sh draws.
#
# The aarch64 and riscv64 guests (when their programs are built against
# their Debian sysroot's zlib, `make sysroot`) get the zlib row, with the
# x86_64 build of the same program as "native", and a row for Debian's own
# pigz from the sysroot compressing a generated file (the host's pigz is
# "native"; wall-clock seconds of the whole run).
#
# Every row checks before it shows a figure: all ways of running print the
# same (timings aside), wall-clock programs' output files are the same and
# pass zb_verify (the host's own tool reading them back), and the hostlink
# run left evidence in its statistics (plugin/stats.h) that its libraries
# ran on the host, or with --lib none that the plugin was loaded. A row that
# fails a check prints FAILED and why instead of timings.
#
# ZLIB_BENCH_MIB (default 256) sets the size of the zlib workload and of
# the pigz file; ZLIB_BENCH_QSORT_LIBS (default libc-sort) the --lib list
# of the qsort row; OVERHEAD_RUNS (default 15) the runs of overhead rows.

zb_tsv="$B/bench/results.tsv"
zb_mib=${ZLIB_BENCH_MIB:-256}
zb_have_cli() { [ -x "$B/bin/hostlink" ]; }
# Set around one zb_row call: the command of its native column (default:
# the program itself, on an x86_64 guest only); zb_wall=1 for programs
# that print no "seconds" line: their whole run is timed and their stdout
# kept per mode in $zb_out.MODE; zb_verify, a command that checks such a
# file with the host's tools; zb_note, words the row's name gets (e.g.
# when the native program is another version than the guest's).
zb_native=()
zb_wall=""
zb_verify=()
zb_note=""
# zb_runs: how many rounds the next row runs (default $RUNS).
zb_runs=""
# zb_digest: the command (stdin to stdout) whose output fingerprints a
# wall-clock program's output for the comparison between ways of running;
# one that unpacks first lets releases that encode differently agree.
zb_digest=(sha256sum)
zb_out="$B/bench/out"
# zb_pre_hostlink: a command run before each hostlink run of a row (a
# first-run row of the call policy deletes the program's profile with it).
zb_pre_hostlink=(true)

# zb_plain ARCH PROG ARGS...: plain QEMU, no plugin, with the guest libraries
# `hostlink run` would use (build/sysroot/ARCH when it exists).
zb_plain() {
    local arch=$1 root="guest_sysroot_$1"; shift
    root=${!root}
    [ ! -d "$B/sysroot/$arch" ] || root="$B/sysroot/$arch"
    ${QEMU_LAUNCHER:-} "$QEMU_BIN/qemu-$arch" -L "$root" "$@"
}

# zb_exec MODE CMD...: CMD's stderr and, unless zb_wall is set, its stdout
# (else stdout goes to $zb_out.MODE, and its zb_digest is printed).
zb_exec() {
    local mode=$1; shift
    if [ -z "$zb_wall" ]; then "$@" 2>&1; return; fi
    "$@" 2>&1 >"$zb_out.$mode" && echo "output digest $("${zb_digest[@]}" <"$zb_out.$mode" | cut -c1-16)"
}

# zb_run MODE ARCH LIBS PROG ARGS...: the program's output, or nothing when
# it fails. MODE: native, plain or hostlink.
zb_run() {
    local mode=$1 arch=$2 libs=$3 out t0 t1; shift 3
    t0=${EPOCHREALTIME/,/.}
    case $mode in
    native) if [ ${#zb_native[@]} -gt 0 ]; then out=$(zb_exec "$mode" ${QEMU_LAUNCHER:-} "${zb_native[@]}")
            else out=$(zb_exec "$mode" ${QEMU_LAUNCHER:-} "$@"); fi ;;
    plain) out=$(zb_exec "$mode" zb_plain "$arch" "$@") ;;
    hostlink) "${zb_pre_hostlink[@]}"; out=$(zb_exec "$mode" hostlink_run "$arch" "$libs" "$@") ;;
    esac || { echo "# $mode run of ${1##*/} failed: $out" >&2; return 0; }
    if [ -n "$zb_wall" ] && [ ${#zb_verify[@]} -gt 0 ] && ! "${zb_verify[@]}" "$zb_out.$mode" >/dev/null 2>&1; then
        echo "# $mode output of ${1##*/} fails: ${zb_verify[*]}" >&2
        return 0
    fi
    t1=${EPOCHREALTIME/,/.}
    [ -z "$out" ] || printf '%s\n' "$out"
    [ -z "$zb_wall" ] || awk -v a="$t0" -v b="$t1" 'BEGIN { printf "seconds %.3f\n", b - a }'
}

# zb_once_s: a mode whose run takes longer than this many seconds runs
# once per row (BENCH_ONCE_S, default 20); quicker ones run $RUNS times.
zb_once_s=${BENCH_ONCE_S:-20}
# Native figures by native command: measured once, shared by every guest's row.
declare -A zb_native_done=() zb_native_sig=()

# zb_eta NAME RUNS MODE:SECONDS:ONCE...: after a row's first round, on
# stderr, how long its remaining rounds will take (rows over a minute).
zb_eta() {
    local name=$1 runs=$2; shift 2
    printf '%s\n' "$@" | awk -F: -v name="$name" -v runs="$runs" '
        { first += $2; if ($3 == "") more += $2 * (runs - 1) }
        END { if (first > 60) printf "# %s: first round %.0f s, about %.0f s to go\n", name, first, more }' >&2
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

# zb_emulated: set around a zb_row whose library must stay emulated (the
# version-skew rule): the reason its statistics must give.
zb_emulated=""
# zb_evidence LIBS: why the last hostlink run shows no host work for LIBS
# (nothing when it does): each library ran functions on the host or had
# them switched to the guest library by the call policy (a "policy" record
# of a function in the guest: it was judged on the host first; or the
# library emulated by the program's profile, which an earlier run wrote
# after judging it on the host), or, for "none", the plugin was loaded and
# wrote its record.
zb_evidence() {
    local lib
    if [ -n "$zb_emulated" ]; then
        awk -F'\t' -v lib="$1" -v why="$zb_emulated" '$1 == "lib" && $4 == lib && $5 == "emulated" && index($6, why) { said = 1 }
                                                     $1 == "fn" && $4 == lib { ran = 1 }
                                                     END { exit !(said && !ran) }' "$hl_stats" ||
            echo "$1 not recorded as emulated ($zb_emulated)"
        return
    fi
    if [ "$1" = none ]; then
        grep -q '^proc' "$hl_stats" || echo "no plugin record"
        return
    fi
    for lib in ${1//,/ }; do
        awk -F'\t' -v lib="$lib" '$1 == "fn" && $4 == lib && $6 > 0 { ok = 1 }
                                  $1 == "policy" && $4 == lib && $6 == "guest" { ok = 1 }
                                  $1 == "lib" && $4 == lib && $5 == "emulated" &&
                                      index($6, "the program'"'"'s profile") { ok = 1 }
                                  END { exit !ok }' \
            "$hl_stats" || echo "nothing of $lib ran on the host"
    done
}

# zb_row ARCH WORKLOAD LIBS TARGET PROG ARGS...: runs PROG natively (on an
# x86_64 guest, or zb_native), under plain QEMU and through hostlink, prints
# a row and appends it to the TSV file. TARGET: "zlib" (x86_64 guest),
# "zlib-cross" (other guests), "overhead", "policy" (callback-bound: the
# call policy keeps it no slower than plain emulation), "codec" and
# "codec-aarch64" (Debian's codec programs, issue 9), "emulated" (the
# library stays emulated by design: zb_emulated says why) or "".
zb_row() {
    local arch=$1 name=$2$zb_note libs=$3 target=$4; shift 4
    local modes=(plain) mode out times sig runs=$RUNS failed="" round key cached=""
    declare -A secs=() sigs=() once=()
    [ "$arch" != "$(uname -m)" ] && [ ${#zb_native[@]} -eq 0 ] || modes=(native plain)
    zb_have_cli && modes+=(hostlink)
    # Rows judged against plain emulation within 2 %: their verdict is the
    # median of the paired ratios (below), which one noisy round cannot
    # move; the overhead row and short ones (zb_runs) run many times.
    [ "$target" != overhead ] || runs=${OVERHEAD_RUNS:-15}
    runs=${zb_runs:-$runs}
    # A native command another guest's row already measured is not run again.
    key="${zb_native[*]}|$zb_wall"
    if [ ${#zb_native[@]} -gt 0 ] && [ -n "${zb_native_done[$key]+x}" ]; then
        secs[native]=${zb_native_done[$key]} sigs[native]=${zb_native_sig[$key]} once[native]=1 cached=native
    fi
    for round in $(seq "$runs"); do
        for mode in "${modes[@]}"; do
            [ -z "${once[$mode]:-}" ] || continue
            out=$(zb_run "$mode" "$arch" "$libs" "$@")
            if [ "$mode" = hostlink ] && [ -n "$out" ]; then
                failed=${failed:-$(zb_evidence "$libs")}
            fi
            times=$(awk '/^seconds /{print $2}' <<<"$out")
            secs[$mode]+=" $times"
            # Everything but the timings must come out the same every time.
            sig=$(grep -v -E '^(seconds|[a-z]+_s) ' <<<"$out" || true)
            if [ -z "$times" ]; then sigs[$mode]="failed"
            elif [ -z "${sigs[$mode]+x}" ]; then sigs[$mode]=$sig
            elif [ "${sigs[$mode]}" != "$sig" ]; then sigs[$mode]="varies"; fi
            # A run slower than $zb_once_s seconds is not repeated: best-of
            # is for runs short enough that noise matters.
            if [ -z "$times" ] || awk -v t="$times" -v l="$zb_once_s" 'BEGIN { exit !(t > l) }'; then
                once[$mode]=1
            fi
        done
        if [ "$round" = 1 ]; then
            local eta=()
            for mode in "${modes[@]}"; do
                [ "$mode" = "$cached" ] || eta+=("$mode:${secs[$mode]// /}:${once[$mode]:-}")
            done
            zb_eta "$arch $name" "$runs" "${eta[@]}"
        fi
    done
    if [ ${#zb_native[@]} -gt 0 ] && [ -z "${zb_native_done[$key]+x}" ]; then
        zb_native_done[$key]=${secs[native]:-} zb_native_sig[$key]=${sigs[native]:-failed}
    fi
    local n p h
    n=$(zb_cell "${secs[native]:-}") p=$(zb_cell "${secs[plain]:-}") h=$(zb_cell "${secs[hostlink]:-}")
    local hn pl goal="" verdict
    hn=$(zb_ratio "$h" "$n") pl=$(zb_ratio "$p" "$h")
    local median=""
    if [ "$target" = overhead ] || [ "$target" = policy ]; then
        # Best against best, and the median of the pairwise ratios (run k
        # of each mode ran back to back, so they shared the machine's state).
        median=$(paste <(tr ' ' '\n' <<<"${secs[plain]}" | grep .) \
                       <(tr ' ' '\n' <<<"${secs[hostlink]}" | grep .) |
                 awk '{ print $1 / $2 }' | sort -g |
                 awk '{ v[NR] = $1 } END { printf "%.3fx", v[int((NR + 1) / 2)] }')
        pl="$pl (median $median)"
    fi
    case $target in
    zlib)
        goal="hl<=1.03x native, plain/hl>=3x"
        verdict="$(zb_meets "$hn" "<=" 1.03)/$(zb_meets "$pl" ">=" 3)" ;;
    zlib-cross)
        goal="hl<=1.05x native, plain/hl>=5x"
        verdict="$(zb_meets "$hn" "<=" 1.05)/$(zb_meets "$pl" ">=" 5)" ;;
    overhead)
        goal="hl<=1.02x plain (median plain/hl>=0.98x)"
        verdict=$(zb_meets "$median" ">=" 0.98) ;;
    policy)
        goal="hl<=1.0x plain, 2% noise (median plain/hl>=0.98x)"
        verdict=$(zb_meets "$median" ">=" 0.98) ;;
    codec)
        goal="hl<=1.10x native"
        verdict=$(zb_meets "$hn" "<=" 1.10) ;;
    codec-aarch64)
        goal="hl<=1.10x native, plain/hl>=2.5x"
        verdict="$(zb_meets "$hn" "<=" 1.10)/$(zb_meets "$pl" ">=" 2.5)" ;;
    emulated)
        goal="library emulated: hl<=1.0x plain, 2% noise (plain/hl>=0.98x)"
        verdict=$(zb_meets "$pl" ">=" 0.98) ;;
    esac
    [ -z "$goal" ] || goal="$goal: $verdict"
    # Outputs (checksums, sizes) must agree between the ways of running.
    local first="" m
    for m in "${modes[@]}"; do
        if [ "${sigs[$m]:-failed}" = failed ] || [ "${sigs[$m]}" = varies ]; then
            failed="${failed:+$failed; }$m run ${sigs[$m]:-failed}"
        elif [ -z "$first" ]; then first=$m
        elif [ "${sigs[$m]}" != "${sigs[$first]}" ]; then failed="${failed:+$failed; }$m output differs from $first"; fi
    done
    if [ -n "$failed" ]; then
        n=FAILED p="" h="" hn="" pl="" goal="$failed"
    fi
    printf '%-8s %-42s %9s %9s %9s %9s %9s  %s\n' "$arch" "$name" "$n" "$p" "$h" "$hn" "$pl" "$goal"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$arch" "$name" "$n" "$p" "$h" "$hn" "$pl" "$goal" >>"$zb_tsv"
}

echo "zlib pass-through: seconds of the measured part (best of $RUNS runs)"
zb_have_cli || echo "# hostlink command not built: hostlink cells are n/a"
mkdir -p "$(dirname "$zb_tsv")"
printf 'arch\tworkload\tnative_s\tplain_s\thostlink_s\thostlink_per_native\tplain_per_hostlink\ttarget\n' >"$zb_tsv"
printf '%-8s %-42s %9s %9s %9s %9s %9s  %s\n' guest workload native plain hostlink hl/nat plain/hl target
# zb_pigz_file: a moderately compressible text of $zb_mib MiB (about 47%
# at level 6), made once and kept in build/bench/ (one size at a time).
zb_pigz_file() {
    local f="$B/bench/pigz-$zb_mib-MiB.txt" size=$((zb_mib * 1048576)) old
    if [ "$(stat -c %s "$f" 2>/dev/null)" != "$size" ]; then
        for old in "$B"/bench/pigz-*-MiB.txt*; do [ ! -e "$old" ] || rm -f "$old"; done
        # Words from a fixed random vocabulary (the more frequent the lower
        # their index) and numbers; srand's fixed seed makes the same file.
        # (awk ends on SIGPIPE when head has enough: only the size counts.)
        { awk 'BEGIN {
            srand(20261124)
            for (i = 0; i < 4096; i++) {
                w = ""; n = 2 + int(rand() * 9)
                for (j = 0; j < n; j++) w = w sprintf("%c", 97 + int(rand() * 26))
                vocab[i] = w
            }
            for (;;) {
                line = ""; n = 4 + int(rand() * 12)
                for (j = 0; j < n; j++) {
                    r = rand()
                    line = line (r < 0.2 ? int(rand() * 1000000) : vocab[int(rand() * rand() * 4096)]) " "
                }
                print line
            }
        }' || true; } | head -c "$size" >"$f.tmp"
        [ "$(stat -c %s "$f.tmp")" = "$size" ] || { echo "# could not make $f" >&2; return 1; }
        mv "$f.tmp" "$f"
    fi
    echo "$f"
}

# zb_gunzips_to ORIGINAL FILE: the host's gzip reads FILE back as ORIGINAL.
zb_gunzips_to() { gzip -dc "$2" | cmp -s - "$1"; }

# Only when wanted (bench/run.sh, BENCH_ONLY): the other parts use the machinery above.
for arch in $(! bench_wants zlib || echo "$GUEST_ARCHES"); do
    dir="$B/$arch/bench"
    [ -x "$dir/zlib-bench" ] || continue
    # Other guests: native is the host's build of the same program.
    native="$B/$(uname -m)/bench/zlib-bench"
    zb_native=()
    if [ "$arch" = "$(uname -m)" ]; then
        zb_row "$arch" "zlib $zb_mib MiB level 6 compress+decompress" zlib zlib "$dir/zlib-bench" "$zb_mib"
    else
        [ ! -x "$native" ] || zb_native=("$native" "$zb_mib")
        zb_row "$arch" "zlib $zb_mib MiB level 6 compress+decompress" zlib zlib-cross "$dir/zlib-bench" "$zb_mib"
    fi
    # Every guest: native is the host's build, measured once for all of them.
    zb_native=()
    [ ! -x "$B/$(uname -m)/bench/zlib-qsort-bench" ] || zb_native=("$B/$(uname -m)/bench/zlib-qsort-bench")
    zb_runs=${OVERHEAD_RUNS:-15}
    zb_row "$arch" "qsort 1M ints, guest comparator" "${ZLIB_BENCH_QSORT_LIBS:-libc-sort}" policy \
        "$dir/zlib-qsort-bench"
    zb_runs=""
    zb_native=()
    if [ "$arch" = "$(uname -m)" ]; then
        zb_row "$arch" "syscall-heavy, plugin loaded, no library" none overhead \
            "$dir/zlib-syscall-heavy"
        continue
    fi
    # Debian's pigz from the guest's sysroot, on one thread for steady figures.
    pigz="$B/sysroot/$arch/usr/bin/pigz"
    if [ -x "$pigz" ] && file=$(zb_pigz_file); then
        zb_native=()
        ! command -v pigz >/dev/null || zb_native=(pigz -6 -p 1 -c "$file")
        zb_wall=1
        zb_verify=(zb_gunzips_to "$file")
        guest_v=$(zb_plain "$arch" "$pigz" --version 2>&1 | awk '{ print $2 }')
        host_v=$(pigz --version 2>&1 | awk '{ print $2 }')
        [ "$guest_v" = "$host_v" ] || zb_note=" (native: host pigz $host_v; guest $guest_v)"
        zb_row "$arch" "pigz -6 -p 1, $zb_mib MiB file (wall clock)" zlib "" "$pigz" -6 -p 1 -c "$file"
        zb_wall="" zb_verify=() zb_note=""
    fi
    zb_native=()
done
echo "(written to ${zb_tsv#"$top"/})"
# The chart is a convenience: no gnuplot, no chart, and the bench goes on.
if [ -z "${BENCH_SIZE:-}${BENCH_ONLY:-}" ] && command -v gnuplot >/dev/null; then "$top/bench/chart.sh" "$zb_tsv" "$top/docs/bench-chart.png" || true; fi
