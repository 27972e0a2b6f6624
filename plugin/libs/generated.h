/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What generated host stubs (build/gen/NAME-host.c) use: the tables they
 * fill in and the conversions between call-block slots and C values.
 */
#ifndef HOSTLINK_GENERATED_H
#define HOSTLINK_GENERATED_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "hostlink/protocol.h"
#include "hostlink/slots.h"
#include "hostlink/varargs.h"
#include "libs/libs.h"
#include "file_crossing.h"      /* hl_file_stream() for FILE * arguments */
#include "host_file.h"          /* hl_from_file() for FILE * results */

/* A callback signature: its kinds, e.g. "p:pII" (see gen/model.h). */
struct hl_sig {
    const char *spelling;
    const char *code;
    /* Calls host function @fn of this signature with a call block's arguments. */
    void (*invoke)(void (*fn)(void), struct hostlink_call_block *c);
    /*
     * A function of exactly this signature that a closure for a guest
     * function of it jumps to, with the caller's arguments untouched: it
     * packs them into a callback block and calls hl_callback().
     */
    void (*receive)(void);
};

/*
 * From a signature's receive function, first thing: runs the guest
 * function of the closure that was called, with @b's arguments (fn and
 * sig are filled in here); false, with nothing run, if this thread cannot
 * run guest code (see bridge_call_guest_block()).
 */
bool hl_callback(struct hostlink_callback_block *b);

/*
 * Function-pointer values that are no functions: NULL and the like in the
 * first page, sentinels such as (void (*)(void *))-1 in the last. They pass
 * unchanged both ways, never as closures or guest stubs, so a library
 * comparing against its sentinel still sees it.
 */
static inline bool hl_fn_sentinel(uint64_t v)
{
    return v < 4096 || v >= (uint64_t)-4096;
}

/*
 * The longjmp key (plugin/unwind.h): the host function the library gets in
 * place of guest longjmp @guest_fn (sentinels, NULL included, stay), and,
 * once the library returned its jmp_buf @env, which guest function goes
 * with it.
 */
void (*hl_unwind_fn(uint64_t guest_fn))(void);
void hl_unwind_note(const void *env, uint64_t guest_fn);

/* An exported data object the thunk defines (gen/data.h). */
struct hl_data {
    const char *name;
    const char *version;        /* symbol version in the host library, or NULL */
};

/* A passed-through function, by id. */
struct hl_fn {
    const char *name;
    const char *version;        /* symbol version in the host library, or NULL */
    void (*call)(struct hostlink_call_block *c);    /* NULL: guest side only */
    void **real;                /* where bind stores the host function */
    bool stateless;             /* the guest library may run it instead (gen/desc.h) */
    const char *host_name;      /* an alias (gen/alias.h): the host function bound for it; else NULL */
};

/*
 * Host-callable stand-in for guest function @guest_fn of signature @sig of
 * library @lib (sentinels, NULL included, stay as they are; a host function
 * pointer the guest got from us maps back to itself).
 */
void *hl_closure_of(struct hostlink_lib *lib, uint64_t guest_fn, const struct hl_sig *sig);
#define hl_closure(guest_fn, sig) hl_closure_of(&HL_THIS_LIB, (guest_fn), (sig))

/*
 * A guest-callable stand-in for host function @fn of signature @sig: one of
 * the thunk's guest stubs, bound to @fn (or @fn itself, with a log line,
 * if the thunk's stubs for that signature are all taken).
 */
uint64_t hl_guest_fn_of(struct hostlink_lib *lib, void (*fn)(void), const struct hl_sig *sig);
#define hl_guest_fn(fn, sig) hl_guest_fn_of(&HL_THIS_LIB, (fn), (sig))
/* What a host stub puts in a function-pointer output before the call (fnptr-out). */
extern const char hl_fnptr_unwritten_mark;
#define hl_fnptr_unwritten ((void *)&hl_fnptr_unwritten_mark)

/* Guest callbacks in a struct's function-pointer fields, swapped for the call. */
struct hl_swap {
    void *field;
    uint64_t guest;             /* the guest's value */
    void *installed;            /* the stand-in put there */
    struct hostlink_lib *lib;
    const struct hl_sig *sig;   /* NULL: a struct pointer (hl_swap_record_in) */
};

/*
 * A struct with guest callbacks in its fields (gen/model.h, struct record):
 * function pointers (sig) and pointers to const structs of that kind (record).
 */
struct hl_record;
struct hl_record_field {
    size_t offset;
    const struct hl_sig *sig;
    const struct hl_record *record;
};
struct hl_record {
    const char *spelling;
    size_t size;
    const struct hl_record_field *fields;
    unsigned n_fields;
    bool kept;                  /* a kept callback table (gen/kept.h, plugin/kept.c) */
};

/*
 * A host copy of the guest's const struct @guest of kind @r, guest
 * callbacks replaced by host stand-ins (pointed-to structs copied alike).
 * Copies are kept for the life of the process, one per address and
 * contents: the host library may keep the pointer (liblzma's threads keep
 * the allocator). NULL stays NULL.
 */
const void *hl_record_copy_of(struct hostlink_lib *lib, const void *guest, const struct hl_record *r);
#define hl_record_copy(guest, r) hl_record_copy_of(&HL_THIS_LIB, (guest), (r))

