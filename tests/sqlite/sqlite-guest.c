// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SQLite's hard cases for hostlink (tests/sqlite/api.sh): printf-style
 * functions with every conversion, SQLITE_STATIC/SQLITE_TRANSIENT and a
 * guest destructor, sqlite3_version, functions, aggregates, collations,
 * sqlite3_exec callbacks, a virtual table module (with xFindFunction) and a
 * VFS of the program's own wrapping the library's default one (kept
 * callback tables both ways). Prints what it sees; the test compares that
 * with plain emulation. `sqlite-guest badfmt` makes printf-style calls
 * hostlink must refuse: it prints what came back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

static int destroyed;

static void count_destroy(void *p)
{
    destroyed++;
    free(p);
}

static void half(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    sqlite3_result_double(ctx, sqlite3_value_double(argv[0]) / 2);
}

static void upper_guest(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const unsigned char *s = sqlite3_value_text(argv[0]);
    char *out = sqlite3_mprintf("<%s:%d>", s ? (const char *)s : "null", argc);
    for (char *c = out; *c; c++) {
        *c = (char)(*c >= 'a' && *c <= 'z' ? *c - 32 : *c);
    }
    sqlite3_result_text(ctx, out, -1, sqlite3_free);
}

struct sum { long long total, n; };

static void sum_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct sum *s = sqlite3_aggregate_context(ctx, sizeof(*s));
    (void)argc;
    s->total += sqlite3_value_int64(argv[0]) * 3;
    s->n++;
}

static void sum_final(sqlite3_context *ctx)
{
    struct sum *s = sqlite3_aggregate_context(ctx, 0);
    sqlite3_result_text(ctx, sqlite3_mprintf("%lld/%lld", s ? s->total : 0, s ? s->n : 0), -1, sqlite3_free);
}

/* Reverse order of the strings' last characters, then the whole. */
static int backwards(void *arg, int n1, const void *a, int n2, const void *b)
{
    const char *x = a, *y = b;
    (*(int *)arg)++;
    if (n1 && n2 && x[n1 - 1] != y[n2 - 1]) {
        return y[n2 - 1] - x[n1 - 1];
    }
    int n = n1 < n2 ? n1 : n2, c = memcmp(y, x, (size_t)n);
    return c ? c : n2 - n1;
}

static int print_row(void *tag, int n, char **values, char **names)
{
    printf("%s:", (const char *)tag);
    for (int i = 0; i < n; i++) {
        printf(" %s=%s", names[i], values[i] ? values[i] : "NULL");
    }
    printf("\n");
    return 0;
}

/* ---- a virtual table: numbers 1..N (N = the table's argument) ---------- */
struct nums_vtab { sqlite3_vtab base; int n; };
struct nums_cursor { sqlite3_vtab_cursor base; int at; };

static int nums_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out,
                        char **err)
{
    (void)aux;
    (void)err;
    int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(value INTEGER)");
    struct nums_vtab *v = sqlite3_malloc(sizeof(*v));
    memset(v, 0, sizeof(*v));
    v->n = argc > 3 ? atoi(argv[3]) : 5;
    *out = &v->base;
    return rc;
}
static int nums_disconnect(sqlite3_vtab *v) { sqlite3_free(v); return SQLITE_OK; }
static int nums_best_index(sqlite3_vtab *v, sqlite3_index_info *info)
{
    (void)v;
    info->estimatedCost = 10;
    return SQLITE_OK;
}
static int nums_open(sqlite3_vtab *v, sqlite3_vtab_cursor **out)
{
    (void)v;
    struct nums_cursor *c = sqlite3_malloc(sizeof(*c));
    memset(c, 0, sizeof(*c));
    *out = &c->base;
    return SQLITE_OK;
}
static int nums_close(sqlite3_vtab_cursor *c) { sqlite3_free(c); return SQLITE_OK; }
static int nums_filter(sqlite3_vtab_cursor *c, int idx, const char *s, int argc, sqlite3_value **argv)
{
    (void)idx; (void)s; (void)argc; (void)argv;
    ((struct nums_cursor *)c)->at = 1;
    return SQLITE_OK;
}
static int nums_next(sqlite3_vtab_cursor *c) { ((struct nums_cursor *)c)->at++; return SQLITE_OK; }
static int nums_eof(sqlite3_vtab_cursor *c)
{
    return ((struct nums_cursor *)c)->at > ((struct nums_vtab *)c->pVtab)->n;
}
static int nums_column(sqlite3_vtab_cursor *c, sqlite3_context *ctx, int i)
{
    (void)i;
    sqlite3_result_int(ctx, ((struct nums_cursor *)c)->at * 10);
    return SQLITE_OK;
}
static int nums_rowid(sqlite3_vtab_cursor *c, sqlite3_int64 *rowid)
{
    *rowid = ((struct nums_cursor *)c)->at;
    return SQLITE_OK;
}
static int find_calls;
static int nums_find_function(sqlite3_vtab *v, int n, const char *name,
                              void (**fn)(sqlite3_context *, int, sqlite3_value **), void **arg)
{
    (void)v; (void)n; (void)arg;
    find_calls++;
    if (strcmp(name, "half") == 0) {
        *fn = half;
        return 1;
    }
    return 0;
}
static const sqlite3_module nums_module = {
    .xCreate = nums_connect, .xConnect = nums_connect, .xBestIndex = nums_best_index,
    .xDisconnect = nums_disconnect, .xDestroy = nums_disconnect, .xOpen = nums_open,
    .xClose = nums_close, .xFilter = nums_filter, .xNext = nums_next, .xEof = nums_eof,
    .xColumn = nums_column, .xRowid = nums_rowid, .xFindFunction = nums_find_function,
};

