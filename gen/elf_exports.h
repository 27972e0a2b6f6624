/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a shared object gives and takes by name: the functions a library
 * exports with their symbol versions (for the generator), and the
 * libraries, symbol versions and symbols an object needs (for the
 * plugin's version-skew check). 64-bit little-endian ELF files only, read
 * from the section headers; every offset is checked against the file, so
 * a damaged or hostile file gives an error, never a crash.
 */
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
    char **objects;             /* names of exported data objects */
    unsigned n_objects;
};

/* Reads a 64-bit little-endian ELF shared library; false with a message on stderr on error. */
bool elf_exports_read(const char *path, struct exports *out);

/* The same without a message: false with the reason in *why. */
bool elf_exports_load(const char *path, struct exports *out, const char **why);
void elf_exports_free(struct exports *e);

const struct export *elf_export_find(const struct exports *e, const char *name);

/* A symbol an object takes from others. */
struct import {
    char *name;
    char *version;              /* NULL: unversioned */
    char *version_file;         /* the soname the version is required from (NULL with version) */
};

struct needs {
    unsigned machine;           /* e_machine */
    char **needed;              /* DT_NEEDED sonames */
    unsigned n_needed;
    char **search;              /* DT_RUNPATH, else DT_RPATH, split at ':' (unexpanded) */
    unsigned n_search;
    struct import *imports;
    unsigned n_imports;
};

/* The libraries and symbols object @path needs; false with the reason in *why. */
bool elf_needs_load(const char *path, struct needs *out, const char **why);
void elf_needs_free(struct needs *n);

/* The e_machine of @path, or 0 if it is not a 64-bit little-endian ELF file. */
unsigned elf_file_machine(const char *path);

#endif
