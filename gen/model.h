/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the generator knows of a library's functions, from its C header
 * (through libclang): the kind of every argument and result as far as
 * passing it goes, the signatures of the callbacks it takes (as arguments,
 * or as function-pointer fields of structs it takes pointers to).
 *
 * Every type is either classified into a kind below or refused, with a line
 * naming the function, the parameter (or result) and the type, and why:
 *
 *   passed                             how
 *   integers, enums, _Bool             sign- or zero-extended to a 64-bit slot
 *   plain char (K_CHAR)                its 8 bits: signed on x86_64, unsigned on
 *                                      aarch64/riscv64, the same bits either way
 *   float, double                      bit patterns
 *   pointers to data                   unchanged (guest addresses are host
 *                                      addresses); the pointee's layout must be
 *                                      the same on every guest
 *   arrays as parameters               decay to pointers, as in C
 *   structs and unions by value        the slot holds the address of the value;
 *   (K_RECORD)                         a result is written where the caller's
 *                                      ret slot points; layout checked per guest
 *   function pointers (K_FNPTR)        closures both ways; values in the first or
 *                                      last page (NULL, SIG_IGN-like sentinels
 *                                      such as (void (*)(void *))-1) pass unchanged
 *   struct fields holding callbacks    swapped for closures during the call, also
 *                                      in structs reached through pointer fields;
 *                                      in a struct parameter passed by value (zstd's
 *                                      ZSTD_customMem) the copy gets closures for good
 *
 *   refused                            why
 *   long double (anywhere reachable)   another format on each guest
 *   objects of the guest's C library   FILE, DIR, jmp_buf, va_list, locale_t,
 *   (libc_object table in model.c)     pthread_*, regex_t, iconv_t: their state
 *                                      belongs to one C library
 *   function pointers in a struct      a result or a callback's argument: nothing
 *   passed by value                    converts them (a parameter's copy is converted)
 *   vectors, _Complex, __int128,       no conversion is described
 *   _Float16/_Float128, _Atomic, ...
 *   jmp_buf and its longjmp function   except in the longjmp key's function
 *                                      (gen/unwind.h), where they pass as addresses
 *   variadic functions, callbacks      unless a printf key describes them
 *   without a prototype or variadic    (gen/varargs.h)
 *   layouts differing on a guest       host code would misread them
 *
 * Plain-data structs of the C library (struct tm, struct timespec,
 * sigset_t, struct stat...) are ordinary structs: passed when their layout
 * is the same on every guest (struct stat is not, on x86_64 against the
 * others, and is refused by the layout check).
 */
#ifndef HOSTLINK_GEN_MODEL_H
#define HOSTLINK_GEN_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include "desc.h"
#include "elf_exports.h"

enum kind { K_VOID, K_SINT, K_UINT, K_CHAR, K_PTR, K_FNPTR, K_FLOAT, K_DOUBLE, K_RECORD, K_FILE };

/*
 * FILE * crossing, the one switch: while 0 every FILE * is refused with
 * its reason; at 1 a FILE * parameter or result is classified K_FILE: the
 * host stub passes hl_file_stream() of a parameter (plugin/file_crossing.c)
 * and stores hl_from_file() of a result (plugin/host_file.c), which the
 * guest thunk turns into a guest stream (hl_to_file). A FILE * callback
 * argument or result is refused (model.c, K_FILE), and a FILE * inside a
 * struct, or behind a further pointer (FILE **), stays refused.
 */
#define MODEL_PASS_FILE 1

struct ctype {
    enum kind kind;
    unsigned size;              /* bytes */
    char *spelling;             /* as the header writes it (arrays: as the pointer they decay to) */
    int sig;                    /* K_FNPTR: index into model.sigs; K_PTR: a pointer to a
                                   function pointer a callback writes (xFindFunction's
                                   pxFunc), the pointee's signature; else -1 */
    int record;                 /* a struct with callback fields: K_PTR to one, or a K_RECORD
                                   parameter (its copy's callbacks become closures); else -1 */
    bool decayed;               /* an array parameter, declared as the pointer it is */
    bool const_pointee;         /* K_PTR to a const struct: the host gets a copy (see struct record) */
    bool kept;                  /* K_PTR to a kept callback table (gen/kept.h) */
    bool carrier;               /* K_PTR to a struct holding pointers to kept callback tables
                                   (sqlite3_file.pMethods), as a callback's argument (gen/kept.h) */
    bool untyped;               /* K_PTR to void: as a result, a host stream the FILE * crossing
                                   made goes back as its guest FILE * (libpng's png_get_io_ptr) */
    bool fnptr_out;             /* K_PTR to a function pointer the host writes (the fnptr-out key):
                                   sig is the function pointer's signature */
};

struct param {
    char *name;
    struct ctype type;
    bool out;                   /* a varargs case's kept table named "out": the library
                                   fills the guest's struct (gen/varargs.h) */
};

struct function {
    char *name;
    const struct export *export;    /* name and symbol version in the real library */
    bool special;                   /* hand-written guest side */
    bool wrapped;                   /* hand-written guest side around the generated
                                       thunk, hl_next_NAME (the wrap key) */
    const char *emulated;           /* the description's reason to run the genuine
                                       guest function, or NULL */
    bool stateless;                 /* the guest library may run it instead (see desc.h) */
    struct ctype ret;
    struct param *params;
    unsigned n_params;              /* fixed ones: without `...` or a final va_list */
    const struct desc_printf *printf_fmt;   /* printf-style (gen/varargs.h), or NULL */
    const struct desc_options *options;     /* option-typed (gen/varargs.h), or NULL */
    struct option_case *cases;              /* options->n_cases of them */
    bool va_list_param;             /* printf-style taking a va_list after n_params */
    bool longjmp;                   /* the longjmp key's function (gen/unwind.h): its
                                       result and parameter longjmp_param are the
                                       guest's jmp_buf * and longjmp, passed as addresses */
    unsigned longjmp_param;
    bool noreturn;                  /* declared noreturn (png_error, OPENSSL_die's _Noreturn):
                                       the thunk never returns */
    struct ctype list_elem;         /* a list (printf_fmt->format == 0): each argument's type */
    const char *alias_of;           /* the alias key (gen/alias.h): the host function run for
                                       this one, whose types these are; else NULL */
    const char *nonnegative;        /* an alias whose signed result widens: the key's reason */
    struct ctype guest_ret;         /* an alias's result as the guest declares it (ret's class,
                                       or the wider unsigned type under nonnegative) */
};

/* The arguments after the fixed ones for one case of an option-typed function. */
struct option_case {
    struct param *params;
    unsigned n_params;
};

/*
 * A callback signature: what a guest function pointer is called with. An
 * argument pointing to a struct with callback fields (record >= 0, a
 * writable struct whose fields are callbacks only: expat's XML_Encoding)
 * is converted around the call: host functions in it become guest stubs
 * before, and the guest functions it holds after become closures, kept for
 * good since the library keeps the struct's functions.
 */
struct sig {
    char *spelling;             /* the function-pointer type, for casts */
    char *code;                 /* result kind, ':', argument kinds (see kind_code) */
    struct ctype ret;
    struct ctype *args;
    unsigned n_args;
};

/*
 * A field of a struct the host library gets a pointer to: a callback
 * (sig >= 0), or a pointer to another struct with callback fields
 * (record >= 0), swapped in turn when not NULL, or, if it points to a
 * const struct (copied), pointed at a host copy of it instead.
 */
struct cb_field {
    char *name;
    int sig;
    int record;
    bool copied;
};

/*
 * A struct whose fields carry guest callbacks. Passed by pointer, its
 * function-pointer fields are swapped for host stand-ins during the call;
 * passed as a pointer to const (lzma_allocator), or pointed to by a
 * pointer-to-const field (lzma_stream.allocator), the host gets a copy with
 * stand-ins instead, kept for good: the guest's may be read-only or shared
 * by threads, and the host library may keep the pointer.
 */
struct record {
    char *spelling;
    bool kept;                  /* named by the kept key: a callback table the library keeps */
    struct cb_field *fields;
    unsigned n_fields;
};

/* An exported constant the thunk defines with the host library's bytes (gen/data.h). */
struct data_object {
    const char *name;
    const struct export *export;
    unsigned long size;
    const unsigned char *bytes;     /* NULL: zeros */
};

/* A function of the host library the thunk does not have, and why (hostlink list --functions). */
struct left_out {
    const char *name;
    const char *reason;
};

struct model {
    struct left_out *left_out;
    unsigned n_left_out;
    struct function *fns;
    unsigned n_fns;
    struct sig *sigs;
    unsigned n_sigs;
    struct record *records;
    unsigned n_records;
    struct data_object *data;
    unsigned n_data;
    struct refusal *refused;    /* left out by the refused key (gen/refused.h) */
    unsigned n_refused;
    uint64_t hash;              /* of everything both sides must agree on */
};

#define MAX_ARGS 24              /* a host function's (HOSTLINK_MAX_ARGS) */
#define MAX_CALLBACK_ARGS 16     /* a callback's */

/*
 * Builds the model from the description's header parsed for the host,
 * checking the layout of every type involved against each guest target
 * (clang triples, e.g. "aarch64-linux-gnu"). Prints what it refuses and
 * why; returns false if anything was refused.
 */
bool model_build(const struct desc *d, const struct exports *ex, const char *const *guest_triples,
                 struct model *m);

/*
 * One letter per kind and size: b B h H i I l L (signed/unsigned 8..64),
 * c (plain char), p, f, d, v; s(TYPE) a struct or union by value.
 * Appended to @out.
 */
void kind_code(const struct ctype *t, char *out, size_t len);

#endif
