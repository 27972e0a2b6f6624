/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Handle types (the description's "handle TYPE reason...", TYPE a typedef
 * name or a struct tag): structs the
 * library makes and the program only holds and hands back, whose
 * function-pointer fields are the library's own (OpenSSL's ASN1_ITEM,
 * X509_PURPOSE, TXT_DB). A pointer to one crosses unchanged both ways: it
 * is not scanned for callback fields, not copied, nothing in it is swapped,
 * so the host library gets its own object back. Declaring a type a handle
 * promises that the program never calls its function-pointer fields and
 * never builds one with callbacks of its own; the description says why
 * that holds for the library's programs.
 */
#ifndef HOSTLINK_GEN_HANDLE_H
#define HOSTLINK_GEN_HANDLE_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include "desc.h"

/* Whether @pointee (a pointer's pointee type, typedefs kept) is a handle type of @d. */
bool handle_type(const struct desc *d, CXType pointee);

#endif
