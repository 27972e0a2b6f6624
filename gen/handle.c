// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include "handle.h"

static bool named(const struct desc *d, CXString spelling)
{
    const char *s = clang_getCString(spelling);
    bool found = false;

    static const char *const prefixes[] = { "const ", "struct ", "union " };
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0) {
            s += strlen(prefixes[i]);
        }
    }
    for (const struct desc_exception *h = d->handles; h && h->fn && !found; h++) {
        found = strcmp(h->fn, s) == 0;
    }
    clang_disposeString(spelling);
    return found;
}

bool handle_type(const struct desc *d, CXType t)
{
    if (!d->handles || !d->handles[0].fn) {
        return false;
    }
    /* By any typedef name on the way to the struct, or by its tag. */
    for (int guard = 0; guard < 32; guard++) {
        if (t.kind == CXType_Typedef) {
            if (named(d, clang_getTypedefName(t))) {
                return true;
            }
            t = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(t));
        } else if (t.kind == CXType_Elaborated) {
            t = clang_Type_getNamedType(t);
        } else {
            break;
        }
    }
    CXType c = clang_getCanonicalType(t);
    return c.kind == CXType_Record && named(d, clang_getTypeSpelling(c));
}
