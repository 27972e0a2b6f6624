/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The alias key: a function a newer release of the library added under a
 * new name that does what an older function does (expat 2.8's
 * XML_GetCurrentByteIndex64 is XML_GetCurrentByteIndex on every 64-bit
 * guest: XML_Index is long there, int64_t is long too). The thunk exports
 * NEW and the host runs OLD, which the host library has.
 *
 * NEW's types are read per guest: from the guest's own headers where they
 * declare NEW (a sysroot's newer expat.h), and from the prototype the key
 * gives, declared as hl_alias_NEW in every guest's parse; a guest that has
 * neither refuses the alias (its program could call NEW with types nobody
 * checked). On every guest, the result and each parameter must be in the
 * same class as OLD's on the host: integers of the same width and
 * signedness (plain char as its 8 bits), the same floating type, pointers
 * whose pointees are the same, recursively (int64_t * is not int *),
 * structs of the same layout. Anything else refuses the alias with the
 * place and both types; nothing is converted silently.
 *
 * One exception, stated in the key with its reason: "nonnegative" lets a
 * signed integer result of OLD reach the guest as a wider unsigned one
 * (expat's int XML_GetCurrentByteCount for uint64_t
 * XML_GetCurrentByteCount64: a byte count, which expat keeps within an int
 * buffer). The values agree while OLD's is not negative; the host stub
 * checks every result and says once in QEMU's log if one was.
 *
 * An aliased NEW counts as a thunk function for the version-skew rule
 * (plugin/skew.h): a program taking it keeps the library passed through.
 * Only for libraries without symbol versions (NEW's version in a newer
 * release is not the generator's to guess). Without the plugin, the thunk
 * calls the genuine library's NEW, or its OLD where it has no NEW.
 */
#ifndef HOSTLINK_GEN_ALIAS_H
#define HOSTLINK_GEN_ALIAS_H

#include <clang-c/Index.h>
#include <stddef.h>
#include "desc.h"

/* Prototypes "RESULT hl_alias_NEW(PARAMS);" for the aliases that give one (malloc'd). */
char *alias_declarations(const struct desc *d);

/* The name a given prototype is declared under: hl_alias_NEW. */
void alias_decl_name(const char *name, char *out, size_t len);

/*
 * What must agree between NEW on a guest and OLD on the host, for @t:
 * "i8" (signed 8 bytes), "u4", "c1" (plain char), "f8", "*(...)" for a
 * pointer with its pointee's class, a struct's layout (@layout, the
 * generator's per-field one). malloc'd.
 */
char *alias_class(CXType t, char *(*layout)(CXType t, void *ctx), void *ctx);

#endif
