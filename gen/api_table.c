// SPDX-License-Identifier: GPL-2.0-or-later
/* The api-table key (see api_table.h). */
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include "api_table.h"

/* The host's headers, as the thunk is compiled with them (the Makefile's -idirafter /usr/include). */
#define HOST_INCLUDE_DIR "/usr/include"

struct api_field {
    char fn[128], field[128];
    bool present;               /* the thunk defines fn */
};

static bool thunk_has(const struct model *m, const char *fn)
{
    for (unsigned i = 0; i < m->n_fns; i++) {
        if (strcmp(m->fns[i].name, fn) == 0) {
            return true;
        }
    }
    return false;
}

/* The header's "#define FN POINTER->FIELD" lines, in order (malloc'd, *n of them); NULL if unreadable. */
static struct api_field *read_fields(const struct desc *d, const struct model *m, unsigned *n)
{
    char header[256], type[128], pointer[128], path[512], line[1024], pattern[300];
    regex_t re;
    regmatch_t g[3];

    *n = 0;
    if (sscanf(d->api_table, "%255s %127s %127s", header, type, pointer) != 3) {
        return NULL;
    }
    snprintf(path, sizeof(path), "%s/%s", HOST_INCLUDE_DIR, header);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return NULL;
    }
    snprintf(pattern, sizeof(pattern), "^#[ \t]*define[ \t]+([A-Za-z_0-9]+)[ \t]+%s->([A-Za-z_0-9]+)[ \t]*$",
             pointer);
    if (regcomp(&re, pattern, REG_EXTENDED) != 0) {
        fclose(f);
        return NULL;
    }
    struct api_field *fields = NULL;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (regexec(&re, line, 3, g, 0) != 0) {
            continue;
        }
        struct api_field a;
        snprintf(a.fn, sizeof(a.fn), "%.*s", (int)(g[1].rm_eo - g[1].rm_so), line + g[1].rm_so);
        snprintf(a.field, sizeof(a.field), "%.*s", (int)(g[2].rm_eo - g[2].rm_so), line + g[2].rm_so);
        a.present = thunk_has(m, a.fn);
        bool again = false;     /* SQLite's header defines a few twice */
        for (unsigned i = 0; i < *n && !again; i++) {
            again = strcmp(fields[i].field, a.field) == 0;
        }
        if (!again) {
            fields = realloc(fields, (*n + 1) * sizeof(*fields));
            fields[(*n)++] = a;
        }
    }
    regfree(&re);
    fclose(f);
    return fields;
}

void emit_api_table(FILE *out, const struct desc *d, const struct model *m)
{
    char header[256], type[128];
    unsigned n, lacking = 0;

    if (!d->api_table || sscanf(d->api_table, "%255s %127s", header, type) != 2) {
        return;
    }
    struct api_field *fields = read_fields(d, m, &n);
    if (!n) {
        fprintf(stderr, "%s: api-table %s: no \"#define FN POINTER->FIELD\" lines read\n", d->name, d->api_table);
        exit(1);
    }
    for (unsigned i = 0; i < n; i++) {
        lacking += !fields[i].present;
    }
    fprintf(out, "\n/*\n * The table of the library's functions an extension is given (the api-table\n"
                 " * key, gen/api_table.h): the thunk's own functions. %u of %s's %u fields\n"
                 " * name functions the thunk lacks: NULL. Room follows for fields a newer\n"
                 " * guest header appends.\n */\n#include <%s>\n", lacking, header, n, header);
    fprintf(out, "#pragma GCC diagnostic ignored \"-Wcast-function-type\"\n"
                 "HL_HIDDEN const struct {\n    %s table;\n    void (*newer[64])(void);\n"
                 "} hl_api_table = { .table = {\n", type);
    for (unsigned i = 0; i < n; i++) {
        if (fields[i].present) {
            fprintf(out, "#undef %s\n    .%s = (__typeof__(((%s *)0)->%s))%s,\n", fields[i].fn, fields[i].field,
                    type, fields[i].field, fields[i].fn);
        } else {
            fprintf(out, "    /* .%s: %s, not in the thunk */\n", fields[i].field, fields[i].fn);
        }
    }
    fprintf(out, "} };\n");
    free(fields);
}

void emit_api_table_gaps(FILE *out, const struct desc *d, const struct model *m)
{
    char header[256], type[128];
    unsigned n;

    if (!d->api_table || sscanf(d->api_table, "%255s %127s", header, type) != 2) {
        return;
    }
    struct api_field *fields = read_fields(d, m, &n);
    for (unsigned i = 0; i < n; i++) {
        if (!fields[i].present) {
            fprintf(out, "%s.%s\tleft-out\tNULL in the table extensions get (%s): the thunk lacks %s\n", type,
                    fields[i].field, header, fields[i].fn);
        }
    }
    free(fields);
}
