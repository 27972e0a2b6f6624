// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include "emit.h"
#include "kept.h"
#include "varargs.h"

void emit_host_unpack(FILE *out, const struct ctype *t, const char *slot)
{
    switch (t->kind) {
    case K_FNPTR: fprintf(out, "(%s)hl_closure(%s, &sigs[%d])", t->spelling, slot, t->sig); break;
    case K_FILE: fprintf(out, "hl_file_stream(%s)", slot); break;
    default: emit_unpack(out, t, slot);
    }
}

/*
 * "n_swaps = hl_swap_in(...)" for every callback field of record @rec at
 * @base (an expression of type char *), and for those of structs its
 * pointer fields point to (a pointer to a const struct is pointed at a
 * host copy instead: hl_swap_record_in). No member access: the pointers are the guest's,
 * maybe misaligned.
 */
static void emit_swaps(FILE *out, const struct model *m, int rec, const char *base, const char *type,
                       const char *indent, int depth)
{
    const struct record *r = &m->records[rec];
    char inner[256], deeper[64];

    for (unsigned i = 0; i < r->n_fields; i++) {
        const struct cb_field *f = &r->fields[i];
        if (f->sig >= 0) {
            fprintf(out, "%sn_swaps = hl_swap_in(swaps, n_swaps, %s + offsetof(%s, %s), &sigs[%d]);\n",
                    indent, base, type, f->name, f->sig);
        } else if (f->copied) {
            /* A pointer to a const struct: pointed at a host copy, the guest's left alone. */
            fprintf(out, "%sn_swaps = hl_swap_record_in(swaps, n_swaps, %s + offsetof(%s, %s), &records[%d]);\n",
                    indent, base, type, f->name, f->record);
        } else {
            snprintf(inner, sizeof(inner), "p%d", depth + 1);
            snprintf(deeper, sizeof(deeper), "%s    ", indent);
            fprintf(out, "%s{\n%s    char *%s;\n%s    memcpy(&%s, %s + offsetof(%s, %s), sizeof(%s));\n"
                         "%s    if (%s) {\n", indent, indent, inner, indent, inner, base, type,
                    f->name, inner, indent, inner);
            snprintf(deeper, sizeof(deeper), "%s        ", indent);
            emit_swaps(out, m, f->record, inner, m->records[f->record].spelling, deeper, depth + 1);
            fprintf(out, "%s    }\n%s}\n", indent, indent);
        }
    }
}

/* How many callback fields emit_swaps() may swap for record @rec. */
static unsigned swaps_needed(const struct model *m, int rec)
{
    unsigned n = 0;
    for (unsigned i = 0; i < m->records[rec].n_fields; i++) {
        const struct cb_field *f = &m->records[rec].fields[i];
        n += f->sig >= 0 || f->copied ? 1 : swaps_needed(m, f->record);
    }
    return n;
}

void emit_host_locals(FILE *out, const struct function *f)
{
    char slot[32], local[160];

    for (unsigned p = 0; p < f->n_params; p++) {
        snprintf(local, sizeof(local), "a_%s", f->params[p].name);
        snprintf(slot, sizeof(slot), "c->args[%u]", p);
        fprintf(out, "    ");
        emit_decl(out, &f->params[p].type, local);
        fprintf(out, " = ");
        if (f->longjmp && p == f->longjmp_param) {
            /* The guest's longjmp: the host library gets one that ends the call (plugin/unwind.h). */
            fprintf(out, "(%s)hl_unwind_fn(%s)", f->params[p].type.spelling, slot);
        } else {
            emit_host_unpack(out, &f->params[p].type, slot);
        }
        fprintf(out, ";\n");
        if (f->params[p].type.kept) {
            /* A callback table the library keeps: its host copy (gen/kept.h). */
            fprintf(out, "    a_%s = (%s)hl_kept_to_host(a_%s, &records[%d]);\n", f->params[p].name,
                    f->params[p].type.spelling, f->params[p].name, f->params[p].type.record);
        }
    }
}

