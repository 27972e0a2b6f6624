/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The functions a shared library exports, with their symbol versions. */
#ifndef HOSTLINK_GEN_ELF_EXPORTS_H
#define HOSTLINK_GEN_ELF_EXPORTS_H

#include <stdbool.h>

struct export {
    char *name;
    char *version;              /* NULL: unversioned */
    bool is_default;            /* name@@version (false: name@version, an old one) */
};

struct version_node {
    char *name;
    char *parent;               /* NULL for the first */
};

struct exports {
    struct export *fns;
    unsigned n_fns;
    struct version_node *versions;   /* in definition order, base excluded */
    unsigned n_versions;
};

/* Reads a 64-bit little-endian ELF shared library; false with a message on error. */
bool elf_exports_read(const char *path, struct exports *out);

const struct export *elf_export_find(const struct exports *e, const char *name);

#endif
