# SPDX-License-Identifier: GPL-2.0-or-later
# Statistics summed over the whole process tree (cli/stats_tree.c): after
# the top-level program exits, `hostlink run --stats=FILE` appends tree,
# treelib, treefn records that sum its descendants' per-process records,
# and --stats ends its stderr tables with the total. A guest shell script
# with a pipeline, a background job and a subshell, on every guest with a
# Debian sysroot; records that another process tree writes into the same
# file meanwhile, and those of earlier runs, stay out of the sum.

tree_tmp=$(mktemp -d)
head -c 100000 /dev/urandom | base64 >"$tree_tmp/in.txt"
# The script also appends the records of a process outside the tree (pid 1's child).
cat >"$tree_tmp/tree.sh" <<'EOF'
printf 'proc\t999999\t1\tfake\nfn\t999999\tfake\tzlib\tcrc32\t1000\t1\n' >>"$STATS"
pigz -c in.txt | pigz -dc | cmp - in.txt && echo same
pigz -c in.txt >bg.gz &
wait $!
(pigz -dc bg.gz >/dev/null; echo subshell)
echo done
exit 3
EOF
# tree_sum KIND FN: field 6 of KIND records for FN (fn: per process, summed here).
tree_sum() { awk -F'\t' -v k="$1" -v fn="$2" '$1 == k && $5 == fn && $3 != "fake" { n += $6 } END { print n + 0 }' "$hl_stats"; }
for arch in $RUNTIME_ARCHES; do
    [ -x "$B/sysroot/$arch/bin/dash" ] || continue
    tree_run() {                # LIBS: the script's output and exit status
        (cd "$tree_tmp" && rm -f bg.gz && STATS=$hl_stats PATH=/usr/bin:/bin \
             hostlink_run "$arch" "$1" "$B/sysroot/$arch/bin/dash" tree.sh 2>&1; echo "exit $?")
    }
    plain=$(tree_run none)
    out=$(tree_run zlib)
    expect_eq "stats tree $arch: output and exit status as plain emulation" "$plain" "$out"
    tree_top=$(awk -F'\t' '$1 == "tree" { print $2 }' "$hl_stats")
    check "stats tree $arch: one tree record, for a process that ran" \
        grep -q "^proc	$tree_top	" "$hl_stats"
    check "stats tree $arch: the sum counts 4 or more processes (dash, pigz x4)" \
        test "$(awk -F'\t' '$1 == "tree" { print $3 }' "$hl_stats")" -ge 5
    expect_eq "stats tree $arch: treefn crc32 is the processes' crc32 calls summed" \
        "$(tree_sum fn crc32)" "$(tree_sum treefn crc32)"
    check "stats tree $arch: ... from 4 processes" \
        test "$(awk -F'\t' '$1 == "fn" && $5 == "crc32" && $3 != "fake" { p[$2] = 1 } END { print length(p) }' "$hl_stats")" -ge 4
    check "stats tree $arch: inflate and deflate both ran on the host over the tree" \
        test "$(tree_sum treefn deflate)" -gt 0 -a "$(tree_sum treefn inflateBack)" -gt 0
    check "stats tree $arch: zlib ran on the host in 4 programs (treelib)" \
        grep -qx "treelib	$tree_top	$arch	zlib	host	4" "$hl_stats"
    check "stats tree $arch: a process outside the tree stays out of the sum" \
        bash -c '! grep -q "^tree.*fake" "$1"' _ "$hl_stats"
done

# Records already in the file (an earlier run) are not summed again.
arch=x86_64
printf 'proc\t%s\t%s\tx86_64\nfn\t%s\tx86_64\tzlib\tcrc32\t1000\t1\n' $$ $$ $$ >"$tree_tmp/old.tsv"
(cd "$tree_tmp" && STATS=/dev/null "$B/bin/hostlink" run --lib zlib --stats="$tree_tmp/old.tsv" -- \
    /bin/sh -c 'pigz -c in.txt | pigz -dc >/dev/null' >/dev/null 2>&1)
expect_eq "stats tree: an earlier run's records in the file are not summed" \
    "$(awk -F'\t' '$1 == "fn" && $5 == "crc32" && $6 != 1000 { n += $6 } END { print n + 0 }' "$tree_tmp/old.tsv")" \
    "$(awk -F'\t' '$1 == "treefn" && $5 == "crc32" { n += $6 } END { print n + 0 }' "$tree_tmp/old.tsv")"

# --stats: the per-process tables, then the total, last; the exit status
# kept. (Each of the 3 processes records its image before an exec: 5.)
table=$(cd "$tree_tmp" && PATH=/usr/bin:/bin "$B/bin/hostlink" run --lib zlib --stats -- \
            /bin/sh -c 'pigz -c in.txt | pigz -dc >/dev/null; exit 5' 2>&1 >/dev/null; echo "exit $?")
check "stats tree: --stats ends with the total over the tree" \
    grep -Eq '^hostlink stats: total over the process tree of pid [0-9]+: 3 processes, 5 programs$' <<<"$table"
check "stats tree: ... after every per-process table" \
    test "$(grep -n 'total over' <<<"$table" | cut -d: -f1)" -gt "$(grep -n 'pid [0-9]*, x86_64 guest' <<<"$table" | tail -1 | cut -d: -f1)"
check "stats tree: ... with the crc32 calls of both pigz" \
    grep -Eq '^hostlink stats: zlib +crc32 +[0-9]+ ' <<<"$(sed -n '/total over/,$p' <<<"$table")"
expect_eq "stats tree: --stats keeps the program's exit status" "exit 5" "$(tail -1 <<<"$table")"
# A program killed by a signal: hostlink ends by the same signal, after the sum.
# (Its status read by a shell of its own, which would report the signal on stderr.)
status=$(bash -c 'cd "$1" && "$2" run --lib zlib --stats="$1/sig.tsv" -- /bin/sh -c "kill -TERM \$\$"; echo $?' \
             _ "$tree_tmp" "$B/bin/hostlink" 2>/dev/null)
expect_eq "stats tree: a program killed by SIGTERM: hostlink too (status 143)" 143 "$status"
check "stats tree: ... after writing the sum" grep -q '^tree	' "$tree_tmp/sig.tsv"
rm -rf "$tree_tmp"
unset -f tree_run tree_sum
unset tree_tmp tree_top plain out table status