static void emit_stub(FILE *out, const struct desc *d, const struct model *m, const struct function *f, unsigned id)
{
    char local[128], type[160];
    bool swaps = false;

    fprintf(out, "\nstatic void call_%s(struct hostlink_call_block *c)\n{\n", f->name);
    emit_host_locals(out, f);
    for (unsigned p = 0; p < f->n_params; p++) {
        if (f->params[p].type.fnptr_out) {
            /* Written by the host, or left as this marker when it writes nothing. */
            fprintf(out, "    __typeof__(*a_%s) o_%s = (__typeof__(*a_%s))hl_fnptr_unwritten;\n",
                    f->params[p].name, f->params[p].name, f->params[p].name);
        }
        if (f->params[p].type.kept) {
            continue;           /* converted with the locals */
        }
        swaps |= f->params[p].type.record >= 0 && !f->params[p].type.const_pointee;
        if (f->params[p].type.record >= 0 && f->params[p].type.const_pointee) {
            fprintf(out, "    a_%s = hl_record_copy(a_%s, &records[%d]);\n", f->params[p].name,
                    f->params[p].name, f->params[p].type.record);
        }
    }
    for (const struct desc_file_arg *fa = d->file_args; fa->fn; fa++) {
        if (strcmp(fa->fn, f->name) == 0) {
            /* A FILE * in a void * for this value of another parameter (the file-arg key). */
            fprintf(out, "    if (a_%s == (%s) && a_%s) {\n        a_%s = (void *)hl_file_stream(hl_from_ptr(a_%s));\n    }\n",
                    fa->op, fa->value, fa->param, fa->param, fa->param);
        }
    }
    if (swaps) {
        unsigned room = 0;
        for (unsigned p = 0; p < f->n_params; p++) {
            const struct ctype *t = &f->params[p].type;
            room += t->record >= 0 && !t->const_pointee && !t->kept ? swaps_needed(m, t->record) : 0;
        }
        fprintf(out, "    struct hl_swap swaps[%u];\n    unsigned n_swaps = 0;\n", room);
        for (unsigned p = 0; p < f->n_params; p++) {
            const struct ctype *t = &f->params[p].type;
            if (t->record < 0 || t->const_pointee || t->kept) {
                continue;
            }
            if (t->kind == K_RECORD) {
                /* Our own copy: its closures stay when the library keeps the struct. */
                snprintf(local, sizeof(local), "(char *)&a_%s", f->params[p].name);
                snprintf(type, sizeof(type), "__typeof__(a_%s)", f->params[p].name);
                emit_swaps(out, m, t->record, local, type, "    ", 0);
                continue;
            }
            snprintf(local, sizeof(local), "(char *)a_%s", f->params[p].name);
            snprintf(type, sizeof(type), "__typeof__(*a_%s)", f->params[p].name);
            fprintf(out, "    if (a_%s) {\n", f->params[p].name);
            emit_swaps(out, m, t->record, local, type, "        ", 0);
            fprintf(out, "    }\n");
        }
    }
    fprintf(out, "    errno = 0;\n    ");
    if (f->ret.kind != K_VOID) {
        emit_decl(out, &f->ret, "r");
        fprintf(out, " = ");
    }
    fprintf(out, "real_%s(", f->name);
    for (unsigned p = 0; p < f->n_params; p++) {
        const char *name = f->params[p].name;
        if (f->params[p].type.fnptr_out) {
            fprintf(out, "%sa_%s ? &o_%s : NULL", p ? ", " : "", name, name);
        } else {
            fprintf(out, "%sa_%s", p ? ", " : "", name);
        }
    }
    fprintf(out, ");\n    c->err = errno;\n");
    if (f->nonnegative) {
        /* The alias key's claim (gen/alias.h), checked: a negative count would reach the guest changed. */
        fprintf(out, "    if (r < 0) {\n        static bool said;\n"
                     "        hl_alias_negative(&HL_THIS_LIB, &said, \"%s\", \"%s\", (long long)r);\n    }\n",
                f->name, f->alias_of);
    }
    if (f->longjmp) {
        fprintf(out, "    hl_unwind_note(r, c->args[%u]);     /* the guest's longjmp for this jmp_buf */\n",
                f->longjmp_param);
    }
    for (unsigned p = 0; p < f->n_params; p++) {
        const char *name = f->params[p].name;
        if (f->params[p].type.fnptr_out) {
            /* The host's function reaches the guest as a guest stub that calls it. */
            fprintf(out, "    if (a_%s && (void *)o_%s != hl_fnptr_unwritten) {\n"
                         "        uint64_t g_%s = hl_guest_fn((void (*)(void))o_%s, &sigs[%d]);\n"
                         "        memcpy(a_%s, &g_%s, sizeof(g_%s));\n    }\n",
                    name, name, name, name, f->params[p].type.sig, name, name, name);
        }
    }
    if (swaps) {
        fprintf(out, "    hl_swap_out(swaps, n_swaps);\n");
    }
    if (f->ret.kind == K_FNPTR) {
        /* A host function pointer for the guest: a guest stub that calls it. */
        fprintf(out, "    c->ret = hl_guest_fn((void (*)(void))r, &sigs[%d]);\n", f->ret.sig);
    } else if (f->ret.kept) {
        fprintf(out, "    c->ret = (uint64_t)(uintptr_t)hl_kept_to_guest(r, &records[%d]);\n", f->ret.record);
    } else if (f->ret.untyped) {
        /* A void * may be a FILE * the library was given (png_get_io_ptr): the guest's. */
        fprintf(out, "    c->ret = hl_file_guest_of(r);\n");
    } else {
        emit_store_result(out, &f->ret, "r", "c", "    ");
    }
    fprintf(out, "}\n");
    (void)id;
}

