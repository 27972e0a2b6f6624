// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "alias.h"

void alias_decl_name(const char *name, char *out, size_t len)
{
    snprintf(out, len, "hl_alias_%s", name);
}

char *alias_declarations(const struct desc *d)
{
    char *text = NULL, name[256];
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    for (const struct desc_alias *a = d->aliases; a->name; a++) {
        if (!a->prototype) {
            continue;
        }
        /* "RESULT (PARAMS)": the name goes before the parameter list. */
        size_t at = strcspn(a->prototype, "(");
        alias_decl_name(a->name, name, sizeof(name));
        fprintf(f, "%s%.*s %s%s;\n", text && *text ? "" : "#include <stdint.h>\n", (int)at, a->prototype,
                name, a->prototype + at);
    }
    fclose(f);
    return text;
}

static bool is_integer(enum CXTypeKind k)
{
    return (k >= CXType_Bool && k <= CXType_Int128) || k == CXType_Enum;
}

static bool is_unsigned(CXType c)
{
    if (c.kind == CXType_Enum) {
        c = clang_getCanonicalType(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(c)));
    }
    return (c.kind >= CXType_Bool && c.kind <= CXType_UInt128) && c.kind != CXType_Char_U;
}

char *alias_class(CXType t, char *(*layout)(CXType t, void *ctx), void *ctx)
{
    CXType c = clang_getCanonicalType(t);
    char *out = NULL;

    if (c.kind == CXType_Char_S || c.kind == CXType_Char_U) {
        out = strdup("c1");         /* plain char: its 8 bits on every guest (gen/model.h) */
    } else if (is_integer(c.kind)) {
        out = malloc(32);
        snprintf(out, 32, "%c%lld", is_unsigned(c) ? 'u' : 'i', clang_Type_getSizeOf(c));
    } else if (c.kind == CXType_Float || c.kind == CXType_Double) {
        out = malloc(32);
        snprintf(out, 32, "f%lld", clang_Type_getSizeOf(c));
    } else if (c.kind == CXType_Void) {
        out = strdup("v");
    } else if (c.kind == CXType_Pointer) {
        enum CXTypeKind p = clang_getCanonicalType(clang_getPointeeType(c)).kind;
        if (p == CXType_Record || p == CXType_FunctionProto || p == CXType_FunctionNoProto) {
            return layout(t, ctx);  /* with the struct's fields, or the function's types */
        }
        char *inner = alias_class(clang_getPointeeType(c), layout, ctx);
        out = malloc(strlen(inner) + 4);
        sprintf(out, "*(%s)", inner);
        free(inner);
    } else {
        out = layout(t, ctx);       /* structs, unions, arrays, function types: the generator's layout */
    }
    return out;
}
