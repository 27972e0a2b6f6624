// SPDX-License-Identifier: GPL-2.0-or-later
#include <clang-c/Index.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "model.h"

static char *str(CXString s)
{
    char *r = strdup(clang_getCString(s));
    clang_disposeString(s);
    return r;
}

/* ---- parsing ------------------------------------------------------------ */

static CXTranslationUnit parse(CXIndex index, const struct desc *d, const char *triple)
{
    char *source = desc_prelude(d, false);
    const char *argv[64];
    int argc = 0;
    char *cflags = strdup(d->cflags), *save = NULL;
    char target[128], sysroot[128];

    argv[argc++] = "-xc";
    argv[argc++] = "-std=gnu11";
    if (triple) {
        snprintf(target, sizeof(target), "--target=%s", triple);
        snprintf(sysroot, sizeof(sysroot), "-isystem/usr/%s/include", triple);
        argv[argc++] = target;
        argv[argc++] = sysroot;
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
    bool failed;
};

static void refuse(struct builder *b, const char *fmt, const char *detail)
{
    fprintf(stderr, "%s: %s: ", b->d->name, b->where);
    fprintf(stderr, fmt, detail);
    fputc('\n', stderr);
    b->failed = true;
}

static bool is_function(CXType t)
{
    return t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto;
}

static int sig_for(struct builder *b, CXType fnptr);
static int record_for(struct builder *b, CXType record);

static struct ctype convert(struct builder *b, CXType t)
{
    struct ctype r = { .sig = -1, .record = -1 };
    CXType c = clang_getCanonicalType(t);

    r.spelling = str(clang_getTypeSpelling(t));
    r.size = c.kind == CXType_Void ? 0 : (unsigned)clang_Type_getSizeOf(c);
    if (c.kind == CXType_Enum) {
        c = clang_getCanonicalType(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(c)));
    }
    switch (c.kind) {
    case CXType_Void:
        r.kind = K_VOID;
        break;
    case CXType_Bool: case CXType_Char_U: case CXType_UChar: case CXType_UShort:
    case CXType_UInt: case CXType_ULong: case CXType_ULongLong:
        r.kind = K_UINT;
        break;
    case CXType_Char_S: case CXType_SChar: case CXType_Short: case CXType_Int:
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
        CXType pointee = clang_getCanonicalType(clang_getPointeeType(c));
        if (is_function(pointee)) {
            r.kind = K_FNPTR;
            r.sig = sig_for(b, t);
        } else {
            r.kind = K_PTR;
            if (pointee.kind == CXType_Record) {
                r.record = record_for(b, pointee);
                r.const_pointee = clang_isConstQualifiedType(pointee);
            }
        }
        break;
    }
    case CXType_LongDouble:
        refuse(b, "%s: long double has another format on each guest; no conversion is described", r.spelling);
        break;
    case CXType_Record:
        refuse(b, "%s: structs passed by value are not supported", r.spelling);
        break;
    default:
        refuse(b, "%s: unsupported type", r.spelling);
    }
    return r;
}

char kind_code(const struct ctype *t)
{
    static const char sint[] = "?bh?i???l", uint[] = "?BH?I???L";
    switch (t->kind) {
    case K_VOID: return 'v';
    case K_SINT: return t->size <= 8 ? sint[t->size] : '?';
    case K_UINT: return t->size <= 8 ? uint[t->size] : '?';
    case K_PTR: case K_FNPTR: return 'p';
    case K_FLOAT: return 'f';
    case K_DOUBLE: return 'd';
    }
    return '?';
}

static int sig_for(struct builder *b, CXType fnptr)
{
    CXType fn = clang_getCanonicalType(clang_getPointeeType(clang_getCanonicalType(fnptr)));
    struct sig s = { .spelling = str(clang_getTypeSpelling(fnptr)) };
    unsigned n = fn.kind == CXType_FunctionProto ? (unsigned)clang_getNumArgTypes(fn) : 0;

    if (fn.kind != CXType_FunctionProto || clang_isFunctionTypeVariadic(fn) || n > MAX_ARGS) {
        refuse(b, "callback type %s: needs a prototype with at most 16 fixed arguments", s.spelling);
        return -1;
    }
    s.ret = convert(b, clang_getResultType(fn));
    s.args = calloc(n + 1, sizeof(*s.args));
    s.n_args = n;
    size_t len = 0;
    s.code[len++] = kind_code(&s.ret);
    s.code[len++] = ':';
    unsigned ints = 0, fps = 0;
    for (unsigned i = 0; i < n; i++) {
        s.args[i] = convert(b, clang_getArgType(fn, i));
        if (s.args[i].kind == K_FNPTR) {
            refuse(b, "callback type %s: function-pointer arguments of callbacks are not supported", s.spelling);
        }
        s.code[len++] = kind_code(&s.args[i]);
        (s.args[i].kind == K_FLOAT || s.args[i].kind == K_DOUBLE) ? fps++ : ints++;
    }
    s.code[len] = '\0';
    if (ints > 8 || fps > 8) {
        refuse(b, "callback type %s: more than 8 integer or 8 floating-point arguments", s.spelling);
    }
    for (unsigned i = 0; i < b->m->n_sigs; i++) {
        if (strcmp(b->m->sigs[i].spelling, s.spelling) == 0) {
            return (int)i;
        }
    }
    b->m->sigs = realloc(b->m->sigs, (b->m->n_sigs + 1) * sizeof(s));
    b->m->sigs[b->m->n_sigs] = s;
    return (int)b->m->n_sigs++;
}

