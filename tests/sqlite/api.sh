# SPDX-License-Identifier: GPL-2.0-or-later
# SQLite's hard cases (tests/sqlite/sqlite-guest.c) through `hostlink run
# --lib sqlite3`, every guest, line for line as plain emulation: printf-
# style functions with every conversion (SQLite's %q %Q %w %z and its ! ,
# flags included), SQLITE_STATIC/SQLITE_TRANSIENT and a guest destructor,
# sqlite3_version (the host's bytes), functions, an aggregate, a collation,
# sqlite3_exec callbacks, a virtual table module with xFindFunction (a
# kept callback table whose callback returns a function) and a VFS of the
# program's own around the library's default one (kept tables both ways:
# the guest's VFS and io_methods become host copies, the host's default
# VFS and its files' methods guest views). Bad formats get EINVAL, not a
# crash. A program taking sqlite3_temp_directory, a variable program and
# library share, keeps SQLite emulated (refused, gen/data.h); so does a
# guest whose libsqlite3 is newer than the host's (the version rule).
. "$top/tests/sqlite/common.inc"

sq_tmp=$(mktemp -d)
for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/sqlite-sqlite-guest"
    [ -x "$prog" ] || { fail "sqlite api $arch: $prog not built"; continue; }
    (cd "$sq_tmp" && hostlink_run "$arch" none "$prog" "none-$arch.db" >"none-$arch.out" 2>&1)
    (cd "$sq_tmp" && hostlink_run "$arch" sqlite3 "$prog" "host-$arch.db" >"host-$arch.out" 2>&1)
    rc=$?
    expect_eq "sqlite api $arch: exit status" 0 "$rc"
    check "sqlite api $arch: output identical to plain emulation" \
        diff "$sq_tmp/none-$arch.out" "$sq_tmp/host-$arch.out"
    check "sqlite api $arch: every case ran" grep -q '^after unregister: gone' "$sq_tmp/host-$arch.out"
    check "sqlite api $arch: the database the guest's VFS wrote reads back on the host" \
        test "$(sqlite3 "$sq_tmp/host-$arch.db" 'PRAGMA integrity_check; SELECT count(*), sum(x) FROM f')" \
             = "$(printf 'ok\n300|45150')"
    if sq_newer_than_host "$arch"; then
        expect_emulated "sqlite api $arch: a newer guest libsqlite3 stays emulated" sqlite3 "newer than the host's"
        continue
    fi
    expect_host "sqlite api $arch: SQLite ran on the host" sqlite3 sqlite3_mprintf sqlite3_snprintf \
        sqlite3_str_appendf sqlite3_bind_text sqlite3_create_function sqlite3_create_collation sqlite3_exec \
        sqlite3_create_module sqlite3_overload_function sqlite3_vfs_find sqlite3_vfs_register \
        sqlite3_vfs_unregister sqlite3_open_v2 sqlite3_aggregate_context sqlite3_result_text

    (cd "$sq_tmp" && hostlink_run "$arch" sqlite3 "$prog" badfmt >"bad-$arch.out" 2>&1)
    expect_eq "sqlite api $arch: bad formats fail with EINVAL, the next call works" \
        "$(printf '%%n: NULL errno=EINVAL\n33 args: NULL errno=EINVAL\nafter: still fine')" \
        "$(cat "$sq_tmp/bad-$arch.out")"
    expect_host "sqlite api $arch: bad formats reached the host thunk" sqlite3 sqlite3_mprintf

    tprog="$B/$arch/tests/sqlite-tempdir-guest"
    (cd "$sq_tmp" && hostlink_run "$arch" none "$tprog" >"tnone-$arch.out" 2>&1)
    (cd "$sq_tmp" && hostlink_run "$arch" sqlite3 "$tprog" >"thost-$arch.out" 2>&1)
    expect_emulated "sqlite api $arch: sqlite3_temp_directory keeps SQLite emulated" sqlite3 \
        "needs sqlite3_temp_directory"
    check "sqlite api $arch: ... and the program runs as emulated" \
        diff "$sq_tmp/tnone-$arch.out" "$sq_tmp/thost-$arch.out"
done
rm -rf "$sq_tmp"
