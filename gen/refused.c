// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include "refused.h"

void refused_add(struct model *m, const char *fn, const char *reason)
{
    m->refused = realloc(m->refused, (m->n_refused + 1) * sizeof(*m->refused));
    m->refused[m->n_refused].fn = strdup(fn);
    m->refused[m->n_refused].reason = strdup(reason ? reason : "refused");
    m->n_refused++;
}

static int by_fn(const void *a, const void *b)
{
    return strcmp(((const struct refusal *)a)->fn, ((const struct refusal *)b)->fn);
}

void emit_refused_list(FILE *out, const struct model *m)
{
    qsort(m->refused, m->n_refused, sizeof(*m->refused), by_fn);
    for (unsigned i = 0; i < m->n_refused; i++) {
        fprintf(out, "%s\t%s\n", m->refused[i].fn, m->refused[i].reason);
    }
}
