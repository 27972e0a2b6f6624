// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SQLite's extension loading from a program (tests/sqlite/loadext.sh):
 * sqlite3_load_extension and the SQL function load_extension() with
 * loading off, on for the C API only, on for both; a missing file, a
 * missing entry point, a failing one; auto-extensions registered,
 * cancelled, failing and reset. Every result code and message is printed,
 * to be compared with plain emulation. argv[1]: the directory holding
 * libhlext.so.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <sqlite3.h>

static void sql(sqlite3 *db, const char *what, const char *q)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, q, -1, &st, NULL);
    printf("%s: ", what);
    if (rc != SQLITE_OK) {
        printf("prepare %d: %s\n", rc, sqlite3_errmsg(db));
        return;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const unsigned char *t = sqlite3_column_text(st, c);
            printf("%s%s", c ? "|" : "", t ? (const char *)t : "NULL");
        }
        printf(";");
    }
    printf(rc == SQLITE_DONE ? " done\n" : " step %d: %s\n", rc, sqlite3_errmsg(db));
    sqlite3_finalize(st);
}

static void load(sqlite3 *db, const char *what, const char *file, const char *proc)
{
    char *err = NULL;
    int rc = sqlite3_load_extension(db, file, proc, &err);
    printf("%s: %d %s\n", what, rc, err ? err : "(no message)");
    sqlite3_free(err);
}

int main(int argc, char **argv)
{
    sqlite3 *db, *db2;
    char full[4200], bare[4200], missing[4200];

    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    snprintf(full, sizeof(full), "%s/libhlext.so", argv[1]);
    snprintf(bare, sizeof(bare), "%s/libhlext", argv[1]);
    snprintf(missing, sizeof(missing), "%s/nothing-here", argv[1]);
    sqlite3_open(":memory:", &db);

    int on = -1;
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, -1, &on);
    printf("C API loading at first: %d\n", on);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &on);
    printf("C API disabled: %d\n", on);
    load(db, "C API, loading off", full, NULL);
    sql(db, "SQL, loading off", "SELECT load_extension('x')");
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 1, &on);
    printf("C API enabled: %d\n", on);
    load(db, "C API, no suffix, derived entry point", bare, NULL);
    sql(db, "the extension's function", "SELECT half(9), half(-3)");
    sql(db, "the extension's collation",
        "SELECT column1 FROM (VALUES('b'),('a'),('c')) ORDER BY 1 COLLATE reverse");
    sql(db, "SQL, C API only enabled", "SELECT load_extension('x')");
    load(db, "missing file", missing, NULL);
    load(db, "missing entry point", full, "no_such_init");
    load(db, "failing entry point", full, "hlext_failing_init");
    load(db, "permanent", full, "hlext_permanent_init");
    load(db, "no message wanted", missing, NULL);
    printf("rc without pzErrMsg: %d\n", sqlite3_load_extension(db, missing, NULL, NULL));

    sqlite3_enable_load_extension(db, 1);
    sqlite3_open(":memory:", &db2);
    sqlite3_enable_load_extension(db2, 1);
    char q[8600];
    sqlite3_snprintf(sizeof(q), q, "SELECT load_extension(%Q) IS NULL", full);
    sql(db2, "SQL, enabled", q);
    sql(db2, "SQL, the extension's function", "SELECT half(5)");
    sqlite3_snprintf(sizeof(q), q, "SELECT load_extension(%Q, 'hlext_failing_init')", full);
    sql(db2, "SQL, failing entry point", q);
    sqlite3_snprintf(sizeof(q), q, "SELECT load_extension(%Q)", missing);
    sql(db2, "SQL, missing file", q);
    sql(db2, "SQL, NULL file", "SELECT load_extension(NULL)");
    sqlite3_enable_load_extension(db2, 0);
    sql(db2, "SQL, disabled again", q);
    load(db2, "C API, disabled again", full, NULL);
    sqlite3_close(db2);

    /* Auto-extensions: entry points of the extension, found as a program finds them. */
    void *h = dlopen(full, RTLD_NOW);
    void (*good)(void) = h ? (void (*)(void))dlsym(h, "sqlite3_hlext_init") : NULL;
    void (*bad)(void) = h ? (void (*)(void))dlsym(h, "hlext_failing_init") : NULL;
    if (!good || !bad) {
        printf("dlopen: %s\n", dlerror());
        return 1;
    }
    printf("auto_extension: %d, again: %d\n", sqlite3_auto_extension(good), sqlite3_auto_extension(good));
    int rc = sqlite3_open(":memory:", &db2);
    printf("open with it: %d\n", rc);
    sql(db2, "auto-extension's function", "SELECT half(1)");
    sqlite3_close(db2);
    printf("cancel: %d, again: %d\n", sqlite3_cancel_auto_extension(good), sqlite3_cancel_auto_extension(good));
    sqlite3_open(":memory:", &db2);
    sql(db2, "after cancel", "SELECT half(1)");
    sqlite3_close(db2);
    sqlite3_auto_extension(good);
    sqlite3_auto_extension(bad);
    rc = sqlite3_open(":memory:", &db2);
    printf("open with a failing one: %d %s\n", rc, sqlite3_errmsg(db2));
    sqlite3_close(db2);
    sqlite3_reset_auto_extension();
    rc = sqlite3_open(":memory:", &db2);
    printf("after reset: %d\n", rc);
    sql(db2, "after reset", "SELECT half(1)");
    sqlite3_close(db2);
    sqlite3_close(db);
    printf("done\n");
    return 0;
}
