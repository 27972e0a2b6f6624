/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kept callback tables (the description's `kept` key): structs of function
 * pointers a library stores and calls long after the call that handed
 * them over (SQLite's sqlite3_vfs, sqlite3_io_methods, sqlite3_module).
 *
 * One table has two faces, converted wherever a pointer to it crosses
 * (plugin/kept.c does the work, the generated code says where):
 *
 *   crossing to the host       a host copy of the guest's table, function
 *   (host function parameter,  pointers replaced by closures, pointers to
 *   guest callback result,     kept tables converted likewise; made once
 *   guest's argument to a host per guest address and kept for good (the
 *   function it got a stub of) library may use it any time later). A guest
 *                              view (below) becomes its host original again.
 *   crossing to the guest      the guest's own table if it is a host copy;
 *   (host function result,     otherwise a guest view of the host's table:
 *   callback argument, host    a host-allocated copy the guest can read,
 *   function's argument seen   function pointers replaced by guest stubs.
 *   from a guest stub)         Views are refreshed from the original at
 *                              every crossing (sqlite3_vfs.pNext moves).
 *
 * Structs that only point to kept tables ("carriers": sqlite3_file with
 * pMethods, sqlite3_vtab with pModule) may be handed to guest callbacks
 * (and, through guest stubs, to host functions): a kept-table field the
 * callee fills in (NULL before the call, set after it: xOpen setting
 * pFile->pMethods) is converted to the caller's side when it returns. A
 * field that was set before is left alone, so memory a callee frees
 * (xDisconnect freeing its sqlite3_vtab) is never written. So the guest
 * sees the host's side of a table it reads back through a carrier the
 * library filled in (pVtab->pModule is the host copy: its data fields are
 * the guest's, its function pointers host code the guest must not call).
 * Carriers as host functions' own parameters or results are refused.
 *
 * A callback's `void (**)(...)` argument (xFindFunction's pxFunc) is an
 * output: the function stored there is converted when the callee returns.
 * A callback or stub result of type void (*)(void) (sqlite3_vfs.xDlSym) is
 * C's "some function, cast before calling": no closure knows its real
 * arguments, so it is refused at run time: NULL, one log line.
 */
#ifndef HOSTLINK_GEN_KEPT_H
#define HOSTLINK_GEN_KEPT_H

#include <stdbool.h>
#include <stdio.h>
#include "model.h"

/* Whether @t is the generic function pointer void (*)(void) (refused as a callback result). */
bool kept_generic_fn(const struct model *m, const struct ctype *t);

/* Whether the host must convert around calls of @s beyond plain slots (then emit_kept_invoker). */
bool kept_sig_converts(const struct model *m, const struct sig *s);

/* invoke_K for a guest stub of a host function of signature @s that converts (see above). */
void emit_kept_invoker(FILE *out, const struct model *m, const struct sig *s, unsigned k);

/*
 * In a receiver (host calling guest function of signature @s, arguments
 * a0...): the values of carrier fields before the callback, and the
 * conversions after it.
 */
void emit_kept_receiver_before(FILE *out, const struct model *m, const struct sig *s);
void emit_kept_receiver_after(FILE *out, const struct model *m, const struct sig *s);

#endif
