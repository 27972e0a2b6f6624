/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A library's table of its own functions for loadable extensions (the
 * description's api-table key):
 *
 *   api-table  sqlite3ext.h sqlite3_api_routines sqlite3_api
 *
 * A SQLite extension calls the library only through the table its entry
 * point is given (sqlite3ext.h turns sqlite3_create_function into
 * sqlite3_api->create_function). The header's "#define FN POINTER->FIELD"
 * lines say which function each field holds; the guest thunk defines
 * hl_api_table, a TYPE whose fields are the thunk's own functions, so an
 * extension's calls take the program's way to the host. A field whose
 * function the thunk lacks is NULL, and listed in NAME.functions (as
 * "TYPE.FIELD left-out"). Room follows the table for fields a guest's newer
 * header appends (NULL). The header is the host's, as the thunk is built
 * with it.
 */
#ifndef HOSTLINK_GEN_API_TABLE_H
#define HOSTLINK_GEN_API_TABLE_H

#include <stdio.h>
#include "desc.h"
#include "model.h"

/* hl_api_table, at the end of the guest thunk (it includes the header, whose macros rename functions). */
void emit_api_table(FILE *out, const struct desc *d, const struct model *m);

/* NAME.functions lines for the fields left NULL. */
void emit_api_table_gaps(FILE *out, const struct desc *d, const struct model *m);

#endif
