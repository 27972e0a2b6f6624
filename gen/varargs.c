// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include "emit.h"
#include "varargs.h"

void varargs_list_name(const char *fn, char *out, size_t len)
{
    snprintf(out, len, "hl_list_%s", fn);
}

/* Why list function @f cannot be passed, or NULL. */
static const char *list_refusal(const struct function *f)
{
    unsigned count = f->printf_fmt->count;
    enum kind k = f->list_elem.kind;

    if (count && (count > f->n_params || (f->params[count - 1].type.kind != K_SINT &&
                                          f->params[count - 1].type.kind != K_UINT))) {
        return "list key: count=N does not name an integer parameter";
    }
    if (k != K_PTR && k != K_DOUBLE && !((k == K_SINT || k == K_UINT) && f->list_elem.size >= 4)) {
        return "list key: the element type must be a pointer, int or wider integer, or double";
    }
    return NULL;
}

const char *varargs_refusal(const struct function *f)
{
    for (unsigned p = 0; p < f->n_params; p++) {
        const struct ctype *t = &f->params[p].type;
        if (t->kind == K_FNPTR || t->kind == K_RECORD || t->record >= 0) {
            return "variadic with a callback or struct among its fixed arguments: not supported";
        }
    }
    if (!f->printf_fmt) {
        return NULL;
    }
    unsigned fmt = f->printf_fmt->format;
    if (!fmt) {
        return list_refusal(f);
    }
    if (fmt < 1 || fmt > f->n_params || f->params[fmt - 1].type.kind != K_PTR) {
        return "printf key: format=N does not name a pointer parameter";
    }
    if (f->ret.kind == K_RECORD || f->ret.kind == K_FNPTR) {
        return "printf-style returning a struct or function pointer: not supported";
    }
    return NULL;
}

/* Registers of each class the fixed arguments take (at most 8 each counted). */
static void fixed_regs(const struct function *f, unsigned *gp, unsigned *fp)
{
    *gp = *fp = 0;
    for (unsigned p = 0; p < f->n_params; p++) {
        unsigned *n = f->params[p].type.kind == K_FLOAT || f->params[p].type.kind == K_DOUBLE ? fp : gp;
        *n += *n < 8;
    }
}

/* "T name(fixed..., ...)" or "(fixed..., va_list hl_va_in)". */
static void emit_va_prototype(FILE *out, const struct function *f, const char *name, const char *prefix)
{
    char pname[160];

    emit_decl(out, &f->ret, name);
    fprintf(out, "(");
    for (unsigned p = 0; p < f->n_params; p++) {
        snprintf(pname, sizeof(pname), "%s%s", prefix, f->params[p].name);
        fprintf(out, "%s", p ? ", " : "");
        emit_decl(out, &f->params[p].type, pname);
    }
    fprintf(out, "%s)", f->va_list_param ? ", va_list hl_va_in" : ", ...");
}

static void emit_fixed_names(FILE *out, const struct function *f, const char *prefix)
{
    for (unsigned p = 0; p < f->n_params; p++) {
        fprintf(out, "%s%s%s", p ? ", " : "", prefix, f->params[p].name);
    }
}

static void emit_genuine_lookup(FILE *out, const struct function *f)
{
    const char *v = f->export->version;
    fprintf(out, "        if (!hl_genuine_fn) {\n"
                 "            hl_genuine_fn = (__typeof__(%s) *)hl_genuine(&HL_LIB, \"%s\", %s%s%s);\n"
                 "        }\n", f->name, f->name, v ? "\"" : "", v ? v : "NULL", v ? "\"" : "");
}

/* Reads a list's arguments into hl_va: a count's worth, or up to a NULL. */
static void emit_list_walk(FILE *out, const struct function *f)
{
    const struct ctype *t = &f->list_elem;
    unsigned count = f->printf_fmt->count;

    fprintf(out, "    hl_va.doubles = %s;\n", t->kind == K_DOUBLE ? "~(uint64_t)0" : "0");
    if (count) {
        const char *n = f->params[count - 1].name;
        fprintf(out, "    int hl_ok = %s >= 0 && %s <= HOSTLINK_VA_MAX;\n"
                     "    hl_va.n = hl_ok ? (uint64_t)%s : HOSTLINK_VA_REFUSED;\n"
                     "    for (uint64_t hl_i = 0; hl_ok && hl_i < hl_va.n; hl_i++) {\n        ", n, n, n);
        emit_decl(out, t, "hl_v");
        fprintf(out, " = va_arg(hl_ap, %s);\n        hl_va.v[hl_i] = ", t->spelling);
        emit_pack(out, t, "hl_v");
        fprintf(out, ";\n    }\n");
    } else {
        fprintf(out, "    int hl_ok = 0;\n    hl_va.n = 0;\n    while (!hl_ok && hl_va.n < HOSTLINK_VA_MAX) {\n        ");
        emit_decl(out, t, "hl_v");
        fprintf(out, " = va_arg(hl_ap, %s);\n        hl_va.v[hl_va.n++] = ", t->spelling);
        emit_pack(out, t, "hl_v");
        fprintf(out, ";\n        hl_ok = !hl_v;\n    }\n    if (!hl_ok) {\n        hl_va.n = HOSTLINK_VA_REFUSED;\n    }\n");
    }
}

