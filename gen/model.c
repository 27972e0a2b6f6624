// SPDX-License-Identifier: GPL-2.0-or-later
#include <clang-c/Index.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model.h"
#include "alias.h"
#include "data.h"
#include "handle.h"
#include "refused.h"
#include "include/hostlink/protocol.h"
#include "fn_type.h"
#include "varargs.h"

static char *str(CXString s)
{
    char *r = strdup(clang_getCString(s));
    clang_disposeString(s);
    return r;
}

/* ---- parsing ------------------------------------------------------------ */

/* @triple NULL: the host; else a guest's clang triple, "TRIPLE" or "TRIPLE=DIR". */
static CXTranslationUnit parse(CXIndex index, const struct desc *d, const char *triple)
{
    const char *argv[64];
    int argc = 0;
    char *cflags = strdup(d->cflags), *save = NULL;
    char target[160], sysroot[160], own[4200], own_multiarch[4400], bare[128];
    /*
     * "aarch64-linux-gnu=DIR": the guest's own development headers are in
     * DIR too (a sysroot's usr/include), its multiarch ones (OpenSSL's
     * configuration.h) in DIR/TRIPLE.
     */
    const char *own_dir = triple ? strchr(triple, '=') : NULL;
    if (own_dir) {
        snprintf(bare, sizeof(bare), "%.*s", (int)(own_dir - triple), triple);
        snprintf(own, sizeof(own), "-isystem%s", own_dir + 1);
        snprintf(own_multiarch, sizeof(own_multiarch), "-isystem%s/%s", own_dir + 1, bare);
        triple = bare;
    }
    /* The header, and prototypes spelling the types of option-typed arguments. */
    char *decls = varargs_declarations(d), *aliases = alias_declarations(d);
    char *fn_types = fn_type_declarations(d);
    char *prelude = desc_prelude(d);
    char *source = malloc(strlen(prelude) + strlen(decls) + strlen(aliases) + strlen(fn_types) + 1);

    sprintf(source, "%s%s%s%s", prelude, decls, aliases, fn_types);
    free(prelude);
    free(decls);
    free(aliases);
    free(fn_types);
    argv[argc++] = "-xc";
    argv[argc++] = "-std=gnu11";
    if (triple) {
        snprintf(target, sizeof(target), "--target=%s", triple);
        snprintf(sysroot, sizeof(sysroot), "-isystem/usr/%s/include", triple);
        argv[argc++] = target;
        argv[argc++] = sysroot;
        if (own_dir) {
            argv[argc++] = own_multiarch;           /* the guest's sqlite3.h, configuration.h */
            argv[argc++] = own;                     /* before the host's */
        }
        argv[argc++] = "-isystem/usr/include";      /* arch-independent headers (zlib.h) */
    }
    for (char *w = strtok_r(cflags, " ", &save); w && argc < 60; w = strtok_r(NULL, " ", &save)) {
        argv[argc++] = w;
    }
    struct CXUnsavedFile file = { "hostlink-gen-input.c", source, strlen(source) };
    CXTranslationUnit tu = NULL;
    enum CXErrorCode err = clang_parseTranslationUnit2(index, "hostlink-gen-input.c", argv, argc,
                                                       &file, 1, CXTranslationUnit_None, &tu);
    if (err != CXError_Success) {
        fprintf(stderr, "%s: cannot parse %s for %s\n", d->name, d->header, triple ? triple : "host");
        return NULL;
    }
    bool fatal = false;
    for (unsigned i = 0; i < clang_getNumDiagnostics(tu); i++) {
        CXDiagnostic diag = clang_getDiagnostic(tu, i);
        if (clang_getDiagnosticSeverity(diag) >= CXDiagnostic_Error) {
            char *text = str(clang_formatDiagnostic(diag, clang_defaultDiagnosticDisplayOptions()));
            fprintf(stderr, "%s (%s): %s\n", d->name, triple ? triple : "host", text);
            free(text);
            fatal = true;
        }
        clang_disposeDiagnostic(diag);
    }
    return fatal ? NULL : tu;
}

struct find_ctx { const char *name; CXCursor found; bool ok; };

static enum CXChildVisitResult find_fn(CXCursor c, CXCursor parent, CXClientData data)
{
    struct find_ctx *f = data;
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_FunctionDecl) {
        CXString n = clang_getCursorSpelling(c);
        bool match = strcmp(clang_getCString(n), f->name) == 0;
        clang_disposeString(n);
        if (match) {
            f->found = c;
            f->ok = true;
            return CXChildVisit_Break;
        }
    }
    return CXChildVisit_Continue;
}

static bool find_function(CXTranslationUnit tu, const char *name, CXCursor *out)
{
    struct find_ctx f = { name, clang_getNullCursor(), false };
    clang_visitChildren(clang_getTranslationUnitCursor(tu), find_fn, &f);
    *out = f.found;
    return f.ok;
}

/* ---- types ----------------------------------------------------------------- */

struct builder {
    struct model *m;
    const struct desc *d;
    const char *where;          /* function being converted, for messages */
    const char *what;           /* "parameter NAME", "result", ... */
    bool param;                 /* converting a host function's parameter */
    bool failed;
    unsigned refusals;
    bool collect;               /* the refused key: refusals leave a function out (gen/refused.h) */
    char *reason;               /* collecting: the current function's first refusal */
};

static void refuse(struct builder *b, const char *type, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "NAME: FUNCTION: parameter P: TYPE: reason" */
static void refuse(struct builder *b, const char *type, const char *fmt, ...)
{
    va_list ap;
    char why[1024];
    int at = snprintf(why, sizeof(why), "%s%s%s%s", b->what ? b->what : "", b->what && type ? ": " : "",
                      type ? type : "", b->what || type ? ": " : "");
    va_start(ap, fmt);
    vsnprintf(why + at, sizeof(why) - (size_t)at, fmt, ap);
    va_end(ap);
    if (!b->collect) {
        fprintf(stderr, "%s: %s: %s\n", b->d->name, b->where, why);
    } else if (!b->reason) {
        b->reason = strdup(why);
    }
    b->failed = true;
    b->refusals++;
}

static bool is_function(CXType t)
{
    return t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto;
}

static bool is_array(CXType t)
{
    return t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
           t.kind == CXType_VariableArray || t.kind == CXType_DependentSizedArray;
}

/*
 * Objects whose state belongs to the guest's C library: a host library
 * given one would run the host's C library on the guest's object. Matched
 * by typedef name or struct tag, through typedefs.
 */
static const struct libc_object {
    const char *name;
    const char *reason;
} libc_objects[] = {
    { "FILE", NULL },           /* MODEL_PASS_FILE decides */
    { "struct _IO_FILE", NULL },
    { "DIR", "a directory stream of the guest's C library" },
    { "struct __dirstream", "a directory stream of the guest's C library" },
    { "jmp_buf", "holds guest registers and stack addresses: only the guest can longjmp to it" },
    { "sigjmp_buf", "holds guest registers and stack addresses: only the guest can longjmp to it" },
    { "struct __jmp_buf_tag", "holds guest registers and stack addresses: only the guest can longjmp to it" },
    { "va_list", "variable arguments are laid out by each guest's calling convention" },
    { "__gnuc_va_list", "variable arguments are laid out by each guest's calling convention" },
    { "struct __va_list_tag", "variable arguments are laid out by each guest's calling convention" },
    { "locale_t", "points into the guest C library's locale data" },
    { "struct __locale_struct", "points into the guest C library's locale data" },
    { "regex_t", "compiled by the guest's C library, which owns its state" },
    { "iconv_t", "a conversion descriptor of the guest's C library" },
    { "sem_t", "a thread object of the guest's C library" },
    { "pthread_", "a thread object of the guest's C library" },     /* prefix: every pthread_*_t */
};

static const struct libc_object *libc_object_named(const char *name)
{
    for (size_t i = 0; i < sizeof(libc_objects) / sizeof(libc_objects[0]); i++) {
        const char *n = libc_objects[i].name;
        size_t len = strlen(n);
        if (n[len - 1] == '_' ? strncmp(name, n, len) == 0 : strcmp(name, n) == 0) {
            return &libc_objects[i];
        }
    }
    return NULL;
}

/* The C library object @t is, looking through typedefs (not pointers), or NULL. */
static const struct libc_object *libc_object_of(CXType t)
{
    for (int guard = 0; guard < 32; guard++) {
        char *name = NULL;
        if (t.kind == CXType_Typedef) {
            name = str(clang_getTypedefName(t));
        } else if (t.kind == CXType_Record) {
            name = str(clang_getTypeSpelling(clang_getCanonicalType(t)));
        }
        const char *plain = name;
        if (plain && strncmp(plain, "const ", 6) == 0) {
            plain += 6;
        }
        const struct libc_object *o = plain ? libc_object_named(plain) : NULL;
        free(name);
        if (o) {
            return o;
        }
        if (t.kind == CXType_Typedef) {
            t = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(t));
        } else if (t.kind == CXType_Elaborated) {
            t = clang_Type_getNamedType(t);
        } else if (is_array(t)) {
            t = clang_getArrayElementType(t);
        } else {
            return NULL;
        }
    }
    return NULL;
}

