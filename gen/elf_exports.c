// SPDX-License-Identifier: GPL-2.0-or-later
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "elf_exports.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "gen/elf_exports.c reads little-endian ELF files in place"
#endif

struct image {
    const unsigned char *base;
    size_t size;
    const Elf64_Ehdr *eh;
    const Elf64_Shdr *sh;
};

static const void *at(const struct image *im, uint64_t off, uint64_t len)
{
    return off <= im->size && len <= im->size - off ? im->base + off : NULL;
}

static bool map_image(const char *path, struct image *im, const char **why)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;

    memset(im, 0, sizeof(*im));
    if (fd < 0 || fstat(fd, &st) != 0) {
        *why = "cannot open";
        if (fd >= 0) {
            close(fd);
        }
        return false;
    }
    if (!S_ISREG(st.st_mode) || st.st_size < (off_t)sizeof(Elf64_Ehdr)) {
        close(fd);
        *why = "not an ELF file";
        return false;
    }
    im->size = st.st_size;
    im->base = mmap(NULL, im->size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (im->base == MAP_FAILED) {
        im->base = NULL;
        *why = "cannot map";
        return false;
    }
    im->eh = (const Elf64_Ehdr *)im->base;
    if (memcmp(im->eh->e_ident, ELFMAG, SELFMAG) != 0 || im->eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        im->eh->e_ident[EI_DATA] != ELFDATA2LSB || im->eh->e_shentsize != sizeof(Elf64_Shdr) ||
        !(im->sh = at(im, im->eh->e_shoff, (uint64_t)im->eh->e_shnum * sizeof(Elf64_Shdr)))) {
        munmap((void *)im->base, im->size);
        im->base = NULL;
        *why = "not a 64-bit little-endian ELF file with section headers";
        return false;
    }
    return true;
}

static void unmap_image(struct image *im)
{
    if (im->base) {
        munmap((void *)im->base, im->size);
    }
}

static const Elf64_Shdr *section(const struct image *im, Elf64_Word type)
{
    for (unsigned i = 0; i < im->eh->e_shnum; i++) {
        if (im->sh[i].sh_type == type) {
            return &im->sh[i];
        }
    }
    return NULL;
}

/* The contents of section @s, NULL if they are not all in the file. */
static const unsigned char *contents(const struct image *im, const Elf64_Shdr *s)
{
    return s ? at(im, s->sh_offset, s->sh_size) : NULL;
}

/* The string table section @s links to. */
struct strtab { const char *base; uint64_t size; };

static struct strtab linked_strings(const struct image *im, const Elf64_Shdr *s)
{
    struct strtab t = { NULL, 0 };
    if (s && s->sh_link < im->eh->e_shnum) {
        t.base = (const char *)contents(im, &im->sh[s->sh_link]);
        t.size = t.base ? im->sh[s->sh_link].sh_size : 0;
    }
    return t;
}

/* A copy of the string at @off, NULL if it is not NUL-terminated inside the table. */
static char *string_at(struct strtab t, uint64_t off)
{
    if (!t.base || off >= t.size || !memchr(t.base + off, '\0', t.size - off)) {
        return NULL;
    }
    return strdup(t.base + off);
}

/* Version-table record at @off inside a section of @len bytes, if @size bytes fit. */
static const void *record(const unsigned char *sec, uint64_t len, uint64_t off, uint64_t size)
{
    return sec && off <= len && size <= len - off ? sec + off : NULL;
}

/* Version index -> name, from .gnu.version_d (@names has @n_names slots); also the node list. */
static void read_verdefs(const struct image *im, struct exports *out, char **names, unsigned n_names)
{
    const Elf64_Shdr *vd = section(im, SHT_GNU_verdef);
    const unsigned char *sec = contents(im, vd);
    struct strtab strs = linked_strings(im, vd);
    uint64_t off = 0;

    if (!sec) {
        return;
    }
    out->versions = calloc(vd->sh_info + 1, sizeof(*out->versions));
    for (unsigned i = 0; i < vd->sh_info; i++) {
        const Elf64_Verdef *d = record(sec, vd->sh_size, off, sizeof(*d));
        const Elf64_Verdaux *aux = d ? record(sec, vd->sh_size, off + d->vd_aux, sizeof(*aux)) : NULL;
        char *name = aux ? string_at(strs, aux->vda_name) : NULL;
        if (!name) {
            break;
        }
        if (d->vd_ndx < n_names && !names[d->vd_ndx]) {
            names[d->vd_ndx] = strdup(name);
        }
        if (!(d->vd_flags & VER_FLG_BASE)) {
            struct version_node *n = &out->versions[out->n_versions++];
            const Elf64_Verdaux *parent = d->vd_cnt > 1 ?
                record(sec, vd->sh_size, off + d->vd_aux + aux->vda_next, sizeof(*parent)) : NULL;
            n->name = strdup(name);
            n->parent = parent ? string_at(strs, parent->vda_name) : NULL;
        }
        free(name);
        if (!d->vd_next) {
            break;
        }
        off += d->vd_next;
    }
}

