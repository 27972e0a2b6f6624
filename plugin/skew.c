// SPDX-License-Identifier: GPL-2.0-or-later
#include <glib.h>
#include <string.h>
#include <unistd.h>
#include <qemu-plugin.h>
#include "elf_exports.h"
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
    struct needs needs;
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
    g_autofree char *a = NULL;
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

/* @file in guest directory @dir, if it is an object of the program's machine. */
static char *candidate(const struct program *p, const char *dir, const char *file)
{
    g_autofree char *guest = g_build_filename(dir, file, NULL);
    char *path = host_path(guest);
    if (elf_file_machine(path) == p->machine) {
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
    for (unsigned i = 0; by && !found && i < by->needs.n_search; i++) {
        g_autofree char *dir = expand_origin(by->needs.search[i], by->path);
        found = candidate(p, dir, soname);
    }
    for (unsigned i = 0; !found && i < G_N_ELEMENTS(dirs); i++) {
        found = candidate(p, dirs[i], soname);
    }
    return found;
}

static struct object *add_object(struct program *p, char *path)
{
    struct object *o = g_new0(struct object, 1);
    const char *why;
    o->path = path;
    if (!elf_needs_load(path, &o->needs, &why)) {
        g_free(path);
        g_free(o);
        return NULL;
    }
    g_ptr_array_add(p->objects, o);
    return o;
}

static void free_object(gpointer data)
{
    struct object *o = data;
    elf_needs_free(&o->needs);
    g_free(o->path);
    g_free(o);
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
    p->machine = main_obj->needs.machine;
    g_hash_table_add(p->seen, (gpointer)skip);
    for (unsigned i = 0; i < p->objects->len && p->objects->len < MAX_OBJECTS; i++) {
        struct object *o = g_ptr_array_index(p->objects, i);
        for (unsigned k = 0; k < o->needs.n_needed; k++) {
            const char *soname = o->needs.needed[k];
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

/* A thunk function @name of @version (NULL: any version)? */
static bool thunk_has(const struct hostlink_lib *lib, const char *name, const char *version)
{
    for (unsigned i = 0; i < lib->n_fns; i++) {
        const struct hl_fn *f = &lib->fns[i];
        if (strcmp(f->name, name) == 0 &&
            (!version || (f->version && strcmp(f->version, version) == 0))) {
            return true;
        }
    }
    return false;
}

static bool exports_name(const struct exports *e, const char *name)
{
    for (unsigned i = 0; i < e->n_fns; i++) {
        if (strcmp(e->fns[i].name, name) == 0) {
            return true;
        }
    }
    for (unsigned i = 0; i < e->n_objects; i++) {
        if (strcmp(e->objects[i], name) == 0) {
            return true;
        }
    }
    return false;
}

static bool needs_soname(const struct object *o, const char *soname)
{
    for (unsigned k = 0; k < o->needs.n_needed; k++) {
        if (strcmp(o->needs.needed[k], soname) == 0) {
            return true;
        }
    }
    return false;
}

/* NULL if the thunk of @lib has all the program takes from it, else why not (g_free it). */
static char *missing(struct hostlink_lib *lib, const char *guest_path)
{
    struct program p;
    struct exports genuine;
    int genuine_state = 0;      /* 0 not read yet, 1 read, -1 unreadable */
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
        for (unsigned k = 0; !why && k < o->needs.n_imports; k++) {
            const struct import *imp = &o->needs.imports[k];
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
                if (genuine_state == 0) {
                    g_autofree char *path = host_path(guest_path);
                    const char *err;
                    if (access(path, F_OK) != 0) {
                        g_free(path);
                        path = resolve(&p, NULL, lib->soname);
                    }
                    genuine_state = path && elf_exports_load(path, &genuine, &err) ? 1 : -1;
                }
                if (genuine_state < 0 || !exports_name(&genuine, imp->name)) {
                    continue;
                }
            }
            g_autofree char *base = g_path_get_basename(o->path);
            why = g_strdup_printf("%s needs %s%s%s, which the thunk made from the host's %s lacks",
                                  base, imp->name, imp->version ? "@" : "",
                                  imp->version ? imp->version : "", lib->host);
        }
    }
    if (genuine_state > 0) {
        elf_exports_free(&genuine);
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
