# SPDX-License-Identifier: GPL-2.0-or-later
# The call policy (plugin/policy.h): stateless callback-bound functions run
# in the guest library, results as plain emulation, on every guest; what is
# not callback-bound stays on the host; the per-program profile is written,
# honoured on the next run, and off with HOSTLINK_PROFILE=off/--no-profile.

# policy_stats ARCH LIBS PROG ARGS...: output and stats (--stats) of a run.
policy_stats() {
    local arch=$1 libs=$2; shift 2
    "$B/bin/hostlink" run --arch "$arch" --lib "$libs" --stats -- "$@" 2>&1
}

for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/policy-guest"

    plain=$(hostlink_run "$arch" none "$prog" sort 20000 8 2>&1)
    out=$(policy_stats "$arch" libc-sort "$prog" sort 20000 8)
    expect_eq "$arch: policy: qsort, qsort_r, bsearch left to the guest library: results as plain emulation" \
        "$plain" "$(grep -v '^hostlink' <<<"$out")"
    check "$arch: policy: qsort given up at its 64th callback and rerun in the guest, then left there (0 of 9 calls on the host)" \
        bash -c '! grep -Eq "hostlink stats: libc-sort +qsort " <<<"$1" &&
                 grep -Eq "hostlink policy: libc-sort +qsort +guest .*given up 1, to guest 1, back 0 \(callback-bound" <<<"$1" &&
                 grep -Eq "hostlink policy: libc-sort +qsort_r +guest .*to guest 1" <<<"$1"' _ "$out"
    check "$arch: policy: bsearch switched after its first call; only probes reach the host (< 20 of 2000 calls)" \
        bash -c 'n=$(sed -n "s/^hostlink stats: libc-sort *bsearch *\([0-9]*\) .*/\1/p" <<<"$1");
                 [ -n "$n" ] && [ "$n" -lt 20 ] &&
                 grep -Eq "hostlink policy: libc-sort +bsearch +guest .*to guest 1, back 0" <<<"$1"' _ "$out"
    off=$(HOSTLINK_POLICY=off policy_stats "$arch" libc-sort "$prog" sort 20000 8)
    expect_eq "$arch: policy off (HOSTLINK_POLICY=off): the same results, every call on the host" \
        "$plain" "$(grep -v '^hostlink' <<<"$off")"
    check "$arch: policy off: qsort 9 and bsearch 2000 host calls, no policy decisions" \
        bash -c 'grep -Eq "hostlink stats: libc-sort +qsort +9 " <<<"$1" &&
                 grep -Eq "hostlink stats: libc-sort +bsearch +2000 " <<<"$1" && ! grep -q "hostlink policy" <<<"$1"' _ "$off"

    # Positive control: qsort of 2 ints makes one callback, not callback-bound.
    out=$(policy_stats "$arch" libc-sort "$prog" small 300)
    expect_eq "$arch: policy: qsort of 2 ints, results as plain emulation" \
        "$(hostlink_run "$arch" none "$prog" small 300 2>&1)" "$(grep -v '^hostlink' <<<"$out")"
    check "$arch: policy: qsort of 2 ints is not callback-bound: all 300 calls on the host" \
        bash -c 'grep -Eq "hostlink stats: libc-sort +qsort +300 " <<<"$1" && ! grep -q "hostlink policy" <<<"$1"' _ "$out"

    # Switched, then back: hlt_work with no host work, then with 4000 rounds per callback.
    out=$(policy_stats "$arch" hlt "$prog" work)
    expect_eq "$arch: policy: hlt_work to the guest library and back, results as plain emulation" \
        "$(hostlink_run "$arch" none "$prog" work 2>&1)" "$(grep -v '^hostlink' <<<"$out")"
    check "$arch: policy: hlt_work callback-bound, then back on the host once its host work dominates" \
        bash -c 'grep -Eq "hostlink policy: hlt +hlt_work +host .*to guest 1, back 1 \(no longer callback-bound" <<<"$1" &&
                 grep -Eq "hostlink stats: hlt +hlt_work +[0-9]+ " <<<"$1"' _ "$out"

    # The profile: hlt_each (not stateless) is callback-bound; the next run emulates hlt.
    cache=$(mktemp -d)
    plain=$(hostlink_run "$arch" none "$prog" each 5000 2 2>&1)
    out=$(HOSTLINK_PROFILE=on HOSTLINK_CACHE=$cache policy_stats "$arch" hlt "$prog" each 5000 2)
    profile=$(ls "$cache"/profiles/* 2>/dev/null)
    check "$arch: profile: written under HOSTLINK_CACHE/profiles/BUILD-ID, hlt callback-bound, after a run on the host" \
        bash -c '[ -n "$2" ] && grep -Eq "^emulate hlt callback-bound: " "$2" &&
                 grep -Eq "hostlink stats: hlt +hlt_each +2 " <<<"$1" &&
                 grep -q "hostlink policy: profile emulate hlt" <<<"$1"' _ "$out" "$profile"
    expect_eq "$arch: profile: first run, results as plain emulation" "$plain" "$(grep -v '^hostlink' <<<"$out")"
    log=$(mktemp)
    out=$(HOSTLINK_PROFILE=on HOSTLINK_CACHE=$cache "$B/bin/hostlink" run --arch "$arch" --lib hlt --stats \
          --qemu-arg -d --qemu-arg plugin --qemu-arg -D --qemu-arg "$log" -- "$prog" each 5000 2 2>&1)
    check "$arch: profile: honoured on the next run: hlt emulated from the start, no host call, says why" \
        bash -c '! grep -q "hostlink stats: hlt " <<<"$1" &&
                 grep -q "policy: hlt emulated from the start, as this program'"'"'s profile .* says (callback-bound" "$2"' _ "$out" "$log"
    expect_eq "$arch: profile: second run, results as plain emulation" "$plain" "$(grep -v '^hostlink' <<<"$out")"
    out=$(HOSTLINK_CACHE=$cache HOSTLINK_PROFILE=off policy_stats "$arch" hlt "$prog" each 5000 2)
    check "$arch: profile: HOSTLINK_PROFILE=off ignores it (hlt on the host)" \
        grep -Eq "hostlink stats: hlt +hlt_each +2 " <<<"$out"
    out=$(HOSTLINK_PROFILE=on HOSTLINK_CACHE=$cache "$B/bin/hostlink" run --arch "$arch" --no-profile --lib hlt \
          --stats -- "$prog" each 5000 2 2>&1)
    check "$arch: profile: --no-profile ignores it (hlt on the host)" \
        grep -Eq "hostlink stats: hlt +hlt_each +2 " <<<"$out"
    rm -rf "$cache" "$log"

    # Positive control: not callback-bound, so the profile leaves hlt alone; bad lines are ignored.
    cache=$(mktemp -d)
    HOSTLINK_PROFILE=on HOSTLINK_CACHE=$cache hostlink_run "$arch" hlt "$prog" small 1 >/dev/null 2>&1
    profile=$(ls "$cache"/profiles/* 2>/dev/null)
    printf 'emulate\nemulate nosuchlib why\ngarbage %0300d\n' 0 >>"$profile"
    out=$(HOSTLINK_PROFILE=on HOSTLINK_CACHE=$cache policy_stats "$arch" hlt "$prog" work)
    check "$arch: profile: a library that was not callback-bound stays on the host; lines not understood are ignored" \
        bash -c '[ -n "$2" ] && ! grep -q "^emulate hlt" "$2" && grep -Eq "hostlink stats: hlt +hlt_work " <<<"$1"' \
        _ "$out" "$profile"
    rm -rf "$cache"
done