/* ---- a VFS of our own around the default one, counting what it does ---- */
static sqlite3_vfs *base_vfs;
static int n_open, n_read, n_write, n_close;
struct counted_file { sqlite3_file base; sqlite3_file *real; };

static int cf_close(sqlite3_file *f)
{
    struct counted_file *c = (struct counted_file *)f;
    n_close++;
    int rc = c->real->pMethods ? c->real->pMethods->xClose(c->real) : SQLITE_OK;
    sqlite3_free(c->real);
    return rc;
}
static int cf_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 at)
{
    n_read++;
    sqlite3_file *r = ((struct counted_file *)f)->real;
    return r->pMethods->xRead(r, buf, n, at);
}
static int cf_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 at)
{
    n_write++;
    sqlite3_file *r = ((struct counted_file *)f)->real;
    return r->pMethods->xWrite(r, buf, n, at);
}
#define FORWARD(name, decl, call) \
    static int cf_##name decl { sqlite3_file *r = ((struct counted_file *)f)->real; return r->pMethods->x##call; }
FORWARD(truncate, (sqlite3_file *f, sqlite3_int64 size), Truncate(r, size))
FORWARD(sync, (sqlite3_file *f, int flags), Sync(r, flags))
FORWARD(size, (sqlite3_file *f, sqlite3_int64 *size), FileSize(r, size))
FORWARD(lock, (sqlite3_file *f, int l), Lock(r, l))
FORWARD(unlock, (sqlite3_file *f, int l), Unlock(r, l))
FORWARD(reserved, (sqlite3_file *f, int *out), CheckReservedLock(r, out))
FORWARD(control, (sqlite3_file *f, int op, void *arg), FileControl(r, op, arg))
FORWARD(sector, (sqlite3_file *f), SectorSize(r))
FORWARD(device, (sqlite3_file *f), DeviceCharacteristics(r))

static const sqlite3_io_methods counted_methods = {
    .iVersion = 1, .xClose = cf_close, .xRead = cf_read, .xWrite = cf_write, .xTruncate = cf_truncate,
    .xSync = cf_sync, .xFileSize = cf_size, .xLock = cf_lock, .xUnlock = cf_unlock,
    .xCheckReservedLock = cf_reserved, .xFileControl = cf_control, .xSectorSize = cf_sector,
    .xDeviceCharacteristics = cf_device,
};

