/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The one ELF reader of the host tools (the hostlink command and
 * hostlink-gen) and of the plugin's version-skew check: 64-bit
 * little-endian files, read in place and checked against the file's
 * bounds before every access, so a truncated or hostile file gives an
 * error, never a crash.
 */
#ifndef HOSTLINK_SHARED_ELF_H
#define HOSTLINK_SHARED_ELF_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

/*
 * NULL when @buf (@len bytes from the file's start) is a 64-bit
 * little-endian executable or shared object, else the reason it is not.
 */
const char *elf_check_header(const unsigned char *buf, size_t len);
/* e_machine of a header elf_check_header() accepted. */
unsigned elf_header_machine(const unsigned char *buf);

struct elf_file {
    const unsigned char *base;
    size_t size;
};
/* Maps @path; false with the reason in *why (static text). */
bool elf_open(const char *path, struct elf_file *f, const char **why);
void elf_close(struct elf_file *f);

struct elf_dynsym {
    const char *name;
    const char *version;        /* NULL: unversioned (or base version) */
    bool is_default;            /* name@@version, not an older name@version */
    bool is_function;           /* STT_FUNC or STT_GNU_IFUNC */
    bool is_global;             /* not STB_LOCAL */
    bool is_object;             /* STT_OBJECT: exported data */
    uint64_t size;              /* st_size */
    const unsigned char *bytes; /* an object's initial bytes in the file, or NULL (.bss, or outside) */
};
/*
 * Calls @fn for each defined symbol of .dynsym (undefined ones are
 * imports). Strings point into the mapping. False with *why when the
 * tables are malformed; entries whose name lies outside the string table
 * are skipped.
 */
bool elf_each_dynsym(const struct elf_file *f, void (*fn)(void *ctx, const struct elf_dynsym *s),
                     void *ctx, const char **why);
/*
 * Calls @fn for each version definition but the base one, in file order,
 * with its name and the name of the version it inherits from (or NULL).
 */
bool elf_each_verdef(const struct elf_file *f,
                     void (*fn)(void *ctx, const char *name, const char *parent),
                     void *ctx, const char **why);
/*
 * The GNU build id of the file (NT_GNU_BUILD_ID in a PT_NOTE segment) as
 * lowercase hex in @hex (@len bytes with the NUL); false when it has none
 * or it does not fit.
 */
bool elf_file_build_id(const struct elf_file *f, char *hex, size_t len);

/*
 * A symbol an object takes from others: an undefined entry of .dynsym, or a
 * data object it defines in .bss for a copy relocation (an x86_64
 * executable's copy of a library's variable).
 */
struct elf_import {
    const char *name;
    const char *version;        /* NULL: unversioned */
    const char *version_file;   /* the soname @version is required from */
};
/* Calls @fn for each import; strings point into the mapping. False with *why when malformed. */
bool elf_each_import(const struct elf_file *f, void (*fn)(void *ctx, const struct elf_import *s),
                     void *ctx, const char **why);

/* Calls @fn for each DT_NEEDED, DT_RUNPATH and DT_RPATH string of .dynamic, in order, with its tag. */
bool elf_each_dynamic_string(const struct elf_file *f, void (*fn)(void *ctx, long tag, const char *value),
                             void *ctx, const char **why);

#endif