void emit_printf_thunk(FILE *out, const struct desc *d, const struct function *f, unsigned id)
{
    const struct desc_printf *pf = f->printf_fmt;
    const char *fmt = pf->format ? f->params[pf->format - 1].name : "its list";
    const char *ret = f->ret.kind == K_VOID ? "" : "return ";
    unsigned gp, fp;

    fixed_regs(f, &gp, &fp);
    fprintf(out, "\n/* Variadic: passes the arguments that %s names (gen/varargs.h). */\n#undef %s\nHL_EXPORT ",
            fmt, f->name);
    emit_va_prototype(out, f, f->name, "");
    fprintf(out, "\n{\n    static __typeof__(%s) *hl_genuine_fn;\n    struct hostlink_va hl_va;\n"
                 "    va_list hl_ap;\n", f->name);
    if (f->va_list_param) {
        fprintf(out, "    if (!hl_native(&HL_LIB)) {\n");
        emit_genuine_lookup(out, f);
        fprintf(out, "        %shl_genuine_fn(", ret);
        emit_fixed_names(out, f, "");
        fprintf(out, ", hl_va_in);\n%s    }\n", f->ret.kind == K_VOID ? "        return;\n" : "");
        fprintf(out, "    va_copy(hl_ap, hl_va_in);\n");
    } else {
        fprintf(out, "    va_start(hl_ap, %s);\n", f->params[f->n_params - 1].name);
    }
    if (pf->format) {
        fprintf(out, "    int hl_ok = hl_va_printf(&hl_va, %s, &hl_ap, \"%s\", \"%s\");\n", fmt, pf->extra,
                pf->flags);
    } else {
        emit_list_walk(out, f);
    }
    fprintf(out, "    va_end(hl_ap);\n");
    if (!f->va_list_param) {
        fprintf(out, "    if (!hl_native(&HL_LIB)) {\n        struct hl_va_regs hl_regs;\n"
                     "        if (!hl_ok || !hl_va_sort(&hl_va, %u, %u, &hl_regs)) {\n"
                     "            errno = EINVAL;\n", gp, fp);
        emit_failed_return(out, &f->ret, d->error_int, "            ");
        fprintf(out, "        }\n");
        emit_genuine_lookup(out, f);
        fprintf(out, "        %shl_genuine_fn(", ret);
        emit_fixed_names(out, f, "");
        fprintf(out, ", HL_VA_ARGS(hl_regs, %u, %u));\n%s    }\n", gp, fp,
                f->ret.kind == K_VOID ? "        return;\n" : "");
    }
    fprintf(out, "    struct hostlink_call_block hl_c;\n");
    for (unsigned p = 0; p < f->n_params; p++) {
        fprintf(out, "    hl_c.args[%u] = ", p);
        emit_pack(out, &f->params[p].type, f->params[p].name);
        fprintf(out, ";\n");
    }
    fprintf(out, "    hl_c.args[%u] = hl_from_ptr(&hl_va);\n", f->n_params);
    fprintf(out, "    /* A refused format still reaches the plugin, which says so once. */\n"
                 "    if (hl_call(&HL_LIB, %u, &hl_c) != 0 || !hl_ok) {\n"
                 "        if (!hl_ok) {\n            errno = EINVAL;\n        }\n", id);
    emit_thunk_tail(out, &f->ret, d->error_int);
}

