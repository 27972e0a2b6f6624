# SPDX-License-Identifier: GPL-2.0-or-later
# Callbacks of every supported kind through a generated thunk (libhlt):
# the same output with the genuine guest library (--lib none) and through
# hostlink, on every guest architecture.

for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/callbacks-guest"
    plain=$(hostlink_run "$arch" none "$prog" all 2>&1)
    expect_eq "$arch: callbacks: 8 int + 8 fp arguments, float/void/pointer results, nested, stored, in structs, 8 threads" \
"  mix got 11 5.500 -77 1.250 -3 1e+10 4000000000 -2.500 -123456789012 3.750 0x1234 0.1250 200 -0.0010 12 8.50
8 int + 8 fp arguments: 41.167211
float callback: 4.8750
void callback with context: -82
pointer result: zzzzzzzz
nested 10 deep: 10
stored callback, fired later: 21 -6
callback in a struct: 142, field afterwards unchanged
library function called by the guest: 42; handed back: 6
8 threads at once: all right" "$plain"
    expect_eq "$arch: callbacks: pass-through output identical to the genuine library's" \
        "$plain" "$(hostlink_run "$arch" hlt "$prog" all 2>&1)"
    expect_host "$arch: callbacks: every call ran on the host" hlt hlt_mix hlt_fold hlt_each \
        hlt_alloc_via hlt_recurse hlt_register hlt_fire hlt_apply hlt_host_adder
    check "$arch: callbacks: ... as often as the program calls them (6410 hlt_recurse)" \
        test "$(host_calls hlt hlt_recurse)" -eq 6410
    log=$(mktemp)
    # As hostlink_run, with QEMU's log; the run counts for coverage.
    out=$("$B/bin/hostlink" run --arch "$arch" --lib hlt --stats="$hl_coverage" --qemu-arg -d --qemu-arg plugin \
          --qemu-arg -D --qemu-arg "$log" -- "$prog" thread 2>&1)
    expect_eq "$arch: a callback from a thread the host library made: 0 and one log line, no hang" \
"from a library thread: 0
hostlink: a host library called a guest callback from a thread of its own; it cannot run guest code and gets 0" \
        "$out
$(cat "$log")"
    rm -f "$log"

    expect_eq "$arch: guest_base not 0 (QEMU_GUEST_BASE): hostlink refuses with a message, the genuine library runs" \
        "hostlink: guest addresses are not host addresses (guest_base is not 0: -B or QEMU_GUEST_BASE?); libraries stay emulated
$plain" "$(QEMU_GUEST_BASE=0x10000000 hostlink_run "$arch" hlt "$prog" all 2>&1)"

    # The thunk under the real library's name without the plugin: it finds
    # the genuine library further down the search path and forwards to it.
    dirs=$(mktemp -d)
    mkdir -p "$dirs/thunk"
    cp "$B/$arch/thunks/libhlt-thunk.so" "$dirs/thunk/libhlt.so"
    expect_eq "$arch: thunk without the plugin forwards to the genuine library" "$plain" \
        "$(qemu "$arch" -E LD_LIBRARY_PATH="$dirs/thunk:$B/$arch/genuine" "$prog" all 2>&1)"
    expect_eq "$arch: ... and the thunk really was the library loaded" \
        "hlt_mix from build id $(readelf -n "$B/$arch/thunks/libhlt-thunk.so" | sed -n 's/^ *Build ID: *//p')" \
        "$(qemu "$arch" -E LD_LIBRARY_PATH="$dirs/thunk:$B/$arch/genuine" "$prog" which 2>&1)"
    rm -rf "$dirs"
done