static bool is_va_list(CXType t)
{
    const struct libc_object *o = libc_object_of(t);
    return o && o->reason && strstr(o->reason, "variable arguments");
}

static bool is_file(const struct libc_object *o)
{
    return o && !o->reason;
}

static const char *libc_reason(const struct libc_object *o)
{
    return o->reason ? o->reason : "a stdio stream of the guest's C library: only a FILE * "
                                   "parameter or result crosses (as a stream over the other side's)";
}

/* Looks through typedefs at the pointee of pointer @t (keeping the sugar). */
static CXType pointee_of(CXType t)
{
    for (int guard = 0; guard < 32 && t.kind != CXType_Pointer; guard++) {
        if (t.kind == CXType_Typedef) {
            t = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(t));
        } else if (t.kind == CXType_Elaborated) {
            t = clang_Type_getNamedType(t);
        } else {
            break;
        }
    }
    return t.kind == CXType_Pointer ? clang_getPointeeType(t) : clang_getCanonicalType(clang_getPointeeType(t));
}

static int sig_for(struct builder *b, CXType fnptr);
static int record_for(struct builder *b, CXType record, int depth);
static bool is_carrier(const struct model *m, int rec, int depth);

/*
 * What is wrong with data reachable from @t (a parameter, a field), or
 * NULL: long double anywhere in it, C library objects behind any number of
 * pointers, function pointers behind a pointer or in an array (only
 * function pointers themselves and struct fields are converted).
 */
static const char *unpassable_data(CXType t, char *why, size_t len)
{
    for (int depth = 0; depth < 8; depth++) {
        const struct libc_object *o = libc_object_of(t);
        if (o) {
            snprintf(why, len, "%s", libc_reason(o));
            return why;
        }
        CXType c = clang_getCanonicalType(t);
        if (c.kind == CXType_LongDouble || (c.kind == CXType_Complex &&
            clang_getCanonicalType(clang_getElementType(c)).kind == CXType_LongDouble)) {
            return "long double has another format on each guest; no conversion is described";
        }
        if (c.kind == CXType_Pointer) {
            if (is_function(clang_getCanonicalType(clang_getPointeeType(c)))) {
                return depth ? "a function pointer behind a pointer or in an array is not converted" : NULL;
            }
            t = pointee_of(t);
        } else if (is_array(c)) {
            t = clang_getArrayElementType(c);
        } else {
            return NULL;
        }
    }
    return NULL;
}

/* Refusal of a field of a struct reachable from the current parameter. */
/*
 * Refusals for a struct's fields, recursively through fields that are
 * structs or arrays. @by_value: the struct is copied, so function pointers
 * in it are not swapped in place; @converts: but the copy's own function
 * pointers, and the structs its pointer fields point to, are converted (a
 * host function's parameter).
 */
struct scan_ctx { struct builder *b; const char *type; bool by_value, converts; int depth; };

static bool has_callback_fields(CXType record);

static enum CXVisitorResult scan_field(CXCursor c, CXClientData data)
{
    struct scan_ctx *s = data;
    CXType t = clang_getCursorType(c);
    CXType ct = clang_getCanonicalType(t);
    CXType pointee = clang_getCanonicalType(clang_getPointeeType(ct));
    char why[256];
    char *name = str(clang_getCursorSpelling(c));
    char *tsp = str(clang_getTypeSpelling(t));
    const char *bad = unpassable_data(t, why, sizeof(why));
    bool converted = s->converts && s->depth == 0;

    if (ct.kind == CXType_Pointer && handle_type(s->b->d, pointee_of(t))) {
        /* the library's own object, passed unchanged */
    } else if (bad) {
        refuse(s->b, s->type, "field %s (%s): %s", name, tsp, bad);
    } else if (ct.kind == CXType_Pointer && is_function(pointee) && s->by_value && !converted) {
        refuse(s->b, s->type, "field %s: function pointers in this struct passed by value are not converted",
               name);
    } else if (ct.kind == CXType_Pointer && pointee.kind == CXType_Record && s->by_value && !converted &&
               has_callback_fields(pointee)) {
        refuse(s->b, s->type, "field %s: its callback fields would cross unconverted", name);
    } else if ((ct.kind == CXType_Record || is_array(ct)) && s->depth < 8) {
        CXType inner = ct;
        while (is_array(inner)) {
            inner = clang_getCanonicalType(clang_getArrayElementType(inner));
        }
        if (inner.kind == CXType_Record) {
            struct scan_ctx deeper = *s;
            deeper.depth++;
            clang_Type_visitFields(inner, scan_field, &deeper);
        }
    }
    free(name);
    free(tsp);
    return CXVisit_Continue;
}

/* @r's spelling for @t: as written, an array parameter as the pointer it is. */
static void spell(CXType t, struct ctype *r)
{
    CXType c = clang_getCanonicalType(t);
    if (!is_array(c)) {
        r->spelling = str(clang_getTypeSpelling(t));
        return;
    }
    /* A parameter of array type is a pointer (C11 6.7.6.3p7), qualifiers kept. */
    CXType sugared = t;
    while (!is_array(sugared) && sugared.kind == CXType_Typedef) {
        sugared = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(sugared));
    }
    CXType elem_type = clang_getArrayElementType(is_array(sugared) ? sugared : c);
    char *elem = str(clang_getTypeSpelling(elem_type));
    r->spelling = malloc(strlen(elem) + 20);
    sprintf(r->spelling, is_array(clang_getCanonicalType(elem_type)) ? "__typeof__(%s) *" : "%s *", elem);
    free(elem);
    r->decayed = true;
}

static struct ctype convert(struct builder *b, CXType t)
{
    struct ctype r = { .sig = -1, .record = -1 };
    CXType c = clang_getCanonicalType(t);
    char why[256];

