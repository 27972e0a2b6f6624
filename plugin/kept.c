// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kept callback tables (gen/kept.h): the two faces of a table a library
 * keeps, the host copy of a guest table (closures) and the guest view of a
 * host table (guest stubs), and the map between each table and its other
 * face. Runs on a host call's coroutine, under the fault net: a bad guest
 * pointer ends the call, and guest memory is read before the lock is taken
 * and before anything is recorded, so a fault leaves no half-made face.
 */
#include <glib.h>
#include <string.h>
#include "libs/generated.h"
#include "log.h"

/* A table (either side) and its other face. */
struct face {
    const void *peer;
    bool host_side;             /* this table is the host's (a host copy or a host original) */
    bool view;                  /* the pair is a host original and its guest view */
};

struct key {
    const void *table;
    const struct hl_record *record;
};

static GMutex lock;
static GHashTable *faces;       /* struct key -> struct face; few: one per table */
static GHashTable *refused;     /* what hl_generic_fn_refused_of said */

/* Nesting of pointers to tables converted in one go (sqlite3_vfs.pNext chains). */
#define MAX_DEPTH 16

static guint key_hash(gconstpointer k)
{
    const struct key *key = k;
    return g_direct_hash(key->table) ^ g_direct_hash(key->record);
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
    const struct key *x = a, *y = b;
    return x->table == y->table && x->record == y->record;
}

/* The face recorded for @table, copied out under the lock; false if none. */
static bool lookup(const void *table, const struct hl_record *r, struct face *out)
{
    struct key k = { table, r };
    g_mutex_lock(&lock);
    struct face *f = faces ? g_hash_table_lookup(faces, &k) : NULL;
    if (f) {
        *out = *f;
    }
    g_mutex_unlock(&lock);
    return f != NULL;
}

/* Under the lock. */
static void record_pair(const void *guest_side, const void *host_side, const struct hl_record *r, bool view)
{
    if (!faces) {
        faces = g_hash_table_new_full(key_hash, key_equal, g_free, g_free);
    }
    struct key *g = g_new(struct key, 1), *h = g_new(struct key, 1);
    struct face *gf = g_new(struct face, 1), *hf = g_new(struct face, 1);
    *g = (struct key){ guest_side, r };
    *h = (struct key){ host_side, r };
    *gf = (struct face){ host_side, false, view };
    *hf = (struct face){ guest_side, true, view };
    g_hash_table_replace(faces, g, gf);
    g_hash_table_replace(faces, h, hf);
}

static const void *to_host(struct hostlink_lib *lib, const void *p, const struct hl_record *r, int depth);
static const void *to_guest(struct hostlink_lib *lib, const void *p, const struct hl_record *r, int depth);

static uint64_t field_at(const void *table, size_t offset)
{
    uint64_t v;
    memcpy(&v, (const char *)table + offset, sizeof(v));
    return v;
}

static void set_field(void *table, size_t offset, const void *v)
{
    memcpy((char *)table + offset, &v, sizeof(v));
}

/*
 * Converts the fields of @table, a copy of the other side's, for the host
 * (@host) or the guest: functions, pointers to kept tables, pointers to
 * const callback structs (host side only: a copy; the model refuses them
 * in kept tables seen by the guest).
 */
static void convert_fields(struct hostlink_lib *lib, void *table, const struct hl_record *r, bool host, int depth)
{
    for (unsigned i = 0; i < r->n_fields; i++) {
        const struct hl_record_field *f = &r->fields[i];
        uint64_t v = field_at(table, f->offset);
        const void *now;
        if (f->sig) {
            now = host ? hl_closure_of(lib, v, f->sig)
                       : (const void *)(uintptr_t)hl_guest_fn_of(lib, (void (*)(void))(uintptr_t)v, f->sig);
        } else if (f->record->kept) {
            now = host ? to_host(lib, (const void *)(uintptr_t)v, f->record, depth + 1)
                       : to_guest(lib, (const void *)(uintptr_t)v, f->record, depth + 1);
        } else {
            now = host ? hl_record_copy_of(lib, (const void *)(uintptr_t)v, f->record) : (const void *)(uintptr_t)v;
        }
        set_field(table, f->offset, now);
    }
}

static const void *too_deep(struct hostlink_lib *lib, const struct hl_record *r)
{
    static bool said;
    hl_log_once(&said, "%s: %s: tables point to tables more than %d deep; NULL given instead",
                lib->name, r->spelling, MAX_DEPTH);
    return NULL;
}

