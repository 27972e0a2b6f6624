# SPDX-License-Identifier: GPL-2.0-or-later
# printf-style variadic functions through generated thunks (issue 10, item 1;
# gen/varargs.h): every conversion, 30 arguments (most on the stack), a
# va_list twin, a double among the fixed arguments, the library's own
# conversion and flag, no result; refused formats get EINVAL and one log
# line; without the plugin the thunk calls the genuine functions.
# Lists (the list key): a count's worth, up to a NULL, 20 doubles.
# Option-typed functions (the varargs key): every case, a range, a stored
# callback, promoted types; an unknown option is EINVAL, not a guess.

for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/varargs-guest"
    plain=$(hostlink_run "$arch" none "$prog" good 2>&1)
    check "$arch: varargs: plain emulation prints every line" \
        grep -q "^30 args (104): 1 1.5 2 2.25 3 3.5 four 4.5 5 5.5 6 6.5 7 7.5 8 8.5 9 9.5 X 10.5 11 11.5 12 12.5 13 13.5 14 14.5 15 15.5$" <<<"$plain"
    expect_eq "$arch: varargs: every conversion, 30 arguments, va_list, fixed double, own conversion: identical to plain emulation" \
        "$plain" "$(hostlink_run "$arch" hlt "$prog" good 2>&1)"
    expect_host "$arch: varargs: the variadic functions ran on the host" hlt hlt_format hlt_vformat \
        hlt_format_scaled hlt_format_tagged hlt_note
    check "$arch: varargs: ... each call (6 hlt_format)" test "$(host_calls hlt hlt_format)" -eq 6

    log=$(mktemp)
    out=$("$B/bin/hostlink" run --arch "$arch" --lib hlt --stats="$hl_coverage" --qemu-arg -d --qemu-arg plugin \
          --qemu-arg -D --qemu-arg "$log" -- "$prog" bad 2>&1)
    expect_eq "$arch: varargs: %n, long double, positional, %m, unknown, 33 arguments: EINVAL, one log line per function" \
"%n: -1 EINVAL
%Lf: -1 EINVAL
%1\$d: -1 EINVAL
%m: -1 EINVAL
%y: -1 EINVAL
33 arguments: -1 EINVAL
no result, %n: EINVAL
afterwards (3): 1 2
hostlink: hlt: hlt_format: format refused (%n, %m, positional or long double arguments, an unknown conversion, or more than 32 arguments): the call fails with EINVAL
hostlink: hlt: hlt_note: format refused (%n, %m, positional or long double arguments, an unknown conversion, or more than 32 arguments): the call fails with EINVAL" \
        "$out
$(cat "$log")"
    rm -f "$log"

    plain_lists=$(hostlink_run "$arch" none "$prog" lists 2>&1)
    expect_eq "$arch: list key: plain emulation" "count: 8 a+bb+ccc
null-terminated: 10 x+yy+zzz+w
none: 0 []
20 doubles: 2970.000" "$plain_lists"
    expect_eq "$arch: list key: counted, NULL-terminated, 20 doubles: identical through hostlink" \
        "$plain_lists" "$(hostlink_run "$arch" hlt "$prog" lists 2>&1)"
    expect_host "$arch: list key: on the host" hlt hlt_join hlt_join_null hlt_sum_doubles
    expect_eq "$arch: list key: a negative count or one above 32: EINVAL" "negative count: -1 EINVAL
count 40: -1 EINVAL" "$(hostlink_run "$arch" hlt "$prog" bad-lists 2>&1)"

    plain_opts=$(hostlink_run "$arch" none "$prog" options 2>&1)
    expect_eq "$arch: varargs key: plain emulation" "none: 100
int: -12345
pair: 1000
  log callback: ctx 3 log installed
log: 1
  log callback: ctx 7 from the library later
later log: 1
range 10: 0 30
range 11: 0 33
range 12: 0 36
short, float: 18" "$plain_opts"
    expect_eq "$arch: varargs key: every case, a range, a stored callback, short and float: identical through hostlink" \
        "$plain_opts" "$(hostlink_run "$arch" hlt "$prog" options 2>&1)"
    expect_host "$arch: varargs key: on the host" hlt hlt_config hlt_log
    check "$arch: varargs key: ... each call (8 hlt_config)" test "$(host_calls hlt hlt_config)" -eq 8
    expect_eq "$arch: varargs key: an option no case describes: EINVAL, no guess (the genuine library says -2)" \
        "unknown option: -1 EINVAL" "$(hostlink_run "$arch" hlt "$prog" unknown-option 2>&1)"
    check "$arch: varargs key: ... and never reached the host" test "$(host_calls hlt hlt_config)" -eq 0

    # Without the plugin: the thunk sorts the arguments for the guest's own
    # variadic call of the genuine function.
    dirs=$(mktemp -d)
    cp "$B/$arch/thunks/libhlt-thunk.so" "$dirs/libhlt.so"
    expect_eq "$arch: varargs: thunk without the plugin calls the genuine variadic functions" "$plain" \
        "$(qemu "$arch" -E LD_LIBRARY_PATH="$dirs:$B/$arch/genuine" "$prog" good 2>&1)"
    rm -rf "$dirs"
done