    spell(t, &r);
    if (r.decayed) {
        r.kind = K_PTR;
        r.size = 8;
        const char *bad = unpassable_data(t, why, sizeof(why));
        if (bad) {
            refuse(b, r.spelling, "%s", bad);
        }
        return r;
    }
    r.size = c.kind == CXType_Void || clang_Type_getSizeOf(c) < 0 ? 0 : (unsigned)clang_Type_getSizeOf(c);
    const struct libc_object *o = libc_object_of(t);
    if (o) {
        refuse(b, r.spelling, "%s", libc_reason(o));
        return r;
    }
    if (c.kind == CXType_Enum) {
        c = clang_getCanonicalType(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(c)));
    }
    switch (c.kind) {
    case CXType_Void:
        r.kind = K_VOID;
        break;
    case CXType_Char_S: case CXType_Char_U:
        r.kind = K_CHAR;
        break;
    case CXType_Bool: case CXType_UChar: case CXType_UShort:
    case CXType_UInt: case CXType_ULong: case CXType_ULongLong:
        r.kind = K_UINT;
        break;
    case CXType_SChar: case CXType_Short: case CXType_Int:
    case CXType_Long: case CXType_LongLong:
        r.kind = K_SINT;
        break;
    case CXType_Float:
        r.kind = K_FLOAT;
        break;
    case CXType_Double:
        r.kind = K_DOUBLE;
        break;
    case CXType_Pointer: {
        CXType pointee = pointee_of(t);
        CXType pc = clang_getCanonicalType(pointee);
        if (is_function(pc)) {
            r.kind = K_FNPTR;
            r.sig = sig_for(b, t);
            break;
        }
        r.kind = K_PTR;
        r.untyped = pc.kind == CXType_Void;
        if (handle_type(b->d, pointee)) {
            break;              /* the library's own object, handed back as it came */
        }
        const struct libc_object *po = libc_object_of(pointee);
        if (is_file(po) && MODEL_PASS_FILE) {
            r.kind = K_FILE;
            /*
             * A parameter gets a host stream over the guest's FILE
             * (plugin/file_crossing.c), a result a guest stream over the
             * host's (plugin/host_file.c); elsewhere nothing converts it.
             */
            bool function_param = b->what && strncmp(b->what, "parameter ", 10) == 0 && !strstr(b->what, ": ");
            bool function_result = b->what && strcmp(b->what, "result") == 0;
            if (!function_param && !function_result) {
                refuse(b, r.spelling, "a FILE * crosses only as a function's parameter or result: "
                       "as a callback's, a struct field or behind a pointer nothing converts it");
            }
            break;
        }
        if (b->d->fnptr_out && b->param && pc.kind == CXType_Pointer &&
            is_function(clang_getCanonicalType(clang_getPointeeType(pc)))) {
            /* An output: the host's function comes back as a guest stub (emit_host.c). */
            r.fnptr_out = true;
            r.sig = sig_for(b, pointee);
            break;
        }
        const char *bad = unpassable_data(t, why, sizeof(why));
        if (bad) {
            refuse(b, r.spelling, "%s", bad);
            break;
        }
        if (pc.kind == CXType_Record) {
            struct scan_ctx s = { b, r.spelling, false, false, 0 };
            clang_Type_visitFields(pc, scan_field, &s);
            r.record = record_for(b, pc, 0);
            /* The guest's may be read-only (a const lzma_allocator): the host gets a copy. */
            r.const_pointee = clang_isConstQualifiedType(pc);
            r.kept = r.record >= 0 && b->m->records[r.record].kept;
        }
        break;
    }
    case CXType_Record:
        if (clang_Type_getSizeOf(c) <= 0) {
            refuse(b, r.spelling, "incomplete type passed by value");
            break;
        }
    {
        struct scan_ctx scan = { b, r.spelling, true, b->param, 0 };
        r.kind = K_RECORD;
        clang_Type_visitFields(c, scan_field, &scan);
        if (b->param) {
            r.record = record_for(b, c, 0);     /* the copy's callbacks become closures */
        }
        break;
    }
    case CXType_LongDouble:
        refuse(b, r.spelling, "long double has another format on each guest; no conversion is described");
        break;
    case CXType_Complex:
        refuse(b, r.spelling, "_Complex by value: no conversion is described");
        break;
    case CXType_Vector: case CXType_ExtVector:
        refuse(b, r.spelling, "vector types have another calling convention on each guest");
        break;
    case CXType_Int128: case CXType_UInt128:
        refuse(b, r.spelling, "128-bit integers: no conversion is described");
        break;
    case CXType_Atomic:
        refuse(b, r.spelling, "_Atomic by value: no conversion is described");
        break;
    default: {
        char *kind = str(clang_getTypeKindSpelling(c.kind));
        refuse(b, r.spelling, "unsupported type (%s)", kind);
        free(kind);
    }
    }
    return r;
}

void kind_code(const struct ctype *t, char *out, size_t len)
{
    static const char sint[] = "?bh?i???l", uint[] = "?BH?I???L";
    size_t at = strlen(out);
    char c = '?';
    switch (t->kind) {
    case K_VOID: c = 'v'; break;
    case K_SINT: c = t->size <= 8 ? sint[t->size] : '?'; break;
    case K_UINT: c = t->size <= 8 ? uint[t->size] : '?'; break;
    case K_CHAR: c = 'c'; break;
    case K_PTR: case K_FNPTR: c = 'p'; break;
    case K_FILE: c = 'F'; break;
    case K_FLOAT: c = 'f'; break;
    case K_DOUBLE: c = 'd'; break;
    case K_RECORD:
        snprintf(out + at, len - at, "s(%s)", t->spelling);
        return;
    }
    if (at + 1 < len) {
        out[at] = c;
        out[at + 1] = '\0';
    }
}

/*
 * void (*)(void), C's "some function, cast before calling": as a callback's
 * argument only NULL and sentinels pass, at run time (gen/kept.h).
 */
static bool generic_fn(const struct model *m, const struct ctype *t)
{
    return t->kind == K_FNPTR && t->sig >= 0 && m->sigs[t->sig].n_args == 0 && m->sigs[t->sig].ret.kind == K_VOID;
}

/* A pointer to a function pointer (not further): a callback's output of a function. */
static bool is_function_out(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    if (c.kind != CXType_Pointer) {
        return false;
    }
    CXType p = clang_getCanonicalType(clang_getPointeeType(c));
    return p.kind == CXType_Pointer && clang_getCanonicalType(clang_getPointeeType(p)).kind == CXType_FunctionProto;
}

/*
 * A callback argument pointing to a writable struct whose callback fields
 * are all its own (expat's XML_Encoding, which the guest's handler fills
 * in): the host's functions in it cross as guest stubs and what the guest
 * leaves there as closures (gen/model.h, struct sig). Deeper ones are refused.
 */
static bool filled_by_guest(const struct model *m, const struct ctype *arg)
{
    if (arg->kind != K_PTR || arg->const_pointee) {
        return false;
    }
    for (unsigned i = 0; i < m->records[arg->record].n_fields; i++) {
        if (m->records[arg->record].fields[i].sig < 0) {
            return false;
        }
    }
    return true;
}

static int sig_for(struct builder *b, CXType fnptr)
{
    CXType fn = clang_getCanonicalType(clang_getPointeeType(clang_getCanonicalType(fnptr)));
    struct sig s = { .spelling = str(clang_getTypeSpelling(fnptr)) };
    unsigned n = fn.kind == CXType_FunctionProto ? (unsigned)clang_getNumArgTypes(fn) : 0;
    const char *outer = b->what;
    char what[512], code[2048] = "";

    if (fn.kind != CXType_FunctionProto || clang_isFunctionTypeVariadic(fn) || n > MAX_CALLBACK_ARGS) {
        refuse(b, s.spelling, "callback type needs a prototype with at most 16 fixed arguments");
        return -1;
    }
    snprintf(what, sizeof(what), "%s%scallback %s result", outer ? outer : "", outer ? ": " : "",
             s.spelling);
    bool outer_param = b->param;
    b->param = false;
    b->what = what;
    s.ret = convert(b, clang_getResultType(fn));
    if (s.ret.record >= 0 && !s.ret.kept) {
        refuse(b, s.ret.spelling, "its callback fields would reach the host unconverted");
    }
    s.args = calloc(n + 1, sizeof(*s.args));
    s.n_args = n;
    kind_code(&s.ret, code, sizeof(code));
    strcat(code, ":");
    for (unsigned i = 0; i < n; i++) {
        snprintf(what, sizeof(what), "%s%scallback %s argument %u", outer ? outer : "",
                 outer ? ": " : "", s.spelling, i + 1);
        CXType at = clang_getArgType(fn, i);
        if (is_function_out(at)) {
            /* void (**pxFunc)(...): the callback may store a function there. */
            s.args[i] = (struct ctype){ .kind = K_PTR, .size = 8, .record = -1,
                                        .spelling = str(clang_getTypeSpelling(at)),
                                        .sig = sig_for(b, clang_getPointeeType(clang_getCanonicalType(at))) };
        } else {
            s.args[i] = convert(b, at);
        }
        if (s.args[i].kind == K_FNPTR && !generic_fn(b->m, &s.args[i])) {
            refuse(b, s.args[i].spelling, "function-pointer arguments of callbacks are not supported");
        } else if (s.args[i].record >= 0 && !s.args[i].kept && !filled_by_guest(b->m, &s.args[i])) {
            if (is_carrier(b->m, s.args[i].record, 0)) {
                s.args[i].carrier = true;
            } else {
                refuse(b, s.args[i].spelling, "its callback fields would reach the guest unconverted");
            }
        }
        kind_code(&s.args[i], code, sizeof(code));
    }
    b->what = outer;
    b->param = outer_param;
    s.code = strdup(code);
    for (unsigned i = 0; i < b->m->n_sigs; i++) {
        if (strcmp(b->m->sigs[i].spelling, s.spelling) == 0) {
            return (int)i;
        }
    }
    b->m->sigs = realloc(b->m->sigs, (b->m->n_sigs + 1) * sizeof(s));
    b->m->sigs[b->m->n_sigs] = s;
    return (int)b->m->n_sigs++;
}

