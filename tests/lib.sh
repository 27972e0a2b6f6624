# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers sourced by tests/run.sh for every tests/*/*.sh file.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B="$top/build"
QEMU_BIN="$B/qemu/bin"
PLUGIN="${HOSTLINK_PLUGIN:-$B/plugin/libhostlink.so}"
. <(sed -n 's/^\(guest_sysroot_[a-z0-9_]*\) *:= *\(.*\)$/\1=\2/p; s/^GUEST_ARCHES *:= *\(.*\)$/GUEST_ARCHES="\1"/p' "$top/mk/guest-arch.mk")
# Guests that have a hostlink runtime (thunks, demo, bridge tests).
RUNTIME_ARCHES=$(ls "$top/guest/arch")
# HOSTLINK_TEST_ARCHES="x86_64 ..." limits the guests tested (tests/mutate.sh).
if [ -n "${HOSTLINK_TEST_ARCHES:-}" ]; then
    GUEST_ARCHES=$(tr ' ' '\n' <<<"$GUEST_ARCHES" | grep -xF -f <(tr ' ' '\n' <<<"$HOSTLINK_TEST_ARCHES") | tr '\n' ' ')
    RUNTIME_ARCHES=$(tr ' ' '\n' <<<"$RUNTIME_ARCHES" | grep -xF -f <(tr ' ' '\n' <<<"$HOSTLINK_TEST_ARCHES") | tr '\n' ' ')
fi
# make check runs a fast, representative subset of the slow real-program
# cases; make check-long (HOSTLINK_LONG=1) runs them all. long_or_on ARCH
# GUEST: true when the case for ARCH runs in this run: always in check-long,
# else only on GUEST (each slow test names its own, so that make check still
# runs real programs on every guest). A run limited to some guests
# (HOSTLINK_TEST_ARCHES, as mutations run) runs them on each of those.
# A skipped case says so in one line.
long_or_on() {
    [ -n "${HOSTLINK_LONG:-}${HOSTLINK_TEST_ARCHES:-}" ] || [ "$1" = "$2" ] && return 0
    echo "# $1: left to make check-long (${BASH_SOURCE[1]#"$top"/}:${BASH_LINENO[0]}; make check runs it on $2)"
    return 1
}
# Reproducible runs: no call-policy profile (only tests/policy/ turns it on).
export HOSTLINK_PROFILE=off
passed=0
failed=0
failures=()

pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() {
    failed=$((failed + 1)); failures+=("$1"); echo "not ok - $1"
    [ -z "${2:-}" ] || printf '%s\n' "$2" | sed 's/^/#   /'
}

# check NAME CMD...: passes when CMD exits 0.
check() {
    local name=$1 out; shift
    if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$out"; fi
}

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
    if [ "$2" == "$3" ]; then pass "$1"
    else fail "$1" "$(diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | head -40)"; fi
}

# A guest that hangs fails its test instead of the whole run: every run is
# ended after $HOSTLINK_TEST_TIMEOUT seconds (exit status 124).
hl_timeout=(timeout "${HOSTLINK_TEST_TIMEOUT:-600}")

# qemu ARCH ARGS...: run a guest under the project's QEMU for ARCH,
# started through $QEMU_LAUNCHER if set (the benchmark pins it to a core).
qemu() {
    local arch=$1; shift
    local root="guest_sysroot_$arch"
    "${hl_timeout[@]}" ${QEMU_LAUNCHER:-} "$QEMU_BIN/qemu-$arch" -L "${!root}" "$@"
}

# --- evidence that the host did the work ------------------------------------
# Every run through the plugin that the suite makes records what ran on the
# host (plugin/stats.h): hostlink_run in $hl_stats, overwritten per run, and
# every run appends to $hl_coverage, from which tests/coverage.sh tells which
# host functions the suite never reached.
hl_stats="$B/tests/stats/last-$$.tsv"
hl_coverage="$B/tests/stats/coverage.tsv"
mkdir -p "$B/tests/stats"