/* The dynamic symbols and their version indexes (@vers may be NULL). */
struct symbols {
    const Elf64_Sym *syms;
    unsigned n;
    const Elf64_Half *vers;
    struct strtab strs;
};

static bool read_symbols(const struct image *im, struct symbols *s)
{
    const Elf64_Shdr *dynsym = section(im, SHT_DYNSYM), *versym = section(im, SHT_GNU_versym);

    s->syms = (const Elf64_Sym *)contents(im, dynsym);
    s->n = s->syms ? dynsym->sh_size / sizeof(Elf64_Sym) : 0;
    s->strs = linked_strings(im, dynsym);
    s->vers = (const Elf64_Half *)contents(im, versym);
    if (s->vers && versym->sh_size / sizeof(Elf64_Half) < s->n) {
        s->vers = NULL;
    }
    return s->syms && s->strs.base;
}

#define MAX_VERSION_INDEX 4096

bool elf_exports_load(const char *path, struct exports *out, const char **why)
{
    struct image im;
    struct symbols s;
    char **vnames;

    memset(out, 0, sizeof(*out));
    if (!map_image(path, &im, why)) {
        return false;
    }
    if (!read_symbols(&im, &s)) {
        unmap_image(&im);
        *why = "no dynamic symbols";
        return false;
    }
    vnames = calloc(MAX_VERSION_INDEX, sizeof(*vnames));
    read_verdefs(&im, out, vnames, MAX_VERSION_INDEX);
    out->fns = calloc(s.n + 1, sizeof(*out->fns));
    out->objects = calloc(s.n + 1, sizeof(*out->objects));
    for (unsigned i = 0; i < s.n; i++) {
        const Elf64_Sym *sym = &s.syms[i];
        unsigned type = ELF64_ST_TYPE(sym->st_info);
        if (sym->st_shndx == SHN_UNDEF || ELF64_ST_BIND(sym->st_info) == STB_LOCAL) {
            continue;
        }
        char *name = string_at(s.strs, sym->st_name);
        if (!name) {
            continue;
        }
        if (type == STT_OBJECT || type == STT_TLS) {
            out->objects[out->n_objects++] = name;
            continue;
        }
        if (type != STT_FUNC && type != STT_GNU_IFUNC) {
            free(name);
            continue;
        }
        struct export *e = &out->fns[out->n_fns++];
        unsigned idx = s.vers ? s.vers[i] & 0x7fff : 0;
        e->name = name;
        e->version = idx > 1 && idx < MAX_VERSION_INDEX && vnames[idx] ? strdup(vnames[idx]) : NULL;
        e->is_default = !s.vers || !(s.vers[i] & 0x8000);
    }
    for (unsigned i = 0; i < MAX_VERSION_INDEX; i++) {
        free(vnames[i]);
    }
    free(vnames);
    unmap_image(&im);
    return true;
}

bool elf_exports_read(const char *path, struct exports *out)
{
    const char *why;
    if (!elf_exports_load(path, out, &why)) {
        fprintf(stderr, "%s: %s\n", path, why);
        return false;
    }
    return true;
}