static enum CXVisitorResult find_callback_field(CXCursor c, CXClientData data)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(c));
    if (t.kind == CXType_Pointer && is_function(clang_getCanonicalType(clang_getPointeeType(t)))) {
        *(bool *)data = true;
        return CXVisit_Break;
    }
    return CXVisit_Continue;
}

static bool has_callback_fields(CXType record)
{
    bool found = false;
    clang_Type_visitFields(record, find_callback_field, &found);
    return found;
}

struct field_ctx { struct builder *b; struct record *r; int depth; };

static enum CXVisitorResult visit_field(CXCursor c, CXClientData data)
{
    struct field_ctx *f = data;
    CXType t = clang_getCanonicalType(clang_getCursorType(c));
    if (t.kind != CXType_Pointer) {
        return CXVisit_Continue;
    }
    CXType p = clang_getCanonicalType(clang_getPointeeType(t));
    struct cb_field cf = { NULL, -1, -1, false };
    if (handle_type(f->b->d, pointee_of(clang_getCursorType(c)))) {
        return CXVisit_Continue;    /* the library's own object: nothing in it is swapped */
    }
    if (is_function(p)) {
        cf.sig = sig_for(f->b, clang_getCursorType(c));
    } else if (p.kind == CXType_Record && f->depth < 3) {
        cf.record = record_for(f->b, p, f->depth + 1);
        /* The guest's may be read-only (lzma_stream.allocator): the host gets a copy. */
        cf.copied = clang_isConstQualifiedType(p);
    } else if (p.kind == CXType_Record && has_callback_fields(p)) {
        char *name = str(clang_getCursorSpelling(c));
        refuse(f->b, f->r->spelling, "field %s: callback fields more than 3 pointers deep are not swapped",
               name);
        free(name);
    }
    if (f->r->kept && cf.record >= 0 && !f->b->m->records[cf.record].kept) {
        char *name = str(clang_getCursorSpelling(c));
        refuse(f->b, f->r->spelling, "field %s: a kept callback table pointing to callbacks that are not "
               "kept (name its struct in the kept key too)", name);
        free(name);
    }
    if (cf.sig >= 0 || cf.record >= 0) {
        cf.name = str(clang_getCursorSpelling(c));
        f->r->fields = realloc(f->r->fields, (f->r->n_fields + 1) * sizeof(cf));
        f->r->fields[f->r->n_fields++] = cf;
    }
    return CXVisit_Continue;
}

/*
 * The struct @record as one whose callback fields (its own, or in structs
 * it points to, @depth levels down at most 3) are swapped: its index in
 * model.records, or -1 if it has none.
 */
static int record_for(struct builder *b, CXType record, int depth)
{
    char *spelling = str(clang_getTypeSpelling(clang_getCursorType(clang_getTypeDeclaration(record))));
    for (unsigned i = 0; i < b->m->n_records; i++) {
        if (strcmp(b->m->records[i].spelling, spelling) == 0) {
            free(spelling);
            /* A kept table counts while its fields are visited (sqlite3_vfs.pNext). */
            return b->m->records[i].n_fields || b->m->records[i].kept ? (int)i : -1;
        }
    }
    bool kept = desc_is_kept(b->d, spelling);
    /* Entered before its fields: a struct pointing to its own kind ends here. */
    unsigned at = b->m->n_records++;
    b->m->records = realloc(b->m->records, b->m->n_records * sizeof(struct record));
    b->m->records[at] = (struct record){ .spelling = spelling, .kept = kept };
    struct record r = { .spelling = spelling, .kept = kept };
    /* A kept table's pointers to tables are followed at any depth: each is converted as a whole. */
    struct field_ctx f = { b, &r, kept ? 0 : depth };
    clang_Type_visitFields(record, visit_field, &f);
    b->m->records[at] = r;
    return r.n_fields || kept ? (int)at : -1;
}

/*
 * Whether record @rec holds no callbacks of its own, only pointers that
 * lead to kept tables (sqlite3_file.pMethods, sqlite3_vtab_cursor.pVtab ->
 * sqlite3_vtab.pModule): such a struct may be handed to a guest callback
 * (gen/kept.h).
 */
static bool is_carrier(const struct model *m, int rec, int depth)
{
    const struct record *r = &m->records[rec];
    if (r->kept || depth > 3) {
        return false;
    }
    for (unsigned i = 0; i < r->n_fields; i++) {
        const struct cb_field *f = &r->fields[i];
        if (f->sig >= 0 || (!m->records[f->record].kept && !is_carrier(m, f->record, depth + 1))) {
            return false;
        }
    }
    return r->n_fields > 0;
}

/* ---- layout agreement between host and guests ------------------------------- */

struct layout_ctx { CXType record; char *out; size_t len, cap; int depth; const struct desc *d; };

static void append(struct layout_ctx *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void append(struct layout_ctx *l, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int n = vsnprintf(l->out ? l->out + l->len : NULL, l->out ? l->cap - l->len : 0, fmt, ap);
        va_end(ap);
        if (l->out && l->len + (size_t)n < l->cap) {
            l->len += (size_t)n;
            return;
        }
        l->cap = l->cap * 2 + (size_t)n + 256;
        l->out = realloc(l->out, l->cap);
    }
}

static void layout_of(struct layout_ctx *l, CXType t, int depth);

static enum CXVisitorResult layout_field(CXCursor c, CXClientData data)
{
    struct layout_ctx *l = data;
    char *name = str(clang_getCursorSpelling(c));
    append(l, " %s@%lld", name, clang_Type_getOffsetOf(l->record, name));
    if (clang_Cursor_isBitField(c)) {
        append(l, ":%d", clang_getFieldDeclBitWidth(c));
    }
    append(l, "=");
    CXType saved = l->record;
    layout_of(l, clang_getCursorType(c), l->depth);
    l->record = saved;
    free(name);
    return CXVisit_Continue;
}

/*
 * Size, alignment and kind of @t; a struct's fields (bit offsets, widths)
 * and theirs; the pointee of a pointer (@depth levels of pointers deep at
 * most) and a function pointer's result and arguments.
 */
static void layout_of(struct layout_ctx *l, CXType t, int depth)
{
    CXType c = clang_getCanonicalType(t);
    bool sized = c.kind != CXType_Void && !is_function(c) && clang_Type_getSizeOf(c) >= 0;
    /* Plain char is signed here, unsigned there: the same 8 bits (see model.h). */
    int kind = c.kind == CXType_Char_U ? CXType_Char_S : c.kind;
    char *spelling = c.kind == CXType_Record ? str(clang_getTypeSpelling(c)) : NULL;
    bool kept = spelling && desc_is_kept(l->d, strncmp(spelling, "const ", 6) == 0 ? spelling + 6 : spelling);
    free(spelling);
    if (kept && sized) {
        /*
         * A kept table is versioned (its first field, iVersion, says which
         * fields it has): a guest's newer header may append fields, so no
         * size and no end mark; check_layout() accepts a host layout that
         * is a prefix of the guest's at a field's start.
         */
        int saved_depth = l->depth;
        l->record = c;
        l->depth = depth;
        append(l, "kept {");
        clang_Type_visitFields(c, layout_field, l);
        l->depth = saved_depth;
        return;
    }
    append(l, "%lld/%lld k%d", sized ? clang_Type_getSizeOf(c) : 0, sized ? clang_Type_getAlignOf(c) : 0, kind);
    if (c.kind == CXType_Record && sized) {
        int saved_depth = l->depth;
        l->record = c;
        l->depth = depth;
        append(l, " {");
        clang_Type_visitFields(c, layout_field, l);
        append(l, " }");
        l->depth = saved_depth;
    } else if (is_array(c)) {
        append(l, " [");
        layout_of(l, clang_getArrayElementType(c), depth);
        append(l, " ]");
    } else if (c.kind == CXType_Pointer && depth < 3) {
        CXType p = clang_getCanonicalType(clang_getPointeeType(c));
        if (p.kind == CXType_FunctionProto) {
            append(l, " (");
            layout_of(l, clang_getResultType(p), depth + 1);
            for (int i = 0; i < clang_getNumArgTypes(p); i++) {
                append(l, ", ");
                layout_of(l, clang_getArgType(p, (unsigned)i), depth + 1);
            }
            append(l, " )");
        } else if (p.kind == CXType_Record || is_array(p)) {
            append(l, " ->");
            layout_of(l, p, depth + 1);
        }
    }
}

