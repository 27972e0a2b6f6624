# SPDX-License-Identifier: GPL-2.0-or-later
# `hostlink list --functions NAME`: each function of a library, passed or
# refused with the reason, from the generator's own list
# (build/gen/NAME.functions, installed as share/hostlink/functions/NAME).

out=$("$B/bin/hostlink" list --functions sqlite3 2>&1)
check "list --functions sqlite3 exits 0" "$B/bin/hostlink" list --functions sqlite3
check "list --functions: a passed function" grep -qE '^sqlite3_open_v2 +passed: runs on the host$' <<<"$out"
check "list --functions: a kept-table function" grep -qE '^sqlite3_vfs_register +passed' <<<"$out"
check "list --functions: the shared variable, refused with its reason" \
    grep -qE '^sqlite3_temp_directory +refused: a variable shared by program and library' <<<"$out"
check "list --functions: an excluded function, refused with its reason" \
    grep -qE '^sqlite3_database_file_object +refused: returns the library.s sqlite3_file' <<<"$out"
check "list --functions: an extension API table entry the thunk lacks, NULL with its reason" \
    grep -qE '^sqlite3_api_routines.normalized_sql +refused: NULL in the table extensions get \(sqlite3ext.h\): the thunk lacks sqlite3_normalized_sql$' <<<"$out"
check "list --functions: exported but undeclared internals, refused" \
    grep -qE '^sqlite3VdbeExec +refused: exported but not declared in the header' <<<"$out"
expect_eq "list --functions: one line per function of the generator's list, and a summary" \
    "$(($(wc -l <"$B/gen/sqlite3.functions") + 1))" "$(wc -l <<<"$out")"
expect_eq "list --functions: the summary counts the host functions" \
    "# sqlite3: $(awk -F'\t' '$2 == "host"' "$B/gen/sqlite3.functions" | wc -l) functions pass through, $(awk -F'\t' '$2 != "host"' "$B/gen/sqlite3.functions" | wc -l) do not" \
    "$(tail -1 <<<"$out")"
check "list --functions: zlib, every function passed" \
    bash -c "! '$B/bin/hostlink' list --functions zlib | grep -v '^#' | grep -qv 'passed: runs on the host'"
"$B/bin/hostlink" list --functions no-such-lib >/dev/null 2>&1
expect_eq "list --functions: an unknown library exits 2" 2 "$?"
"$B/bin/hostlink" list --functions ../share/hostlink/libs.list >/dev/null 2>&1
expect_eq "list --functions: a path is no library name (exit 2)" 2 "$?"
