// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include "emit.h"

void emit_decl(FILE *out, const struct ctype *t, const char *name)
{
    if (strstr(t->spelling, "(*")) {        /* function pointers, pointers to them */
        fprintf(out, "__typeof__(%s) %s", t->spelling, name);
    } else {
        size_t n = strlen(t->spelling);
        fprintf(out, "%s%s%s", t->spelling, n && t->spelling[n - 1] == '*' ? "" : " ", name);
    }
}

/* Expression turning value @v of type @t into a 64-bit block slot (a struct: its address). */
void emit_pack(FILE *out, const struct ctype *t, const char *v)
{
    switch (t->kind) {
    case K_SINT: fprintf(out, "hl_from_sint(%s)", v); break;
    case K_UINT: fprintf(out, "hl_from_uint(%s)", v); break;
    case K_CHAR: fprintf(out, "hl_from_char(%s)", v); break;
    case K_PTR: fprintf(out, "hl_from_ptr(%s)", v); break;
    case K_FILE: fprintf(out, "hl_from_file(%s)", v); break;   /* each side's FILE * conversion */
    case K_FNPTR: fprintf(out, "hl_from_fn((void (*)(void))%s)", v); break;
    case K_FLOAT: fprintf(out, "hl_from_f32(%s)", v); break;
    case K_DOUBLE: fprintf(out, "hl_from_f64(%s)", v); break;
    case K_RECORD: fprintf(out, "hl_from_ptr(&%s)", v); break;
    case K_VOID: break;
    }
}

void emit_unpack(FILE *out, const struct ctype *t, const char *slot)
{
    switch (t->kind) {
    case K_PTR: case K_FNPTR: fprintf(out, "(%s)hl_ptr(%s)", t->spelling, slot); break;
    case K_FILE: fprintf(out, "hl_to_file(%s)", slot); break;      /* the guest's; the host's: emit_host_unpack */
    case K_FLOAT: fprintf(out, "hl_f32(%s)", slot); break;
    case K_DOUBLE: fprintf(out, "hl_f64(%s)", slot); break;
    case K_RECORD: fprintf(out, "(*(%s *)hl_ptr(%s))", t->spelling, slot); break;
    default: fprintf(out, "(%s)%s", t->spelling, slot);
    }
}

void emit_store_result(FILE *out, const struct ctype *t, const char *value, const char *block,
                       const char *indent)
{
    if (t->kind == K_RECORD) {
        fprintf(out, "%smemcpy(hl_ptr(%s->ret), &%s, sizeof(%s));\n", indent, block, value, value);
    } else if (t->kind != K_VOID) {
        fprintf(out, "%s%s->ret = ", indent, block);
        emit_pack(out, t, value);
        fprintf(out, ";\n");
    }
}

void emit_result_room(FILE *out, const struct ctype *t, const char *name, const char *block,
                      const char *indent)
{
    if (t->kind == K_RECORD) {
        fprintf(out, "%s", indent);
        emit_decl(out, t, name);
        fprintf(out, ";\n%smemset(&%s, 0, sizeof(%s));\n%s%s.ret = hl_from_ptr(&%s);\n",
                indent, name, name, indent, block, name);
    }
}

void emit_failed_return(FILE *out, const struct ctype *t, const char *error_int, const char *indent)
{
    switch (t->kind) {
    case K_VOID: fprintf(out, "%sreturn;\n", indent); break;
    case K_SINT: fprintf(out, "%sreturn %s;\n", indent, error_int); break;
    case K_PTR: case K_FNPTR: case K_FILE: fprintf(out, "%sreturn NULL;\n", indent); break;
    default: fprintf(out, "%sreturn 0;\n", indent);
    }
}

void emit_typed_call(FILE *out, const struct sig *s, const char *fn, const char *block,
                     const char *indent)
{
    char slot[64];

    fprintf(out, "%s", indent);
    if (s->ret.kind != K_VOID) {
        emit_decl(out, &s->ret, "r");
        fprintf(out, " = ");
    }
    fprintf(out, "((%s)%s)(", s->spelling, fn);
    for (unsigned a = 0; a < s->n_args; a++) {
        snprintf(slot, sizeof(slot), "%s->args[%u]", block, a);
        fprintf(out, "%s", a ? ", " : "");
        emit_unpack(out, &s->args[a], slot);
    }
    fprintf(out, ");\n");
    emit_store_result(out, &s->ret, "r", block, indent);
}

