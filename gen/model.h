/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the generator knows of a library's functions, from its C header
 * (through libclang): the kind of every argument and result as far as
 * passing it goes, the signatures of the callbacks it takes (as arguments,
 * or as function-pointer fields of structs it takes pointers to).
 */
#ifndef HOSTLINK_GEN_MODEL_H
#define HOSTLINK_GEN_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include "desc.h"
#include "elf_exports.h"

enum kind { K_VOID, K_SINT, K_UINT, K_PTR, K_FNPTR, K_FLOAT, K_DOUBLE };

struct ctype {
    enum kind kind;
    unsigned size;              /* bytes */
    char *spelling;             /* as the header writes it */
    int sig;                    /* K_FNPTR: index into model.sigs */
    int record;                 /* K_PTR to a struct with callback fields, else -1 */
    bool const_pointee;         /* K_PTR to const: the host gets a copy (see struct record) */
};

struct param {
    char *name;
    struct ctype type;
};

struct function {
    char *name;
    const struct export *export;    /* name and symbol version in the real library */
    bool special;                   /* hand-written guest side */
    struct ctype ret;
    struct param *params;
    unsigned n_params;
};

/* A callback signature: what a guest function pointer is called with. */
struct sig {
    char *spelling;             /* the function-pointer type, for casts */
    char code[40];              /* result kind, ':', argument kinds (see kind_code) */
    struct ctype ret;
    struct ctype *args;
    unsigned n_args;
};

/* A field carrying guest callbacks: a function pointer, or a pointer to a const struct with some. */
struct cb_field {
    char *name;
    int sig;                    /* function pointer: its signature, else -1 */
    int record;                 /* const struct pointer: index into model.records, else -1 */
};

/*
 * A struct whose fields carry guest callbacks. Passed by pointer, its
 * function-pointer fields are swapped for host stand-ins during the call;
 * passed as a pointer to const (lzma_allocator), or pointed to by a field
 * of such a struct (lzma_stream.allocator), the host gets a copy of it with
 * stand-ins instead, kept for good: the guest's may be read-only or shared
 * by threads, and the host library may keep the pointer.
 */
struct record {
    char *spelling;
    struct cb_field *fields;
    unsigned n_fields;
};

struct model {
    struct function *fns;
    unsigned n_fns;
    struct sig *sigs;
    unsigned n_sigs;
    struct record *records;
    unsigned n_records;
    uint64_t hash;              /* of everything both sides must agree on */
};

#define MAX_ARGS 16

/*
 * Builds the model from the description's header parsed for the host,
 * checking the layout of every type involved against each guest target
 * (clang triples, e.g. "aarch64-linux-gnu"). Prints what it refuses and
 * why; returns false if anything was refused.
 */
bool model_build(const struct desc *d, const struct exports *ex, const char *const *guest_triples,
                 struct model *m);

/* One letter per kind and size: b B h H i I l L (signed/unsigned 8..64), p, f, d, v. */
char kind_code(const struct ctype *t);

#endif
