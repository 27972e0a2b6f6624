# SPDX-License-Identifier: GPL-2.0-or-later
# Statistics are per process (plugin/stats.h): a fork child reports only
# its own calls, a process that execs reports what it did before the exec,
# and each record carries the pid. The stderr table says the same.

prog="$B/x86_64/tests/stats-guest"
out=$(hostlink_run x86_64 zlib "$prog" 2>&1)
pid_of() { sed -n "s/^$1 //p" <<<"$out"; }
parent=$(pid_of parent) child=$(pid_of child) exec_child=$(pid_of exec-child)
# stats_fn PID FN: FN's host calls recorded for process PID.
stats_fn() { awk -F'\t' -v pid="$1" -v fn="$2" '$1 == "fn" && $2 == pid && $5 == fn { n += $6 } END { print n + 0 }' "$hl_stats"; }
expect_eq "stats: each process records its own crc32 calls (parent 1, fork child 2, child before exec 3)" \
    "1 2 3" "$(stats_fn "$parent" crc32) $(stats_fn "$child" crc32) $(stats_fn "$exec_child" crc32)"
# The exec'd image stays under hostlink (plugin/exec.c): same pid, a record
# of its own.
expect_eq "stats: one proc record per process image, with its parent's pid" \
    "$(printf 'proc\t%s\t%s\tx86_64\n' "$child" "$parent" "$exec_child" "$parent" "$exec_child" "$parent" | sort)" \
    "$(grep -E "^proc	($child|$exec_child)	" "$hl_stats" | sort)"
expect_eq "stats: the image exec'd from /proc/self/exe ran adler32 on the host" 1 "$(stats_fn "$exec_child" adler32)"
check "stats: the parent's record says zlib ran on the host" \
    grep -qx "lib	$parent	x86_64	zlib	host" "$hl_stats"
check "stats: a fork child does not repeat its parent's library record" \
    bash -c '! grep -q "^lib	$1	" "$2"' _ "$child" "$hl_stats"

table=$("$B/bin/hostlink" run --lib zlib --stats -- "$prog" 2>&1 >/dev/null)
check "stats: --stats prints a table per process, headed by its pid" \
    test "$(grep -c '^hostlink stats: pid [0-9]*, x86_64 guest$' <<<"$table")" -ge 3
check "stats: ... with the parent's single crc32" \
    grep -Eq '^hostlink stats: zlib +crc32 +1 ' <<<"$table"
table=$(HOSTLINK_EMULATE=zlib "$B/bin/hostlink" run --lib zlib --stats -- "$prog" 2>&1 >/dev/null)
check "stats: a library left emulated is named with the reason" \
    grep -q '^hostlink stats: zlib       emulated: HOSTLINK_EMULATE asks$' <<<"$table"
unset -f pid_of stats_fn
