/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The real type of a generic function parameter (the description's
 * fn-type key):
 *
 *   fn-type  sqlite3_auto_extension  xEntryPoint  int (*)(sqlite3 *, char **, const void *)
 *
 * C's `void (*)(void)` means "some function, cast before calling": no
 * closure could know its arguments. When the library's documentation says
 * what the function really is, the parameter is converted as that type (its
 * closure takes those arguments) while the thunk still declares it as the
 * header does. The type is parsed by libclang from a prototype the
 * generator adds (hl_fn_type_FN_PARAM); one that does not parse, is not a
 * function pointer, or names a parameter that is not `void (*)(void)` is
 * refused.
 */
#ifndef HOSTLINK_GEN_FN_TYPE_H
#define HOSTLINK_GEN_FN_TYPE_H

#include <stddef.h>
#include "desc.h"

/* Prototypes "void hl_fn_type_FN_PARAM(TYPE);" for every fn-type key (malloc'd). */
char *fn_type_declarations(const struct desc *d);

/* The prototype name of the fn-type key of @fn's parameter @param. */
void fn_type_name(const char *fn, const char *param, char *out, size_t len);

/* The fn-type key of @fn's parameter @param, or NULL. */
const struct desc_fn_type *fn_type_of(const struct desc *d, const char *fn, const char *param);

#endif
