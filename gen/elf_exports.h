/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The functions and data objects a shared library exports, with their symbol versions. */
#ifndef HOSTLINK_GEN_ELF_EXPORTS_H
#define HOSTLINK_GEN_ELF_EXPORTS_H

#include <stdbool.h>

struct export {
    char *name;
    char *version;              /* NULL: unversioned */
    bool is_default;            /* name@@version (false: name@version, an old one) */
};

/* An exported data object, with its initial bytes (zeros for .bss). */
struct data_export {
    struct export sym;
    unsigned long size;
    const unsigned char *bytes;     /* size bytes, or NULL for zeros */
};

struct version_node {
    char *name;
    char *parent;               /* NULL for the first */
};

struct exports {
    struct export *fns;
    unsigned n_fns;
    struct data_export *data;
    unsigned n_data;
    struct version_node *versions;   /* in definition order, base excluded */
    unsigned n_versions;
};

/* Reads a 64-bit little-endian ELF shared library; false with a message on error. */
bool elf_exports_read(const char *path, struct exports *out);

const struct data_export *elf_data_find(const struct exports *e, const char *name);

const struct export *elf_export_find(const struct exports *e, const char *name);

#endif
