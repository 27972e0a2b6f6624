# SPDX-License-Identifier: GPL-2.0-or-later
# SQLite through hostlink against native and plain emulation, per guest
# (after zlib.bench.sh, whose row machinery, zb_row and its checks, it
# uses; wall-clock seconds of whole runs):
#  - SQLite's own speedtest1 (test set "main", --size SQLITE_BENCH_SIZE,
#    default 25), built per guest against the guest's libsqlite3
#    (mk/sqlite.mk); native is its x86_64 build. Its output is compared
#    with the timings taken out.
#  - Debian's sqlite3 shell inserting SQLITE_BENCH_ROWS rows (default
#    1000000) into an indexed table of a new database file, then counting
#    them; native is the host's sqlite3. The database must read back on
#    the host's sqlite3.
# riscv64's trixie libsqlite3 is newer than the host's: the version rule
# keeps it emulated there, so it gets no rows.

sb_size=${SQLITE_BENCH_SIZE:-25}
sb_rows=${SQLITE_BENCH_ROWS:-1000000}
sb_db="$B/bench/sqlite-bench.db"
sb_prog() { if [ "$1" = x86_64 ]; then echo "/usr/bin/$2"; else echo "$B/sysroot/$1/usr/bin/$2"; fi; }
# speedtest1's report without its timings ("   0.123s"), fingerprinted.
sb_timeless_digest() { sed -E 's/ +[0-9]+\.[0-9]+s$//' | sha256sum; }
# sb_insert_sql: the shell's input, after ".open --new" of the database file.
sb_insert_sql="CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, v TEXT);
CREATE INDEX t_k ON t(k);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $sb_rows)
INSERT INTO t SELECT x, (x * 7919) % 100003, printf('row %08d', x) FROM c;
SELECT count(*), sum(k), max(v) FROM t;"
sb_reads_back() {
    [ "$(sqlite3 "$sb_db" 'PRAGMA integrity_check; SELECT count(*) FROM t')" = "$(printf 'ok\n%s' "$sb_rows")" ]
}

echo
echo "SQLite: speedtest1 --size $sb_size and a $sb_rows-row insert, wall-clock seconds (best of $RUNS runs)"
for arch in $GUEST_ARCHES; do
    st="$B/$arch/tests/speedtest1" cli=$(sb_prog "$arch" sqlite3)
    if [ "$arch" = riscv64 ]; then
        echo "# $arch: the guest's libsqlite3 is newer than the host's: SQLite stays emulated (version rule), no rows"
        continue
    fi
    zb_wall=1
    if [ -x "$st" ] && [ -x "$B/x86_64/tests/speedtest1" ]; then
        zb_native=("$B/x86_64/tests/speedtest1" --testset main --size "$sb_size" "$sb_db")
        zb_digest=(sb_timeless_digest)
        zb_row "$arch" "speedtest1 --testset main --size $sb_size" sqlite3 "" "$st" --testset main \
            --size "$sb_size" "$sb_db"
        zb_digest=(sha256sum)
    else
        echo "# $arch: speedtest1 not built (its source package not reachable?)"
    fi
    if [ -x "$cli" ]; then
        # ".open --new" starts every run from an empty database file.
        zb_native=(sqlite3 :memory: ".open --new $sb_db" "$sb_insert_sql")
        zb_verify=(sb_reads_back)
        zb_row "$arch" "sqlite3 insert $sb_rows rows, indexed, file" sqlite3 "" "$cli" :memory: \
            ".open --new $sb_db" "$sb_insert_sql"
        zb_verify=()
    fi
    zb_wall="" zb_native=()
done
