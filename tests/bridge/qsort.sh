# SPDX-License-Identifier: GPL-2.0-or-later
# The callback bridge: host qsort with guest comparators through the
# redirected demo thunk library (x86_64 guest).

hostlink() { local arch=$1; shift; qemu "$arch" -plugin "$(plugin_opts)" "$@"; }
# The guest's output (stdout and stderr), then the plugin's log lines.
hostlink_logged() {
    local arch=$1 log; shift; log=$(mktemp)
    hostlink "$arch" -d plugin -D "$log" "$@" 2>&1
    cat "$log"; rm -f "$log"
}

for arch in $RUNTIME_ARCHES; do
    guest="$B/$arch/tests/bridge-guest"

    expect_eq "$arch: demo sorts through the plugin and logs the callback count" \
"callback-demo: sorted 128 values, comparator ran 448 times: OK
hostlink: completed callback_qsort with 448 guest callbacks" \
        "$(cd / && hostlink_logged "$arch" "$B/$arch/bin/callback-demo")"

    expect_eq "$arch: 0, 1, 2, 128 and 100000 elements: order and comparator calls as libc qsort" \
"0 ints: result 0, order same as libc, comparator calls same as libc (0)
1 ints: result 0, order same as libc, comparator calls same as libc (0)
2 ints: result 0, order same as libc, comparator calls same as libc (1)
128 ints: result 0, order same as libc, comparator calls same as libc (731)
100000 ints: result 0, order same as libc, comparator calls same as libc (1536321)" \
        "$(hostlink "$arch" "$guest" sizes 2>&1)"

    expect_eq "$arch: 24-byte structs" \
"struct size 24
5000 24-byte structs: result 0, order same as libc, comparator calls same as libc (55209)" \
        "$(hostlink "$arch" "$guest" structs 2>&1)"

    expect_eq "$arch: INT_MIN/INT_MAX results, floating point and printf in the comparator" \
"INT_MIN/INT_MAX comparator: result 0, order same as libc, comparator calls same as libc (8708)
  comparator printf: -167.458 vs -338.834
  comparator printf: 104.266 vs -338.834
  comparator printf: -167.458 vs -338.834
  comparator printf: 104.266 vs -338.834
floating-point comparator: result 0, order same as libc, comparator calls same as libc (8708)" \
        "$(hostlink "$arch" "$guest" extremes 2>&1)"

    expect_eq "$arch: nested sort inside the comparator" \
"nested sort: result 0, order same as libc, comparator calls same as libc (2096)
inner sorts: all sorted" \
        "$(hostlink "$arch" "$guest" nested 2>&1)"

    expect_eq "$arch: 4 threads sorting at once, each with its own comparator" \
"thread 0: sorted like libc
thread 1: sorted like libc
thread 2: sorted like libc
thread 3: sorted like libc" \
        "$(hostlink "$arch" "$guest" threads 2>&1)"

    expect_eq "$arch: longjmp out of the comparator abandons the host call; nothing piles up" \
"longjmp out of the comparator: 200 of 200
sort after the escapes: result 0, order same as libc, comparator calls same as libc (192)
200 x hostlink: callback_qsort: abandoned by a guest callback that did not return
hostlink: completed callback_qsort with 308 guest callbacks
hostlink: completed callback_qsort with 192 guest callbacks" \
        "$(hostlink_logged "$arch" "$guest" longjmp | uniq -c | sed 's/^ *1 //; s/^ *\([0-9]*\) /\1 x /')"

    # The host library checks sizes; host faults on guest pointers become EFAULT.
    expect_eq "$arch: bad input gets error returns, one log line each at most, QEMU lives on" \
"size 0: -1 EINVAL
absurd nmemb: -1 EINVAL
NULL base: -1 EFAULT
unmapped base: -1 EFAULT
read-only base: -1 EFAULT
base runs off the end: -1 EFAULT
NULL comparator: -1 EFAULT
unmapped comparator: -1 EFAULT
no elements, NULL base: 0 
RESUME without START: -22
unknown op: -22
op -1: -22
sort after bad input: works
hostlink: callback_qsort: host code faulted on a bad guest pointer; the host call returns -EFAULT
hostlink: callback_qsort: host code faulted on a bad guest pointer; the host call returns -EFAULT
hostlink: callback_qsort: host code faulted on a bad guest pointer; the host call returns -EFAULT
hostlink: callback_qsort: guest callback address not mapped; the host call returns -EFAULT
hostlink: RESUME with no host call waiting on that callback block
hostlink: unknown op 77
hostlink: completed callback_qsort with 4 guest callbacks" \
        "$(hostlink_logged "$arch" "$guest" bad)"

    # The program and its libraries elsewhere, thunk missing: the guest's
    # loader reports the missing library; the plugin says why, once.
    tmp=$(mktemp -d)
    mkdir -p "$tmp/bin" "$tmp/lib"
    cp "$B/$arch/bin/callback-demo" "$tmp/bin/"
    out=$(cd "$tmp" && hostlink_logged "$arch" bin/callback-demo)
    expect_eq "$arch: missing thunk: the open proceeds normally and the plugin says why once" \
"bin/callback-demo: error while loading shared libraries: libdemo-callback-qsort.so: cannot open shared object file: No such file or directory
hostlink: no thunk libdemo-callback-qsort-thunk.so beside TMP/bin/../lib/libdemo-callback-qsort.so: the guest opens the library itself" \
        "${out//$tmp/TMP}"
    cp "$B/$arch/lib/libdemo-callback-qsort-thunk.so" "$tmp/lib/"
    expect_eq "$arch: program and thunk outside the working directory" \
        "callback-demo: sorted 128 values, comparator ran 448 times: OK" \
        "$(cd / && hostlink "$arch" "$tmp/bin/callback-demo" 2>&1)"
    rm -rf "$tmp"

    out=$(qemu "$arch" -plugin "$PLUGIN,colour=blue" "$B/$arch/bin/callback-demo" 2>&1)
    check "$arch: an unknown plugin option refuses to load with a clear message" \
        grep -q "hostlink: unknown option 'colour=blue'" <<<"$out"
    out=$(qemu "$arch" -plugin "$PLUGIN,lib=zstd" "$B/$arch/bin/callback-demo" 2>&1)
    check "$arch: an unknown library refuses to load" \
        grep -q "hostlink: unknown library 'zstd'" <<<"$out"
done
