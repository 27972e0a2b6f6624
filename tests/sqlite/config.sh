# SPDX-License-Identifier: GPL-2.0-or-later
# sqlite3_config's options holding structs of callbacks, every guest
# (tests/sqlite/config-guest.c): GETMALLOC gives the library's allocator as
# functions the guest can call; MALLOC installs a counting guest allocator
# around it, which GETMALLOC gives back; MUTEX installs guest mutexes;
# PCACHE2 a counting page cache around GETPCACHE2's. A database made
# afterwards goes through all of them. Output = plain emulation's; SQLite
# ran on the host (riscv64: emulated by the version rule, checked).
. "$top/tests/sqlite/common.inc"

sq_tmp=$(mktemp -d)
for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/sqlite-config-guest"
    [ -x "$prog" ] || { fail "sqlite config $arch: $prog not built"; continue; }
    hostlink_run "$arch" none "$prog" >"$sq_tmp/none-$arch.out" 2>&1
    hostlink_run "$arch" sqlite3 "$prog" >"$sq_tmp/host-$arch.out" 2>&1
    expect_eq "sqlite config $arch: exit status" 0 "$?"
    check "sqlite config $arch: output identical to plain emulation" \
        diff "$sq_tmp/none-$arch.out" "$sq_tmp/host-$arch.out"
    check "sqlite config $arch: the guest's allocator, page cache and mutexes ran" \
        grep -qx 'our mutexes ran: 1 1' "$sq_tmp/host-$arch.out"
    check "sqlite config $arch: every option succeeded" \
        test "$(grep -cE '^(GETMALLOC|MALLOC|GETMALLOC again|GETMUTEX|MUTEX|GETPCACHE2|PCACHE2): 0' \
                "$sq_tmp/host-$arch.out")" = 7
    if sq_newer_than_host "$arch"; then
        expect_emulated "sqlite config $arch: a newer guest libsqlite3 stays emulated" sqlite3 "the host's"
    else
        expect_host "sqlite config $arch: sqlite3_config and the database ran on the host" sqlite3 \
            sqlite3_config sqlite3_initialize sqlite3_exec
    fi
done
rm -rf "$sq_tmp"
