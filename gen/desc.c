// SPDX-License-Identifier: GPL-2.0-or-later
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desc.h"

static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) {
        s++;
    }
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1])) {
        *--e = '\0';
    }
    return s;
}

static char **words(const char *s)
{
    char *copy = strdup(s), *save = NULL;
    char **v = calloc(strlen(s) / 2 + 2, sizeof(*v));
    size_t n = 0;
    for (char *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        v[n++] = strdup(w);
    }
    free(copy);
    return v;
}

/* Appends "FN reason..." from @value to @list; false if the reason is missing. */
static bool add_exception(struct desc_exception **list, const char *value)
{
    size_t n = 0, fn_len = strcspn(value, " \t");
    while (*list && (*list)[n].fn) {
        n++;
    }
    const char *reason = value + fn_len;
    while (isspace((unsigned char)*reason)) {
        reason++;
    }
    if (!fn_len || !*reason) {
        return false;
    }
    *list = realloc(*list, (n + 2) * sizeof(**list));
    (*list)[n] = (struct desc_exception){ strndup(value, fn_len), strdup(reason) };
    (*list)[n + 1] = (struct desc_exception){ NULL, NULL };
    return true;
}

bool desc_read(const char *path, struct desc *d)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    int lineno = 0;

    memset(d, 0, sizeof(*d));
    if (!f) {
        perror(path);
        return false;
    }
    while (fgets(line, sizeof(line), f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash) {
            *hash = '\0';
        }
        char *s = trim(line);
        if (!*s) {
            continue;
        }
        char *key = s;
        while (*s && !isspace((unsigned char)*s)) {
            s++;
        }
        if (*s) {
            *s++ = '\0';
        }
        char *value = strdup(trim(s));
        if (strcmp(key, "name") == 0) d->name = value;
        else if (strcmp(key, "description") == 0) d->description = value;
        else if (strcmp(key, "soname") == 0) d->soname = value;
        else if (strcmp(key, "host") == 0) d->host = value;
        else if (strcmp(key, "header") == 0) d->header = value;
        else if (strcmp(key, "cflags") == 0) d->cflags = value;
        else if (strcmp(key, "functions") == 0) d->functions = words(value);
        else if (strcmp(key, "special") == 0) d->special = words(value);
        else if (strcmp(key, "exclude") == 0) {
            if (!add_exception(&d->excluded, value)) {
                fprintf(stderr, "%s:%d: '%s' needs a function and a reason\n", path, lineno, key);
                fclose(f);
                return false;
            }
        }
        else if (strcmp(key, "error-int") == 0) d->error_int = value;
        else if (strcmp(key, "preload") == 0) d->preload = strcmp(value, "yes") == 0;
        /* Read by the test suite (tests/coverage.sh); only checked here. */
        else if (strcmp(key, "coverage") == 0 && strcmp(value, "all") != 0 && strcmp(value, "report") != 0) {
            fprintf(stderr, "%s:%d: coverage takes all or report\n", path, lineno);
            fclose(f);
            return false;
        } else if (strcmp(key, "coverage") == 0) {
            free(value);
        } else {
            fprintf(stderr, "%s:%d: unknown key '%s'\n", path, lineno, key);
            fclose(f);
            return false;
        }
    }
    fclose(f);
    const char *missing = !d->name ? "name" : !d->soname ? "soname" : !d->host ? "host" :
                          !d->header ? "header" : NULL;
    if (missing) {
        fprintf(stderr, "%s: '%s' is required\n", path, missing);
        return false;
    }
    if (!d->description) d->description = strdup("");
    if (!d->cflags) d->cflags = strdup("");
    if (!d->error_int) d->error_int = strdup("-1");
    if (!d->special) d->special = calloc(1, sizeof(char *));
    if (!d->excluded) d->excluded = calloc(1, sizeof(*d->excluded));
    d->headers = words(d->header);
    return true;
}

static bool listed(char *const *list, const char *fn)
{
    for (char *const *s = list; *s; s++) {
        if (strcmp(*s, fn) == 0) {
            return true;
        }
    }
    return false;
}

bool desc_is_special(const struct desc *d, const char *fn)
{
    return listed(d->special, fn);
}

const char *desc_exception(const struct desc_exception *list, const char *fn)
{
    for (; list->fn; list++) {
        if (strcmp(list->fn, fn) == 0) {
            return list->reason;
        }
    }
    return NULL;
}

char *desc_prelude(const struct desc *d, bool with_defines)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    char **flags = words(d->cflags);

    for (char **w = flags; with_defines && *w; w++) {
        if (strncmp(*w, "-D", 2) == 0 && (*w)[2]) {
            char *eq = strchr(*w + 2, '=');
            /* -DNAME means NAME 1, as for the compiler. */
            fprintf(f, "#define %.*s %s\n", eq ? (int)(eq - *w - 2) : (int)strlen(*w + 2), *w + 2,
                    eq ? eq + 1 : "1");
        }
    }
    /* A thunk stands in for deprecated functions too (lz4's LZ4_compress). */
    fprintf(f, "#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n");
    for (char **h = d->headers; *h; h++) {
        fprintf(f, "#include <%s>\n", *h);
    }
    fclose(f);
    return text;
}
