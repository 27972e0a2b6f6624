/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A library description (libs/NAME.hl): which library to pass through and
 * what the header cannot say. Signatures come from the header, exported
 * functions and their symbol versions from the real library.
 *
 *   name         zlib                  lib= option and id
 *   description  compression library   one line for `hostlink list`
 *   soname       libz.so.1             what the guest asks for
 *   host         libz.so.1             what the plugin dlopens on the host
 *   header       zlib.h                parsed with libclang (several: lz4.h
 *                                      lz4hc.h lz4frame.h)
 *   cflags       -D_LARGEFILE64_SOURCE for parsing and compiling; its -D and -U
 *                                      also reach the host stubs (as #define
 *                                      lines), so an experimental API
 *                                      (-DZSTD_STATIC_LINKING_ONLY) is passed
 *                                      like the rest
 *   functions    qsort bsearch         only these (default: every function
 *                                      the host library exports)
 *   special      gzprintf              hand-written in libs/NAME-guest.c
 *   wrap         sqlite3_open          hand-written in libs/NAME-guest.c
 *                                      around the generated thunk, which
 *                                      is named hl_next_FN (hidden)
 *   exclude      FN reason...          FN is left out of the thunk: a
 *                                      program that needs it gets the
 *                                      genuine library (the version-skew
 *                                      rule, plugin/skew.h)
 *   error-int    -2                    int result when the host call fails
 *   emulate      FN reason...          FN always runs the genuine guest
 *                                      library (its types are not looked at);
 *                                      only for functions sharing no state
 *                                      with the passed-through ones
 *   printf       FN format=N [extra=LETTERS] [flags=CHARS]
 *                                      FN is printf-style: parameter N (from
 *                                      1) is its format, the arguments after
 *                                      it are `...` or a va_list; LETTERS are
 *                                      the library's own conversions taking a
 *                                      pointer (SQLite's qQwz), CHARS its own
 *                                      flags (SQLite's !,). See gen/varargs.h
 *   list         FN count=N TYPE       FN's variable arguments are parameter
 *   list         FN null TYPE          N's number of TYPE, or TYPEs up to and
 *                                      including a NULL (ERR_add_error_data)
 *   varargs      FN op=N CASE: TYPES ; CASE: TYPES ; ...
 *                                      FN takes `...` whose types depend on
 *                                      its parameter N: per CASE (a constant,
 *                                      or A..B), the C types that follow, comma-
 *                                      separated (none: nothing follows); any
 *                                      other value fails with EINVAL
 *   preload      yes                   a preloaded shim: the genuine
 *                                      functions are the next definitions
 *   stateless    qsort bsearch         functions the genuine guest library
 *                                      may run instead of the host's, even
 *                                      call by call (the call policy does
 *                                      so when they are callback-bound)
 *   host-threads yes                   the library calls guest callbacks
 *                                      from threads of its own: the thunk
 *                                      starts guest threads to run them
 *   kept         sqlite3_vfs ...       struct types (typedef name or tag) of
 *                                      callback tables the library keeps and
 *                                      calls later: a pointer to one crossing
 *                                      to the host becomes a host copy with
 *                                      closures, kept for good; one crossing
 *                                      to the guest becomes the guest's own
 *                                      (if it was a copy) or a guest view
 *                                      with guest stubs (gen/kept.h)
 *   version-data sqlite3_version      the library's behaviour has a version
 *                                      beyond its symbols (SQLite's SQL): a
 *                                      guest whose genuine library's string
 *                                      of this name is a newer version than
 *                                      the host's keeps it emulated
 *                                      (plugin/skew.h)
 *   longjmp      png_set_longjmp_fn    FN registers the function the library
 *                                      longjmps with when it fails (its
 *                                      function-pointer parameter taking a
 *                                      jmp_buf first) and returns the jmp_buf
 *                                      the guest's setjmp fills: the host
 *                                      library gets a host function that ends
 *                                      the host call instead, and the guest
 *                                      thunk then calls the guest's function
 *                                      (gen/unwind.h). Every host call of the
 *                                      library is then an unwind point
 *   handle       TYPE reason...        pointers to struct TYPE (typedef name or
 *                                      "struct TAG") cross unchanged, their
 *                                      callback fields never converted: objects
 *                                      the library makes and the program only
 *                                      hands back (gen/handle.h)
 *   file-arg     FN PARAM OP=VALUE     FN's void * parameter PARAM is a FILE *
 *                                      when its parameter OP equals VALUE (a C
 *                                      expression): it crosses as a FILE *
 *                                      parameter does (OpenSSL's BIO_set_fp:
 *                                      BIO_ctrl(b, BIO_C_SET_FILE_PTR, c, fp));
 *                                      several lines add cases
 *   unit         libcrypto             libraries sharing objects with this one
 *                                      (an SSL_CTX of the host's libssl holds
 *                                      host libcrypto objects): all of them pass
 *                                      through or none (plugin/unit.h); each
 *                                      description names the others
 *   fn-type      FN PARAM TYPE         FN's `void (*)(void)` parameter
 *                                      PARAM ("some function") holds
 *                                      functions of TYPE, as the library's
 *                                      documentation says: the host's closure
 *                                      for it takes TYPE's arguments
 *                                      (gen/fn_type.h)
 *   api-table    sqlite3ext.h          the header of the library's table of
 *                                      its own functions for loadable
 *                                      extensions (SQLite's
 *                                      sqlite3_api_routines): the thunk
 *                                      defines one made of its own functions
 *                                      (gen/api_table.h)
 *   fnptr-out    yes                   a parameter that points to a function
 *                                      pointer is an output (OpenSSL's getters,
 *                                      EVP_PBE_find): the host writes a host
 *                                      function there, the guest gets a guest
 *                                      stub for it; the guest's old value is
 *                                      never read, and left alone if the host
 *                                      writes nothing
 *   null-default FN PARAM SYMBOL       a NULL pointer given as FN's PARAM
 *                                      becomes &SYMBOL, an object of
 *                                      libs/NAME-guest.c (liblzma's guest
 *                                      allocator: a NULL allocator means
 *                                      malloc, and programs free() what
 *                                      those functions allocated)
 *   refused      exclude               a function the generator refuses is left
 *                                      out as if excluded, its reason written
 *                                      to NAME.refused (gen/refused.h), instead
 *                                      of failing the library: for APIs of
 *                                      thousands of functions (OpenSSL)
 *   alias        NEW OLD [RESULT (PARAMS)] [nonnegative REASON...]
 *                                      the thunk exports NEW, a function the
 *                                      host library lacks (a newer release's),
 *                                      and the host runs OLD for it: NEW's
 *                                      types come from each guest's headers
 *                                      that declare it, or from the prototype
 *                                      given, for every guest; refused unless
 *                                      the result and every parameter pass
 *                                      identically to OLD's on the host
 *                                      (gen/alias.h). "nonnegative" lets a
 *                                      signed result widen into a wider
 *                                      unsigned one, for the reason given
 *                                      (checked on every call)
 *   coverage     all                   the test suite fails unless every
 *                                      host function ran on the host in
 *                                      some test (default); "report" only
 *                                      lists the gaps (tests/coverage.sh)
 *
 * A stateless function keeps no state between calls, on either side, and
 * may be given up at any of its guest callbacks and run again from the
 * start by the guest library: its arguments are then still valid input
 * (qsort's array is a permutation of itself whenever its comparator runs,
 * as C requires the compared elements to be in the array). Its callbacks
 * may see more calls than the guest library alone makes. The generator
 * refuses it for functions with callbacks in struct fields.
 */
#ifndef HOSTLINK_GEN_DESC_H
#define HOSTLINK_GEN_DESC_H

#include <stdbool.h>

/* A per-function exception: emulate or exclude, with the description's reason. */
struct desc_exception {
    char *fn;
    char *reason;
};

/* A printf-style function (the printf key), or a list of one type (the list key). */
struct desc_printf {
    char *fn;
    unsigned format;            /* parameter number of the format, from 1; 0 for a list */
    char *extra, *flags;
    unsigned count;             /* list: parameter number of the count, 0 if NULL-terminated */
    char *element;              /* list: the C type of every argument */
};

/* NEW, the host's OLD under another name (the alias key, gen/alias.h). */
struct desc_alias {
    char *name, *old;
    char *prototype;            /* "RESULT (PARAMS)" as given, or NULL */
    char *nonnegative;          /* the reason a signed result may widen, or NULL */
};

/* A void * parameter that is a FILE * for one value of another (the file-arg key). */
struct desc_file_arg {
    char *fn, *param, *op, *value;
};

/* A pointer parameter whose NULL stands for a guest object (the null-default key). */
struct desc_null_default {
    char *fn, *param, *symbol;
};

/* The real type of a `void (*)(void)` parameter (the fn-type key). */
struct desc_fn_type {
    char *fn, *param, *type;
};

/* An option-typed variadic function (the varargs key). */
struct desc_option_case {
    char *label;                /* C constant expression, or "A ... B" */
    char *types;                /* C types, comma-separated, "" for none */
};
struct desc_options {
    char *fn;
    unsigned op;                /* parameter number of the option, from 1 */
    struct desc_option_case *cases;
    unsigned n_cases;
};

struct desc {
    char *name, *description, *soname, *host, *header, *cflags;
    char *unit;                 /* the other libraries of its unit, space-separated, or "" */
    char **functions;           /* NULL-terminated, or NULL for "all" */
    char **special;             /* NULL-terminated */
    char **wrapped;             /* NULL-terminated: the wrap key */
    char *api_table;            /* the api-table key's header, or NULL */
    struct desc_fn_type *fn_types;      /* ends with fn == NULL */
    char **stateless;           /* NULL-terminated */
    char **kept;                /* NULL-terminated: kept callback tables (gen/kept.h) */
    char **headers;             /* NULL-terminated, from "header" */
    char *error_int;            /* C expression */
    char *version_data;         /* exported version string, or NULL */
    char *longjmp;              /* the longjmp key's function, or NULL */
    struct desc_exception *emulated;    /* ends with fn == NULL */
    struct desc_exception *excluded;    /* ends with fn == NULL */
    struct desc_exception *handles;     /* handle types (fn: the type), ends with fn == NULL */
    struct desc_printf *printfs;        /* ends with fn == NULL */
    struct desc_options *options;       /* ends with fn == NULL */
    struct desc_file_arg *file_args;    /* ends with fn == NULL */
    struct desc_null_default *null_defaults;    /* ends with fn == NULL */
    struct desc_alias *aliases;         /* ends with name == NULL */
    bool preload;
    bool host_threads;
    bool refused_excluded;      /* "refused exclude" */
    bool fnptr_out;             /* "fnptr-out yes" */
};

/* Reads @path; on error prints "path:line: message" and returns false. */
bool desc_read(const char *path, struct desc *d);

bool desc_is_special(const struct desc *d, const char *fn);
bool desc_is_wrapped(const struct desc *d, const char *fn);
bool desc_is_stateless(const struct desc *d, const char *fn);
/* Whether struct @spelling ("struct X" or "X") is named by the kept key. */
bool desc_is_kept(const struct desc *d, const char *spelling);

/* The reason given for @fn in @list (emulated or excluded), or NULL. */
const char *desc_exception(const struct desc_exception *list, const char *fn);

/* The varargs key for @fn, or NULL. */
const struct desc_options *desc_options_of(const struct desc *d, const char *fn);

/* The printf key for @fn, or NULL. */
const struct desc_printf *desc_printf_of(const struct desc *d, const char *fn);

/*
 * The C text that declares the library: "#include <H>" per header, after a
 * pragma that keeps deprecated functions (lz4's LZ4_compress) from warning:
 * a thunk stands in for them too. malloc'd.
 */
char *desc_prelude(const struct desc *d);

#endif
