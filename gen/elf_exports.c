// SPDX-License-Identifier: GPL-2.0-or-later
/* The functions a shared library exports, through the shared ELF reader. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "elf_exports.h"
#include "shared/elf.h"

static void *xcalloc_or_die(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);

    if (!p) {
        fprintf(stderr, "hostlink-gen: out of memory\n");
        exit(1);
    }
    return p;
}

static char *copy(const char *s)
{
    return s ? strcpy(xcalloc_or_die(strlen(s) + 1, 1), s) : NULL;
}

/* Counting pass and filling pass share these callbacks. */
static void count_fn(void *ctx, const struct elf_dynsym *s)
{
    (void)s;
    ++*(unsigned *)ctx;
}

static void add_fn(void *ctx, const struct elf_dynsym *s)
{
    struct exports *out = ctx;

    if (!s->is_function || !s->is_global) {
        return;
    }
    out->fns[out->n_fns++] = (struct export){ copy(s->name), copy(s->version), s->is_default };
}

static void count_version(void *ctx, const char *name, const char *parent)
{
    (void)name;
    (void)parent;
    ++*(unsigned *)ctx;
}

static void add_version(void *ctx, const char *name, const char *parent)
{
    struct exports *out = ctx;

    out->versions[out->n_versions++] = (struct version_node){ copy(name), copy(parent) };
}

bool elf_exports_read(const char *path, struct exports *out)
{
    struct elf_file f;
    const char *why;
    unsigned n_syms = 0, n_versions = 0;
    bool ok;

    memset(out, 0, sizeof(*out));
    if (!elf_open(path, &f, &why)) {
        fprintf(stderr, "%s: %s\n", path, why);
        return false;
    }
    ok = elf_each_dynsym(&f, count_fn, &n_syms, &why) &&
         elf_each_verdef(&f, count_version, &n_versions, &why);
    if (ok) {
        out->fns = xcalloc_or_die(n_syms, sizeof(*out->fns));
        out->versions = xcalloc_or_die(n_versions, sizeof(*out->versions));
        ok = elf_each_dynsym(&f, add_fn, out, &why) &&
             elf_each_verdef(&f, add_version, out, &why);
    }
    if (!ok) {
        fprintf(stderr, "%s: %s\n", path, why);
    }
    elf_close(&f);
    return ok;
}

const struct export *elf_export_find(const struct exports *e, const char *name)
{
    const struct export *found = NULL;
    for (unsigned i = 0; i < e->n_fns; i++) {
        if (strcmp(e->fns[i].name, name) == 0 && (!found || e->fns[i].is_default)) {
            found = &e->fns[i];
        }
    }
    return found;
}
