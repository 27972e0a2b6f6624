// SPDX-License-Identifier: GPL-2.0-or-later
/* The fn-type key's prototypes (see fn_type.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fn_type.h"

void fn_type_name(const char *fn, const char *param, char *out, size_t len)
{
    snprintf(out, len, "hl_fn_type_%s_%s", fn, param);
}

char *fn_type_declarations(const struct desc *d)
{
    char *text = NULL, name[300];
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    for (const struct desc_fn_type *t = d->fn_types; t->fn; t++) {
        fn_type_name(t->fn, t->param, name, sizeof(name));
        fprintf(f, "void %s(%s);\n", name, t->type);
    }
    fclose(f);
    return text;
}

const struct desc_fn_type *fn_type_of(const struct desc *d, const char *fn, const char *param)
{
    for (const struct desc_fn_type *t = d->fn_types; t->fn; t++) {
        if (strcmp(t->fn, fn) == 0 && strcmp(t->param, param) == 0) {
            return t;
        }
    }
    return NULL;
}
