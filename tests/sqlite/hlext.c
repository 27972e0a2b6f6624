// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A SQLite loadable extension for the tests (tests/sqlite/loadext.sh), built
 * per guest at test time as libhlext.so: a scalar function and a collation,
 * registered through the table of functions SQLite hands its entry point,
 * and two more entry points, one that fails and one that asks to stay
 * loaded.
 */
#include <string.h>
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

static void half(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    sqlite3_result_double(ctx, sqlite3_value_double(argv[0]) / 2);
}

static int reverse(void *arg, int n1, const void *a, int n2, const void *b)
{
    (void)arg;
    int c = memcmp(a, b, (size_t)(n1 < n2 ? n1 : n2));
    return -(c ? c : n1 - n2);
}

/* The name SQLite derives from "libhlext.so". */
int sqlite3_hlext_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi)
{
    SQLITE_EXTENSION_INIT2(pApi);
    (void)pzErrMsg;
    int rc = sqlite3_create_function(db, "half", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, half, NULL, NULL);
    return rc ? rc : sqlite3_create_collation_v2(db, "reverse", SQLITE_UTF8, NULL, reverse, NULL);
}

int hlext_failing_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi)
{
    SQLITE_EXTENSION_INIT2(pApi);
    (void)db;
    *pzErrMsg = sqlite3_mprintf("refused on purpose (%d)", 42);
    return SQLITE_ERROR;
}

int hlext_permanent_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi)
{
    int rc = sqlite3_hlext_init(db, pzErrMsg, pApi);
    return rc ? rc : SQLITE_OK_LOAD_PERMANENTLY;
}