struct field_ctx { struct builder *b; unsigned r; };

static enum CXVisitorResult visit_field(CXCursor c, CXClientData data)
{
    struct field_ctx *f = data;
    CXType t = clang_getCanonicalType(clang_getCursorType(c));
    struct cb_field cf = { NULL, -1, -1 };
    if (t.kind != CXType_Pointer) {
        return CXVisit_Continue;
    }
    CXType pointee = clang_getCanonicalType(clang_getPointeeType(t));
    if (is_function(pointee)) {
        cf.sig = sig_for(f->b, clang_getCursorType(c));
    } else if (pointee.kind == CXType_Record && (cf.record = record_for(f->b, pointee)) >= 0 &&
               !clang_isConstQualifiedType(pointee)) {
        char *field = str(clang_getCursorSpelling(c)), *rs = str(clang_getTypeSpelling(pointee));
        char what[512];
        snprintf(what, sizeof(what), "field %s points to %s, whose callbacks the host "
                 "library could change: only pointers to const structs are copied", field, rs);
        refuse(f->b, "%s", what);
        free(field);
        free(rs);
    }
    if (cf.sig >= 0 || cf.record >= 0) {
        cf.name = str(clang_getCursorSpelling(c));
        struct record *r = &f->b->m->records[f->r];
        r->fields = realloc(r->fields, (r->n_fields + 1) * sizeof(cf));
        r->fields[r->n_fields++] = cf;
    }
    return CXVisit_Continue;
}

/* Index of @record in the model if it carries callbacks (made on first use), else -1. */
static int record_for(struct builder *b, CXType record)
{
    char *spelling = str(clang_getTypeSpelling(clang_getCursorType(clang_getTypeDeclaration(record))));
    for (unsigned i = 0; i < b->m->n_records; i++) {
        if (strcmp(b->m->records[i].spelling, spelling) == 0) {
            free(spelling);
            return b->m->records[i].n_fields ? (int)i : -1;
        }
    }
    /* In the table before its fields are visited: a struct may point to its own kind. */
    struct record r = { .spelling = spelling };
    b->m->records = realloc(b->m->records, (b->m->n_records + 1) * sizeof(r));
    b->m->records[b->m->n_records] = r;
    struct field_ctx f = { b, b->m->n_records++ };
    clang_Type_visitFields(record, visit_field, &f);
    return b->m->records[f.r].n_fields ? (int)f.r : -1;
}

/* ---- layout agreement between host and guests ------------------------------- */

struct layout_ctx { CXType record; char *out; size_t len, cap; };

static void append(struct layout_ctx *l, const char *fmt, long long a, long long b2)
{
    if (l->len + 64 > l->cap) {
        l->cap = l->cap * 2 + 256;
        l->out = realloc(l->out, l->cap);
    }
    l->len += snprintf(l->out + l->len, l->cap - l->len, fmt, a, b2);
}

static enum CXVisitorResult layout_field(CXCursor c, CXClientData data)
{
    struct layout_ctx *l = data;
    char *name = str(clang_getCursorSpelling(c));
    append(l, " %lld:%lld", clang_Type_getOffsetOf(l->record, name),
           clang_Type_getSizeOf(clang_getCursorType(c)));
    free(name);
    return CXVisit_Continue;
}

/* Size, alignment and kind of @t; for pointers to structs, the struct's field offsets too. */
static char *layout(CXType t)
{
    struct layout_ctx l = { 0 };
    CXType c = clang_getCanonicalType(t);
    append(&l, "%lld/%lld", c.kind == CXType_Void ? 0 : clang_Type_getSizeOf(c),
           c.kind == CXType_Void ? 0 : clang_Type_getAlignOf(c));
    append(&l, " k%lld%.0lld", c.kind, 0);
    if (c.kind == CXType_Pointer) {
        CXType p = clang_getCanonicalType(clang_getPointeeType(c));
        if (p.kind == CXType_Record && clang_Type_getSizeOf(p) > 0) {
            l.record = p;
            append(&l, " {%lld%.0lld", clang_Type_getSizeOf(p), 0);
            clang_Type_visitFields(p, layout_field, &l);
            append(&l, "}%.0lld%.0lld", 0, 0);
        }
    }
    return l.out;
}