static int cv_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *out_flags)
{
    struct counted_file *c = (struct counted_file *)f;
    (void)vfs;
    n_open++;
    c->real = sqlite3_malloc(base_vfs->szOsFile);
    memset(c->real, 0, (size_t)base_vfs->szOsFile);
    int rc = base_vfs->xOpen(base_vfs, name, c->real, flags, out_flags);
    c->base.pMethods = rc == SQLITE_OK ? &counted_methods : NULL;
    if (rc != SQLITE_OK) {
        sqlite3_free(c->real);
    }
    return rc;
}
static int cv_delete(sqlite3_vfs *v, const char *name, int sync)
{
    (void)v;
    return base_vfs->xDelete(base_vfs, name, sync);
}
static int cv_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
    (void)v;
    return base_vfs->xAccess(base_vfs, name, flags, out);
}
static int cv_full(sqlite3_vfs *v, const char *name, int n, char *out)
{
    (void)v;
    return base_vfs->xFullPathname(base_vfs, name, n, out);
}
static int cv_random(sqlite3_vfs *v, int n, char *out)
{
    (void)v;
    memset(out, 7, (size_t)n);
    return n;
}
static int cv_sleep(sqlite3_vfs *v, int us) { (void)v; return us; }
static int cv_time(sqlite3_vfs *v, double *t) { (void)v; *t = 2460000.5; return 0; }
static int cv_error(sqlite3_vfs *v, int n, char *out) { (void)v; (void)n; (void)out; return 0; }

static sqlite3_vfs counted_vfs = {
    .iVersion = 1, .mxPathname = 512, .zName = "counted", .xOpen = cv_open, .xDelete = cv_delete,
    .xAccess = cv_access, .xFullPathname = cv_full, .xRandomness = cv_random, .xSleep = cv_sleep,
    .xCurrentTime = cv_time, .xGetLastError = cv_error,
};

static void check(int rc, sqlite3 *db, const char *what)
{
    if (rc != SQLITE_OK) {
        printf("%s: rc %d: %s\n", what, rc, db ? sqlite3_errmsg(db) : "");
    }
}

static void printf_conversions(void)
{
    char buf[64];
    char *s = sqlite3_mprintf("d=%d i=%5i u=%u x=%x X=%#X o=%o c=%c s=%s .3s=%.3s %%", -42, 7, 3000000000u,
                              255, 255, 8, 'Q', "text", "abcdef");
    printf("mprintf: %s\n", s);
    sqlite3_free(s);
    s = sqlite3_mprintf("lld=%lld llu=%llu f=%f .2f=%.2f e=%e g=%g G=%G *=%*d .*=%.*f p=%s", -1234567890123LL,
                        18446744073709551615ULL, 3.14159, 2.71828, 12345.678, 0.0001, 1e20, 6, 42, 3, 1.5,
                        "x");
    printf("mprintf: %s\n", s);
    sqlite3_free(s);
    s = sqlite3_mprintf("q=%q Q=%Q Qnull=%Q w=%w z=%z !.3g=%!.3g ,d=%,d", "it's", "it's", (char *)NULL, "a\"b",
                        sqlite3_mprintf("owned"), 1.0, 1234567);
    printf("mprintf: %s\n", s);
    sqlite3_free(s);
    sqlite3_snprintf(sizeof(buf), buf, "snprintf %05d|%-6s|%q", 42, "ab", "o'k");
    printf("%s\n", buf);
    sqlite3_str *str = sqlite3_str_new(NULL);
    sqlite3_str_appendf(str, "str %d %s %Q", 1, "two", "th'ree");
    s = sqlite3_str_finish(str);
    printf("%s\n", s);
    sqlite3_free(s);
}

static int bad_formats(void)
{
    int n = 0;
    errno = 0;
    char *s = sqlite3_mprintf("count%n", &n);
    printf("%%n: %s errno=%s\n", s ? s : "NULL", errno == EINVAL ? "EINVAL" : "other");
    sqlite3_free(s);
    errno = 0;
    s = sqlite3_mprintf("%d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d "
                        "%d %d %d %d %d %d", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
                        20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33);
    printf("33 args: %s errno=%s\n", s ? s : "NULL", errno == EINVAL ? "EINVAL" : "other");
    sqlite3_free(s);
    s = sqlite3_mprintf("still %s", "fine");
    printf("after: %s\n", s);
    sqlite3_free(s);
    return 0;
}

