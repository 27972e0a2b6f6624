// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include "data.h"

struct var_ctx { const char *name; CXCursor found; bool ok; };

static enum CXChildVisitResult find_var(CXCursor c, CXCursor parent, CXClientData data)
{
    struct var_ctx *v = data;
    (void)parent;
    if (clang_getCursorKind(c) == CXCursor_VarDecl) {
        CXString n = clang_getCursorSpelling(c);
        bool match = strcmp(clang_getCString(n), v->name) == 0;
        clang_disposeString(n);
        if (match) {
            v->found = c;
            v->ok = true;
            return CXChildVisit_Break;
        }
    }
    return CXChildVisit_Continue;
}

static bool is_plain_number(CXType t)
{
    return (t.kind >= CXType_Bool && t.kind <= CXType_Int128 && t.kind != CXType_WChar) ||
           t.kind == CXType_WChar || t.kind == CXType_Float || t.kind == CXType_Double || t.kind == CXType_Enum;
}

/* Why the object of type @t cannot be passed, or NULL. */
static const char *refusal(CXType t)
{
    CXType c = clang_getCanonicalType(t);
    while (c.kind == CXType_ConstantArray || c.kind == CXType_IncompleteArray) {
        c = clang_getCanonicalType(clang_getElementType(c));
    }
    CXString sp = clang_getTypeSpelling(t);
    /* libclang reports an array's const in its spelling ("const char[8]"), not its element's qualifiers. */
    bool is_const = clang_isConstQualifiedType(c) || strncmp(clang_getCString(sp), "const ", 6) == 0;
    clang_disposeString(sp);
    if (!is_const) {
        return "a variable the program and the library share: the program's copy (copy "
               "relocation) and the host library's would be two objects, each blind to the "
               "other's writes; exclude it with a reason";
    }
    if (!is_plain_number(c)) {
        return "constant data other than numbers and characters (pointers would be host "
               "addresses): not passed; exclude it with a reason";
    }
    return NULL;
}

bool data_build(const struct desc *d, const struct exports *ex, CXTranslationUnit host, struct model *m)
{
    bool ok = true;

    m->data = calloc(ex->n_data + 1, sizeof(*m->data));
    for (unsigned i = 0; i < ex->n_data; i++) {
        const struct data_export *e = &ex->data[i];
        struct var_ctx v = { e->sym.name, clang_getNullCursor(), false };
        if (!e->sym.is_default || desc_exception(d->excluded, e->sym.name)) {
            continue;
        }
        clang_visitChildren(clang_getTranslationUnitCursor(host), find_var, &v);
        if (!v.ok) {
            continue;           /* not the library's API */
        }
        CXString sp = clang_getTypeSpelling(clang_getCursorType(v.found));
        const char *why = refusal(clang_getCursorType(v.found));
        if (why) {
            fprintf(stderr, "%s: %s: data object: %s: %s\n", d->name, e->sym.name, clang_getCString(sp), why);
            ok = false;
        } else {
            m->data[m->n_data++] = (struct data_object){ e->sym.name, &e->sym, e->size, e->bytes };
        }
        clang_disposeString(sp);
    }
    return ok;
}

void emit_data(FILE *out, const struct model *m)
{
    for (unsigned i = 0; i < m->n_data; i++) {
        const struct data_object *o = &m->data[i];
        fprintf(out, "\n/* %s: constant data, the host library's %lu bytes (gen/data.h). */\n"
                     "__asm__(\".pushsection .rodata\\n\"\n"
                     "        \".globl %s\\n.type %s, %%object\\n.size %s, %lu\\n.balign 16\\n%s:\\n\"\n",
                o->name, o->size, o->name, o->name, o->name, o->size, o->name);
        for (unsigned long b = 0; b < o->size; b++) {
            fprintf(out, "%s%u%s", b % 16 ? "," : "        \".byte ", o->bytes ? o->bytes[b] : 0u,
                    b % 16 == 15 || b + 1 == o->size ? "\\n\"\n" : "");
        }
        fprintf(out, "        \".popsection\");\n");
    }
}
