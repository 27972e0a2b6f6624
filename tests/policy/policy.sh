# SPDX-License-Identifier: GPL-2.0-or-later
# The call policy (plugin/policy.h): stateless callback-bound functions run
# in the guest library, results as plain emulation, on every guest; what is
# not callback-bound stays on the host; the per-program profile is written,
# honoured on the next run, and off with HOSTLINK_PROFILE=off/--no-profile.

# policy_of LIB FN: "STATE JUDGED GIVEN_UP TO_GUEST BACK REASON" from the
# last hostlink_run's policy record of FN (FN "*": the library's verdict).
policy_of() {
    awk -F'\t' -v lib="$1" -v fn="$2" '$1 == "policy" && $4 == lib && $5 == fn {
        print $6 (fn == "*" ? " " $7 : " " $7 " " $8 " " $9 " " $10 " " $11) }' "$hl_stats"
}

for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/policy-guest"

    plain=$(hostlink_run "$arch" none "$prog" sort 20000 8 2>&1)
    expect_eq "$arch: policy: qsort, qsort_r, bsearch left to the guest library: results as plain emulation" \
        "$plain" "$(hostlink_run "$arch" libc-sort "$prog" sort 20000 8 2>&1)"
    expect_eq "$arch: policy: qsort given up at its 64th callback, rerun and left in the guest (0 of 9 calls on the host)" \
        "0 guest 0 1 1 0 callback-bound:" \
        "$(host_calls libc-sort qsort) $(policy_of libc-sort qsort | cut -d' ' -f1-6)"
    expect_eq "$arch: policy: qsort_r likewise" "0 guest 1 1" \
        "$(host_calls libc-sort qsort_r) $(policy_of libc-sort qsort_r | cut -d' ' -f1,3,4)"
    bsearch=$(host_calls libc-sort bsearch)
    check "$arch: policy: bsearch switched after its first call; only probes reach the host (< 20 of 2000 calls)" \
        bash -c '[ "$1" -gt 0 ] && [ "$1" -lt 20 ] && [[ "$2" == "guest "*" 0 1 0 callback-bound"* ]] ||
                 { echo "host calls $1, policy: $2"; false; }' \
        _ "$bsearch" "$(policy_of libc-sort bsearch)"
    expect_eq "$arch: policy off (HOSTLINK_POLICY=off): the same results" \
        "$plain" "$(HOSTLINK_POLICY=off hostlink_run "$arch" libc-sort "$prog" sort 20000 8 2>&1)"
    expect_eq "$arch: policy off: every call on the host (qsort 9, bsearch 2000), no policy record" \
        "9 2000 " "$(host_calls libc-sort qsort) $(host_calls libc-sort bsearch) $(grep '^policy' "$hl_stats")"

    # Positive control: qsort of 2 ints makes one callback, not callback-bound.
    expect_eq "$arch: policy: qsort of 2 ints, results as plain emulation" \
        "$(hostlink_run "$arch" none "$prog" small 300 2>&1)" "$(hostlink_run "$arch" libc-sort "$prog" small 300 2>&1)"
    expect_eq "$arch: policy: qsort of 2 ints is not callback-bound: all 300 calls on the host" \
        "300 " "$(host_calls libc-sort qsort) $(policy_of libc-sort qsort)"

    # Switched, then back: hlt_work with no host work, then with 4000 rounds per callback.
    expect_eq "$arch: policy: hlt_work to the guest library and back, results as plain emulation" \
        "$(hostlink_run "$arch" none "$prog" work 2>&1)" "$(hostlink_run "$arch" hlt "$prog" work 2>&1)"
    check "$arch: policy: hlt_work callback-bound, then back on the host once its host work dominates" \
        bash -c '[ "$1" -gt 0 ] && [[ "$2" == "host "*" 1 1 1 no longer callback-bound"* ]] ||
                 { echo "host calls $1, policy: $2"; false; }' \
        _ "$(host_calls hlt hlt_work)" "$(policy_of hlt hlt_work)"

    # The profile: hlt_each (not stateless) is callback-bound; the next run emulates hlt.
    cache=$(mktemp -d)
    plain=$(hostlink_run "$arch" none "$prog" each 5000 2 2>&1)
    expect_eq "$arch: profile: first run, results as plain emulation" \
        "$plain" "$(HOSTLINK_PROFILE=on HOSTLINK_CACHE=$cache hostlink_run "$arch" hlt "$prog" each 5000 2 2>&1)"
    expect_host "$arch: profile: first run on the host" hlt hlt_each
    profile=$(ls "$cache"/profiles/* 2>/dev/null)
    check "$arch: profile: hlt recorded callback-bound (stats), written to HOSTLINK_CACHE/profiles/BUILD-ID" \
        bash -c '[[ "$1" == "callback-bound callback-bound: "* ]] && [ -n "$2" ] &&
                 grep -Eq "^emulate hlt callback-bound: " "$2"' _ "$(policy_of hlt '*')" "$profile"
    expect_eq "$arch: profile: second run, results as plain emulation" \
        "$plain" "$(HOSTLINK_PROFILE=on HOSTLINK_CACHE=$cache hostlink_run "$arch" hlt "$prog" each 5000 2 2>&1)"
    expect_emulated "$arch: profile: honoured on the second run: hlt emulated from the start, and why" \
        hlt "callback-bound in an earlier run (the program's profile)"
    HOSTLINK_PROFILE=off HOSTLINK_CACHE=$cache hostlink_run "$arch" hlt "$prog" each 5000 2 >/dev/null 2>&1
    expect_host "$arch: profile: HOSTLINK_PROFILE=off ignores it" hlt hlt_each
    : >"$hl_stats"
    HOSTLINK_PROFILE=on HOSTLINK_CACHE=$cache "$B/bin/hostlink" run --arch "$arch" --no-profile --lib hlt \
        --stats="$hl_stats" -- "$prog" each 5000 2 >/dev/null 2>&1
    expect_host "$arch: profile: --no-profile ignores it" hlt hlt_each
    rm -rf "$cache"

    # Positive control: not callback-bound, so the profile leaves hlt alone; bad lines are ignored.
    cache=$(mktemp -d)
    HOSTLINK_PROFILE=on HOSTLINK_CACHE=$cache hostlink_run "$arch" hlt "$prog" small 1 >/dev/null 2>&1
    profile=$(ls "$cache"/profiles/* 2>/dev/null)
    printf 'emulate\nemulate nosuchlib why\nemulate hlt\ngarbage %0600d\n' 0 >>"$profile"
    HOSTLINK_PROFILE=on HOSTLINK_CACHE=$cache hostlink_run "$arch" hlt "$prog" work >/dev/null 2>&1
    expect_host "$arch: profile: a library that was not callback-bound stays on the host; lines not understood are ignored" \
        hlt hlt_work
    check "$arch: profile: ... and it is not recorded" bash -c '[ -n "$1" ] && ! grep -q "^emulate hlt " "$1"' _ "$profile"
    rm -rf "$cache"
done
