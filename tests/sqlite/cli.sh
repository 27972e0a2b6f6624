# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's own unmodified sqlite3 shell (the host's for the x86_64 guest,
# the guest sysroots' for aarch64 and riscv64) through `hostlink run --lib
# sqlite3` and emulated: a database of HOSTLINK_SQLITE_ROWS rows (default
# 2000; `make check-long` uses 100000) made from a CSV with .import, with
# indexes, joins, aggregates, printf() in SQL, generate_series (the
# shell's own virtual table: a kept module), .dump, and a user error. Every
# output, message and exit status must be plain emulation's, the database
# the hostlink run wrote must read back on the host's sqlite3 with the same
# answers, and SQLite must have run on the host (riscv64: its trixie
# libsqlite3 is newer than the host's, so the version rule keeps it
# emulated, which the test checks, output still identical).
. "$top/tests/sqlite/common.inc"

sq_rows=${HOSTLINK_SQLITE_ROWS:-2000}
sq_tmp=$(mktemp -d)
awk -v n="$sq_rows" 'BEGIN { srand(7); print "id,customer,item,qty,price";
    for (i = 1; i <= n; i++) printf "%d,c%03d,item-%d,%d,%.2f\n", i, i % 97, i % 13, 1 + i % 9, (i % 50) * 1.25 }' \
    >"$sq_tmp/orders.csv"
cat >"$sq_tmp/session.sql" <<'SQL'
CREATE TABLE customers(name TEXT PRIMARY KEY, region TEXT);
.import --csv --skip 1 orders.csv orders_raw
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer TEXT, item TEXT, qty INTEGER, price REAL);
INSERT INTO orders SELECT id, customer, item, qty, price FROM orders_raw;
INSERT INTO customers SELECT DISTINCT customer, 'r' || (abs(CAST(substr(customer, 2) AS INTEGER)) % 5) FROM orders;
CREATE INDEX orders_customer ON orders(customer);
CREATE INDEX orders_item_qty ON orders(item, qty);
SELECT count(*), sum(qty), printf('%.2f', sum(qty * price)) FROM orders;
SELECT c.region, count(*), sum(o.qty), printf('%8.2f|%-6s|%q', avg(o.price), max(o.item), 'it''s')
  FROM orders o JOIN customers c ON c.name = o.customer GROUP BY c.region ORDER BY c.region;
SELECT item, count(*) AS n FROM orders WHERE qty > 4 GROUP BY item HAVING n > 1 ORDER BY n DESC, item LIMIT 5;
SELECT printf('%05d %x %e %s %Q %w', 42, 255, 12345.678, 'text', 'a''b', 'x"y');
SELECT sum(value) FROM generate_series(1, 1000);
EXPLAIN QUERY PLAN SELECT * FROM orders WHERE customer = 'c001';
.mode box
SELECT customer, count(*) FROM orders GROUP BY customer ORDER BY 2 DESC, 1 LIMIT 3;
.mode list
.dump customers
SQL

for arch in $GUEST_ARCHES; do
    cli=$(sq_cli "$arch")
    [ -n "$cli" ] || { fail "sqlite cli $arch: no sqlite3 for this guest"; continue; }
    for lib in none sqlite3; do
        d="$sq_tmp/$arch-$lib"
        mkdir -p "$d"
        cp "$sq_tmp/orders.csv" "$d/"
        (cd "$d" && hostlink_run "$arch" "$lib" "$cli" -bail shop.db <"$sq_tmp/session.sql" >session.out 2>&1
         echo "exit $?" >>session.out)
        cp "$hl_stats" "$d/session.stats"
        (cd "$d" && hostlink_run "$arch" "$lib" "$cli" shop.db "SELECT * FROM no_such_table" >error.out 2>&1
         echo "exit $?" >>error.out)
        (cd "$d" && hostlink_run "$arch" "$lib" "$cli" shop.db .dump >dump.out 2>&1; echo "exit $?" >>dump.out)
    done
    for out in session error dump; do
        check "sqlite cli $arch: $out: output and exit status identical to plain emulation" \
            diff "$sq_tmp/$arch-none/$out.out" "$sq_tmp/$arch-sqlite3/$out.out"
    done
    check "sqlite cli $arch: the user error says so and exits 1" \
        grep -qx 'exit 1' "$sq_tmp/$arch-sqlite3/error.out"
    q="PRAGMA integrity_check; SELECT count(*), sum(qty) FROM orders; SELECT count(*) FROM customers;"
    expect_eq "sqlite cli $arch: the host's sqlite3 reads the database hostlink's run wrote" \
        "$(sqlite3 "$sq_tmp/$arch-none/shop.db" "$q")" "$(sqlite3 "$sq_tmp/$arch-sqlite3/shop.db" "$q")"
    cp "$sq_tmp/$arch-sqlite3/session.stats" "$hl_stats"
    if sq_newer_than_host "$arch"; then
        expect_emulated "sqlite cli $arch: a newer guest libsqlite3 stays emulated, saying why" sqlite3 \
            "the host's"
    else
        expect_host "sqlite cli $arch: SQLite ran on the host" sqlite3 sqlite3_open_v2 sqlite3_prepare_v2 \
            sqlite3_step sqlite3_column_text sqlite3_create_module sqlite3_mprintf sqlite3_vfs_register
    fi
done
rm -rf "$sq_tmp"