/*
 * A struct of kind @r (callback fields only) that the host library hands
 * to a guest callback for it to fill in (expat's XML_Encoding): before
 * the callback, hl_record_for_guest makes the host functions in its fields
 * guest stubs; after it, hl_record_from_guest makes the guest functions
 * there closures (a stub of ours maps back to its host function). The
 * library keeps them: closures live as long as the process. NULL is left alone.
 */
void hl_record_for_guest_of(struct hostlink_lib *lib, void *host, const struct hl_record *r);
void hl_record_from_guest_of(struct hostlink_lib *lib, void *host, const struct hl_record *r);
#define hl_record_for_guest(host, r) hl_record_for_guest_of(&HL_THIS_LIB, (host), (r))
#define hl_record_from_guest(host, r) hl_record_from_guest_of(&HL_THIS_LIB, (host), (r))

/* Points struct-pointer @field at a host copy of its struct for the call. */
unsigned hl_swap_record_in_of(struct hostlink_lib *lib, struct hl_swap *swaps, unsigned n,
                              void *field, const struct hl_record *r);
#define hl_swap_record_in(swaps, n, field, r) hl_swap_record_in_of(&HL_THIS_LIB, (swaps), (n), (field), (r))
/* Swapping records every field, so a value the host library stores is seen. */
unsigned hl_swap_in_of(struct hostlink_lib *lib, struct hl_swap *swaps, unsigned n, void *field,
                       const struct hl_sig *sig);
void hl_swap_out(struct hl_swap *swaps, unsigned n);
#define hl_swap_in(swaps, n, field, sig) hl_swap_in_of(&HL_THIS_LIB, (swaps), (n), (field), (sig))

/*
 * Kept callback tables (gen/kept.h says where the generated code converts).
 * To the host: the host copy of guest table @p (made on first sight, with
 * closures, kept for good), or the host original of a guest view; to the
 * guest: the guest original of a host copy, or a guest view of host table
 * @p (guest stubs; refreshed from @p each time). NULL stays NULL; a pointer
 * already on the wanted side is returned as it is.
 */
const void *hl_kept_to_host_of(struct hostlink_lib *lib, const void *p, const struct hl_record *r);
const void *hl_kept_to_guest_of(struct hostlink_lib *lib, const void *p, const struct hl_record *r);
#define hl_kept_to_host(p, r) hl_kept_to_host_of(&HL_THIS_LIB, (p), (r))
#define hl_kept_to_guest(p, r) hl_kept_to_guest_of(&HL_THIS_LIB, (p), (r))
/*
 * A carrier's kept-table pointer at @field after the callee returned: if
 * it was NULL (@before) and is set now, it becomes the caller's side.
 */
void hl_kept_filled_to_host_of(struct hostlink_lib *lib, void *field, uint64_t before, const struct hl_record *r);
void hl_kept_filled_to_guest_of(struct hostlink_lib *lib, void *field, uint64_t before, const struct hl_record *r);
#define hl_kept_filled_to_host(f, b, r) hl_kept_filled_to_host_of(&HL_THIS_LIB, (f), (b), (r))
#define hl_kept_filled_to_guest(f, b, r) hl_kept_filled_to_guest_of(&HL_THIS_LIB, (f), (b), (r))
/*
 * A guest's struct of kind @r the library filled in (a varargs case's "out"
 * table: sqlite3_config(SQLITE_CONFIG_GETMALLOC, &m)): its functions become
 * guest stubs, its pointers to kept tables their guest faces, in place.
 */
void hl_kept_fill_guest_of(struct hostlink_lib *lib, void *table, const struct hl_record *r);
#define hl_kept_fill_guest(t, r) hl_kept_fill_guest_of(&HL_THIS_LIB, (t), (r))
/* A function the callee stored at @slot (xFindFunction's *pxFunc), converted for the caller. */
void hl_fn_out_to_host_of(struct hostlink_lib *lib, void *slot, const struct hl_sig *sig);
void hl_fn_out_to_guest_of(struct hostlink_lib *lib, void *slot, const struct hl_sig *sig);
#define hl_fn_out_to_host(slot, sig) hl_fn_out_to_host_of(&HL_THIS_LIB, (slot), (sig))
#define hl_fn_out_to_guest(slot, sig) hl_fn_out_to_guest_of(&HL_THIS_LIB, (slot), (sig))
/* A void (*)(void) result: refused, one log line per library and signature (@what). */
void hl_generic_fn_refused_of(struct hostlink_lib *lib, const char *what);
#define hl_generic_fn_refused(what) hl_generic_fn_refused_of(&HL_THIS_LIB, (what))

/*
 * A printf-style call whose variable arguments the guest thunk refused (or
 * a garbage struct hostlink_va): one log line per function (@said), the
 * stub then fails the call with EINVAL (plugin/libs/varargs.c).
 */
void hl_va_refused(struct hostlink_lib *lib, const char *fn, bool *said);

/*
 * An alias's host function returned @value < 0 where the alias key said
 * it never does ("nonnegative", gen/alias.h): the guest gets it converted
 * to its wider unsigned type; one log line per function (@said).
 */
void hl_alias_negative(struct hostlink_lib *lib, bool *said, const char *fn, const char *host_fn, long long value);

#endif