void emit_printf_stub(FILE *out, const struct function *f)
{
    char local[160];
    unsigned gp, fp;
    const char *callee = "real_";

    fixed_regs(f, &gp, &fp);
    if (f->va_list_param) {
        /* C cannot build a va_list: a variadic function of our own makes one. */
        fprintf(out, "\n/* %s's va_list, made by a variadic call. */\nstatic ", f->name);
        snprintf(local, sizeof(local), "va_%s", f->name);
        struct function dots = *f;
        dots.va_list_param = false;
        emit_va_prototype(out, &dots, local, "a_");
        fprintf(out, "\n{\n    va_list ap;\n    va_start(ap, a_%s);\n    ", f->params[f->n_params - 1].name);
        if (f->ret.kind != K_VOID) {
            emit_decl(out, &f->ret, "r");
            fprintf(out, " = ");
        }
        fprintf(out, "real_%s(", f->name);
        emit_fixed_names(out, f, "a_");
        fprintf(out, ", ap);\n    va_end(ap);\n%s}\n", f->ret.kind == K_VOID ? "" : "    return r;\n");
        callee = "va_";
    }
    fprintf(out, "\nstatic void call_%s(struct hostlink_call_block *c)\n{\n"
                 "    static bool refused_said;\n    struct hostlink_va va;\n    struct hl_va_regs regs;\n",
            f->name);
    emit_host_locals(out, f);
    fprintf(out, "    memcpy(&va, hl_ptr(c->args[%u]), sizeof(va));    /* once: the guest may change it */\n"
                 "    if (!hl_va_sort(&va, %u, %u, &regs)) {\n"
                 "        hl_va_refused(&HL_THIS_LIB, \"%s\", &refused_said);\n"
                 "        c->err = EINVAL;\n        return;\n    }\n    errno = 0;\n    ",
            f->n_params, gp, fp, f->name);
    if (f->ret.kind != K_VOID) {
        emit_decl(out, &f->ret, "r");
        fprintf(out, " = ");
    }
    fprintf(out, "%s%s(", callee, f->name);
    emit_fixed_names(out, f, "a_");
    fprintf(out, ", HL_VA_ARGS(regs, %u, %u));\n    c->err = errno;\n", gp, fp);
    emit_store_result(out, &f->ret, "r", "c", "    ");
    fprintf(out, "}\n");
}

/* ---- option-typed ------------------------------------------------------------ */

/* The slot holding the case number. */
#define CASE_SLOT (MAX_ARGS - 1)

void varargs_case_name(const char *fn, unsigned k, char *out, size_t len)
{
    snprintf(out, len, "hl_case_%s_%u", fn, k);
}

char *varargs_declarations(const struct desc *d)
{
    size_t len = 1;
    for (const struct desc_options *o = d->options; o->fn; o++) {
        for (unsigned k = 0; k < o->n_cases; k++) {
            len += strlen(o->fn) + strlen(o->cases[k].types) + 64;
        }
    }
    char *out = calloc(1, len), name[256];
    for (const struct desc_printf *p = d->printfs; p->fn; p++) {
        len += p->element ? strlen(p->fn) + strlen(p->element) + 64 : 0;
    }
    out = realloc(out, len);
    for (const struct desc_printf *p = d->printfs; p->fn; p++) {
        if (p->element) {
            varargs_list_name(p->fn, name, sizeof(name));
            sprintf(out + strlen(out), "void %s(%s);\n", name, p->element);
        }
    }
    for (const struct desc_options *o = d->options; o->fn; o++) {
        for (unsigned k = 0; k < o->n_cases; k++) {
            varargs_case_name(o->fn, k, name, sizeof(name));
            sprintf(out + strlen(out), "void %s(%s);\n", name, *o->cases[k].types ? o->cases[k].types : "void");
        }
    }
    return out;
}

const char *varargs_case_refusal(const struct option_case *c)
{
    for (unsigned p = 0; p < c->n_params; p++) {
        const struct ctype *t = &c->params[p].type;
        if (t->kind == K_RECORD || (t->record >= 0 && !t->kept)) {
            return "structs, and pointers to structs with callback fields other than kept tables, are not "
                   "passed as variable arguments";
        }
    }
    return NULL;
}

/* The type va_arg reads for @t: what default argument promotions make of it. */
static void emit_va_arg(FILE *out, const struct ctype *t)
{
    bool small_int = (t->kind == K_SINT || t->kind == K_UINT || t->kind == K_CHAR) && t->size < 4;
    if (small_int) {
        fprintf(out, "(%s)va_arg(hl_ap, int)", t->spelling);
    } else if (t->kind == K_FLOAT) {
        fprintf(out, "(float)va_arg(hl_ap, double)");
    } else {
        fprintf(out, strstr(t->spelling, "(*)") ? "va_arg(hl_ap, __typeof__(%s))" : "va_arg(hl_ap, %s)",
                t->spelling);
    }
}

/* The typed call of case @k: "FN(fixed..., case arguments from ARGS[...])". */
static void emit_case_call(FILE *out, const struct function *f, unsigned k, const char *fn, const char *args,
                           const char *fixed_prefix, bool host)
{
    const struct option_case *c = &f->cases[k];
    char slot[64];

    fprintf(out, "%s(", fn);
    emit_fixed_names(out, f, fixed_prefix);
    for (unsigned p = 0; p < c->n_params; p++) {
        snprintf(slot, sizeof(slot), "%s[%u]", args, f->n_params + p);
        fprintf(out, ", ");
        if (host && c->params[p].type.kept && !c->params[p].out) {
            /* A callback table the library copies or keeps: its host copy (gen/kept.h). */
            fprintf(out, "(%s)hl_kept_to_host((const void *)(uintptr_t)%s, &records[%d])",
                    c->params[p].type.spelling, slot, c->params[p].type.record);
        } else if (host) {
            emit_host_unpack(out, &c->params[p].type, slot);
        } else {
            emit_unpack(out, &c->params[p].type, slot);
        }
    }
    fprintf(out, ")");
}

