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

/* "name<TAB>soname<TAB>thunk<TAB>description[<TAB>preload]": libs.list, read by the CLI and make. */
void emit_list_line(FILE *out, const struct desc *d);

/*
 * "function<TAB>host" for each function the host runs, "function<TAB>guest"
 * for hand-written guest-side ones ("...<TAB>guest<TAB>emulated: REASON"
 * for emulated ones), "function<TAB>left-out<TAB>REASON" for the host
 * library's functions the thunk lacks: what the test suite's coverage
 * counts and `hostlink list --functions` prints (the one source of both).
 */
void emit_function_list(FILE *out, const struct model *m);

/* Shared by both sides: declaration "T name", typeof-wrapped for bare function-pointer types. */
void emit_decl(FILE *out, const struct ctype *t, const char *name);

/* @name as a C identifier: libc-sort -> libc_sort. */
void c_identifier(const char *name, char *out, size_t len);

/*
 * Expressions converting a value of @t to a 64-bit block slot, and back.
 * A struct by value travels as its address: @value must be an lvalue.
 */
void emit_pack(FILE *out, const struct ctype *t, const char *value);
void emit_unpack(FILE *out, const struct ctype *t, const char *slot);
/* The same on the host side, where a guest function pointer becomes a closure. */
void emit_host_unpack(FILE *out, const struct ctype *t, const char *slot);
/* "T a_NAME = ARG;" for each parameter of @f, from c->args[] as the host stub sees it
   (callbacks as closures, FILE * as host streams). */
void emit_host_locals(FILE *out, const struct function *f);

/* "BLOCK->ret = pack(VALUE);", or for a struct, copying it to where BLOCK->ret points. */
void emit_store_result(FILE *out, const struct ctype *t, const char *value, const char *block,
                       const char *indent);

/*
 * For a struct result: "T NAME; (zeroed) BLOCK.ret = &NAME;", the room the
 * callee writes it to (nothing for other kinds).
 */
void emit_result_room(FILE *out, const struct ctype *t, const char *name, const char *block,
                      const char *indent);

/* "return X;" when a call could not be made: @error_int, NULL or 0 (not for struct results). */
void emit_failed_return(FILE *out, const struct ctype *t, const char *error_int, const char *indent);
/*
 * The end of a guest thunk function after "if (<the call failed>) {": the
 * failure's return, the closing brace, the result from hl_c.ret, "}".
 */
void emit_thunk_tail(FILE *out, const struct ctype *ret, const char *error_int);

/* The description's -D and -U cflags as #define and #undef lines. */
void emit_defines(FILE *out, const struct desc *d);

/*
 * "[T r = ]((sig)FN)(args from BLOCK->args); [BLOCK->ret = r;]": calling a
 * function of signature @s with a block's arguments, on either side.
 */
void emit_typed_call(FILE *out, const struct sig *s, const char *fn, const char *block,
                     const char *indent);

/*
 * The thunk file name for a soname: libz.so.1 -> libz-thunk.so. The one
 * place of this rule: the plugin, the CLI and make read its result.
 */
void thunk_name(const char *soname, char *out, size_t len);

#endif
