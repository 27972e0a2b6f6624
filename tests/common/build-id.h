/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which loaded object a function comes from, by the object's GNU build id:
 * the identity of the file, whatever name the loader knows it by (a thunk
 * handed out for libz.so.1 keeps the name libz.so.1).
 */
#ifndef HOSTLINK_TEST_BUILD_ID_H
#define HOSTLINK_TEST_BUILD_ID_H

#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct build_id_query {
    uintptr_t addr;
    char hex[2 * 64 + 1];
};

static const char *build_id_note(const ElfW(Nhdr) *n, const char *end, char *hex)
{
    while ((const char *)(n + 1) <= end) {
        const char *name = (const char *)(n + 1);
        const unsigned char *desc = (const unsigned char *)name + ((n->n_namesz + 3) & ~3u);
        if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
            n->n_descsz <= 64) {
            for (unsigned i = 0; i < n->n_descsz; i++) {
                sprintf(hex + 2 * i, "%02x", desc[i]);
            }
            return hex;
        }
        n = (const ElfW(Nhdr) *)(desc + ((n->n_descsz + 3) & ~3u));
    }
    return NULL;
}

static int build_id_visit(struct dl_phdr_info *info, size_t size, void *data)
{
    struct build_id_query *q = data;
    int mine = 0;
    (void)size;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *p = &info->dlpi_phdr[i];
        uintptr_t start = info->dlpi_addr + p->p_vaddr;
        mine |= p->p_type == PT_LOAD && q->addr >= start && q->addr < start + p->p_memsz;
    }
    for (int i = 0; mine && i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *p = &info->dlpi_phdr[i];
        const char *at = (const char *)(info->dlpi_addr + p->p_vaddr);
        if (p->p_type == PT_NOTE && build_id_note((const ElfW(Nhdr) *)at, at + p->p_memsz, q->hex)) {
            return 1;
        }
    }
    return mine;
}

/* The build id (hex) of the object that holds @addr, or "none". */
static inline const char *build_id_of(const void *addr, struct build_id_query *q)
{
    q->addr = (uintptr_t)addr;
    strcpy(q->hex, "none");
    dl_iterate_phdr(build_id_visit, q);
    return q->hex;
}

#endif
