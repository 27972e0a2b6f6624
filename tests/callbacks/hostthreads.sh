# SPDX-License-Identifier: GPL-2.0-or-later
# Guest callbacks from threads the host library makes (plugin/service.h):
# libhlt's own threads call guest callbacks of several signatures at once,
# callbacks call the library again, and the program exits, forks, takes a
# signal or closes the library meanwhile. Output identical to the genuine
# library under plain emulation, with evidence that the host ran the calls.

# A lost callback would leave its host thread waiting: no run may hang the suite.
ht_run() { QEMU_LAUNCHER="timeout 60 ${QEMU_LAUNCHER:-}" hostlink_run "$@"; }

for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/hostthreads-guest"

    plain=$(ht_run "$arch" none "$prog" spin 2>&1)
    expect_eq "$arch: host threads: 12 threads x 500 callbacks, int/double/pointer; one thread x 100 (plain emulation)" \
"spin: 12 host threads, guest ran 6000 callbacks
  thread 0: 41541750 41542000.000000 873250
  thread 1: 541543250 20786722.656250 927506
  thread 2: 1041544750 13868302.083333 977666
  thread 3: 1541546250 10409095.703125 1027826
one host thread, 100 callbacks in a row: 328350" "$plain"
    expect_eq "$arch: host threads: ... identical through hostlink" "$plain" "$(ht_run "$arch" hlt "$prog" spin 2>&1)"
    expect_host "$arch: host threads: ... hlt_spin and hlt_thread_loop ran on the host" hlt hlt_spin hlt_thread_loop

    plain=$(ht_run "$arch" none "$prog" nested 2>&1)
    expect_eq "$arch: host threads: callbacks that call the library, which calls back from more threads" \
        "$plain" "$(ht_run "$arch" hlt "$prog" nested 2>&1)"
    expect_host "$arch: host threads: ... nested calls ran on the host" hlt hlt_spin hlt_recurse hlt_from_thread
    check "$arch: host threads: ... all 800 nested hlt_recurse calls and 8 hlt_from_thread" \
        test "$(host_calls hlt hlt_recurse)-$(host_calls hlt hlt_from_thread)" = 800-8

    plain=$(ht_run "$arch" none "$prog" signal 2>&1)
    expect_eq "$arch: host threads: callbacks while the program is in a signal handler run" \
        "$plain" "$(ht_run "$arch" hlt "$prog" signal 2>&1)"
    expect_host "$arch: host threads: ... on the host" hlt hlt_spin hlt_ticker_start hlt_ticker_stop

    out=$(ht_run "$arch" hlt "$prog" misuse 2>&1)
    expect_eq "$arch: host threads: HOSTLINK_OP_SERVE from the program's own thread is refused (-EINVAL), service goes on" \
"before: 3 host threads, guest ran 30 callbacks
  thread 0: 285 290.000000 315
SERVE from this thread: 80 of 80 refused
after: 3 host threads, guest ran 30 callbacks
  thread 0: 285 290.000000 315" "$out"
    expect_host "$arch: host threads: ... on the host" hlt hlt_spin

    # A fork child has no service thread (QEMU cannot start threads in it
    # safely, README): its host threads' callbacks get 0 and one log line;
    # the parent's go on.
    plain=$(ht_run "$arch" none "$prog" fork 2>&1)
    log=$(mktemp)
    out=$(timeout 60 "$B/bin/hostlink" run --arch "$arch" --lib hlt --stats="$hl_coverage" --qemu-arg -d --qemu-arg plugin \
          --qemu-arg -D --qemu-arg "$log" -- "$prog" fork 2>&1)
    expect_eq "$arch: host threads: fork child: callbacks from its host threads get 0, the parent's run" \
        "${plain/guest ran 300 callbacks/guest ran 0 callbacks}" "$out"
    check "$arch: host threads: ... with one log line saying why" \
        test "$(grep -c 'no guest thread serves its host threads' "$log")" -eq 1
    rm -f "$log"

    # A fork child that starts a thread of its own: the service threads end
    # before the fork (the thunk's atfork handler), so QEMU's plugin core
    # does not meet a vCPU index twice in the child; the parent starts a new one.
    plain=$(ht_run "$arch" none "$prog" fork-thread 2>&1; echo "status $?")
    log=$(mktemp)
    out=$(timeout 60 "$B/bin/hostlink" run --arch "$arch" --lib hlt --stats="$hl_coverage" --qemu-arg -d --qemu-arg plugin \
          --qemu-arg -D --qemu-arg "$log" -- "$prog" fork-thread 2>&1; echo "status $?")
    expect_eq "$arch: host threads: fork child starts its own thread (no QEMU assertion), its host threads' callbacks get 0, the parent's run after" \
        "${plain/guest ran 300 callbacks/guest ran 0 callbacks}" "$out"
    check "$arch: host threads: ... one log line for the child's callbacks, none about the pause" \
        bash -c '[ "$(grep -c "no guest thread serves its host threads" "$1")" -eq 1 ] && ! grep -q "did not end" "$1"' _ "$log"
    rm -f "$log"

    # exit(7) while a host thread waits for a callback that sleeps 20 s.
    start=$SECONDS
    out=$(timeout 15 "$B/bin/hostlink" run --arch "$arch" --lib hlt --stats="$hl_coverage" -- "$prog" exit 2>&1)
    rc=$?
    expect_eq "$arch: host threads: exit while a host thread waits: exit status 7, at once" \
        "exiting while a host thread waits for its callback / 7 / fast" \
        "$out / $rc / $([ $((SECONDS - start)) -lt 10 ] && echo fast || echo slow)"

    prog="$B/$arch/tests/hostthreads-dlopen-guest"
    plain=$(ht_run "$arch" none "$prog" dlopen 2>&1)
    expect_eq "$arch: host threads: library opened, used and closed twice, exit status 0" "$plain
status 0" "$(ht_run "$arch" hlt "$prog" dlopen 2>&1; echo "status $?")"
    expect_host "$arch: host threads: ... on the host" hlt hlt_spin hlt_ticker_start hlt_ticker_stop
    check "$arch: host threads: ... both rounds (2 hlt_spin)" test "$(host_calls hlt hlt_spin)" -eq 2
done
