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

/* Appends "FN format=N [extra=LETTERS] [flags=CHARS]" from @value; false if malformed. */
static bool add_printf(struct desc_printf **list, const char *value)
{
    size_t n = 0;
    while (*list && (*list)[n].fn) {
        n++;
    }
    char **w = words(value);
    struct desc_printf p = { .fn = w[0], .extra = strdup(""), .flags = strdup("") };
    bool ok = w[0] != NULL;
    for (char **o = w + (ok ? 1 : 0); *o && ok; o++) {
        if (strncmp(*o, "format=", 7) == 0) {
            p.format = (unsigned)strtoul(*o + 7, NULL, 10);
        } else if (strncmp(*o, "extra=", 6) == 0) {
            p.extra = strdup(*o + 6);
        } else if (strncmp(*o, "flags=", 6) == 0) {
            p.flags = strdup(*o + 6);
        } else {
            ok = false;
        }
    }
    if (!ok || !p.format) {
        return false;
    }
    *list = realloc(*list, (n + 2) * sizeof(**list));
    (*list)[n] = p;
    (*list)[n + 1] = (struct desc_printf){ 0 };
    return true;
}

/* Appends "FN op=N CASE: TYPES ; ..." from @value; false if malformed. */
static bool add_options(struct desc_options **list, const char *value)
{
    size_t n = 0;
    while (*list && (*list)[n].fn) {
        n++;
    }
    size_t fn_len = strcspn(value, " \t");
    const char *p = value + fn_len;
    while (isspace((unsigned char)*p)) {
        p++;
    }
    if (!fn_len || strncmp(p, "op=", 3) != 0) {
        return false;
    }
    char *end;
    struct desc_options o = { .fn = strndup(value, fn_len), .op = (unsigned)strtoul(p + 3, &end, 10) };
    char *cases = strdup(end), *save = NULL;
    for (char *c = strtok_r(cases, ";", &save); c; c = strtok_r(NULL, ";", &save)) {
        char *colon = strchr(c, ':');
        if (!colon) {
            if (*trim(c)) {
                return false;
            }
            continue;
        }
        *colon = '\0';
        char *label = trim(c), *dots = strstr(label, "..");
        if (dots) {
            /* A..B: GNU C's case range. */
            *dots = '\0';
            char *range = malloc(strlen(label) + strlen(dots + 2) + 8);
            sprintf(range, "%s ... %s", trim(label), trim(dots + 2));
            label = range;
        } else {
            label = strdup(label);
        }
        o.cases = realloc(o.cases, (o.n_cases + 1) * sizeof(*o.cases));
        o.cases[o.n_cases++] = (struct desc_option_case){ label, strdup(trim(colon + 1)) };
    }
    if (!o.op || !o.n_cases) {
        return false;
    }
    *list = realloc(*list, (n + 2) * sizeof(**list));
    (*list)[n] = o;
    (*list)[n + 1] = (struct desc_options){ 0 };
    return true;
}

/* Appends "FN count=N TYPE..." or "FN null TYPE..." from @value as a list; false if malformed. */
static bool add_list(struct desc_printf **list, const char *value)
{
    size_t n = 0;
    while (*list && (*list)[n].fn) {
        n++;
    }
    char **w = words(value);
    if (!w[0] || !w[1] || !w[2]) {
        return false;
    }
    struct desc_printf p = { .fn = w[0], .extra = strdup(""), .flags = strdup("") };
    if (strncmp(w[1], "count=", 6) == 0) {
        p.count = (unsigned)strtoul(w[1] + 6, NULL, 10);
        if (!p.count) {
            return false;
        }
    } else if (strcmp(w[1], "null") != 0) {
        return false;
    }
    const char *type = strstr(value + strlen(w[0]), w[1]) + strlen(w[1]);
    p.element = strdup(trim(strdup(type)));
    *list = realloc(*list, (n + 2) * sizeof(**list));
    (*list)[n] = p;
    (*list)[n + 1] = (struct desc_printf){ 0 };
    return true;
}

/*
 * Appends "NEW OLD [RESULT (PARAMS)] [nonnegative REASON...]" from @value;
 * false if malformed.
 */