int main(int argc, char **argv)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    int compares = 0;

    if (argc > 1 && strcmp(argv[1], "badfmt") == 0) {
        return bad_formats();
    }
    printf("version data: %s, same as libversion: %s\n", sqlite3_version,
           strcmp(sqlite3_version, sqlite3_libversion()) == 0 ? "yes" : "no");
    printf_conversions();

    check(sqlite3_open(":memory:", &db), db, "open");
    check(sqlite3_create_function(db, "guest_upper", -1, SQLITE_UTF8, NULL, upper_guest, NULL, NULL), db, "fn");
    check(sqlite3_create_function(db, "sum3", 1, SQLITE_UTF8, NULL, NULL, sum_step, sum_final), db, "agg");
    check(sqlite3_create_collation(db, "backwards", SQLITE_UTF8, &compares, backwards), db, "collation");
    check(sqlite3_exec(db, "CREATE TABLE t(a INTEGER, b TEXT); "
                           "INSERT INTO t VALUES (1,'apple'),(2,'pear'),(3,'fig'),(4,'kiwi'),(5,'plum');",
                       NULL, NULL, NULL), db, "create");
    check(sqlite3_exec(db, "SELECT guest_upper(b) AS u, guest_upper(a, b) AS v FROM t ORDER BY a", print_row,
                       "fn", NULL), db, "select fn");
    check(sqlite3_exec(db, "SELECT sum3(a) AS s FROM t", print_row, "agg", NULL), db, "select agg");
    check(sqlite3_exec(db, "SELECT b FROM t ORDER BY b COLLATE backwards", print_row, "coll", NULL), db, "coll");
    printf("collation compared: %s\n", compares > 0 ? "yes" : "no");

    /* Sentinel destructors and a guest one. */
    static const char fixed[] = "static text";
    char *volatile_text = strdup("transient text");
    check(sqlite3_prepare_v2(db, "SELECT ?1 || ' / ' || ?2 || ' / ' || ?3", -1, &st, NULL), db, "prepare");
    sqlite3_bind_text(st, 1, fixed, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, volatile_text, -1, SQLITE_TRANSIENT);
    memset(volatile_text, 'X', strlen(volatile_text));
    sqlite3_bind_text(st, 3, strdup("owned text"), -1, count_destroy);
    while (sqlite3_step(st) == SQLITE_ROW) {
        printf("bound: %s\n", sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    free(volatile_text);
    printf("guest destructor ran: %d\n", destroyed);

    /* A virtual table module of the guest's, kept by the library. */
    check(sqlite3_create_module(db, "nums", &nums_module, NULL), db, "module");
    check(sqlite3_exec(db, "CREATE VIRTUAL TABLE v USING nums(4)", NULL, NULL, NULL), db, "vtab");
    check(sqlite3_exec(db, "SELECT value, rowid FROM v WHERE value > 10", print_row, "vtab", NULL), db, "vsel");
    check(sqlite3_overload_function(db, "half", 1), db, "overload");
    check(sqlite3_exec(db, "SELECT half(value) AS h FROM v", print_row, "find", NULL), db, "find");
    printf("xFindFunction called: %s\n", find_calls > 0 ? "yes" : "no");
    check(sqlite3_exec(db, "DROP TABLE v", NULL, NULL, NULL), db, "drop");
    sqlite3_close(db);

    /* A VFS of the guest's around the library's default one. */
    base_vfs = sqlite3_vfs_find(NULL);
    printf("default vfs: %s, %s file size, pathname %s\n", base_vfs->zName,
           base_vfs->szOsFile > 0 ? "a" : "no", base_vfs->mxPathname > 0 ? "ok" : "bad");
    counted_vfs.szOsFile = (int)sizeof(struct counted_file);
    check(sqlite3_vfs_register(&counted_vfs, 0), NULL, "vfs register");
    printf("found counted: %s\n", sqlite3_vfs_find("counted") == &counted_vfs ? "the guest's own" : "other");
    const char *path = argc > 1 ? argv[1] : "sqlite-guest.db";
    remove(path);
    check(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "counted"), db, "open vfs");
    check(sqlite3_exec(db, "CREATE TABLE f(x); INSERT INTO f SELECT value FROM (WITH RECURSIVE c(value) AS "
                           "(SELECT 1 UNION ALL SELECT value + 1 FROM c WHERE value < 300) SELECT value FROM c);",
                       NULL, NULL, NULL), db, "fill");
    check(sqlite3_exec(db, "SELECT count(*) AS n, sum(x) AS s FROM f", print_row, "vfs", NULL), db, "sum");
    sqlite3_close(db);
    printf("vfs: opened %d, read %s, wrote %s, closed %d\n", n_open, n_read > 0 ? "yes" : "no",
           n_write > 0 ? "yes" : "no", n_close);
    check(sqlite3_vfs_unregister(&counted_vfs), NULL, "vfs unregister");
    printf("after unregister: %s\n", sqlite3_vfs_find("counted") ? "still there" : "gone");
    return 0;
}
