// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ELF reading for the host tools (see elf.h). The structures of <elf.h>
 * match the file byte for byte on a little-endian host, the only kind
 * hostlink runs on; every offset is checked against the file size first.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "elf.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "shared/elf.c reads little-endian ELF files in place"
#endif

const char *elf_check_header(const unsigned char *buf, size_t len)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)buf;

    if (len < EI_NIDENT || memcmp(buf, ELFMAG, SELFMAG) != 0) {
        return "not an ELF file";
    }
    if (buf[EI_CLASS] != ELFCLASS64) {
        return buf[EI_CLASS] == ELFCLASS32 ? "32-bit ELF file" : "ELF file of unknown class";
    }
    if (buf[EI_DATA] != ELFDATA2LSB) {
        return "big-endian ELF file";
    }
    if (len < sizeof(Elf64_Ehdr)) {
        return "truncated ELF header";
    }
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        return "ELF file that is not an executable or shared object";
    }
    return NULL;
}

unsigned elf_header_machine(const unsigned char *buf)
{
    return ((const Elf64_Ehdr *)buf)->e_machine;
}

bool elf_open(const char *path, struct elf_file *f, const char **why)
{
    struct stat st;
    void *map;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    f->base = NULL;
    f->size = 0;
    if (fd < 0) {
        *why = strerror(errno);
        return false;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        close(fd);
        *why = "not a regular, non-empty file";
        return false;
    }
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        *why = strerror(errno);
        return false;
    }
    f->base = map;
    f->size = (size_t)st.st_size;
    *why = elf_check_header(f->base, f->size);
    if (*why) {
        elf_close(f);
        return false;
    }
    return true;
}

void elf_close(struct elf_file *f)
{
    if (f->base) {
        munmap((void *)f->base, f->size);
    }
    f->base = NULL;
    f->size = 0;
}

/* @len bytes at @off, aligned for @align, or NULL when not inside the file. */
static const void *at(const struct elf_file *f, uint64_t off, uint64_t len, size_t align)
{
    if (off > f->size || len > f->size - off || off % align != 0) {
        return NULL;
    }
    return f->base + off;
}

/* A string table: a NUL-terminated string at each valid offset. */
struct strtab {
    const char *s;
    uint64_t size;
};

static const char *str_at(const struct strtab *t, uint64_t off)
{
    if (off >= t->size || !memchr(t->s + off, '\0', t->size - off)) {
        return NULL;
    }
    return t->s + off;
}

/* The section headers; NULL when unusable. */
static const Elf64_Shdr *sections(const struct elf_file *f, unsigned *n)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f->base;

    *n = eh->e_shnum;
    if (eh->e_shnum == 0 || eh->e_shentsize != sizeof(Elf64_Shdr)) {
        return NULL;
    }
    return at(f, eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr), _Alignof(Elf64_Shdr));
}

static const Elf64_Shdr *find_section(const Elf64_Shdr *sh, unsigned n, Elf64_Word type)
{
    for (unsigned i = 0; i < n; i++) {
        if (sh[i].sh_type == type) {
            return &sh[i];
        }
    }
    return NULL;
}

/* The string table section @link names; false when it is not one. */
static bool linked_strtab(const struct elf_file *f, const Elf64_Shdr *sh, unsigned n,
                          Elf64_Word link, struct strtab *t)
{
    if (link >= n || sh[link].sh_type != SHT_STRTAB) {
        return false;
    }
    t->s = at(f, sh[link].sh_offset, sh[link].sh_size, 1);
    t->size = sh[link].sh_size;
    return t->s != NULL;
}

/*
 * Walks the version definitions; calls @fn(ctx, index, name, parent,
 * is_base) for each. False on a malformed chain.
 */