/*
 * What a closure for a guest function of signature @s runs (plugin/closure.c):
 * a C function of that very type, so the host compiler receives its
 * arguments, packs them into a callback block, and the guest's callback
 * entry makes the call.
 */
/* Whether argument @a of @s points to a struct the guest fills with callbacks (gen/model.h). */
static bool filled_by_guest(const struct sig *s, unsigned a)
{
    return s->args[a].kind == K_PTR && s->args[a].record >= 0 && !s->args[a].kept && !s->args[a].carrier;
}

/* Converts the callback fields of such arguments: "for_guest" before the call, "from_guest" after. */
static void emit_filled_fields(FILE *out, const struct sig *s, const char *direction)
{
    for (unsigned a = 0; a < s->n_args; a++) {
        if (filled_by_guest(s, a)) {
            fprintf(out, "    hl_record_%s(a%u, &records[%d]);\n", direction, a, s->args[a].record);
        }
    }
}

static void emit_receiver(FILE *out, const struct model *m, const struct sig *s, unsigned k)
{
    char name[16];
    bool filled = false;

    fprintf(out, "\n/* %s */\nstatic ", s->spelling);
    emit_decl(out, &s->ret, "");
    fprintf(out, "receive_%u(", k);
    for (unsigned a = 0; a < s->n_args; a++) {
        snprintf(name, sizeof(name), "a%u", a);
        fprintf(out, "%s", a ? ", " : "");
        emit_decl(out, &s->args[a], name);
    }
    fprintf(out, "%s)\n{\n", s->n_args ? "" : "void");
    if (kept_generic_fn(m, &s->ret)) {
        /* Some function, cast before it is called: no closure knows its arguments (gen/kept.h). */
        for (unsigned a = 0; a < s->n_args; a++) {
            fprintf(out, "    (void)a%u;\n", a);
        }
        fprintf(out, "    hl_generic_fn_refused(\"%s\");\n    return NULL;\n}\n", s->spelling);
        return;
    }
    fprintf(out, "    struct hostlink_callback_block b;\n");
    for (unsigned a = 0; a < s->n_args; a++) {
        snprintf(name, sizeof(name), "a%u", a);
        fprintf(out, "    b.args[%u] = ", a);
        if (s->args[a].kept) {
            fprintf(out, "(uint64_t)(uintptr_t)hl_kept_to_guest(%s, &records[%d])", name, s->args[a].record);
        } else {
            emit_pack(out, &s->args[a], name);
        }
        fprintf(out, ";\n");
    }
    emit_kept_receiver_before(out, m, s);
    emit_result_room(out, &s->ret, "r", "b", "    ");
    for (unsigned a = 0; a < s->n_args; a++) {
        filled |= filled_by_guest(s, a);
    }
    if (filled) {
        /* Whether or not it ran: the fields hold host functions again after. */
        emit_filled_fields(out, s, "for_guest");
        fprintf(out, "    bool ran = hl_callback(&b);\n");
        emit_filled_fields(out, s, "from_guest");
    }
    const char *call = filled ? "ran" : "hl_callback(&b)";
    if (filled && (s->ret.kind == K_RECORD || s->ret.kind == K_VOID)) {
        fprintf(out, "    (void)ran;%s\n}\n", s->ret.kind == K_RECORD ?
                "\n    return r;     /* if it could not run, r stays zeroed */" : "");
        return;
    }
    if (s->ret.kind == K_RECORD) {
        fprintf(out, "    hl_callback(&b);     /* if it cannot run, r stays zeroed */\n    return r;\n}\n");
        return;
    }
    if (s->ret.kind == K_VOID) {
        fprintf(out, "    hl_callback(&b);\n");
        emit_kept_receiver_after(out, m, s);
        fprintf(out, "}\n");
        return;
    }
    fprintf(out, "    if (!%s) {\n", call);
    emit_failed_return(out, &s->ret, "0", "        ");
    fprintf(out, "    }\n");
    emit_kept_receiver_after(out, m, s);
    fprintf(out, "    return ");
    if (s->ret.kept) {
        fprintf(out, "(%s)hl_kept_to_host((const void *)(uintptr_t)b.ret, &records[%d])", s->ret.spelling,
                s->ret.record);
    } else {
        emit_host_unpack(out, &s->ret, "b.ret");
    }
    fprintf(out, ";\n}\n");
}

