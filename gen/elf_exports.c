// SPDX-License-Identifier: GPL-2.0-or-later
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "elf_exports.h"

struct image {
    const unsigned char *base;
    size_t size;
    const Elf64_Ehdr *eh;
    const Elf64_Shdr *sh;
};

static const Elf64_Shdr *section(const struct image *im, Elf64_Word type)
{
    for (unsigned i = 0; i < im->eh->e_shnum; i++) {
        if (im->sh[i].sh_type == type) {
            return &im->sh[i];
        }
    }
    return NULL;
}

static const void *at(const struct image *im, Elf64_Off off, size_t len)
{
    return off <= im->size && len <= im->size - off ? im->base + off : NULL;
}

/* Version index -> name, from .gnu.version_d; also the node list. */
static char **read_verdefs(const struct image *im, const char *dynstr, struct exports *out,
                           unsigned *n_index)
{
    const Elf64_Shdr *vd = section(im, SHT_GNU_verdef);
    char **names = calloc(1024, sizeof(*names));
    *n_index = 1024;
    if (!vd) {
        return names;
    }
    out->versions = calloc(vd->sh_info + 1, sizeof(*out->versions));
    const unsigned char *p = at(im, vd->sh_offset, vd->sh_size);
    for (unsigned i = 0; p && i < vd->sh_info; i++) {
        const Elf64_Verdef *d = (const Elf64_Verdef *)p;
        const Elf64_Verdaux *aux = (const Elf64_Verdaux *)(p + d->vd_aux);
        if (d->vd_ndx < 1024) {
            names[d->vd_ndx] = strdup(dynstr + aux->vda_name);
        }
        if (!(d->vd_flags & VER_FLG_BASE)) {
            struct version_node *n = &out->versions[out->n_versions++];
            n->name = strdup(dynstr + aux->vda_name);
            if (d->vd_cnt > 1) {
                const Elf64_Verdaux *parent = (const Elf64_Verdaux *)((const unsigned char *)aux + aux->vda_next);
                n->parent = strdup(dynstr + parent->vda_name);
            }
        }
        if (!d->vd_next) {
            break;
        }
        p += d->vd_next;
    }
    return names;
}

bool elf_exports_read(const char *path, struct exports *out)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    struct image im;

    memset(out, 0, sizeof(*out));
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(path);
        return false;
    }
    im.size = st.st_size;
    im.base = mmap(NULL, im.size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (im.base == MAP_FAILED || im.size < sizeof(Elf64_Ehdr)) {
        fprintf(stderr, "%s: cannot map\n", path);
        return false;
    }
    im.eh = (const Elf64_Ehdr *)im.base;
    if (memcmp(im.eh->e_ident, ELFMAG, SELFMAG) != 0 || im.eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        im.eh->e_ident[EI_DATA] != ELFDATA2LSB ||
        !(im.sh = at(&im, im.eh->e_shoff, (size_t)im.eh->e_shnum * sizeof(Elf64_Shdr)))) {
        fprintf(stderr, "%s: not a 64-bit little-endian ELF file\n", path);
        return false;
    }
    const Elf64_Shdr *dynsym = section(&im, SHT_DYNSYM);
    const Elf64_Shdr *versym = section(&im, SHT_GNU_versym);
    if (!dynsym || dynsym->sh_link >= im.eh->e_shnum) {
        fprintf(stderr, "%s: no dynamic symbols\n", path);
        return false;
    }
    const char *dynstr = at(&im, im.sh[dynsym->sh_link].sh_offset, im.sh[dynsym->sh_link].sh_size);
    const Elf64_Sym *syms = at(&im, dynsym->sh_offset, dynsym->sh_size);
    const Elf64_Half *vers = versym ? at(&im, versym->sh_offset, versym->sh_size) : NULL;
    unsigned n_index, n = dynsym->sh_size / sizeof(Elf64_Sym);
    char **vnames = read_verdefs(&im, dynstr, out, &n_index);

    out->fns = calloc(n, sizeof(*out->fns));
    out->data = calloc(n, sizeof(*out->data));
    for (unsigned i = 0; syms && dynstr && i < n; i++) {
        const Elf64_Sym *s = &syms[i];
        if (s->st_shndx == SHN_UNDEF || s->st_shndx >= im.eh->e_shnum || ELF64_ST_BIND(s->st_info) == STB_LOCAL) {
            continue;
        }
        struct export *e;
        if (ELF64_ST_TYPE(s->st_info) == STT_OBJECT) {
            const Elf64_Shdr *in = &im.sh[s->st_shndx];
            struct data_export *d = &out->data[out->n_data++];
            d->size = s->st_size;
            if (in->sh_type != SHT_NOBITS && s->st_value >= in->sh_addr) {
                d->bytes = at(&im, in->sh_offset + (s->st_value - in->sh_addr), s->st_size);
            }
            e = &d->sym;
        } else if (ELF64_ST_TYPE(s->st_info) == STT_FUNC || ELF64_ST_TYPE(s->st_info) == STT_GNU_IFUNC) {
            e = &out->fns[out->n_fns++];
        } else {
            continue;
        }
        e->name = strdup(dynstr + s->st_name);
        unsigned idx = vers ? vers[i] & 0x7fff : 0;
        e->version = idx > 1 && idx < n_index && vnames[idx] ? strdup(vnames[idx]) : NULL;
        e->is_default = !vers || !(vers[i] & 0x8000);
    }
    return true;
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

const struct data_export *elf_data_find(const struct exports *e, const char *name)
{
    const struct data_export *found = NULL;
    for (unsigned i = 0; i < e->n_data; i++) {
        if (strcmp(e->data[i].sym.name, name) == 0 && (!found || e->data[i].sym.is_default)) {
            found = &e->data[i];
        }
    }
    return found;
}
