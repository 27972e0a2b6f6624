# SPDX-License-Identifier: GPL-2.0-or-later
# SQLite's own speedtest1 (test/speedtest1.c of Debian's sqlite3 source
# package, built per guest against the guest's libsqlite3: mk/sqlite.mk)
# through `hostlink run --lib sqlite3` and emulated, test set "main" at
# --size HOSTLINK_SPEEDTEST1_SIZE (default 5: seconds; `make check-long`
# uses 25): identical output apart from the timings, SQLite on the host
# (riscv64: its newer libsqlite3 stays emulated, which is checked).
. "$top/tests/sqlite/common.inc"

st_size=${HOSTLINK_SPEEDTEST1_SIZE:-5}
st_tmp=$(mktemp -d)
for arch in $RUNTIME_ARCHES; do
    long_or_on "$arch" aarch64 || continue
    prog="$B/$arch/tests/speedtest1"
    [ -x "$prog" ] || { fail "speedtest1 $arch: not built (toolchain/sqlite-speedtest1.sh: the sqlite3 source package not reachable?)"; continue; }
    for lib in none sqlite3; do
        (cd "$st_tmp" && hostlink_run "$arch" "$lib" "$prog" --testset main --size "$st_size" "st-$arch-$lib.db" \
            >"$arch-$lib.out" 2>&1; echo "exit $?" >>"$arch-$lib.out")
    done
    # Timings aside: "NNN - title.....   0.123s" and the TOTAL line.
    check "speedtest1 $arch: output identical to plain emulation apart from timings" \
        diff <(sed -E 's/ +[0-9]+\.[0-9]+s$//' "$st_tmp/$arch-none.out") \
             <(sed -E 's/ +[0-9]+\.[0-9]+s$//' "$st_tmp/$arch-sqlite3.out")
    check "speedtest1 $arch: all tests ran" grep -q 'TOTAL' "$st_tmp/$arch-sqlite3.out"
    if sq_newer_than_host "$arch"; then
        expect_emulated "speedtest1 $arch: a newer guest libsqlite3 stays emulated" sqlite3 "newer than the host's"
    else
        expect_host "speedtest1 $arch: SQLite ran on the host" sqlite3 sqlite3_prepare_v2 sqlite3_step \
            sqlite3_bind_int64 sqlite3_create_function sqlite3_exec
    fi
done
rm -rf "$st_tmp"