static char *layout(const struct desc *d, CXType t)
{
    struct layout_ctx l = { .d = d };
    layout_of(&l, t, 0);
    return l.out;
}

/* Checks every parameter and the result of the host's @host against @guest's. */
static char *param_name(CXCursor fn, unsigned p);

/* Whether @t is a jmp_buf, or points to one (as a jmp_buf parameter does). */
static bool names_jmp_buf(CXType t)
{
    const struct libc_object *o = libc_object_of(t);
    CXType c = clang_getCanonicalType(t);
    if (!o && c.kind == CXType_Pointer) {
        o = libc_object_of(pointee_of(t));
    }
    return o && o->reason && strstr(o->reason, "longjmp");
}

/*
 * The longjmp key's function (gen/unwind.h), libpng's
 * jmp_buf *png_set_longjmp_fn(png_structrp, png_longjmp_ptr, size_t):
 * its result points to the jmp_buf the guest's setjmp fills and its
 * function-pointer parameter taking a jmp_buf first is the guest's
 * longjmp; both pass as the addresses they are (the host stub puts its
 * own longjmp function in the guest's place), the rest as usual.
 */
static void longjmp_model(struct builder *b, struct function *f, CXCursor hc, CXType ft)
{
    CXType rt = clang_getResultType(ft);
    bool found = false;

    f->longjmp = true;
    f->ret = (struct ctype){ .kind = K_PTR, .size = 8, .sig = -1, .record = -1 };
    spell(rt, &f->ret);
    if (clang_getCanonicalType(rt).kind != CXType_Pointer || !names_jmp_buf(pointee_of(rt))) {
        b->what = "result";
        refuse(b, f->ret.spelling, "longjmp key: the result must point to a jmp_buf");
        b->what = NULL;
    }
    f->n_params = (unsigned)clang_getNumArgTypes(ft);
    f->params = calloc(f->n_params + 1, sizeof(*f->params));
    for (unsigned p = 0; p < f->n_params; p++) {
        CXType t = clang_getArgType(ft, p), c = clang_getCanonicalType(t);
        char what[256];
        f->params[p].name = param_name(hc, p);
        snprintf(what, sizeof(what), "parameter %s", f->params[p].name);
        b->what = what;
        if (!found && c.kind == CXType_Pointer && clang_getPointeeType(c).kind == CXType_FunctionProto &&
            clang_getNumArgTypes(clang_getPointeeType(c)) >= 1 &&
            names_jmp_buf(clang_getArgType(clang_getPointeeType(c), 0))) {
            f->params[p].type = (struct ctype){ .kind = K_PTR, .size = 8, .sig = -1, .record = -1 };
            spell(t, &f->params[p].type);
            f->longjmp_param = p;
            found = true;
        } else {
            b->param = true;
            f->params[p].type = convert(b, t);
            b->param = false;
        }
    }
    b->what = NULL;
    if (!found) {
        refuse(b, NULL, "longjmp key: no parameter is a function taking a jmp_buf first");
    }
}

static void check_layout(struct builder *b, const struct function *f, CXCursor host, CXCursor guest,
                         const char *triple)
{
    CXType ht = clang_getCursorType(host), gt = clang_getCursorType(guest);
    int n = (int)f->n_params;      /* not a printf-style function's va_list */
    for (int i = -1; i < n; i++) {
        if (f->longjmp && (i < 0 || i == (int)f->longjmp_param)) {
            continue;               /* the guest's jmp_buf and longjmp: the host never looks inside */
        }
        CXType h = i < 0 ? clang_getResultType(ht) : clang_getArgType(ht, (unsigned)i);
        CXType g = i < 0 ? clang_getResultType(gt) : clang_getArgType(gt, (unsigned)i);
        char *hl = layout(b->d, h), *gl = layout(b->d, g);
        size_t hn = strlen(hl);
        /* A kept table's newer version: the host's fields first, then the guest's new ones. */
        bool extends = strstr(hl, "kept {") && strncmp(hl, gl, hn) == 0 && gl[hn] == ' ';
        if (strcmp(hl, gl) != 0 && !extends) {
            char what[256];
            char *sp = str(clang_getTypeSpelling(h));
            if (i < 0) {
                snprintf(what, sizeof(what), "result");
            } else {
                snprintf(what, sizeof(what), "parameter %s", f->params[i].name);
            }
            b->what = what;
            size_t at = 0;
            while (hl[at] && hl[at] == gl[at]) {
                at++;
            }
            at = at > 24 ? at - 24 : 0;
            refuse(b, sp, "layout on %s differs from the host's (...%.80s vs ...%.80s)", triple,
                   gl + at, hl + at);
            b->what = NULL;
            free(sp);
        }
        free(hl);
        free(gl);
    }
}

/*
 * The argument types of each case of option-typed @f, from the prototypes
 * varargs_declarations() added to the source, converted as parameters are
 * and their layouts checked on every guest.
 */
static void option_cases(struct builder *b, struct function *f, CXTranslationUnit host,
                         CXTranslationUnit *guests, unsigned n_guests, const char *const *triples)
{
    const struct desc_options *o = f->options;
    char name[256], what[512];

    if (o->op > f->n_params || (f->params[o->op - 1].type.kind != K_SINT &&
                                f->params[o->op - 1].type.kind != K_UINT)) {
        refuse(b, NULL, "varargs key: op=N does not name an integer parameter");
        return;
    }
    f->cases = calloc(o->n_cases, sizeof(*f->cases));
    for (unsigned k = 0; k < o->n_cases; k++) {
        CXCursor hc;
        varargs_case_name(f->name, k, name, sizeof(name));
        if (!find_function(host, name, &hc)) {
            refuse(b, NULL, "varargs key: case %s: types '%s' do not parse", o->cases[k].label, o->cases[k].types);
            continue;
        }
        CXType ft = clang_getCursorType(hc);
        struct option_case *c = &f->cases[k];
        c->n_params = (unsigned)clang_getNumArgTypes(ft);
        if (f->n_params + c->n_params >= MAX_ARGS) {
            refuse(b, NULL, "varargs key: case %s: more than %d arguments", o->cases[k].label, MAX_ARGS - 1);
            continue;
        }
        c->params = calloc(c->n_params + 1, sizeof(*c->params));
        for (unsigned p = 0; p < c->n_params; p++) {
            c->params[p].name = malloc(16);
            snprintf(c->params[p].name, 16, "v%u", p);
            snprintf(what, sizeof(what), "case %s, argument %u", o->cases[k].label, p + 1);
            b->what = what;
            c->params[p].type = convert(b, clang_getArgType(ft, p));
            char *given = param_name(hc, p);
            c->params[p].out = c->params[p].type.kept && strcmp(given, "out") == 0;
            free(given);
        }
        b->what = NULL;
        struct function cf = { .name = name, .params = c->params, .n_params = c->n_params };
        for (unsigned g = 0; g < n_guests; g++) {
            CXCursor gc;
            if (find_function(guests[g], name, &gc)) {
                check_layout(b, &cf, hc, gc, triples[g]);
            }
        }
        const char *why = varargs_case_refusal(c);
        if (why) {
            refuse(b, NULL, "case %s: %s", o->cases[k].label, why);
        }
    }
}

