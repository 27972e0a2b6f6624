// SPDX-License-Identifier: GPL-2.0-or-later
#include <glib.h>
#include <string.h>
#include <unistd.h>
#include <qemu-plugin.h>
#include <elf.h>
#include "shared/elf.h"
#include "libs/generated.h"
#include "log.h"
#include "skew.h"
#include "stats.h"

#define MAX_OBJECTS 512         /* a program's closure; more is not looked at */

static const struct guest_abi *abi;
static const char *sysroot;
static GMutex lock;
static GHashTable *allowed;     /* libraries already found fine for this program */

void skew_init(const struct guest_abi *guest_abi, const char *dir)
{
    abi = guest_abi;
    sysroot = dir;
}

/* Where QEMU finds guest path @path: in the sysroot if it is there (-L's rule). */
static char *host_path(const char *path)
{
    if (sysroot && path[0] == '/') {
        char *p = g_build_filename(sysroot, path, NULL);
        if (access(p, F_OK) == 0) {
            return p;
        }
        g_free(p);
    }
    return g_strdup(path);
}

struct object {
    char *path;                 /* host path */
    struct elf_file file;       /* mapped while the program is looked at */
    GPtrArray *needed;          /* DT_NEEDED sonames, pointing into the mapping */
    GPtrArray *search;          /* DT_RUNPATH (else DT_RPATH) entries, g_strdup'ed */
    GArray *imports;            /* struct elf_import */
    bool has_runpath;
};

struct program {
    unsigned machine;
    GPtrArray *objects;         /* struct object *, the main program first */
    GHashTable *seen;           /* sonames already resolved */
};

/* A DT_RUNPATH entry with $ORIGIN (the object's directory) expanded. */
static char *expand_origin(const char *entry, const char *object_path)
{
    g_autofree char *origin = g_path_get_dirname(object_path);
    char *s = g_strdup(entry);
    const char *forms[] = { "${ORIGIN}", "$ORIGIN" };

    for (unsigned f = 0; f < G_N_ELEMENTS(forms); f++) {
        char **parts = g_strsplit(s, forms[f], -1);
        g_free(s);
        s = g_strjoinv(origin, parts);
        g_strfreev(parts);
    }
    return s;
}

/* The e_machine of @path, 0 when it is not a usable ELF file. */
static unsigned file_machine(const char *path)
{
    struct elf_file f;
    const char *why;
    unsigned m;

    if (!elf_open(path, &f, &why)) {
        return 0;
    }
    m = elf_header_machine(f.base);
    elf_close(&f);
    return m;
}

/* @file in guest directory @dir, if it is an object of the program's machine. */
static char *candidate(const struct program *p, const char *dir, const char *file)
{
    g_autofree char *guest = g_build_filename(dir, file, NULL);
    char *path = host_path(guest);
    if (file_machine(path) == p->machine) {
        return path;
    }
    g_free(path);
    return NULL;
}

/*
 * The file the guest's loader would take for @soname needed by @by: its
 * DT_RUNPATH, then the guest's library directories (Debian's multiarch
 * ones first). LD_LIBRARY_PATH is the guest's and unknown here.
 */
static char *resolve(const struct program *p, const struct object *by, const char *soname)
{
    g_autofree char *multi_lib = g_strdup_printf("/lib/%s-linux-gnu", abi->name);
    g_autofree char *multi_usr = g_strdup_printf("/usr/lib/%s-linux-gnu", abi->name);
    const char *dirs[] = { multi_lib, multi_usr, "/lib", "/usr/lib", "/lib64", "/usr/lib64" };
    char *found = NULL;

    if (strchr(soname, '/')) {
        return host_path(soname);
    }
    for (unsigned i = 0; by && !found && i < by->search->len; i++) {
        g_autofree char *dir = expand_origin(g_ptr_array_index(by->search, i), by->path);
        found = candidate(p, dir, soname);
    }
    for (unsigned i = 0; !found && i < G_N_ELEMENTS(dirs); i++) {
        found = candidate(p, dirs[i], soname);
    }
    return found;
}

static void note_dynamic(void *ctx, long tag, const char *value)
{
    struct object *o = ctx;
    char **parts;

    if (tag == DT_NEEDED) {
        g_ptr_array_add(o->needed, (gpointer)value);
        return;
    }
    /* DT_RUNPATH, when there is one, makes the loader ignore DT_RPATH. */
    if (tag == DT_RUNPATH && !o->has_runpath) {
        g_ptr_array_set_size(o->search, 0);
        o->has_runpath = true;
    } else if (o->has_runpath || o->search->len) {
        return;
    }
    parts = g_strsplit(value, ":", -1);
    for (char **d = parts; *d; d++) {
        g_ptr_array_add(o->search, g_strdup(*d));
    }
    g_strfreev(parts);
}

