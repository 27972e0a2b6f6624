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

bool elf_each_dynsym(const struct elf_file *f, void (*fn)(void *ctx, const struct elf_dynsym *s),
                     void *ctx, const char **why)
{
    struct version_names *versions = NULL;
    const Elf64_Shdr *sh, *symtab, *versym;
    const Elf64_Sym *syms;
    const Elf64_Half *vers = NULL;
    struct strtab names;
    uint64_t count;
    unsigned n;

    sh = sections(f, &n);
    if (!sh) {
        *why = "no usable section headers";
        return false;
    }
    symtab = find_section(sh, n, SHT_DYNSYM);
    if (!symtab) {
        *why = "no dynamic symbol table (statically linked?)";
        return false;
    }
    if (!linked_strtab(f, sh, n, symtab->sh_link, &names)) {
        *why = "dynamic symbol table without a string table";
        return false;
    }
    syms = at(f, symtab->sh_offset, symtab->sh_size, _Alignof(Elf64_Sym));
    if (!syms) {
        *why = "dynamic symbol table outside the file";
        return false;
    }
    count = symtab->sh_size / sizeof(Elf64_Sym);
    versym = find_section(sh, n, SHT_GNU_versym);
    if (versym) {
        vers = at(f, versym->sh_offset, versym->sh_size, _Alignof(Elf64_Half));
        if (!vers || versym->sh_size / sizeof(Elf64_Half) < count) {
            *why = "symbol version table outside the file or too short";
            return false;
        }
        versions = calloc(1, sizeof(*versions));
        if (!versions) {
            *why = "out of memory";
            return false;
        }
        if (!walk_verdefs(f, sh, n, note_version, versions)) {
            free(versions);
            *why = "malformed version definitions";
            return false;
        }
    }
    for (uint64_t i = 0; i < count; i++) {
        const Elf64_Sym *s = &syms[i];
        unsigned idx = vers ? vers[i] & 0x7fff : 0;
        struct elf_dynsym d;

        if (s->st_shndx == SHN_UNDEF || !(d.name = str_at(&names, s->st_name))) {
            continue;
        }
        d.version = versions ? versions->name[idx] : NULL;
        d.is_default = !vers || !(vers[i] & 0x8000);
        d.is_function = ELF64_ST_TYPE(s->st_info) == STT_FUNC ||
                        ELF64_ST_TYPE(s->st_info) == STT_GNU_IFUNC;
        d.is_global = ELF64_ST_BIND(s->st_info) != STB_LOCAL;
        d.is_object = ELF64_ST_TYPE(s->st_info) == STT_OBJECT;
        d.size = s->st_size;
        d.bytes = NULL;
        if (d.is_object && s->st_shndx < n && sh[s->st_shndx].sh_type != SHT_NOBITS &&
            s->st_value >= sh[s->st_shndx].sh_addr) {
            d.bytes = at(f, sh[s->st_shndx].sh_offset + (s->st_value - sh[s->st_shndx].sh_addr), s->st_size, 1);
        }
        fn(ctx, &d);
    }
    free(versions);
    return true;
}