static bool walk_verdefs(const struct elf_file *f, const Elf64_Shdr *sh, unsigned n,
                         void (*fn)(void *ctx, unsigned index, const char *name,
                                    const char *parent, bool is_base),
                         void *ctx)
{
    const Elf64_Shdr *vd = find_section(sh, n, SHT_GNU_verdef);
    struct strtab names;
    uint64_t off;

    if (!vd) {
        return true;
    }
    if (!linked_strtab(f, sh, n, vd->sh_link, &names) || !at(f, vd->sh_offset, vd->sh_size, 1)) {
        return false;
    }
    off = vd->sh_offset;
    for (unsigned i = 0; i < vd->sh_info; i++) {
        const Elf64_Verdef *d = at(f, off, sizeof(*d), _Alignof(Elf64_Verdef));
        const Elf64_Verdaux *aux, *parent = NULL;
        const char *name;

        if (!d || off + sizeof(*d) > vd->sh_offset + vd->sh_size) {
            return false;
        }
        aux = at(f, off + d->vd_aux, sizeof(*aux), _Alignof(Elf64_Verdaux));
        if (!aux || !(name = str_at(&names, aux->vda_name))) {
            return false;
        }
        if (d->vd_cnt > 1) {
            parent = at(f, off + d->vd_aux + aux->vda_next, sizeof(*parent), _Alignof(Elf64_Verdaux));
            if (!parent || !str_at(&names, parent->vda_name)) {
                return false;
            }
        }
        fn(ctx, d->vd_ndx, name, parent ? str_at(&names, parent->vda_name) : NULL,
           (d->vd_flags & VER_FLG_BASE) != 0);
        if (!d->vd_next) {
            break;
        }
        off += d->vd_next;
    }
    return true;
}

struct verdef_user {
    void (*fn)(void *ctx, const char *name, const char *parent);
    void *ctx;
};

static void call_verdef_user(void *ctx, unsigned index, const char *name, const char *parent,
                             bool is_base)
{
    struct verdef_user *u = ctx;

    (void)index;
    if (!is_base) {
        u->fn(u->ctx, name, parent);
    }
}

bool elf_each_verdef(const struct elf_file *f,
                     void (*fn)(void *ctx, const char *name, const char *parent),
                     void *ctx, const char **why)
{
    struct verdef_user u = { fn, ctx };
    unsigned n;
    const Elf64_Shdr *sh = sections(f, &n);

    if (!sh) {
        *why = "no usable section headers";
        return false;
    }
    if (!walk_verdefs(f, sh, n, call_verdef_user, &u)) {
        *why = "malformed version definitions";
        return false;
    }
    return true;
}

/* Version index -> name, for the version definitions (at most 0x7fff). */
struct version_names {
    const char *name[0x8000];
};

static void note_version(void *ctx, unsigned index, const char *name, const char *parent,
                         bool is_base)
{
    struct version_names *v = ctx;

    (void)parent;
    if (index < 0x8000 && !is_base) {
        v->name[index] = name;
    }
}

/* The dynamic symbol table and its version indexes (*vers NULL when unversioned). */
struct symbols {
    const Elf64_Shdr *sh;
    unsigned n;
    const Elf64_Sym *syms;
    uint64_t count;
    const Elf64_Half *vers;
    struct strtab names;
};

static bool symbol_table(const struct elf_file *f, struct symbols *t, const char **why)
{
    const Elf64_Shdr *symtab, *versym;

    t->sh = sections(f, &t->n);
    if (!t->sh) {
        *why = "no usable section headers";
        return false;
    }
    symtab = find_section(t->sh, t->n, SHT_DYNSYM);
    if (!symtab) {
        *why = "no dynamic symbol table (statically linked?)";
        return false;
    }
    if (!linked_strtab(f, t->sh, t->n, symtab->sh_link, &t->names)) {
        *why = "dynamic symbol table without a string table";
        return false;
    }
    t->syms = at(f, symtab->sh_offset, symtab->sh_size, _Alignof(Elf64_Sym));
    if (!t->syms) {
        *why = "dynamic symbol table outside the file";
        return false;
    }
    t->count = symtab->sh_size / sizeof(Elf64_Sym);
    t->vers = NULL;
    versym = find_section(t->sh, t->n, SHT_GNU_versym);
    if (versym) {
        t->vers = at(f, versym->sh_offset, versym->sh_size, _Alignof(Elf64_Half));
        if (!t->vers || versym->sh_size / sizeof(Elf64_Half) < t->count) {
            *why = "symbol version table outside the file or too short";
            return false;
        }
    }
    return true;
}