static void note_import(void *ctx, const struct elf_import *imp)
{
    g_array_append_val(((struct object *)ctx)->imports, *imp);
}

static void free_object(gpointer data)
{
    struct object *o = data;
    g_ptr_array_free(o->needed, true);
    g_ptr_array_free(o->search, true);
    g_array_free(o->imports, true);
    elf_close(&o->file);
    g_free(o->path);
    g_free(o);
}

/* Reads object @path (taken) into @p; NULL when it is not a usable ELF file. */
static struct object *add_object(struct program *p, char *path)
{
    struct object *o = g_new0(struct object, 1);
    const char *why;

    o->path = path;
    o->needed = g_ptr_array_new();
    o->search = g_ptr_array_new_with_free_func(g_free);
    o->imports = g_array_new(false, false, sizeof(struct elf_import));
    if (!elf_open(path, &o->file, &why)) {
        o->file.base = NULL;
        free_object(o);
        return NULL;
    }
    /* A static program imports nothing: an empty table is fine. */
    if (!elf_each_dynamic_string(&o->file, note_dynamic, o, &why) ||
        (o->needed->len && !elf_each_import(&o->file, note_import, o, &why))) {
        free_object(o);
        return NULL;
    }
    g_ptr_array_add(p->objects, o);
    return o;
}

/*
 * The main program and every object it needs, breadth first as the loader
 * goes, without looking into @skip (the library being decided). False if
 * the main program cannot be read.
 */
static bool load_program(struct program *p, const char *skip)
{
    /* Ours to g_free, says its documentation. */
    g_autofree char *exe = (char *)qemu_plugin_path_to_binary();
    struct object *main_obj;

    p->objects = g_ptr_array_new_with_free_func(free_object);
    p->seen = g_hash_table_new(g_str_hash, g_str_equal);
    /* QEMU runs the program by its host path (-L applies to what the guest opens). */
    if (!exe || !(main_obj = add_object(p, g_strdup(exe)))) {
        return false;
    }
    p->machine = elf_header_machine(main_obj->file.base);
    g_hash_table_add(p->seen, (gpointer)skip);
    for (unsigned i = 0; i < p->objects->len && p->objects->len < MAX_OBJECTS; i++) {
        struct object *o = g_ptr_array_index(p->objects, i);
        for (unsigned k = 0; k < o->needed->len; k++) {
            const char *soname = g_ptr_array_index(o->needed, k);
            if (g_hash_table_contains(p->seen, soname)) {
                continue;
            }
            g_hash_table_add(p->seen, (gpointer)soname);
            char *path = resolve(p, o, soname);
            if (path) {
                add_object(p, path);
            }
        }
    }
    return true;
}

static void free_program(struct program *p)
{
    g_hash_table_destroy(p->seen);
    g_ptr_array_free(p->objects, true);
}

static bool same_symbol(const char *name, const char *version, const char *want, const char *want_version)
{
    return strcmp(name, want) == 0 && (!want_version || (version && strcmp(version, want_version) == 0));
}

/* A thunk function or data object @name of @version (NULL: any version)? */
static bool thunk_has(const struct hostlink_lib *lib, const char *name, const char *version)
{
    for (unsigned i = 0; i < lib->n_fns; i++) {
        if (same_symbol(lib->fns[i].name, lib->fns[i].version, name, version)) {
            return true;
        }
    }
    for (const struct hl_data *d = lib->data; d && d->name; d++) {
        if (same_symbol(d->name, d->version, name, version)) {
            return true;
        }
    }
    return false;
}

static void note_export(void *ctx, const struct elf_dynsym *s)
{
    if (s->is_global) {
        g_hash_table_add(ctx, g_strdup(s->name));
    }
}

/* The names the genuine library at @path exports, or NULL if it cannot be read. */
static GHashTable *genuine_exports(const char *path)
{
    GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    struct elf_file f;
    const char *why;
    bool ok = path && elf_open(path, &f, &why);

    if (ok) {
        ok = elf_each_dynsym(&f, note_export, names, &why);
        elf_close(&f);
    }
    if (!ok) {
        g_hash_table_destroy(names);
        return NULL;
    }
    return names;
}

struct version_find {
    const char *name;
    char value[64];
};

static void note_version(void *ctx, const struct elf_dynsym *s)
{
    struct version_find *v = ctx;
    if (s->is_object && s->bytes && strcmp(s->name, v->name) == 0 && s->size < sizeof(v->value) &&
        memchr(s->bytes, '\0', s->size)) {
        memcpy(v->value, s->bytes, s->size);
    }
}