static bool add_alias(struct desc_alias **list, const char *value)
{
    size_t n = 0;
    while (*list && (*list)[n].name) {
        n++;
    }
    char **w = words(value);
    if (!w[0] || !w[1]) {
        return false;
    }
    struct desc_alias a = { .name = w[0], .old = w[1] };
    const char *rest = strstr(value + strlen(w[0]), w[1]) + strlen(w[1]);
    while (isspace((unsigned char)*rest)) {
        rest++;
    }
    if (*rest && strncmp(rest, "nonnegative", 11) != 0) {
        /* The prototype ends at the parenthesis closing its parameter list. */
        const char *open = strchr(rest, '('), *p = open;
        int depth = 0;
        for (; p && *p; p++) {
            depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
            if (depth == 0) {
                break;
            }
        }
        if (!open || !p || !*p || open == rest) {
            return false;
        }
        a.prototype = strndup(rest, (size_t)(p + 1 - rest));
        for (rest = p + 1; isspace((unsigned char)*rest); rest++) {
        }
    }
    if (strncmp(rest, "nonnegative", 11) == 0) {
        for (rest += 11; isspace((unsigned char)*rest); rest++) {
        }
        if (!*rest) {
            return false;
        }
        a.nonnegative = strdup(rest);
    } else if (*rest) {
        return false;
    }
    *list = realloc(*list, (n + 2) * sizeof(**list));
    (*list)[n] = a;
    (*list)[n + 1] = (struct desc_alias){ 0 };
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
        else if (strcmp(key, "wrap") == 0) d->wrapped = words(value);
        else if (strcmp(key, "api-table") == 0) d->api_table = value;
        else if (strcmp(key, "fn-type") == 0) {
            char fn[128], param[128];
            int used = 0;
            size_t n = 0;
            if (sscanf(value, "%127s %127s %n", fn, param, &used) != 2 || !value[used]) {
                fprintf(stderr, "%s:%d: fn-type takes FN PARAM TYPE\n", path, lineno);
                fclose(f);
                return false;
            }
            while (d->fn_types && d->fn_types[n].fn) {
                n++;
            }
            d->fn_types = realloc(d->fn_types, (n + 2) * sizeof(*d->fn_types));
            d->fn_types[n] = (struct desc_fn_type){ strdup(fn), strdup(param), strdup(value + used) };
            d->fn_types[n + 1] = (struct desc_fn_type){ 0 };
        }
        else if (strcmp(key, "stateless") == 0) d->stateless = words(value);
        else if (strcmp(key, "kept") == 0) d->kept = words(value);
        else if (strcmp(key, "version-data") == 0) d->version_data = value;
        else if (strcmp(key, "error-int") == 0) d->error_int = value;
        else if (strcmp(key, "longjmp") == 0) d->longjmp = value;
        else if (strcmp(key, "preload") == 0) d->preload = strcmp(value, "yes") == 0;
        else if (strcmp(key, "list") == 0) {
            if (!add_list(&d->printfs, value)) {
                fprintf(stderr, "%s:%d: list takes FN count=N TYPE or FN null TYPE\n", path, lineno);
                fclose(f);
                return false;
            }
        }
        else if (strcmp(key, "varargs") == 0) {
            if (!add_options(&d->options, value)) {
                fprintf(stderr, "%s:%d: varargs takes FN op=N CASE: TYPES ; CASE: TYPES ...\n", path, lineno);
                fclose(f);
                return false;
            }
        }
        else if (strcmp(key, "printf") == 0) {
            if (!add_printf(&d->printfs, value)) {
                fprintf(stderr, "%s:%d: printf takes FN format=N [extra=LETTERS] [flags=CHARS]\n", path, lineno);
                fclose(f);
                return false;
            }
        }
        else if (strcmp(key, "handle") == 0) {
            if (!add_exception(&d->handles, value)) {
                fprintf(stderr, "%s:%d: 'handle' needs a type and a reason\n", path, lineno);
                fclose(f);
                return false;
            }
        }
        else if (strcmp(key, "alias") == 0) {
            if (!add_alias(&d->aliases, value)) {
                fprintf(stderr, "%s:%d: alias takes NEW OLD [RESULT (PARAMS)] [nonnegative REASON]\n", path, lineno);
                fclose(f);
                return false;
            }
        }
        else if (strcmp(key, "unit") == 0) d->unit = value;
        else if (strcmp(key, "file-arg") == 0) {
            char fn[128], param[128], op[128], val[256];
            size_t n = 0;
            if (sscanf(value, "%127s %127s %127[^= ]=%255s", fn, param, op, val) != 4) {
                fprintf(stderr, "%s:%d: file-arg takes FN PARAM OP=VALUE\n", path, lineno);
                fclose(f);
                return false;
            }
            while (d->file_args && d->file_args[n].fn) {
                n++;
            }
            d->file_args = realloc(d->file_args, (n + 2) * sizeof(*d->file_args));
            d->file_args[n] = (struct desc_file_arg){ strdup(fn), strdup(param), strdup(op), strdup(val) };
            d->file_args[n + 1] = (struct desc_file_arg){ 0 };
        }
        else if (strcmp(key, "null-default") == 0) {
            char fn[128], param[128], symbol[128];
            size_t n = 0;
            if (sscanf(value, "%127s %127s %127s", fn, param, symbol) != 3) {
                fprintf(stderr, "%s:%d: null-default takes FN PARAM SYMBOL\n", path, lineno);
                fclose(f);
                return false;
            }
            while (d->null_defaults && d->null_defaults[n].fn) {
                n++;
            }
            d->null_defaults = realloc(d->null_defaults, (n + 2) * sizeof(*d->null_defaults));
            d->null_defaults[n] = (struct desc_null_default){ strdup(fn), strdup(param), strdup(symbol) };
            d->null_defaults[n + 1] = (struct desc_null_default){ 0 };
        }
        else if (strcmp(key, "fnptr-out") == 0) d->fnptr_out = strcmp(value, "yes") == 0;
        else if (strcmp(key, "refused") == 0 && strcmp(value, "exclude") == 0) d->refused_excluded = true;
        else if (strcmp(key, "host-threads") == 0) d->host_threads = strcmp(value, "yes") == 0;
        else if (strcmp(key, "emulate") == 0 || strcmp(key, "exclude") == 0) {
            if (!add_exception(key[1] == 'm' ? &d->emulated : &d->excluded, value)) {
                fprintf(stderr, "%s:%d: '%s' needs a function and a reason\n", path, lineno, key);
                fclose(f);
                return false;
            }
        }
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
    if (!d->unit) d->unit = strdup("");
    if (!d->file_args) d->file_args = calloc(1, sizeof(*d->file_args));
    if (!d->null_defaults) d->null_defaults = calloc(1, sizeof(*d->null_defaults));
    if (!d->error_int) d->error_int = strdup("-1");
    if (!d->special) d->special = calloc(1, sizeof(char *));
    if (!d->wrapped) d->wrapped = calloc(1, sizeof(char *));
    if (!d->fn_types) d->fn_types = calloc(1, sizeof(*d->fn_types));
    if (!d->stateless) d->stateless = calloc(1, sizeof(char *));
    if (!d->kept) d->kept = calloc(1, sizeof(char *));
    if (!d->emulated) d->emulated = calloc(1, sizeof(*d->emulated));
    if (!d->excluded) d->excluded = calloc(1, sizeof(*d->excluded));
    if (!d->handles) d->handles = calloc(1, sizeof(*d->handles));
    if (!d->printfs) d->printfs = calloc(1, sizeof(*d->printfs));
    if (!d->options) d->options = calloc(1, sizeof(*d->options));
    if (!d->aliases) d->aliases = calloc(1, sizeof(*d->aliases));
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

bool desc_is_wrapped(const struct desc *d, const char *fn)
{
    return listed(d->wrapped, fn);
}

bool desc_is_special(const struct desc *d, const char *fn)
{
    return listed(d->special, fn);
}

bool desc_is_stateless(const struct desc *d, const char *fn)
{
    return listed(d->stateless, fn);
}

bool desc_is_kept(const struct desc *d, const char *spelling)
{
    if (strncmp(spelling, "struct ", 7) == 0) {
        spelling += 7;
    }
    return listed(d->kept, spelling);
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

const struct desc_printf *desc_printf_of(const struct desc *d, const char *fn)
{
    for (const struct desc_printf *p = d->printfs; p->fn; p++) {
        if (strcmp(p->fn, fn) == 0) {
            return p;
        }
    }
    return NULL;
}

const struct desc_options *desc_options_of(const struct desc *d, const char *fn)
{
    for (const struct desc_options *o = d->options; o->fn; o++) {
        if (strcmp(o->fn, fn) == 0) {
            return o;
        }
    }
    return NULL;
}

char *desc_prelude(const struct desc *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    fprintf(f, "#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n");
    for (char **h = d->headers; *h; h++) {
        fprintf(f, "#include <%s>\n", *h);
    }
    fclose(f);
    return text;
}
