// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SQLite's loadable extensions, in the guest (the wrap key of
 * libs/sqlite3.hl). An extension is a guest shared object: the host's
 * loader cannot open it (an aarch64 .so on an x86_64 host), and its entry
 * point must get a table of functions the guest can call. So, while SQLite
 * runs on the host, the guest loads extensions itself, as SQLite's own
 * sqlite3_load_extension does (same order of file names and entry points,
 * same checks, same error texts, the loader's own dlerror() text), and
 * gives the entry point hl_api_table: the thunk's own functions
 * (gen/api_table.h), so every call the extension makes goes to the host
 * like the program's.
 *
 * Three ways reach it: sqlite3_load_extension (the shell's .load), the SQL
 * function load_extension() (the host's built-in one would use the host's
 * loader: every new connection gets a guest one of the same name, flags and
 * checks in its place), and auto-extensions (kept in a guest list; one
 * guest function registered on the host runs them, and registers that SQL
 * function, for every new connection). Whether SQL may load extensions
 * (sqlite3_enable_load_extension, which the host cannot be asked about) is
 * followed here per connection. Without the plugin every call goes to the
 * genuine library unchanged.
 *
 * Known differences: a connection's VFS is not asked to open the file (the
 * default VFS's dlopen is used, as SQLite's unix VFS does); an extension
 * stays loaded after its connection closes.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "hostlink/thunk.h"

HL_HIDDEN extern struct hl_thunk_lib hl_thunk_lib_sqlite3;
HL_HIDDEN extern const char hl_api_table;      /* generated (gen/api_table.h); only its address is used */

/* The generated thunks these wrap (the wrap key). */
HL_HIDDEN __typeof__(sqlite3_open) hl_next_sqlite3_open;
HL_HIDDEN __typeof__(sqlite3_open16) hl_next_sqlite3_open16;
HL_HIDDEN __typeof__(sqlite3_open_v2) hl_next_sqlite3_open_v2;
HL_HIDDEN __typeof__(sqlite3_load_extension) hl_next_sqlite3_load_extension;
HL_HIDDEN __typeof__(sqlite3_enable_load_extension) hl_next_sqlite3_enable_load_extension;
HL_HIDDEN __typeof__(sqlite3_auto_extension) hl_next_sqlite3_auto_extension;
HL_HIDDEN __typeof__(sqlite3_cancel_auto_extension) hl_next_sqlite3_cancel_auto_extension;
HL_HIDDEN __typeof__(sqlite3_reset_auto_extension) hl_next_sqlite3_reset_auto_extension;
HL_HIDDEN __typeof__(sqlite3_shutdown) hl_next_sqlite3_shutdown;

/* SQLite's limit on an extension's file name (its SQLITE_MAX_PATHLEN). */
#define MAX_PATHLEN 4096

typedef int (*entry_point)(sqlite3 *, char **, const void *);

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int dispatcher_registered;
static entry_point *autos;              /* the guest's auto-extensions, in SQLite's order */
static unsigned n_autos;
static sqlite3 **sql_loading;           /* connections whose SQL may load extensions */
static unsigned n_sql_loading;

static int native(void)
{
    return hl_native(&hl_thunk_lib_sqlite3);
}

/* ---- whether SQL's load_extension() may load (SQLite's LoadExtFunc flag) ---- */

static int sql_may_load(sqlite3 *db)
{
    int found = 0;
    pthread_mutex_lock(&lock);
    for (unsigned i = 0; i < n_sql_loading && !found; i++) {
        found = sql_loading[i] == db;
    }
    pthread_mutex_unlock(&lock);
    return found;
}

static void set_sql_may_load(sqlite3 *db, int on)
{
    pthread_mutex_lock(&lock);
    for (unsigned i = 0; i < n_sql_loading; i++) {
        if (sql_loading[i] == db) {
            sql_loading[i] = sql_loading[--n_sql_loading];
            break;
        }
    }
    sqlite3 **more = on ? realloc(sql_loading, (n_sql_loading + 1) * sizeof(*more)) : NULL;
    if (more) {
        sql_loading = more;
        sql_loading[n_sql_loading++] = db;
    }
    pthread_mutex_unlock(&lock);
}

/* ---- loading, as SQLite's sqlite3LoadExtension ---- */

/* SQLite's error text, then overwritten by the loader's, as SQLite's unix VFS does. */
static void load_error(char **pzErrMsg, size_t n, const char *fmt, const char *a, const char *b)
{
    char *msg = sqlite3_malloc64(n);
    *pzErrMsg = msg;
    if (!msg) {
        return;
    }
    if (b) {
        sqlite3_snprintf((int)n, msg, fmt, a, b);
    } else {
        sqlite3_snprintf((int)n, msg, fmt, MAX_PATHLEN, a);
    }
    const char *why = dlerror();
    if (why) {
        sqlite3_snprintf((int)n - 1, msg, "%s", why);
    }
}

/* "sqlite3_X_init", X the lower-cased letters of the file's base name up to its first '.', "lib" dropped. */
static char *derived_entry(const char *file)
{
    size_t n = strlen(file) & 0x3fffffff;
    char *name = sqlite3_malloc64(n + 30);
    if (!name) {
        return NULL;
    }
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    if (sqlite3_strnicmp(base, "lib", 3) == 0) {
        base += 3;
    }
    size_t k = 8;
    memcpy(name, "sqlite3_", 8);
    for (; *base && *base != '.'; base++) {
        char c = *base;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            name[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    }
    memcpy(name + k, "_init", 6);
    return name;
}

static int load(sqlite3 *db, const char *file, const char *proc, char **pzErrMsg)
{
    int on = 0;
    size_t n = strlen(file);
    void *handle = NULL;

    if (pzErrMsg) {
        *pzErrMsg = NULL;
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, -1, &on);
    if (!on) {
        if (pzErrMsg) {
            *pzErrMsg = sqlite3_mprintf("not authorized");
        }
        return SQLITE_ERROR;
    }
    const char *entry = proc ? proc : "sqlite3_extension_init";
    if (n <= MAX_PATHLEN) {
        handle = dlopen(file, RTLD_NOW | RTLD_GLOBAL);
        if (!handle) {
            char *with_so = sqlite3_mprintf("%s.so", file);
            if (!with_so) {
                return SQLITE_NOMEM;
            }
            if (n + 3 <= MAX_PATHLEN) {
                handle = dlopen(with_so, RTLD_NOW | RTLD_GLOBAL);
            }
            sqlite3_free(with_so);
        }
    }
    if (!handle) {
        if (pzErrMsg) {
            load_error(pzErrMsg, n + 300, "unable to open shared library [%.*s]", file, NULL);
        }
        return SQLITE_ERROR;
    }
    entry_point init = (entry_point)dlsym(handle, entry);
    char *derived = NULL;
    if (!init && !proc) {
        derived = derived_entry(file);
        if (!derived) {
            dlclose(handle);
            return SQLITE_NOMEM;
        }
        entry = derived;
        init = (entry_point)dlsym(handle, entry);
    }
    if (!init) {
        if (pzErrMsg) {
            load_error(pzErrMsg, n + strlen(entry) + 300, "no entry point [%s] in shared library [%s]", entry,
                       file);
        }
        dlclose(handle);
        sqlite3_free(derived);
        return SQLITE_ERROR;
    }
    sqlite3_free(derived);
    char *err = NULL;
    int rc = init(db, &err, &hl_api_table);
    if (rc) {
        if (rc == SQLITE_OK_LOAD_PERMANENTLY) {
            return SQLITE_OK;
        }
        if (pzErrMsg) {
            *pzErrMsg = sqlite3_mprintf("error during initialization: %s", err);
        }
        sqlite3_free(err);
        dlclose(handle);
        return SQLITE_ERROR;
    }
    return SQLITE_OK;
}

/* ---- the SQL function load_extension(FILE [, ENTRY]), as SQLite's built-in one ---- */

static void load_extension_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *file = (const char *)sqlite3_value_text(argv[0]);
    sqlite3 *db = sqlite3_context_db_handle(ctx);
    char *err = NULL;

    if (!sql_may_load(db)) {
        sqlite3_result_error(ctx, "not authorized", -1);
        return;
    }
    const char *proc = argc == 2 ? (const char *)sqlite3_value_text(argv[1]) : NULL;
    if (file && load(db, file, proc, &err)) {
        sqlite3_result_error(ctx, err, -1);
        sqlite3_free(err);
    }
}

/* ---- every new connection: run by the host as its one auto-extension ---- */

static int new_connection(sqlite3 *db, char **pzErrMsg, const void *host_api)
{
    (void)host_api;             /* the host's table: the guest's entry points get hl_api_table */
    set_sql_may_load(db, 0);
    for (int args = 1; args <= 2; args++) {
        int rc = sqlite3_create_function(db, "load_extension", args, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
                                         load_extension_sql, NULL, NULL);
        if (rc) {
            return rc;
        }
    }
    for (unsigned i = 0;; i++) {
        pthread_mutex_lock(&lock);
        entry_point init = i < n_autos ? autos[i] : NULL;
        pthread_mutex_unlock(&lock);
        if (!init) {
            return SQLITE_OK;
        }
        char *err = NULL;
        int rc = init(db, &err, &hl_api_table);
        if (rc) {
            *pzErrMsg = err;    /* the host's "automatic extension loading failed: %s", then freed */
            return rc;
        }
        sqlite3_free(err);
    }
}

/* Registers new_connection on the host once (it initializes SQLite, as opening does). */
static int ensure_new_connection_hook(void)
{
    int rc = SQLITE_OK;
    pthread_mutex_lock(&lock);
    if (!dispatcher_registered) {
        rc = hl_next_sqlite3_auto_extension((void (*)(void))new_connection);
        dispatcher_registered = rc == SQLITE_OK;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

/* ---- the wrapped functions ---- */

HL_EXPORT int sqlite3_open(const char *filename, sqlite3 **ppDb)
{
    if (native()) {
        ensure_new_connection_hook();   /* a failure is the open's own (sqlite3_initialize) */
    }
    return hl_next_sqlite3_open(filename, ppDb);
}

HL_EXPORT int sqlite3_open16(const void *filename, sqlite3 **ppDb)
{
    if (native()) {
        ensure_new_connection_hook();
    }
    return hl_next_sqlite3_open16(filename, ppDb);
}

HL_EXPORT int sqlite3_open_v2(const char *filename, sqlite3 **ppDb, int flags, const char *zVfs)
{
    if (native()) {
        ensure_new_connection_hook();
    }
    return hl_next_sqlite3_open_v2(filename, ppDb, flags, zVfs);
}

HL_EXPORT int sqlite3_load_extension(sqlite3 *db, const char *zFile, const char *zProc, char **pzErrMsg)
{
    if (!native()) {
        return hl_next_sqlite3_load_extension(db, zFile, zProc, pzErrMsg);
    }
    return load(db, zFile, zProc, pzErrMsg);
}

HL_EXPORT int sqlite3_enable_load_extension(sqlite3 *db, int onoff)
{
    int rc = hl_next_sqlite3_enable_load_extension(db, onoff);
    if (rc == SQLITE_OK && native()) {
        set_sql_may_load(db, onoff);
    }
    return rc;
}

HL_EXPORT int sqlite3_auto_extension(void (*xEntryPoint)(void))
{
    if (!native()) {
        return hl_next_sqlite3_auto_extension(xEntryPoint);
    }
    int rc = ensure_new_connection_hook();
    if (rc) {
        return rc;
    }
    pthread_mutex_lock(&lock);
    unsigned i = 0;
    while (i < n_autos && autos[i] != (entry_point)xEntryPoint) {
        i++;
    }
    if (i == n_autos) {
        entry_point *more = realloc(autos, (n_autos + 1) * sizeof(*more));
        if (more) {
            autos = more;
            autos[n_autos++] = (entry_point)xEntryPoint;
        } else {
            rc = SQLITE_NOMEM;
        }
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

HL_EXPORT int sqlite3_cancel_auto_extension(void (*xEntryPoint)(void))
{
    if (!native()) {
        return hl_next_sqlite3_cancel_auto_extension(xEntryPoint);
    }
    int found = 0;
    pthread_mutex_lock(&lock);
    for (unsigned i = n_autos; i-- > 0;) {
        if (autos[i] == (entry_point)xEntryPoint) {
            autos[i] = autos[--n_autos];        /* SQLite's order after a cancel */
            found = 1;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    return found;
}

HL_EXPORT void sqlite3_reset_auto_extension(void)
{
    if (!native()) {
        hl_next_sqlite3_reset_auto_extension();
        return;
    }
    pthread_mutex_lock(&lock);
    n_autos = 0;
    pthread_mutex_unlock(&lock);
}

/* SQLite's shutdown forgets the host's auto-extensions, new_connection with them. */
HL_EXPORT int sqlite3_shutdown(void)
{
    int rc = hl_next_sqlite3_shutdown();
    if (native()) {
        pthread_mutex_lock(&lock);
        dispatcher_registered = 0;
        n_autos = 0;
        pthread_mutex_unlock(&lock);
    }
    return rc;
}