/* Dotted numbers: <0, 0, >0 as @a is older, the same, newer than @b. */
static int version_cmp(const char *a, const char *b)
{
    while (*a || *b) {
        char *ea, *eb;
        unsigned long x = strtoul(a, &ea, 10), y = strtoul(b, &eb, 10);
        if (x != y) {
            return x < y ? -1 : 1;
        }
        if (ea == a || eb == b) {
            return strcmp(a, b);
        }
        a = *ea == '.' ? ea + 1 : ea;
        b = *eb == '.' ? eb + 1 : eb;
    }
    return 0;
}

/*
 * NULL if the genuine library at @path is not newer than the host's by
 * @lib's version string (its behaviour has a version beyond its symbols:
 * SQLite's SQL), else why (g_free it).
 */
static char *newer_genuine(const struct hostlink_lib *lib, const char *path)
{
    struct version_find v = { lib->version_data, "" };
    struct elf_file f;
    const char *why;

    if (!path || !elf_open(path, &f, &why)) {
        return NULL;            /* no genuine library to compare: nothing newer to miss */
    }
    bool ok = elf_each_dynsym(&f, note_version, &v, &why);
    elf_close(&f);
    if (ok && v.value[0] && version_cmp(v.value, lib->host_version) > 0) {
        return g_strdup_printf("the guest's %s is %s (%s), newer than the host's %s: what it does may "
                               "differ", lib->soname, v.value, lib->version_data, lib->host_version);
    }
    return NULL;
}

static bool needs_soname(const struct object *o, const char *soname)
{
    for (unsigned k = 0; k < o->needed->len; k++) {
        if (strcmp(g_ptr_array_index(o->needed, k), soname) == 0) {
            return true;
        }
    }
    return false;
}

/* NULL if the thunk of @lib has all the program takes from it, else why not (g_free it). */
static char *missing(struct hostlink_lib *lib, const char *guest_path)
{
    struct program p;
    GHashTable *genuine = NULL;
    bool genuine_read = false;
    char *why = NULL;

    if (!load_program(&p, lib->soname)) {
        free_program(&p);
        return g_strdup("the program's ELF file cannot be read to compare versions");
    }
    for (unsigned i = 0; !why && i < p.objects->len; i++) {
        struct object *o = g_ptr_array_index(p.objects, i);
        if (!needs_soname(o, lib->soname)) {
            continue;
        }
        for (unsigned k = 0; !why && k < o->imports->len; k++) {
            const struct elf_import *imp = &g_array_index(o->imports, struct elf_import, k);
            if (imp->version) {
                if (!imp->version_file || strcmp(imp->version_file, lib->soname) != 0 ||
                    thunk_has(lib, imp->name, imp->version)) {
                    continue;
                }
            } else {
                if (thunk_has(lib, imp->name, NULL)) {
                    continue;
                }
                /* Unversioned: ours only if the genuine library has it. */
                if (!genuine_read) {
                    char *path = host_path(guest_path);
                    if (access(path, F_OK) != 0) {
                        g_free(path);
                        path = resolve(&p, NULL, lib->soname);
                    }
                    genuine = genuine_exports(path);
                    genuine_read = true;
                    g_free(path);
                }
                if (!genuine || !g_hash_table_contains(genuine, imp->name)) {
                    continue;
                }
            }
            g_autofree char *base = g_path_get_basename(o->path);
            why = g_strdup_printf("%s needs %s%s%s, which the thunk made from the host's %s lacks",
                                  base, imp->name, imp->version ? "@" : "",
                                  imp->version ? imp->version : "", lib->host);
        }
    }
    if (!why && lib->version_data) {
        char *path = host_path(guest_path);
        if (access(path, F_OK) != 0) {
            g_free(path);
            path = resolve(&p, NULL, lib->soname);
        }
        why = newer_genuine(lib, path);
        g_free(path);
    }
    if (genuine) {
        g_hash_table_destroy(genuine);
    }
    free_program(&p);
    return why;
}

bool skew_allows(struct hostlink_lib *lib, const char *guest_path)
{
    bool ok;

    g_mutex_lock(&lock);
    if (!allowed) {
        allowed = g_hash_table_new(NULL, NULL);
    }
    ok = g_hash_table_contains(allowed, lib);
    if (!ok && lib->enabled) {
        char *why = missing(lib, guest_path);
        if (!why) {
            g_hash_table_add(allowed, lib);
            ok = true;
        } else {
            hl_log("%s: emulated for this program: %s", lib->name, why);
            stats_lib_emulated(lib, why);   /* kept: the stats refer to it until exit */
            lib->enabled = false;
        }
    }
    g_mutex_unlock(&lock);
    return ok;
}
