/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * printf-style variadic functions (the description's printf key):
 *
 *   printf  gzprintf  format=2
 *   printf  sqlite3_mprintf  format=1 extra=qQwz flags=!,
 *
 * The guest thunk walks the format with the guest's va_arg, each argument
 * with its real type (guest/runtime/varargs.c), into a struct hostlink_va
 * whose address travels in the slot after the fixed arguments. The host
 * stub makes an ordinary variadic call with them, sorted into the
 * registers and stack slots of the host's convention
 * (include/hostlink/varargs.h); a va_list function (gzvprintf) is called
 * from a generated variadic helper that makes its own va_list. Without the
 * plugin, the thunk calls the genuine `...` function the same way, and the
 * genuine va_list function with the caller's va_list.
 *
 * Formats the walker refuses (%n, %m, positional arguments, long double,
 * unknown conversions, more than HOSTLINK_VA_MAX arguments) make the call
 * fail: errno EINVAL, the description's error result, one log line from
 * the plugin.
 *
 * Lists (the list key): `list ERR_add_error_data count=1 const char *`
 * reads parameter 1's number of arguments of that type, `list FN null
 * TYPE` up to and including a NULL; then as printf-style. A negative count,
 * or more than HOSTLINK_VA_MAX, or no NULL among the first HOSTLINK_VA_MAX,
 * fails the call like a refused format.
 *
 * Option-typed variadic functions (the varargs key):
 *
 *   varargs  sqlite3_config op=1 SQLITE_CONFIG_SINGLETHREAD: ; SQLITE_CONFIG_LOG: void (*)(void *, int, const char *), void *
 *
 * The types of each case are parsed by libclang from a prototype the
 * generator adds (hl_case_FN_K), converted like any parameter (a function
 * pointer becomes a closure) and layout-checked per guest. The guest thunk
 * switches on the option, reads that case's arguments with va_arg into the
 * call block after the fixed ones and puts the case number in the last
 * slot; the host stub makes the typed call for that case. An option no
 * case names fails with EINVAL, never guessed; so does a case number out
 * of range from the guest. A case may take a pointer to a kept callback
 * table (gen/kept.h): the host gets its host copy (SQLITE_CONFIG_MALLOC:
 * sqlite3_mem_methods *); named out, the library fills the guest's table
 * and its functions become guest stubs after the call
 * (SQLITE_CONFIG_GETMALLOC: sqlite3_mem_methods *out). Other structs with
 * callback fields are refused.
 */
#ifndef HOSTLINK_GEN_VARARGS_H
#define HOSTLINK_GEN_VARARGS_H

#include <stdio.h>
#include "desc.h"
#include "model.h"

/* Why variadic @f (printf, list or varargs key) cannot be passed, or NULL. */
const char *varargs_refusal(const struct function *f);

/* The guest thunk of printf-style @f, function id @id. */
void emit_printf_thunk(FILE *out, const struct desc *d, const struct function *f, unsigned id);

/* The host stub of printf-style @f (calls real_NAME). */
void emit_printf_stub(FILE *out, const struct function *f);

/* Prototypes "void hl_case_FN_K(TYPES);" for every case of every varargs key (malloc'd). */
char *varargs_declarations(const struct desc *d);

/* The prototype name of a list's element type (hl_list_FN). */
void varargs_list_name(const char *fn, char *out, size_t len);

/* The prototype name of case @k of @fn. */
void varargs_case_name(const char *fn, unsigned k, char *out, size_t len);

/* Why a case's arguments cannot be passed, or NULL. */
const char *varargs_case_refusal(const struct option_case *c);

/* The guest thunk and the host stub of option-typed @f. */
void emit_options_thunk(FILE *out, const struct desc *d, const struct function *f, unsigned id);
void emit_options_stub(FILE *out, const struct function *f);

#endif
