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

/* K_FILE: a stdio FILE *, passed as a host stream over the guest's (plugin/file_crossing.c). */
enum kind { K_VOID, K_SINT, K_UINT, K_PTR, K_FNPTR, K_FLOAT, K_DOUBLE, K_FILE };

struct ctype {
    enum kind kind;
    unsigned size;              /* bytes */
    char *spelling;             /* as the header writes it */
    int sig;                    /* K_FNPTR: index into model.sigs */
    int record;                 /* K_PTR to a struct with callback fields, else -1 */
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

struct cb_field {
    char *name;
    int sig;
};

/* A struct whose function-pointer fields carry guest callbacks. */
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

/* One letter per kind and size: b B h H i I l L (signed/unsigned 8..64), p, f, d, v, F (FILE *). */
char kind_code(const struct ctype *t);

#endif
