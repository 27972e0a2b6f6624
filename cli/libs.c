// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The list of libraries hostlink can pass through, as the project's
 * generator writes it: "name<TAB>soname<TAB>thunk<TAB>description[<TAB>flags]"
 * lines (thunk: the thunk's file name; flags: "preload" for shims loaded
 * with LD_PRELOAD), '#' comments and blank lines allowed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* Splits off the next tab-separated field; NULL when the line has ended. */
static char *next_field(char **rest)
{
    char *field = *rest, *tab;

    if (!field) {
        return NULL;
    }
    tab = strchr(field, '\t');
    if (tab) {
        *tab = '\0';
        *rest = tab + 1;
    } else {
        *rest = NULL;
    }
    return field;
}

bool libs_list_read(const char *path, struct lib_entry **libs, size_t *n, char **error)
{
    FILE *f = fopen(path, "re");
    char *line = NULL;
    size_t cap = 0, lineno = 0, alloc = 0;
    ssize_t len;
    bool ok = true;

    *libs = NULL;
    *n = 0;
    *error = NULL;
    if (!f) {
        *error = xasprintf("cannot read the library list %s: %s%s", path, strerror(errno),
                           errno == ENOENT ? " (run make to generate it)" : "");
        return false;
    }
    while ((len = getline(&line, &cap, f)) >= 0) {
        char *rest = line, *name, *soname, *thunk, *desc, *flags;
        size_t skip = strspn(line, " \t\r\n");

        lineno++;
        if (line[skip] == '\0' || line[skip] == '#') {
            continue;
        }
        line[strcspn(line, "\r\n")] = '\0';
        name = next_field(&rest);
        soname = next_field(&rest);
        thunk = next_field(&rest);
        desc = next_field(&rest);
        desc = desc ? desc : "";
        flags = rest ? rest : "";
        if (!thunk || !*name || !*soname || !*thunk || strchr(thunk, '/')) {
            *error = xasprintf("%s:%zu: expected name<TAB>soname<TAB>thunk<TAB>description",
                               path, lineno);
            ok = false;
            break;
        }
        if (*n == alloc) {
            alloc = alloc ? alloc * 2 : 8;
            *libs = xrealloc(*libs, alloc * sizeof(**libs));
        }
        (*libs)[(*n)++] = (struct lib_entry){ xstrdup(name), xstrdup(soname), xstrdup(thunk),
                                              xstrdup(desc), strstr(flags, "preload") != NULL };
    }
    if (ok && ferror(f)) {
        *error = xasprintf("cannot read the library list %s: %s", path, strerror(errno));
        ok = false;
    }
    free(line);
    fclose(f);
    if (!ok) {
        libs_free(*libs, *n);
        *libs = NULL;
        *n = 0;
    }
    return ok;
}

void libs_free(struct lib_entry *libs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(libs[i].name);
        free(libs[i].soname);
        free(libs[i].thunk);
        free(libs[i].desc);
    }
    free(libs);
}