/*
 * The fn-type key (gen/fn_type.h): parameter @p, `void (*)(void)` in the
 * header, converted as the key's type, still declared as the header has it.
 */
static void retype(struct builder *b, struct param *p, CXTranslationUnit host, const struct desc_fn_type *k)
{
    char name[300];
    CXCursor c;

    fn_type_name(k->fn, k->param, name, sizeof(name));
    if (!generic_fn(b->m, &p->type)) {
        refuse(b, NULL, "fn-type key: the parameter is not void (*)(void)");
        return;
    }
    if (!find_function(host, name, &c)) {
        refuse(b, NULL, "fn-type key: type '%s' does not parse", k->type);
        return;
    }
    struct ctype t = convert(b, clang_getArgType(clang_getCursorType(c), 0));
    if (t.kind != K_FNPTR || t.sig < 0) {
        refuse(b, NULL, "fn-type key: '%s' is not a function pointer type", k->type);
        return;
    }
    t.spelling = p->type.spelling;
    p->type = t;
}

/* ---- the model ------------------------------------------------------------ */

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    }
    return (h ^ ';') * 0x100000001b3ull;
}

/* Parameter @p's name in declaration @fn, or aP when it has none. */
static char *param_name(CXCursor fn, unsigned p)
{
    char *name = str(clang_getCursorSpelling(clang_Cursor_getArgument(fn, p)));
    if (!*name) {
        free(name);
        name = malloc(16);
        snprintf(name, 16, "a%u", p);
    }
    return name;
}

static enum CXChildVisitResult find_noreturn(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)parent;
    if (!clang_isAttribute(clang_getCursorKind(c))) {
        return CXChildVisit_Continue;
    }
    /*
     * libclang does not name this attribute kind; its source text does
     * (_Noreturn, __noreturn__, OpenSSL's ossl_noreturn macro).
     */
    CXSourceRange r = clang_getCursorExtent(c);
    CXFile file;
    unsigned from, to;
    size_t size;
    clang_getSpellingLocation(clang_getRangeStart(r), &file, NULL, NULL, &from);
    clang_getSpellingLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &to);
    const char *text = file ? clang_getFileContents(clang_Cursor_getTranslationUnit(c), file, &size) : NULL;
    if (text && from < to && to <= size) {
        char *attr = strndup(text + from, to - from);
        if (strstr(attr, "oreturn")) {
            *(bool *)data = true;
        }
        free(attr);
    }
    return CXChildVisit_Continue;
}

/* Whether function declaration @fn never returns. */
static bool is_noreturn(CXCursor fn)
{
    bool found = false;
    char *type = str(clang_getTypeSpelling(clang_getCursorType(fn)));
    found = strstr(type, "noreturn") != NULL;
    free(type);
    if (!found) {
        clang_visitChildren(fn, find_noreturn, &found);
    }
    return found;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct function *)a)->name, ((const struct function *)b)->name);
}

/*
 * One function of the library: classified, its layouts checked on every
 * guest. Appends it to m->fns unless excluded; refusals are counted in @b.
 */
static void build_function(struct builder *b, const struct exports *ex, const char *name, CXTranslationUnit host,
                           CXTranslationUnit *guests, unsigned n_guests, const char *const *guest_triples)
{
    struct model *m = b->m;
    const struct desc *d = b->d;
    struct function *f = &m->fns[m->n_fns];
    CXCursor hc;
    b->where = name;
    b->what = NULL;
    if (desc_exception(d->excluded, name)) {
        return;
    }
    f->name = strdup(name);
    f->export = elf_export_find(ex, name);
    f->special = desc_is_special(d, name);
    f->wrapped = desc_is_wrapped(d, name);
    f->emulated = desc_exception(d->emulated, name);
    if (!f->export) {
        fprintf(stderr, "%s: %s: not exported by %s\n", d->name, name, d->host);
        b->failed = true;
        return;
    }
    if (!find_function(host, name, &hc)) {
        if (b->collect) {
            refused_add(m, name, "exported but not declared in the headers");
        } else {
            fprintf(stderr, "%s: %s: exported but not declared in %s; left out\n",
                    d->name, name, d->header);
        }
        m->left_out[m->n_left_out++] = (struct left_out){ f->name, "exported but not declared in the "
                                                          "header: its types are unknown" };
        return;
    }
    m->n_fns++;
    CXType ft = clang_getCursorType(hc);
    if (f->emulated && ft.kind == CXType_FunctionProto && !clang_isFunctionTypeVariadic(ft)) {
        /* Declared as the header has it; never classified: it runs in the guest. */
        f->ret = (struct ctype){ .sig = -1, .record = -1 };
        spell(clang_getResultType(ft), &f->ret);
        f->ret.kind = clang_getCanonicalType(clang_getResultType(ft)).kind == CXType_Void ? K_VOID : K_PTR;
        f->n_params = (unsigned)clang_getNumArgTypes(ft);
        f->params = calloc(f->n_params + 1, sizeof(*f->params));
        for (unsigned p = 0; p < f->n_params; p++) {
            f->params[p].name = param_name(hc, p);
            f->params[p].type = (struct ctype){ .kind = K_PTR, .sig = -1, .record = -1 };
            spell(clang_getArgType(ft, p), &f->params[p].type);
        }
        return;
    }
    if (f->emulated) {
        refuse(b, NULL, "emulated functions need a prototype without variable arguments");
        return;
    }
    if (f->special) {
        return;
    }
    if (ft.kind != CXType_FunctionProto) {
        refuse(b, NULL, "declared without a prototype");
        return;
    }
    f->printf_fmt = desc_printf_of(d, name);
    bool variadic = clang_isFunctionTypeVariadic(ft);
    f->options = desc_options_of(d, name);
    if (variadic && !f->printf_fmt && !f->options) {
        refuse(b, NULL, "variadic: describe its format with a printf key, or its option "
               "argument with a varargs key (gen/varargs.h)");
        return;
    }
    unsigned refused_before = b->refusals;
    f->noreturn = is_noreturn(hc);
    if (d->longjmp && strcmp(name, d->longjmp) == 0) {
        longjmp_model(b, f, hc, ft);
        for (unsigned g = 0; g < n_guests && b->refusals == refused_before; g++) {
            CXCursor gc;
            if (find_function(guests[g], name, &gc)) {
                check_layout(b, f, hc, gc, guest_triples[g]);
            }
        }
        return;
    }
    b->what = "result";
    f->ret = convert(b, clang_getResultType(ft));
    if (f->ret.record >= 0 && !f->ret.kept) {
        refuse(b, f->ret.spelling, "its callback fields would reach the guest unconverted");
    }
    f->n_params = (unsigned)clang_getNumArgTypes(ft);
    if (f->n_params > MAX_ARGS) {
        b->what = NULL;
        refuse(b, NULL, "more than %d arguments", MAX_ARGS);
        f->n_params = 0;
        return;
    }
    if (f->printf_fmt && !variadic) {
        if (!f->n_params || !is_va_list(clang_getArgType(ft, f->n_params - 1))) {
            b->what = NULL;
            refuse(b, NULL, "printf key, but neither `...` nor a va_list after the format");
            f->n_params = 0;
            return;
        }
        f->n_params--;
        f->va_list_param = true;
    }
    f->params = calloc(f->n_params + 1, sizeof(*f->params));
    for (unsigned p = 0; p < f->n_params; p++) {
        char *pname = param_name(hc, p), what[256];
        f->params[p].name = pname;
        snprintf(what, sizeof(what), "parameter %s", pname);
        b->what = what;
        b->param = true;
        f->params[p].type = convert(b, clang_getArgType(ft, p));
        const struct desc_fn_type *retyped = fn_type_of(d, name, pname);
        if (retyped) {
            retype(b, &f->params[p], host, retyped);
        }
        const struct ctype *pt = &f->params[p].type;
        if (pt->kind == K_PTR && pt->record >= 0 && !pt->kept && is_carrier(m, pt->record, 0)) {
            refuse(b, pt->spelling, "holds pointers to kept callback tables: only a callback's "
                   "argument converts them (gen/kept.h)");
        }
        if (desc_is_stateless(d, name) && f->params[p].type.record >= 0) {
            refuse(b, NULL, "stateless, but callbacks in struct fields are swapped per call");
        }
        b->param = false;
    }
    b->what = NULL;
    if (f->printf_fmt && !f->printf_fmt->format) {
        CXCursor lc;
        char lname[256];
        varargs_list_name(f->name, lname, sizeof(lname));
        if (find_function(host, lname, &lc)) {
            b->what = "list element";
            f->list_elem = convert(b, clang_getArgType(clang_getCursorType(lc), 0));
            b->what = NULL;
        }
    }
    const char *va_why = f->printf_fmt || f->options ? varargs_refusal(f) : NULL;
    if (va_why) {
        refuse(b, NULL, "%s", va_why);
    }
    if (f->options && b->refusals == refused_before) {
        option_cases(b, f, host, guests, n_guests, guest_triples);
    }
    f->stateless = desc_is_stateless(d, name);
    for (unsigned g = 0; g < n_guests && b->refusals == refused_before; g++) {
        CXCursor gc;
        if (!find_function(guests[g], name, &gc)) {
            if (b->collect) {
                refuse(b, NULL, "not declared by %s's headers", guest_triples[g]);
            } else {
                fprintf(stderr, "%s: %s: not declared for %s\n", d->name, name, guest_triples[g]);
                b->failed = true;
            }
        } else {
            check_layout(b, f, hc, gc, guest_triples[g]);
        }
    }
}

