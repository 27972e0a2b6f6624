/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writers of the generated files. */
#ifndef HOSTLINK_GEN_EMIT_H
#define HOSTLINK_GEN_EMIT_H

#include <stdio.h>
#include "desc.h"
#include "elf_exports.h"
#include "model.h"

/* Host side: stubs that unpack a call block and call the real function. */
void emit_host(FILE *out, const struct desc *d, const struct model *m);

/* Guest side: the thunk library's functions and its callback entry. */
void emit_guest(FILE *out, const struct desc *d, const struct model *m);

/* Linker version script giving the thunk the real library's symbol versions. */
void emit_version_script(FILE *out, const struct desc *d, const struct model *m,
                         const struct exports *ex);

/* "name<TAB>soname<TAB>description" for `hostlink list`. */
void emit_list_line(FILE *out, const struct desc *d);

/* Shared by both sides: declaration "T name", typeof-wrapped for bare function-pointer types. */
void emit_decl(FILE *out, const struct ctype *t, const char *name);

/* @name as a C identifier: libc-sort -> libc_sort. */
void c_identifier(const char *name, char *out, size_t len);

/* The thunk file name for a soname: libz.so.1 -> libz-thunk.so. */
void thunk_name(const char *soname, char *out, size_t len);

#endif