static void check_layout(struct builder *b, CXCursor host, CXCursor guest, const char *triple)
{
    CXType ht = clang_getCursorType(host), gt = clang_getCursorType(guest);
    int n = clang_getNumArgTypes(ht);
    for (int i = -1; i < n; i++) {
        CXType h = i < 0 ? clang_getResultType(ht) : clang_getArgType(ht, i);
        CXType g = i < 0 ? clang_getResultType(gt) : clang_getArgType(gt, i);
        char *hl = layout(h), *gl = layout(g);
        if (strcmp(hl, gl) != 0) {
            char what[256];
            char *sp = str(clang_getTypeSpelling(h));
            snprintf(what, sizeof(what), "%s (%s)", sp, i < 0 ? "result" : "argument");
            fprintf(stderr, "%s: %s: %s: layout on %s differs from the host's (%s vs %s)%s\n",
                    b->d->name, b->where, what, triple, gl, hl,
                    clang_getCanonicalType(h).kind == CXType_Char_S ? ": plain char is unsigned there" : "");
            b->failed = true;
            free(sp);
        }
        free(hl);
        free(gl);
    }
}

/* ---- the model ------------------------------------------------------------ */

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    }
    return (h ^ ';') * 0x100000001b3ull;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct function *)a)->name, ((const struct function *)b)->name);
}

bool model_build(const struct desc *d, const struct exports *ex, const char *const *guest_triples,
                 struct model *m)
{
    CXIndex index = clang_createIndex(0, 0);
    CXTranslationUnit host = parse(index, d, NULL);
    CXTranslationUnit guests[8] = { 0 };
    struct builder b = { m, d, "", false };
    unsigned n_guests = 0;

    memset(m, 0, sizeof(*m));
    if (!host) {
        return false;
    }
    for (; guest_triples && guest_triples[n_guests] && n_guests < 8; n_guests++) {
        if (!(guests[n_guests] = parse(index, d, guest_triples[n_guests]))) {
            return false;
        }
    }

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

    m->fns = calloc(n_names + 1, sizeof(*m->fns));
    for (unsigned i = 0; i < n_names; i++) {
        struct function *f = &m->fns[m->n_fns];
        CXCursor hc;
        b.where = names[i];
        f->name = strdup(names[i]);
        f->export = elf_export_find(ex, names[i]);
        f->special = desc_is_special(d, names[i]);
        if (!f->export) {
            fprintf(stderr, "%s: %s: not exported by %s\n", d->name, names[i], d->host);
            b.failed = true;
            continue;
        }
        if (!find_function(host, names[i], &hc)) {
            fprintf(stderr, "%s: %s: exported but not declared in %s; left out\n",
                    d->name, names[i], d->header);
            continue;
        }
        m->n_fns++;
        if (f->special) {
            continue;
        }
        CXType ft = clang_getCursorType(hc);
        if (clang_isFunctionTypeVariadic(ft)) {
            refuse(&b, "%s", "variadic: describe it as special and write its guest side");
            continue;
        }
        f->ret = convert(&b, clang_getResultType(ft));
        f->n_params = (unsigned)clang_getNumArgTypes(ft);
        if (f->n_params > MAX_ARGS) {
            refuse(&b, "%s", "more than 16 arguments");
            continue;
        }
        f->params = calloc(f->n_params + 1, sizeof(*f->params));
        for (unsigned p = 0; p < f->n_params; p++) {
            CXCursor arg = clang_Cursor_getArgument(hc, p);
            char *pname = str(clang_getCursorSpelling(arg));
            if (!*pname) {
                free(pname);
                pname = malloc(16);
                snprintf(pname, 16, "a%u", p);
            }
            f->params[p].name = pname;
            f->params[p].type = convert(&b, clang_getArgType(ft, p));
        }
        for (unsigned g = 0; g < n_guests; g++) {
            CXCursor gc;
            if (!find_function(guests[g], names[i], &gc)) {
                fprintf(stderr, "%s: %s: not declared for %s\n", d->name, names[i], guest_triples[g]);
                b.failed = true;
            } else {
                check_layout(&b, hc, gc, guest_triples[g]);
            }
        }
    }
    qsort(m->fns, m->n_fns, sizeof(*m->fns), by_name);

    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned i = 0; i < m->n_fns; i++) {
        h = fnv(h, m->fns[i].name);
        char code[MAX_ARGS + 4] = { kind_code(&m->fns[i].ret) };
        for (unsigned p = 0; p < m->fns[i].n_params; p++) {
            code[p + 1] = kind_code(&m->fns[i].params[p].type);
        }
        h = fnv(h, m->fns[i].special ? "special" : code);
    }
    for (unsigned i = 0; i < m->n_sigs; i++) {
        h = fnv(h, m->sigs[i].code);
    }
    m->hash = h;
    return !b.failed;
}
