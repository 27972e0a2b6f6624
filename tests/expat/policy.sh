# SPDX-License-Identifier: GPL-2.0-or-later
# The call policy for a stateful library (plugin/policy.h, profile.h):
# expat's parser lives on one side, so a program for which expat is
# callback-bound (a document of empty elements: a guest handler call for
# every 2 bytes parsed) keeps it passed through in its first run, which
# records the verdict in the program's profile; its second run has expat
# emulated from the start, says why, and prints the same. With the profile
# off (HOSTLINK_PROFILE=off, --no-profile) expat stays on the host.
# Program: Debian's xmlwf (riscv64's is expat 2.8's: its newer functions
# pass through as aliases, libs/expat.hl).

ep_tmp=$(mktemp -d)
# Not <a/><b x="1">t</b>: its host time per callback is near the bar on x86_64 (README).
awk 'BEGIN { print "<r>"; for (i = 0; i < 60000; i++) print "<a/>"; print "</r>" }' >"$ep_tmp/tiny.xml"

for arch in $RUNTIME_ARCHES; do
    if [ "$arch" = x86_64 ]; then
        prog=("$(command -v xmlwf)" -d "$ep_tmp/out" "$ep_tmp/tiny.xml")
    else
        prog=("$B/sysroot/$arch/usr/bin/xmlwf" -d "$ep_tmp/out" "$ep_tmp/tiny.xml")
    fi
    name=$(basename "${prog[0]}")
    cache=$(mktemp -d)
    rm -rf "$ep_tmp/out" && mkdir "$ep_tmp/out"
    plain=$(hostlink_run "$arch" none "${prog[@]}" 2>&1; echo "status $?"; cat "$ep_tmp/out/tiny.xml" 2>/dev/null | md5sum)

    out=$(HOSTLINK_PROFILE=on HOSTLINK_CACHE=$cache hostlink_run "$arch" expat "${prog[@]}" 2>&1; echo "status $?"
          cat "$ep_tmp/out/tiny.xml" 2>/dev/null | md5sum)
    expect_eq "$arch: expat policy: $name, first run: output as plain emulation" "$plain" "$out"
    expect_host "$arch: expat policy: ... expat on the host" expat XML_ParserCreate
    verdict=$(awk -F'\t' '$1 == "policy" && $4 == "expat" && $5 == "*" { print $6 ": " $7 }' "$hl_stats")
    profile=$(ls "$cache"/profiles/* 2>/dev/null)
    check "$arch: expat policy: ... callback-bound (stats say why), recorded in the program's profile" \
        bash -c '[[ "$1" == "callback-bound: callback-bound: "*" ns per callback, round trip "* ]] &&
                 [ -n "$2" ] && grep -Eq "^emulate expat callback-bound: " "$2" ||
                 { echo "verdict: $1; profile $2: $(cat "$2")"; false; }' _ "$verdict" "$profile"

    out=$(HOSTLINK_PROFILE=on HOSTLINK_CACHE=$cache hostlink_run "$arch" expat "${prog[@]}" 2>&1; echo "status $?"
          cat "$ep_tmp/out/tiny.xml" 2>/dev/null | md5sum)
    expect_eq "$arch: expat policy: $name, second run: output as plain emulation" "$plain" "$out"
    expect_emulated "$arch: expat policy: ... expat emulated from the start, with the profile's reason" \
        expat "callback-bound in an earlier run (the program's profile)"

    # Positive control: the same profile, switched off.
    out=$(HOSTLINK_PROFILE=off HOSTLINK_CACHE=$cache hostlink_run "$arch" expat "${prog[@]}" 2>&1; echo "status $?"
          cat "$ep_tmp/out/tiny.xml" 2>/dev/null | md5sum)
    expect_eq "$arch: expat policy: HOSTLINK_PROFILE=off: output as plain emulation" "$plain" "$out"
    expect_host "$arch: expat policy: ... expat on the host, the profile ignored" expat XML_ParserCreate
    rm -rf "$cache"
done
rm -rf "$ep_tmp"
