/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Data objects a passed-through library exports (sqlite3_version): what a
 * program that reads them sees.
 *
 *   constant data of integers, characters or floating point (a const
 *   array or scalar): the thunk defines the symbol with the host library's
 *   size and bytes, read from the host library's file by the generator. A
 *   program's copy of it (copy relocation) is made from those bytes when
 *   the thunk is loaded, so the program sees what the host library has.
 *
 *   refused, with the reason: variables (not const), which the program and
 *   the library share: the program's copy and the host library's would be
 *   two objects, one's writes unseen by the other (SQLite's
 *   sqlite3_temp_directory); constant data holding pointers (host
 *   addresses) or structs. `exclude NAME reason` leaves such a symbol out
 *   of the thunk: a program using it then fails to load.
 *
 * Exported objects the header does not declare are left out.
 */
#ifndef HOSTLINK_GEN_DATA_H
#define HOSTLINK_GEN_DATA_H

#include <clang-c/Index.h>
#include <stdio.h>
#include "desc.h"
#include "elf_exports.h"
#include "model.h"

/* Fills m->data from the header parsed for the host; false if anything was refused (printed). */
bool data_build(const struct desc *d, const struct exports *ex, CXTranslationUnit host, struct model *m);

/* The thunk's definitions of the data symbols. */
void emit_data(FILE *out, const struct model *m);

#endif