void thunk_name(const char *soname, char *out, size_t len)
{
    const char *so = soname;

    /* The first ".so" that is a whole name part, not the start of ".sox". */
    while ((so = strstr(so, ".so")) && so[3] != '\0' && so[3] != '.') {
        so++;
    }
    snprintf(out, len, "%.*s-thunk.so", so ? (int)(so - soname) : (int)strlen(soname), soname);
}

void emit_list_line(FILE *out, const struct desc *d)
{
    char thunk[256];

    thunk_name(d->soname, thunk, sizeof(thunk));
    fprintf(out, "%s\t%s\t%s\t%s%s\n", d->name, d->soname, thunk, d->description,
            d->preload ? "\tpreload" : "");
}

void emit_function_list(FILE *out, const struct model *m)
{
    for (unsigned i = 0; i < m->n_fns; i++) {
        const struct function *f = &m->fns[i];
        if (f->emulated) {
            fprintf(out, "%s\tguest\temulated: %s\n", f->name, f->emulated);
        } else if (f->alias_of) {
            fprintf(out, "%s\thost\talias of %s\n", f->name, f->alias_of);
        } else {
            fprintf(out, "%s\t%s\n", f->name, f->special ? "guest" : "host");
        }
    }
    for (unsigned i = 0; i < m->n_left_out; i++) {
        fprintf(out, "%s\tleft-out\t%s\n", m->left_out[i].name, m->left_out[i].reason);
    }
}

void emit_version_script(FILE *out, const struct desc *d, const struct model *m,
                         const struct exports *ex)
{
    fprintf(out, "/* Generated by hostlink-gen from libs/%s.hl: the symbol versions of %s. */\n",
            d->name, d->host);
    if (ex->n_versions == 0 || d->preload) {
        /* Unversioned: a preloaded shim then stands in for any version. */
        fprintf(out, "{\n  global:");
        for (unsigned i = 0; i < m->n_fns; i++) {
            fprintf(out, " %s;", m->fns[i].name);
        }
        for (unsigned i = 0; i < m->n_data; i++) {
            fprintf(out, " %s;", m->data[i].name);
        }
        fprintf(out, "\n};\n");
        return;
    }
    /* Every node of the real library, even an empty one: binaries may require it. */
    for (unsigned v = 0; v < ex->n_versions; v++) {
        fprintf(out, "%s {\n", ex->versions[v].name);
        bool any = false;
        for (unsigned i = 0; i < m->n_fns; i++) {
            const char *fv = m->fns[i].export->version;
            if (fv && strcmp(fv, ex->versions[v].name) == 0) {
                fprintf(out, "%s %s;", any ? "" : "  global:", m->fns[i].name);
                any = true;
            }
        }
        for (unsigned i = 0; i < m->n_data; i++) {
            const char *dv = m->data[i].export->version;
            if (dv && strcmp(dv, ex->versions[v].name) == 0) {
                fprintf(out, "%s %s;", any ? "" : "  global:", m->data[i].name);
                any = true;
            }
        }
        /* No "local: *": unversioned functions (zlib's oldest) stay in the base version. */
        fprintf(out, "%s%s}%s%s;\n", any ? "\n" : "", "",
                ex->versions[v].parent ? " " : "", ex->versions[v].parent ? ex->versions[v].parent : "");
    }
}

void c_identifier(const char *name, char *out, size_t len)
{
    snprintf(out, len, "%s", name);
    for (char *p = out; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) {
            *p = '_';
        }
    }
}

void emit_defines(FILE *out, const struct desc *d)
{
    char *flags = strdup(d->cflags), *save = NULL;
    for (char *w = strtok_r(flags, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (strncmp(w, "-D", 2) == 0 && w[2]) {
            char *eq = strchr(w + 2, '=');
            int len = eq ? (int)(eq - w - 2) : (int)strlen(w + 2);
            fprintf(out, "#ifndef %.*s\n#define %.*s %s\n#endif\n", len, w + 2, len, w + 2,
                    eq ? eq + 1 : "1");
        } else if (strncmp(w, "-U", 2) == 0 && w[2]) {
            fprintf(out, "#undef %s\n", w + 2);
        }
    }
    free(flags);
}

void emit_thunk_tail(FILE *out, const struct ctype *ret, const char *error_int)
{
    emit_failed_return(out, ret, error_int, "        ");
    fprintf(out, "    }\n");
    if (ret->kind != K_VOID) {
        fprintf(out, "    return ");
        emit_unpack(out, ret, "hl_c.ret");
        fprintf(out, ";\n");
    }
    fprintf(out, "}\n");
}