# hostlink_run ARCH LIBS PROG ARGS...: run a guest program through the
# hostlink command with the given --lib list ("zlib", "zlib,libc-sort",
# "none" for plain emulation with the same loader set-up).
hostlink_run() {
    local arch=$1 libs=$2 rc; shift 2
    local opts=() l
    for l in ${libs//,/ }; do opts+=(--lib "$l"); done
    : >"$hl_stats"
    "${hl_timeout[@]}" ${QEMU_LAUNCHER:-} "$B/bin/hostlink" run --arch "$arch" --stats="$hl_stats" "${opts[@]}" -- "$@"
    rc=$?
    cat "$hl_stats" >>"$hl_coverage"
    return $rc
}

# run_both NAME ARCH LIB PROG [ARGS...]: PROG DIR ARGS... twice, under plain
# emulation and with LIB passed through, each given a directory of its own
# (DIR is $run_dir/none, then $run_dir/LIB; $run_dir is new, the caller
# removes it), its output and messages in $run_dir/none.out and
# $run_dir/LIB.out; both must end with status 0. The last run, whose stats
# expect_host reads, is LIB's.
run_both() {
    local name=$1 arch=$2 lib=$3 prog=$4 mode; shift 4
    run_dir=$(mktemp -d)
    for mode in none "$lib"; do
        mkdir -p "$run_dir/$mode"
        hostlink_run "$arch" "$mode" "$prog" "$run_dir/$mode" "$@" >"$run_dir/$mode.out" 2>&1
        expect_eq "$name: $([ "$mode" = none ] && echo emulated || echo through hostlink), runs to the end" 0 $?
    done
}

# plugin_opts: what a test that starts QEMU itself gives -plugin, so its
# runs count for coverage too.
plugin_opts() { echo "$PLUGIN,hostlibdir=$B/host,statsfile=$hl_coverage"; }

# host_calls LIB FN: how often FN of LIB ran on the host in the last
# hostlink_run (all its processes together).
host_calls() {
    awk -F'\t' -v lib="$1" -v fn="$2" '$1 == "fn" && $4 == lib && $5 == fn { n += $6 }
                                       END { print n + 0 }' "$hl_stats"
}

# host_syscalls NAME: how often the plugin performed guest syscall NAME on
# the host, because a buffer was host library memory, in the last hostlink_run.
host_syscalls() {
    awk -F'\t' -v sc="$1" '$1 == "sys" && $4 == sc { n += $5 } END { print n + 0 }' "$hl_stats"
}

# expect_host NAME LIB FN...: passes when every FN of LIB ran on the host in
# the last hostlink_run; a silent fallback to the guest's library fails it.
expect_host() {
    local name=$1 lib=$2 fn missing=(); shift 2
    for fn in "$@"; do
        [ "$(host_calls "$lib" "$fn")" -gt 0 ] || missing+=("$fn")
    done
    if [ ${#missing[@]} -eq 0 ] && [ $# -gt 0 ]; then pass "$name"
    else fail "$name" "not run on the host: ${missing[*]:-(no function named)}
recorded: $(grep -E "^(lib|fn)" "$hl_stats" | head -20)"; fi
}

# expect_emulated NAME LIB REASON: passes when the last hostlink_run recorded
# LIB as left emulated for REASON (a substring) and ran none of it on the host.
expect_emulated() {
    local name=$1 lib=$2 reason=$3
    if awk -F'\t' -v lib="$lib" -v why="$reason" '
           $1 == "lib" && $4 == lib && $5 == "emulated" && index($6, why) { said = 1 }
           $1 == "fn" && $4 == lib { ran = 1 }
           END { exit !(said && !ran) }' "$hl_stats"; then pass "$name"
    else fail "$name" "expected $lib emulated ($reason); recorded: $(grep -E "^(lib|fn)" "$hl_stats" | head -20)"; fi
}
