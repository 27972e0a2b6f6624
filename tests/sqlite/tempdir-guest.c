// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Uses sqlite3_temp_directory, a variable the program and the library
 * share: hostlink refuses it (gen/data.h), so a program that takes it keeps
 * SQLite emulated (tests/sqlite/api.sh checks the reason and the output).
 */
#include <stdio.h>
#include <sqlite3.h>

int main(void)
{
    sqlite3 *db;
    sqlite3_temp_directory = sqlite3_mprintf("%s", "/tmp");
    sqlite3_open(":memory:", &db);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "PRAGMA temp_store_directory", -1, &st, NULL);
    printf("temp dir: %s\n", sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "?");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return 0;
}