bool elf_each_dynsym(const struct elf_file *f, void (*fn)(void *ctx, const struct elf_dynsym *s),
                     void *ctx, const char **why)
{
    struct version_names *versions = NULL;
    struct symbols t;

    if (!symbol_table(f, &t, why)) {
        return false;
    }
    if (t.vers) {
        versions = calloc(1, sizeof(*versions));
        if (!versions) {
            *why = "out of memory";
            return false;
        }
        if (!walk_verdefs(f, t.sh, t.n, note_version, versions)) {
            free(versions);
            *why = "malformed version definitions";
            return false;
        }
    }
    for (uint64_t i = 0; i < t.count; i++) {
        const Elf64_Sym *s = &t.syms[i];
        unsigned idx = t.vers ? t.vers[i] & 0x7fff : 0;
        struct elf_dynsym d;

        if (s->st_shndx == SHN_UNDEF || !(d.name = str_at(&t.names, s->st_name))) {
            continue;
        }
        d.version = versions ? versions->name[idx] : NULL;
        d.is_default = !t.vers || !(t.vers[i] & 0x8000);
        d.is_function = ELF64_ST_TYPE(s->st_info) == STT_FUNC ||
                        ELF64_ST_TYPE(s->st_info) == STT_GNU_IFUNC;
        d.is_global = ELF64_ST_BIND(s->st_info) != STB_LOCAL;
        d.is_object = ELF64_ST_TYPE(s->st_info) == STT_OBJECT;
        d.size = s->st_size;
        d.bytes = NULL;
        if (d.is_object && s->st_shndx < t.n && t.sh[s->st_shndx].sh_type != SHT_NOBITS &&
            s->st_value >= t.sh[s->st_shndx].sh_addr) {
            d.bytes = at(f, t.sh[s->st_shndx].sh_offset + (s->st_value - t.sh[s->st_shndx].sh_addr), s->st_size, 1);
        }
        fn(ctx, &d);
    }
    free(versions);
    return true;
}

bool elf_file_build_id(const struct elf_file *f, char *hex, size_t len)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f->base;
    const Elf64_Phdr *ph = NULL;

    if (eh->e_phentsize == sizeof(Elf64_Phdr)) {
        ph = at(f, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr), _Alignof(Elf64_Phdr));
    }
    for (unsigned i = 0; ph && i < eh->e_phnum; i++) {
        const unsigned char *notes = ph[i].p_type == PT_NOTE ? at(f, ph[i].p_offset, ph[i].p_filesz, 1) : NULL;
        for (uint64_t off = 0; notes && off + sizeof(Elf64_Nhdr) <= ph[i].p_filesz; ) {
            Elf64_Nhdr nh;
            memcpy(&nh, notes + off, sizeof(nh));
            uint64_t name = off + sizeof(nh), desc = name + ((nh.n_namesz + 3ull) & ~3ull);
            uint64_t next = desc + ((nh.n_descsz + 3ull) & ~3ull);
            if (next > ph[i].p_filesz) {
                break;
            }
            if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 && memcmp(notes + name, "GNU", 4) == 0 &&
                nh.n_descsz > 0 && 2ull * nh.n_descsz < len) {
                static const char digits[] = "0123456789abcdef";
                for (unsigned k = 0; k < nh.n_descsz; k++) {
                    hex[2 * k] = digits[notes[desc + k] >> 4];
                    hex[2 * k + 1] = digits[notes[desc + k] & 15];
                }
                hex[2 * nh.n_descsz] = '\0';
                return true;
            }
            off = next;
        }
    }
    return false;
}

/* Version index -> required version and the soname it is required from (.gnu.version_r). */
struct required_versions {
    const char *name[0x8000];
    const char *file[0x8000];
};

static bool walk_verneeds(const struct elf_file *f, const Elf64_Shdr *sh, unsigned n,
                          struct required_versions *r)
{
    const Elf64_Shdr *vn = find_section(sh, n, SHT_GNU_verneed);
    struct strtab names;
    uint64_t off;

