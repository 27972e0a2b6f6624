// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sqlite3_config's options holding structs of callbacks (tests/sqlite/
 * config.sh), before sqlite3_initialize: GETMALLOC (the library's own
 * allocator, called from here), MALLOC with a counting allocator around
 * it, GETMALLOC again (the counting one comes back and counts), GETPCACHE2
 * and PCACHE2 with a counting xFetch around the default page cache, GETMUTEX
 * (empty before initialization) and MUTEX with mutexes of our own. Then a
 * database made and read, which must go through all three. Printed: what a
 * program can rely on, the same natively and through hostlink.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

static sqlite3_mem_methods lib_mem;
static sqlite3_pcache_methods2 lib_pcache;
static unsigned long n_malloc, n_free, n_realloc, n_fetch, n_mutex_enter, n_mutex_alloc;

static void *count_malloc(int n)
{
    n_malloc++;
    return lib_mem.xMalloc(n);
}

static void count_free(void *p)
{
    n_free++;
    lib_mem.xFree(p);
}

static void *count_realloc(void *p, int n)
{
    n_realloc++;
    return lib_mem.xRealloc(p, n);
}

static sqlite3_pcache_page *count_fetch(sqlite3_pcache *c, unsigned key, int create)
{
    n_fetch++;
    return lib_pcache.xFetch(c, key, create);
}

/* Mutexes of our own: recursive pthread mutexes, the static ones made once. */
struct sqlite3_mutex {
    pthread_mutex_t m;
};
static struct sqlite3_mutex statics[16];

static int mutex_init(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    for (unsigned i = 0; i < sizeof(statics) / sizeof(statics[0]); i++) {
        pthread_mutex_init(&statics[i].m, &a);
    }
    return SQLITE_OK;
}

static int mutex_end(void)
{
    return SQLITE_OK;
}

static sqlite3_mutex *mutex_alloc(int kind)
{
    n_mutex_alloc++;
    if (kind > SQLITE_MUTEX_RECURSIVE) {
        return kind < 16 ? &statics[kind] : NULL;
    }
    sqlite3_mutex *m = malloc(sizeof(*m));
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&m->m, &a);
    return m;
}

static void mutex_free(sqlite3_mutex *m)
{
    free(m);
}

static void mutex_enter(sqlite3_mutex *m)
{
    n_mutex_enter++;
    pthread_mutex_lock(&m->m);
}

static int mutex_try(sqlite3_mutex *m)
{
    return pthread_mutex_trylock(&m->m) ? SQLITE_BUSY : SQLITE_OK;
}

static void mutex_leave(sqlite3_mutex *m)
{
    pthread_mutex_unlock(&m->m);
}

static const sqlite3_mutex_methods my_mutexes = {
    mutex_init, mutex_end, mutex_alloc, mutex_free, mutex_enter, mutex_try, mutex_leave, NULL, NULL,
};

static int row(void *arg, int n, char **values, char **names)
{
    (void)arg;
    (void)names;
    for (int i = 0; i < n; i++) {
        printf("%s%s", i ? "|" : "", values[i] ? values[i] : "NULL");
    }
    printf("\n");
    return 0;
}

int main(void)
{
    printf("GETMALLOC: %d\n", sqlite3_config(SQLITE_CONFIG_GETMALLOC, &lib_mem));
    void *p = lib_mem.xMalloc(100);
    printf("the library's xMalloc(100): %s, xSize >= 100: %d\n", p ? "memory" : "NULL", lib_mem.xSize(p) >= 100);
    p = lib_mem.xRealloc(p, 5000);
    printf("xRealloc(5000): xSize >= 5000: %d, xRoundup(7) >= 7: %d\n", lib_mem.xSize(p) >= 5000,
           lib_mem.xRoundup(7) >= 7);
    lib_mem.xFree(p);

    sqlite3_mem_methods counting = lib_mem, back;
    counting.xMalloc = count_malloc;
    counting.xFree = count_free;
    counting.xRealloc = count_realloc;
    printf("MALLOC: %d\n", sqlite3_config(SQLITE_CONFIG_MALLOC, &counting));
    memset(&back, 0, sizeof(back));
    printf("GETMALLOC again: %d\n", sqlite3_config(SQLITE_CONFIG_GETMALLOC, &back));
    unsigned long before = n_malloc;
    p = back.xMalloc(64);
    back.xFree(p);
    printf("its xMalloc is the counting one: %d\n", n_malloc == before + 1);

    sqlite3_mutex_methods none;
    memset(&none, 0xff, sizeof(none));
    printf("GETMUTEX: %d, before initialization empty: %d\n", sqlite3_config(SQLITE_CONFIG_GETMUTEX, &none),
           none.xMutexAlloc == NULL && none.xMutexEnter == NULL);
    printf("MUTEX: %d\n", sqlite3_config(SQLITE_CONFIG_MUTEX, &my_mutexes));

    printf("GETPCACHE2: %d\n", sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &lib_pcache));
    sqlite3_pcache_methods2 counting_cache = lib_pcache;
    counting_cache.xFetch = count_fetch;
    printf("PCACHE2: %d\n", sqlite3_config(SQLITE_CONFIG_PCACHE2, &counting_cache));

    printf("initialize: %d\n", sqlite3_initialize());
    printf("MALLOC after initialization: %d\n", sqlite3_config(SQLITE_CONFIG_MALLOC, &counting));
    sqlite3 *db;
    printf("open: %d\n", sqlite3_open(":memory:", &db));
    sqlite3_exec(db, "CREATE TABLE t(x, y); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c "
                     "WHERE i < 2000) INSERT INTO t SELECT i, printf('row %d', i) FROM c; "
                     "SELECT count(*), sum(x), max(y) FROM t", row, NULL, NULL);
    sqlite3_close(db);
    printf("the counting allocator ran: %d, freed: %d, reallocated: %d\n", n_malloc > 10, n_free > 10,
           n_realloc > 0);
    printf("the counting page cache ran: %d\n", n_fetch > 10);
    printf("our mutexes ran: %d %d\n", n_mutex_alloc > 0, n_mutex_enter > 10);
    printf("shutdown: %d\n", sqlite3_shutdown());
    return 0;
}