/* The generator's layout (layout_of), as alias_class() takes it. */
static char *alias_layout(CXType t, void *d)
{
    return layout(d, t);
}

/*
 * Whether NEW's type @nt on @triple (from @source: its headers, or the
 * key's prototype) passes as OLD's host type @ht does (gen/alias.h);
 * refuses with the place and both types if not. A result widened under
 * "nonnegative" sets *@widened and @f's guest result.
 */
static void alias_check(struct builder *b, struct function *f, const struct desc_alias *a, CXType nt, CXType ht,
                        const char *triple, const char *source, bool *widened)
{
    int n = clang_getNumArgTypes(nt);
    char what[256];

    if (nt.kind != CXType_FunctionProto || clang_isFunctionTypeVariadic(nt) || n != clang_getNumArgTypes(ht)) {
        refuse(b, NULL, "alias: %s on %s (%s) takes %d parameters, %s on the host %d", a->name, triple, source,
               n, a->old, clang_getNumArgTypes(ht));
        return;
    }
    for (int i = -1; i < n; i++) {
        CXType g = i < 0 ? clang_getResultType(nt) : clang_getArgType(nt, (unsigned)i);
        CXType h = i < 0 ? clang_getResultType(ht) : clang_getArgType(ht, (unsigned)i);
        char *gc = alias_class(g, alias_layout, (void *)b->d), *hc = alias_class(h, alias_layout, (void *)b->d);
        long long gs = clang_Type_getSizeOf(g), hs = clang_Type_getSizeOf(h);
        if (i < 0 && strcmp(gc, hc) != 0 && a->nonnegative && hc[0] == 'i' && gc[0] == 'u' && gs >= hs &&
            (gs == 4 || gs == 8) && !strchr(gc, '(')) {
            /* A signed count the key says is never negative, as a wider unsigned one. */
            *widened = true;
            f->guest_ret = (struct ctype){ .kind = K_UINT, .size = (unsigned)gs, .sig = -1, .record = -1,
                                           .spelling = strdup(gs == 8 ? "uint64_t" : "uint32_t") };
        } else if (strcmp(gc, hc) != 0) {
            char *gt = str(clang_getTypeSpelling(g)), *htext = str(clang_getTypeSpelling(h));
            if (i < 0) {
                snprintf(what, sizeof(what), "result");
            } else {
                snprintf(what, sizeof(what), "parameter %s", i < (int)f->n_params ? f->params[i].name : "?");
            }
            b->what = what;
            refuse(b, gt, "alias: on %s (%s) it is %s, but %s's on the host is %s (%s): not the same "
                   "function under another name", triple, source, gc, a->old, htext, hc);
            b->what = NULL;
            free(gt);
            free(htext);
        }
        free(gc);
        free(hc);
    }
}

/*
 * The alias key's NEW: OLD's host function under NEW's name, if NEW's
 * types on every guest (and on the host, whose headers are the x86_64
 * guest's) pass as OLD's do (gen/alias.h).
 */
static void build_alias(struct builder *b, const struct exports *ex, const struct desc_alias *a,
                        CXTranslationUnit host, CXTranslationUnit *guests, unsigned n_guests,
                        const char *const *guest_triples)
{
    struct model *m = b->m;
    const struct desc *d = b->d;
    const struct export *old = elf_export_find(ex, a->old);
    CXCursor hc;

    b->where = a->name;
    b->what = NULL;
    if (elf_export_find(ex, a->name)) {
        refuse(b, NULL, "alias: the host's %s exports %s itself", d->host, a->name);
        return;
    }
    if (!old || !find_function(host, a->old, &hc)) {
        refuse(b, NULL, "alias: %s is not a function the host's %s exports and its headers declare", a->old,
               d->host);
        return;
    }
    if (old->version) {
        refuse(b, NULL, "alias: %s has symbol version %s, and %s's in a newer release is not known: "
               "aliases are for libraries without symbol versions", a->old, old->version, a->name);
        return;
    }
    if (desc_exception(d->excluded, a->old) || desc_exception(d->emulated, a->old) ||
        desc_is_special(d, a->old) || desc_printf_of(d, a->old) || desc_options_of(d, a->old) ||
        desc_is_stateless(d, a->old) || (d->longjmp && strcmp(d->longjmp, a->old) == 0)) {
        refuse(b, NULL, "alias: %s is excluded, emulated, special, variadic, stateless or the longjmp key's: "
               "only a function passed as the header declares it can be aliased", a->old);
        return;
    }
    unsigned refusals = b->refusals, at = m->n_fns;
    build_function(b, ex, a->old, host, guests, n_guests, guest_triples);
    b->where = a->name;
    if (b->refusals != refusals || m->n_fns != at + 1) {
        return;                 /* OLD itself is refused, said above */
    }
    struct function *f = &m->fns[at];
    struct export *e = calloc(1, sizeof(*e));
    *e = (struct export){ .name = strdup(a->name), .is_default = true };
    f->alias_of = f->name;
    f->name = e->name;
    f->export = e;
    f->nonnegative = a->nonnegative;
    f->guest_ret = f->ret;

    CXType ht = clang_getCursorType(hc);
    char decl[256];
    bool widened = false;
    alias_decl_name(a->name, decl, sizeof(decl));
    for (unsigned g = 0; g <= n_guests; g++) {
        /* The host's parse stands for the x86_64 guest, whose headers they are. */
        CXTranslationUnit tu = g < n_guests ? guests[g] : host;
        const char *triple = g < n_guests ? guest_triples[g] : "x86_64-linux-gnu";
        CXCursor c;
        bool declared = find_function(tu, a->name, &c);
        if (declared) {
            alias_check(b, f, a, clang_getCursorType(c), ht, triple, "its headers", &widened);
        }
        if (a->prototype && find_function(tu, decl, &c)) {
            alias_check(b, f, a, clang_getCursorType(c), ht, triple, "the key's prototype", &widened);
        } else if (!declared) {
            refuse(b, NULL, "alias: %s's headers do not declare %s: give its prototype in the key", triple,
                   a->name);
        }
    }
    if (a->nonnegative && !widened && b->refusals == refusals) {
        refuse(b, NULL, "alias: nonnegative, but the results are the same type: leave it out");
    }
}

bool model_build(const struct desc *d, const struct exports *ex, const char *const *guest_triples,
                 struct model *m)
{
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit host = parse(index, d, NULL);
    CXTranslationUnit guests[8] = { 0 };
    struct builder b = { .m = m, .d = d, .where = "" };
    unsigned n_guests = 0;