void elf_exports_free(struct exports *e)
{
    for (unsigned i = 0; i < e->n_fns; i++) {
        free(e->fns[i].name);
        free(e->fns[i].version);
    }
    for (unsigned i = 0; i < e->n_versions; i++) {
        free(e->versions[i].name);
        free(e->versions[i].parent);
    }
    for (unsigned i = 0; i < e->n_objects; i++) {
        free(e->objects[i]);
    }
    free(e->fns);
    free(e->versions);
    free(e->objects);
    memset(e, 0, sizeof(*e));
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

/* ---- what an object needs ------------------------------------------------ */

/* Version index (vna_other) -> required version and the soname it is required from. */
struct required { char *version, *file; };

static void read_verneeds(const struct image *im, struct required *req, unsigned n_req)
{
    const Elf64_Shdr *vn = section(im, SHT_GNU_verneed);
    const unsigned char *sec = contents(im, vn);
    struct strtab strs = linked_strings(im, vn);
    uint64_t off = 0;

    for (unsigned i = 0; sec && i < vn->sh_info; i++) {
        const Elf64_Verneed *n = record(sec, vn->sh_size, off, sizeof(*n));
        if (!n) {
            break;
        }
        uint64_t aoff = off + n->vn_aux;
        for (unsigned k = 0; k < n->vn_cnt; k++) {
            const Elf64_Vernaux *a = record(sec, vn->sh_size, aoff, sizeof(*a));
            if (!a) {
                break;
            }
            unsigned idx = a->vna_other & 0x7fff;
            if (idx < n_req && !req[idx].version) {
                req[idx].version = string_at(strs, a->vna_name);
                req[idx].file = string_at(strs, n->vn_file);
            }
            if (!a->vna_next) {
                break;
            }
            aoff += a->vna_next;
        }
        if (!n->vn_next) {
            break;
        }
        off += n->vn_next;
    }
}

static void push_string(char ***list, unsigned *n, char *s)
{
    if (!s) {
        return;
    }
    *list = realloc(*list, (*n + 2) * sizeof(**list));
    (*list)[(*n)++] = s;
    (*list)[*n] = NULL;
}

static void read_dynamic(const struct image *im, struct needs *out)
{
    const Elf64_Shdr *dyn = section(im, SHT_DYNAMIC);
    const Elf64_Dyn *d = (const Elf64_Dyn *)contents(im, dyn);
    struct strtab strs = linked_strings(im, dyn);
    char *runpath = NULL, *rpath = NULL;

    for (uint64_t i = 0; d && i < dyn->sh_size / sizeof(*d) && d[i].d_tag != DT_NULL; i++) {
        if (d[i].d_tag == DT_NEEDED) {
            push_string(&out->needed, &out->n_needed, string_at(strs, d[i].d_un.d_val));
        } else if (d[i].d_tag == DT_RUNPATH && !runpath) {
            runpath = string_at(strs, d[i].d_un.d_val);
        } else if (d[i].d_tag == DT_RPATH && !rpath) {
            rpath = string_at(strs, d[i].d_un.d_val);
        }
    }
    /* DT_RUNPATH, when there is one, makes the loader ignore DT_RPATH. */
    char *path = runpath ? runpath : rpath, *save = NULL;
    for (char *p = path ? strtok_r(path, ":", &save) : NULL; p; p = strtok_r(NULL, ":", &save)) {
        push_string(&out->search, &out->n_search, strdup(p));
    }
    free(runpath);
    free(rpath);
}

bool elf_needs_load(const char *path, struct needs *out, const char **why)
{
    struct image im;
    struct symbols s;
    struct required *req;

    memset(out, 0, sizeof(*out));
    if (!map_image(path, &im, why)) {
        return false;
    }
    out->machine = im.eh->e_machine;
    read_dynamic(&im, out);
    if (!read_symbols(&im, &s)) {
        unmap_image(&im);
        return true;                /* static, or nothing to import */
    }
    req = calloc(MAX_VERSION_INDEX, sizeof(*req));
    read_verneeds(&im, req, MAX_VERSION_INDEX);
    out->imports = calloc(s.n + 1, sizeof(*out->imports));
    for (unsigned i = 1; i < s.n; i++) {
        const Elf64_Sym *sym = &s.syms[i];
        if (sym->st_shndx != SHN_UNDEF || ELF64_ST_BIND(sym->st_info) == STB_LOCAL) {
            continue;
        }
        char *name = string_at(s.strs, sym->st_name);
        if (!name || !*name) {
            free(name);
            continue;
        }
        unsigned idx = s.vers ? s.vers[i] & 0x7fff : 0;
        struct import *imp = &out->imports[out->n_imports++];
        imp->name = name;
        if (idx > 1 && idx < MAX_VERSION_INDEX && req[idx].version) {
            imp->version = strdup(req[idx].version);
            imp->version_file = req[idx].file ? strdup(req[idx].file) : NULL;
        }
    }
    for (unsigned i = 0; i < MAX_VERSION_INDEX; i++) {
        free(req[i].version);
        free(req[i].file);
    }
    free(req);
    unmap_image(&im);
    return true;
}

static void free_strings(char **list, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        free(list[i]);
    }
    free(list);
}

void elf_needs_free(struct needs *n)
{
    free_strings(n->needed, n->n_needed);
    free_strings(n->search, n->n_search);
    for (unsigned i = 0; i < n->n_imports; i++) {
        free(n->imports[i].name);
        free(n->imports[i].version);
        free(n->imports[i].version_file);
    }
    free(n->imports);
    memset(n, 0, sizeof(*n));
}

unsigned elf_file_machine(const char *path)
{
    Elf64_Ehdr eh;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    bool ok = fd >= 0 && pread(fd, &eh, sizeof(eh), 0) == (ssize_t)sizeof(eh);

    if (fd >= 0) {
        close(fd);
    }
    return ok && memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 && eh.e_ident[EI_CLASS] == ELFCLASS64 &&
           eh.e_ident[EI_DATA] == ELFDATA2LSB ? eh.e_machine : 0;
}
