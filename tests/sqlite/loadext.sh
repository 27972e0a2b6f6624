# SPDX-License-Identifier: GPL-2.0-or-later
# SQLite's loadable extensions of the guest's own architecture, every guest
# (libs/sqlite3-guest.c): an extension built here per guest (tests/sqlite/
# hlext.c: a function and a collation registered through the table its
# entry point gets) loaded with the shell's .load, the SQL function
# load_extension() and, in tests/sqlite/loadext-guest.c, sqlite3_load_extension
# with loading off, on for the C API only and on for both, a missing file,
# a missing or failing entry point, and auto-extensions. Output, messages
# and exit status are plain emulation's byte for byte; the extension's own
# calls (sqlite3_create_collation_v2, which neither program makes) ran on
# the host. riscv64: the version rule keeps SQLite emulated (checked), the
# output still plain emulation's.
. "$top/tests/sqlite/common.inc"

sq_tmp=$(mktemp -d)
cat >"$sq_tmp/load.sql" <<'SQL'
.load ./libhlext
SELECT half(7), half(1e3);
SELECT column1 FROM (VALUES('b'),('a'),('c')) ORDER BY 1 COLLATE reverse;
.load ./libhlext no_such_init
.load ./nothing-here
SELECT load_extension('./libhlext', 'hlext_failing_init');
SELECT 'still here';
SQL
for arch in $RUNTIME_ARCHES; do
    cc=gcc inc=()
    [ "$arch" = x86_64 ] || { cc=$arch-linux-gnu-gcc inc=(-idirafter "$B/sysroot/$arch/usr/include"); }
    d="$sq_tmp/$arch"
    mkdir -p "$d"
    if ! "$cc" -std=c11 -Wall -Wextra -Werror -O2 -fPIC -shared "${inc[@]}" -o "$d/libhlext.so" \
            "$top/tests/sqlite/hlext.c"; then
        fail "sqlite loadext $arch: the extension builds"
        continue
    fi
    prog="$B/$arch/tests/sqlite-loadext-guest"
    cli=$(sq_cli "$arch")
    for lib in none sqlite3; do
        (cd "$d" && hostlink_run "$arch" "$lib" "$prog" "$d" >"prog-$lib.out" 2>&1; echo "exit $?" >>"prog-$lib.out")
        cp "$hl_stats" "$d/prog-$lib.stats"
        [ -n "$cli" ] || continue
        (cd "$d" && hostlink_run "$arch" "$lib" "$cli" :memory: <"$sq_tmp/load.sql" >"cli-$lib.out" 2>&1
         echo "exit $?" >>"cli-$lib.out")
        cp "$hl_stats" "$d/cli-$lib.stats"
    done
    check "sqlite loadext $arch: program: output identical to plain emulation" \
        diff "$d/prog-none.out" "$d/prog-sqlite3.out"
    check "sqlite loadext $arch: program: every case ran" grep -qx 'done' "$d/prog-sqlite3.out"
    check "sqlite loadext $arch: program: the extension's function and collation work" \
        grep -qx "the extension's collation: c;b;a; done" "$d/prog-sqlite3.out"
    check "sqlite loadext $arch: program: loading disabled is refused as natively" \
        grep -qx "C API, loading off: 1 not authorized" "$d/prog-sqlite3.out"
    check "sqlite loadext $arch: program: a failing auto-extension fails the open as natively" \
        grep -qx 'open with a failing one: 1 automatic extension loading failed: refused on purpose (42)' \
        "$d/prog-sqlite3.out"
    [ -n "$cli" ] && check "sqlite loadext $arch: shell .load and load_extension(): identical to plain emulation" \
        diff "$d/cli-none.out" "$d/cli-sqlite3.out"
    [ -n "$cli" ] && check "sqlite loadext $arch: shell: the extension loaded" \
        grep -qx 'c' "$d/cli-sqlite3.out"
    [ -n "$cli" ] && check "sqlite loadext $arch: shell: errors as natively" grep -qx \
        'Runtime error near line 6: error during initialization: refused on purpose (42)' "$d/cli-sqlite3.out"
    for run in prog cli; do
        [ -f "$d/$run-sqlite3.stats" ] || continue
        cp "$d/$run-sqlite3.stats" "$hl_stats"
        if sq_newer_than_host "$arch"; then
            expect_emulated "sqlite loadext $arch: $run: a newer guest libsqlite3 stays emulated" sqlite3 \
                "the host's"
        else
            expect_host "sqlite loadext $arch: $run: the extension's calls ran on the host" sqlite3 \
                sqlite3_create_collation_v2 sqlite3_create_function sqlite3_value_double sqlite3_result_double
        fi
    done
done
[ -n "${SQ_KEEP:-}" ] || rm -rf "$sq_tmp"; echo "$sq_tmp" >/tmp/sq_last