    memset(m, 0, sizeof(*m));
    if (!host) {
        return false;
    }
    /* "TRIPLE" or "TRIPLE=DIR" (see parse()); messages name the bare triple. */
    const char *triples[9] = { 0 };
    for (; guest_triples && guest_triples[n_guests] && n_guests < 8; n_guests++) {
        if (!(guests[n_guests] = parse(index, d, guest_triples[n_guests]))) {
            return false;
        }
        triples[n_guests] = strndup(guest_triples[n_guests], strcspn(guest_triples[n_guests], "="));
    }
    guest_triples = triples;

    /* Which functions: the description's list, or every exported one. */
    const char **names = calloc(ex->n_fns + 64, sizeof(*names));
    unsigned n_names = 0;
    if (d->functions) {
        for (char **f = d->functions; *f; f++) {
            names[n_names++] = *f;
        }
    } else {
        for (unsigned i = 0; i < ex->n_fns; i++) {
            if (ex->fns[i].is_default && !desc_exception(d->excluded, ex->fns[i].name)) {
                names[n_names++] = ex->fns[i].name;
            }
        }
    }
    m->left_out = calloc(ex->n_fns + 64, sizeof(*m->left_out));
    for (const struct desc_exception *e = d->excluded; e->fn; e++) {
        m->left_out[m->n_left_out++] = (struct left_out){ e->fn, e->reason };
    }

    unsigned n_aliases = 0;
    while (d->aliases[n_aliases].name) {
        n_aliases++;
    }
    m->fns = calloc(n_names + n_aliases + 1, sizeof(*m->fns));
    b.collect = d->refused_excluded;
    for (unsigned i = 0; i < n_names; i++) {
        unsigned refusals = b.refusals, n_fns = m->n_fns, n_sigs = m->n_sigs, n_records = m->n_records;
        bool failed = b.failed;
        b.reason = NULL;
        build_function(&b, ex, names[i], host, guests, n_guests, guest_triples);
        if (b.collect && b.refusals != refusals) {
            /* Left out as if excluded, with what the callbacks and structs it added. */
            refused_add(m, names[i], b.reason);
            m->left_out[m->n_left_out++] = (struct left_out){ names[i], m->refused[m->n_refused - 1].reason };
            free(b.reason);
            m->n_fns = n_fns;
            m->n_sigs = n_sigs;
            m->n_records = n_records;
            b.failed = failed;
        }
    }
    b.collect = false;          /* an alias refused is the description's mistake: say it, fail */
    for (const struct desc_alias *a = d->aliases; a->name; a++) {
        build_alias(&b, ex, a, host, guests, n_guests, guest_triples);
    }
    if (!data_build(d, ex, host, m)) {
        b.failed = true;
    }
    bool version_found = !d->version_data;
    for (unsigned k = 0; d->version_data && k < m->n_data; k++) {
        version_found |= strcmp(m->data[k].name, d->version_data) == 0 && m->data[k].bytes &&
                         memchr(m->data[k].bytes, '\0', m->data[k].size);
    }
    if (!version_found) {
        fprintf(stderr, "%s: version-data %s: not a string the host library exports\n", d->name, d->version_data);
        b.failed = true;
    }
    for (const struct desc_file_arg *fa = d->file_args; fa->fn; fa++) {
        const struct function *f = NULL;
        bool param = false, op = false;
        for (unsigned i = 0; i < m->n_fns && !f; i++) {
            f = strcmp(m->fns[i].name, fa->fn) == 0 && !m->fns[i].special && !m->fns[i].emulated ? &m->fns[i] : NULL;
        }
        for (unsigned p = 0; f && p < f->n_params; p++) {
            param |= strcmp(f->params[p].name, fa->param) == 0 && f->params[p].type.kind == K_PTR;
            op |= strcmp(f->params[p].name, fa->op) == 0 &&
                  (f->params[p].type.kind == K_SINT || f->params[p].type.kind == K_UINT);
        }
        if (!param || !op) {
            fprintf(stderr, "%s: file-arg %s: needs a generated function with pointer parameter %s "
                    "and integer parameter %s\n", d->name, fa->fn, fa->param, fa->op);
            b.failed = true;
        }
    }
    for (const struct desc_null_default *nd = d->null_defaults; nd->fn; nd++) {
        const struct function *f = NULL;
        bool param = false;
        for (unsigned i = 0; i < m->n_fns && !f; i++) {
            f = strcmp(m->fns[i].name, nd->fn) == 0 && !m->fns[i].special && !m->fns[i].emulated &&
                !m->fns[i].options && !m->fns[i].printf_fmt ? &m->fns[i] : NULL;
        }
        for (unsigned p = 0; f && p < f->n_params; p++) {
            param |= strcmp(f->params[p].name, nd->param) == 0 && f->params[p].type.kind == K_PTR;
        }
        if (!param) {
            fprintf(stderr, "%s: null-default %s: needs a generated function (not printf-style or "
                    "varargs) with pointer parameter %s\n", d->name, nd->fn, nd->param);
            b.failed = true;
        }
    }
    for (char **s = d->stateless; *s; s++) {
        bool known = false;
        for (unsigned i = 0; i < m->n_fns && !known; i++) {
            known = strcmp(m->fns[i].name, *s) == 0 && !m->fns[i].special;
        }
        if (!known) {
            fprintf(stderr, "%s: stateless %s: not a generated function of this library\n", d->name, *s);
            b.failed = true;
        }
    }
    if (d->longjmp) {
        bool known = false;
        for (unsigned i = 0; i < m->n_fns && !known; i++) {
            known = m->fns[i].longjmp;
        }
        if (!known) {
            fprintf(stderr, "%s: longjmp %s: not a function of this library\n", d->name, d->longjmp);
            b.failed = true;
        }
    }
    qsort(m->fns, m->n_fns, sizeof(*m->fns), by_name);

    uint64_t h = 0xcbf29ce484222325ull;
    char protocol[32];
    snprintf(protocol, sizeof(protocol), "protocol %d", HOSTLINK_PROTOCOL);
    h = fnv(h, protocol);
    for (unsigned i = 0; i < m->n_fns; i++) {
        const struct function *f = &m->fns[i];
        char code[4096] = "";
        h = fnv(h, f->name);
        if (f->special || f->emulated) {
            h = fnv(h, f->special ? "special" : "emulated");
            continue;
        }
        kind_code(&f->ret, code, sizeof(code));
        for (unsigned k = 0; f->options && f->cases && k < f->options->n_cases; k++) {
            snprintf(code + strlen(code), sizeof(code) - strlen(code), "case %s:", f->options->cases[k].label);
            for (unsigned p = 0; p < f->cases[k].n_params; p++) {
                kind_code(&f->cases[k].params[p].type, code, sizeof(code));
            }
        }
        if (f->printf_fmt) {
            snprintf(code + strlen(code), sizeof(code) - strlen(code), "printf%u%s/%s/%s/",
                     f->printf_fmt->format, f->va_list_param ? "va_list" : "...", f->printf_fmt->extra,
                     f->printf_fmt->flags);
            if (!f->printf_fmt->format) {
                snprintf(code + strlen(code), sizeof(code) - strlen(code), "list%u:", f->printf_fmt->count);
                kind_code(&f->list_elem, code, sizeof(code));
            }
        }
        for (unsigned p = 0; p < f->n_params; p++) {
            kind_code(&f->params[p].type, code, sizeof(code));
        }
        h = fnv(h, code);
        if (f->stateless) {
            h = fnv(h, "stateless");
        }
        if (f->longjmp) {
            h = fnv(h, "longjmp");
        }
        if (f->alias_of) {
            h = fnv(h, f->alias_of);
            kind_code(&f->guest_ret, code, sizeof(code));
            h = fnv(h, code);
        }
    }
    for (unsigned i = 0; i < m->n_sigs; i++) {
        h = fnv(h, m->sigs[i].code);
    }
    for (unsigned i = 0; i < m->n_data; i++) {
        h = fnv(h, m->data[i].name);
    }
    m->hash = h;
    return !b.failed;
}