static bool any_records(const struct model *m)
{
    bool any = false;
    for (unsigned k = 0; k < m->n_records; k++) {
        any |= m->records[k].n_fields > 0 || m->records[k].kept;
    }
    return any;
}

/* Structs carrying guest callbacks: where they are, for copies and swaps. */
static void emit_records(FILE *out, const struct model *m)
{
    if (!any_records(m)) {
        return;
    }
    fprintf(out, "\n/* Structs with guest callbacks in their fields. */\n");
    for (unsigned k = 0; k < m->n_records; k++) {
        const struct record *r = &m->records[k];
        if (!r->n_fields) {
            continue;
        }
        fprintf(out, "static const struct hl_record_field record_%u_fields[] = {\n", k);
        for (unsigned i = 0; i < r->n_fields; i++) {
            const struct cb_field *cf = &r->fields[i];
            if (cf->sig >= 0) {
                fprintf(out, "    { offsetof(%s, %s), &sigs[%d], NULL },\n", r->spelling, cf->name, cf->sig);
            } else {
                fprintf(out, "    { offsetof(%s, %s), NULL, &records[%d] },\n", r->spelling, cf->name, cf->record);
            }
        }
        fprintf(out, "};\n");
    }
    /* Unused where every such struct is swapped in place (zlib's z_stream). */
    fprintf(out, "static const struct hl_record records[%u] __attribute__((unused)) = {\n", m->n_records);
    for (unsigned k = 0; k < m->n_records; k++) {
        const struct record *r = &m->records[k];
        if (r->n_fields || r->kept) {
            fprintf(out, "    [%u] = { \"%s\", sizeof(%s), %s%u%s, %u%s },\n", k, r->spelling, r->spelling,
                    r->n_fields ? "record_" : "NULL /* ", k, r->n_fields ? "_fields" : " */", r->n_fields,
                    r->kept ? ", .kept = true" : "");
        }
    }
    fprintf(out, "};\n");
}

/* Calls a host function of signature @s for a guest stub (HOSTLINK_OP_CALL_HOST). */
static void emit_invoker(FILE *out, const struct model *m, const struct sig *s, unsigned k)
{
    if (kept_sig_converts(m, s)) {
        emit_kept_invoker(out, m, s, k);
        return;
    }
    fprintf(out, "\n/* %s */\nstatic void invoke_%u(void (*fn)(void), struct hostlink_call_block *c)\n{\n",
            s->spelling, k);
    if (!s->n_args && s->ret.kind == K_VOID) {
        fprintf(out, "    (void)c;\n");
    }
    emit_typed_call(out, s, "fn", "c", "    ");
    fprintf(out, "}\n");
}