void emit_options_thunk(FILE *out, const struct desc *d, const struct function *f, unsigned id)
{
    const struct desc_options *o = f->options;
    const char *op = f->params[o->op - 1].name;
    char var[32];

    fprintf(out, "\n/* Option-typed: what follows %s depends on its value (gen/varargs.h). */\n#undef %s\nHL_EXPORT ",
            op, f->name);
    emit_va_prototype(out, f, f->name, "");
    fprintf(out, "\n{\n    static __typeof__(%s) *hl_genuine_fn;\n    struct hostlink_call_block hl_c;\n"
                 "    va_list hl_ap;\n", f->name);
    for (unsigned p = 0; p < f->n_params; p++) {
        fprintf(out, "    hl_c.args[%u] = ", p);
        emit_pack(out, &f->params[p].type, f->params[p].name);
        fprintf(out, ";\n");
    }
    fprintf(out, "    va_start(hl_ap, %s);\n    switch (%s) {\n", f->params[f->n_params - 1].name, op);
    for (unsigned k = 0; k < o->n_cases; k++) {
        const struct option_case *c = &f->cases[k];
        fprintf(out, "    case %s: {\n        hl_c.args[%d] = %u;\n", o->cases[k].label, CASE_SLOT, k);
        for (unsigned p = 0; p < c->n_params; p++) {
            snprintf(var, sizeof(var), "hl_v%u", p);
            fprintf(out, "        ");
            emit_decl(out, &c->params[p].type, var);
            fprintf(out, " = ");
            emit_va_arg(out, &c->params[p].type);
            fprintf(out, ";\n        hl_c.args[%u] = ", f->n_params + p);
            emit_pack(out, &c->params[p].type, var);
            fprintf(out, ";\n");
        }
        fprintf(out, "        break;\n    }\n");
    }
    fprintf(out, "    default:\n        /* An option the description does not know: its arguments are not guessed. */\n"
                 "        va_end(hl_ap);\n        errno = EINVAL;\n");
    emit_failed_return(out, &f->ret, d->error_int, "        ");
    fprintf(out, "    }\n    va_end(hl_ap);\n    if (!hl_native(&HL_LIB)) {\n");
    emit_genuine_lookup(out, f);
    fprintf(out, "        switch (hl_c.args[%d]) {\n", CASE_SLOT);
    for (unsigned k = 0; k < o->n_cases; k++) {
        fprintf(out, "        case %u: %s", k, f->ret.kind == K_VOID ? "" : "return ");
        emit_case_call(out, f, k, "hl_genuine_fn", "hl_c.args", "", false);
        fprintf(out, ";%s\n", f->ret.kind == K_VOID ? " return;" : "");
    }
    fprintf(out, "        }\n    }\n    if (hl_call(&HL_LIB, %u, &hl_c) != 0) {\n", id);
    emit_thunk_tail(out, &f->ret, d->error_int);
}

void emit_options_stub(FILE *out, const struct function *f)
{
    char local[160];


    fprintf(out, "\nstatic void call_%s(struct hostlink_call_block *c)\n{\n", f->name);
    emit_host_locals(out, f);
    if (f->ret.kind != K_VOID) {
        fprintf(out, "    ");
        emit_decl(out, &f->ret, "r");
        fprintf(out, ";\n");
    }
    fprintf(out, "    errno = 0;\n    switch (c->args[%d]) {\n", CASE_SLOT);
    for (unsigned k = 0; k < f->options->n_cases; k++) {
        fprintf(out, "    case %u:    /* %s */\n        %s", k, f->options->cases[k].label,
                f->ret.kind == K_VOID ? "" : "r = ");
        snprintf(local, sizeof(local), "real_%s", f->name);
        emit_case_call(out, f, k, local, "c->args", "a_", true);
        fprintf(out, ";\n");
        for (unsigned p = 0; p < f->cases[k].n_params; p++) {
            const struct param *cp = &f->cases[k].params[p];
            if (cp->out) {
                /* The library filled the guest's table with host functions: guest stubs instead. */
                fprintf(out, "        if (c->args[%u]) {\n"
                             "            hl_kept_fill_guest((void *)(uintptr_t)c->args[%u], &records[%d]);\n"
                             "        }\n", f->n_params + p, f->n_params + p, cp->type.record);
            }
        }
        fprintf(out, "        break;\n");
    }
    fprintf(out, "    default:\n        c->err = EINVAL;    /* a case number the thunk never sends */\n"
                 "        return;\n    }\n    c->err = errno;\n");
    emit_store_result(out, &f->ret, "r", "c", "    ");
    fprintf(out, "}\n");
}