static const void *to_host(struct hostlink_lib *lib, const void *p, const struct hl_record *r, int depth)
{
    struct face f;

    if (!p) {
        return NULL;
    }
    if (lookup(p, r, &f)) {
        return f.host_side ? p : f.peer;
    }
    if (depth > MAX_DEPTH) {
        return too_deep(lib, r);
    }
    /* A guest table seen for the first time: read (may fault) and convert, then record. */
    void *copy = g_memdup2(p, r->size);
    convert_fields(lib, copy, r, true, depth);
    g_mutex_lock(&lock);
    struct key k = { p, r };
    struct face *known = faces ? g_hash_table_lookup(faces, &k) : NULL;
    const void *result = copy;
    if (known) {
        result = known->peer;   /* another thread made one meanwhile: one copy per table */
    } else {
        record_pair(p, copy, r, false);
    }
    g_mutex_unlock(&lock);
    if (result != copy) {
        g_free(copy);
    }
    return result;
}

static const void *to_guest(struct hostlink_lib *lib, const void *p, const struct hl_record *r, int depth)
{
    struct face f;
    bool known = p && lookup(p, r, &f);

    if (!p || (known && !f.host_side)) {
        return p;               /* the guest's own table, or a view */
    }
    if (known && !f.view) {
        return f.peer;          /* a host copy: the guest's table it was made from */
    }
    if (depth > MAX_DEPTH) {
        return too_deep(lib, r);
    }
    /* A host table: a guest view of it (host memory the guest reads, as natively). */
    void *view = g_memdup2(p, r->size);
    convert_fields(lib, view, r, false, depth);
    if (known) {
        /* Refreshed in place: the guest may hold it (sqlite3_vfs.pNext moves). */
        memcpy((void *)f.peer, view, r->size);
        g_free(view);
        return f.peer;
    }
    g_mutex_lock(&lock);
    struct face *again = faces ? g_hash_table_lookup(faces, &(struct key){ p, r }) : NULL;
    const void *result = view;
    if (again) {
        result = again->peer;
    } else {
        record_pair(view, p, r, true);
    }
    g_mutex_unlock(&lock);
    if (result != view) {
        g_free(view);
    }
    return result;
}

const void *hl_kept_to_host_of(struct hostlink_lib *lib, const void *p, const struct hl_record *r)
{
    return to_host(lib, p, r, 0);
}

const void *hl_kept_to_guest_of(struct hostlink_lib *lib, const void *p, const struct hl_record *r)
{
    return to_guest(lib, p, r, 0);
}

void hl_kept_filled_to_host_of(struct hostlink_lib *lib, void *field, uint64_t before, const struct hl_record *r)
{
    uint64_t now = field_at(field, 0);
    if (!before && now) {
        set_field(field, 0, to_host(lib, (const void *)(uintptr_t)now, r, 0));
    }
}

void hl_kept_filled_to_guest_of(struct hostlink_lib *lib, void *field, uint64_t before, const struct hl_record *r)
{
    uint64_t now = field_at(field, 0);
    if (!before && now) {
        set_field(field, 0, to_guest(lib, (const void *)(uintptr_t)now, r, 0));
    }
}

void hl_kept_fill_guest_of(struct hostlink_lib *lib, void *table, const struct hl_record *r)
{
    convert_fields(lib, table, r, false, 0);
}

void hl_fn_out_to_host_of(struct hostlink_lib *lib, void *slot, const struct hl_sig *sig)
{
    uint64_t v = field_at(slot, 0);
    set_field(slot, 0, hl_closure_of(lib, v, sig));
}

void hl_fn_out_to_guest_of(struct hostlink_lib *lib, void *slot, const struct hl_sig *sig)
{
    uint64_t v = field_at(slot, 0);
    set_field(slot, 0, (const void *)(uintptr_t)hl_guest_fn_of(lib, (void (*)(void))(uintptr_t)v, sig));
}

void hl_generic_fn_refused_of(struct hostlink_lib *lib, const char *what)
{
    char *key = g_strdup_printf("%s/%s", lib->name, what);
    bool first;
    g_mutex_lock(&lock);
    if (!refused) {
        refused = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    }
    first = g_hash_table_add(refused, key);
    g_mutex_unlock(&lock);
    if (first) {
        hl_log("%s: a %s returns some function to be cast before it is called: no stand-in knows its "
               "arguments, NULL given instead", lib->name, what);
    }
}
