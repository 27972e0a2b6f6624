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
 */
#ifndef HOSTLINK_GEN_VARARGS_H
#define HOSTLINK_GEN_VARARGS_H

#include <stdio.h>
#include "desc.h"
#include "model.h"

/* Why printf-style @f cannot be passed (its fixed arguments), or NULL. */
const char *varargs_refusal(const struct function *f);

/* The guest thunk of printf-style @f, function id @id. */
void emit_printf_thunk(FILE *out, const struct desc *d, const struct function *f, unsigned id);

/* The host stub of printf-style @f (calls real_NAME). */
void emit_printf_stub(FILE *out, const struct desc *d, const struct function *f);

#endif