    if (!vn) {
        return true;
    }
    if (!linked_strtab(f, sh, n, vn->sh_link, &names) || !at(f, vn->sh_offset, vn->sh_size, 1)) {
        return false;
    }
    off = vn->sh_offset;
    for (unsigned i = 0; i < vn->sh_info; i++) {
        const Elf64_Verneed *d = at(f, off, sizeof(*d), _Alignof(Elf64_Verneed));
        const char *file;
        uint64_t aux;

        if (!d || off + sizeof(*d) > vn->sh_offset + vn->sh_size || !(file = str_at(&names, d->vn_file))) {
            return false;
        }
        aux = off + d->vn_aux;
        for (unsigned k = 0; k < d->vn_cnt; k++) {
            const Elf64_Vernaux *a = at(f, aux, sizeof(*a), _Alignof(Elf64_Vernaux));
            const char *name;

            if (!a || !(name = str_at(&names, a->vna_name))) {
                return false;
            }
            r->name[a->vna_other & 0x7fff] = name;
            r->file[a->vna_other & 0x7fff] = file;
            if (!a->vna_next) {
                break;
            }
            aux += a->vna_next;
        }
        if (!d->vn_next) {
            break;
        }
        off += d->vn_next;
    }
    return true;
}

/*
 * A data object an executable defines in its .bss for a library's one: the
 * copy relocation (x86_64's sqlite3_temp_directory) takes it from the
 * library, so it is an import all the same.
 */
static bool copied_in(const struct symbols *t, const Elf64_Sym *s)
{
    return ELF64_ST_TYPE(s->st_info) == STT_OBJECT && s->st_shndx < t->n &&
           t->sh[s->st_shndx].sh_type == SHT_NOBITS;
}

bool elf_each_import(const struct elf_file *f, void (*fn)(void *ctx, const struct elf_import *s),
                     void *ctx, const char **why)
{
    struct required_versions *required = NULL;
    struct symbols t;

    if (!symbol_table(f, &t, why)) {
        return false;
    }
    if (t.vers) {
        required = calloc(1, sizeof(*required));
        if (!required) {
            *why = "out of memory";
            return false;
        }
        if (!walk_verneeds(f, t.sh, t.n, required)) {
            free(required);
            *why = "malformed version requirements";
            return false;
        }
    }
    for (uint64_t i = 1; i < t.count; i++) {
        const Elf64_Sym *s = &t.syms[i];
        unsigned idx = t.vers ? t.vers[i] & 0x7fff : 0;
        struct elf_import imp;

        if ((s->st_shndx != SHN_UNDEF && !copied_in(&t, s)) || ELF64_ST_BIND(s->st_info) == STB_LOCAL ||
            !(imp.name = str_at(&t.names, s->st_name)) || !*imp.name) {
            continue;
        }
        /* Indexes 0 and 1 are "local" and "global": no version required. */
        imp.version = idx > 1 && required ? required->name[idx] : NULL;
        imp.version_file = imp.version ? required->file[idx] : NULL;
        fn(ctx, &imp);
    }
    free(required);
    return true;
}

bool elf_each_dynamic_string(const struct elf_file *f, void (*fn)(void *ctx, long tag, const char *value),
                             void *ctx, const char **why)
{
    const Elf64_Shdr *sh, *dyn;
    const Elf64_Dyn *d;
    struct strtab names;
    unsigned n;

    sh = sections(f, &n);
    if (!sh) {
        *why = "no usable section headers";
        return false;
    }
    dyn = find_section(sh, n, SHT_DYNAMIC);
    if (!dyn) {
        return true;            /* statically linked: needs nothing */
    }
    d = at(f, dyn->sh_offset, dyn->sh_size, _Alignof(Elf64_Dyn));
    if (!d || !linked_strtab(f, sh, n, dyn->sh_link, &names)) {
        *why = "malformed dynamic section";
        return false;
    }
    for (uint64_t i = 0; i < dyn->sh_size / sizeof(*d) && d[i].d_tag != DT_NULL; i++) {
        const char *value;
        if ((d[i].d_tag == DT_NEEDED || d[i].d_tag == DT_RUNPATH || d[i].d_tag == DT_RPATH) &&
            (value = str_at(&names, d[i].d_un.d_val))) {
            fn(ctx, (long)d[i].d_tag, value);
        }
    }
    return true;
}