void emit_host(FILE *out, const struct desc *d, const struct model *m)
{
    char thunk[256], id[128];
    thunk_name(d->soname, thunk, sizeof(thunk));
    c_identifier(d->name, id, sizeof(id));

    fprintf(out, "/*\n * Generated by hostlink-gen from libs/%s.hl and %s: do not edit.\n"
                 " * Host side of %s: each stub unpacks a guest call block and calls the\n"
                 " * real function of the host's %s.\n */\n", d->name, d->header, d->soname, d->host);
    emit_defines(out, d);
    char *prelude = desc_prelude(d);
    fprintf(out, "#include <errno.h>\n#include <stdarg.h>\n#include <stddef.h>\n%s#include \"libs/generated.h\"\n", prelude);
    free(prelude);
    fprintf(out, "\nextern struct hostlink_lib hostlink_lib_%s;\n#define HL_THIS_LIB hostlink_lib_%s\n", id, id);

    bool fn_results = false;
    for (unsigned k = 0; k < m->n_sigs; k++) {
        fn_results |= m->sigs[k].ret.kind == K_FNPTR || kept_sig_converts(m, &m->sigs[k]);
    }
    if (fn_results) {
        /* Closures of results, guest stubs and kept tables in invokers and receivers. */
        fprintf(out, "\nstatic const struct hl_sig sigs[%u];\n", m->n_sigs);
    }
    if (any_records(m)) {
        fprintf(out, "static const struct hl_record records[%u] __attribute__((unused));\n", m->n_records);
    }
    for (unsigned k = 0; k < m->n_sigs; k++) {
        emit_invoker(out, m, &m->sigs[k], k);
    }
    for (unsigned k = 0; k < m->n_sigs; k++) {
        emit_receiver(out, m, &m->sigs[k], k);
    }
    fprintf(out, "\n/* Callback signatures: result and argument kinds (see gen/model.h). */\n");
    fprintf(out, "static const struct hl_sig sigs[] = {\n");
    for (unsigned i = 0; i < m->n_sigs; i++) {
        fprintf(out, "    { \"%s\", \"%s\", invoke_%u, (void (*)(void))receive_%u },\n", m->sigs[i].spelling,
                m->sigs[i].code, i, i);
    }
    if (!m->n_sigs) {
        fprintf(out, "    { \"none\", \"v:\", NULL, NULL },\n");
    }
    fprintf(out, "};\n");
    emit_records(out, m);
    fprintf(out, "\n/* The real functions, bound when the library is first opened. */\n");
    for (unsigned i = 0; i < m->n_fns; i++) {
        if (!m->fns[i].special && !m->fns[i].emulated) {
            /* An alias's host function is the one it stands for (gen/alias.h). */
            fprintf(out, "static __typeof__(%s) *real_%s;\n",
                    m->fns[i].alias_of ? m->fns[i].alias_of : m->fns[i].name, m->fns[i].name);
        }
    }
    for (unsigned i = 0; i < m->n_fns; i++) {
        if (m->fns[i].options) {
            emit_options_stub(out, &m->fns[i]);
        } else if (m->fns[i].printf_fmt) {
            emit_printf_stub(out, &m->fns[i]);
        } else if (!m->fns[i].special && !m->fns[i].emulated) {
            emit_stub(out, d, m, &m->fns[i], i);
        }
    }
    fprintf(out, "\n/* By function id: the guest thunk uses the same numbering. */\n");
    fprintf(out, "static struct hl_fn fns[] = {\n");
    for (unsigned i = 0; i < m->n_fns; i++) {
        const struct function *f = &m->fns[i];
        const char *v = f->export->version;
        if (f->special) {
            fprintf(out, "    [%u] = { \"%s\", %s%s%s, NULL, NULL },    /* special: guest side only */\n", i,
                    f->name, v ? "\"" : "", v ? v : "NULL", v ? "\"" : "");
        } else if (f->emulated) {
            fprintf(out, "    [%u] = { \"%s\", %s%s%s, NULL, NULL },    /* emulated: %s */\n", i, f->name,
                    v ? "\"" : "", v ? v : "NULL", v ? "\"" : "", f->emulated);
        } else {
            fprintf(out, "    [%u] = { \"%s\", %s%s%s, call_%s, (void **)&real_%s%s%s%s%s },\n", i, f->name,
                    v ? "\"" : "", v ? v : "NULL", v ? "\"" : "", f->name, f->name,
                    f->stateless ? ", .stateless = true" : "", f->alias_of ? ", .host_name = \"" : "",
                    f->alias_of ? f->alias_of : "", f->alias_of ? "\"" : "");
        }
    }
    fprintf(out, "};\n");
    /* Data symbols the thunk defines: the version-skew check counts them as provided. */
    fprintf(out, "\nstatic const struct hl_data data[] = {\n");
    for (unsigned k = 0; k < m->n_data; k++) {
        const char *v = m->data[k].export ? m->data[k].export->version : NULL;
        fprintf(out, "    { \"%s\", %s%s%s },\n", m->data[k].name, v ? "\"" : "", v ? v : "NULL",
                v ? "\"" : "");
    }
    fprintf(out, "    { NULL, NULL },\n};\n\nstruct hostlink_lib hostlink_lib_%s = {\n", id);
    for (unsigned k = 0; d->version_data && k < m->n_data; k++) {
        const struct data_object *o = &m->data[k];
        if (strcmp(o->name, d->version_data) == 0 && o->bytes && memchr(o->bytes, '\0', o->size)) {
            /* The version-skew rule compares the guest library's string with this one. */
            fprintf(out, "    .version_data = \"%s\",\n    .host_version = \"%s\",\n", o->name,
                    (const char *)o->bytes);
        }
    }
    fprintf(out, "    .name = \"%s\",\n    .description = \"%s\",\n    .soname = \"%s\",\n"
                 "    .thunk = \"%s\",\n    .host = \"%s\",\n    .hash = 0x%016llxull,\n"
                 "    .fns = fns,\n    .n_fns = %u,\n    .sigs = sigs,\n    .n_sigs = %u,\n"
                 "    .data = data,\n    .unwinds = %s,\n    .unit = \"%s\",\n};\n",
            d->name, d->description, d->soname, thunk, d->host, (unsigned long long)m->hash, m->n_fns,
            m->n_sigs, d->longjmp ? "true" : "false", d->unit);
}
