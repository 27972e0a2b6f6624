// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include "emit.h"

/* Expression turning block slot @slot into a value of type @t. */
static void unpack(FILE *out, const struct ctype *t, const char *slot)
{
    switch (t->kind) {
    case K_PTR: fprintf(out, "(%s)hl_ptr(%s)", t->spelling, slot); break;
    case K_FNPTR: fprintf(out, "(%s)hl_closure(%s, &sigs[%d])", t->spelling, slot, t->sig); break;
    case K_FLOAT: fprintf(out, "hl_f32(%s)", slot); break;
    case K_DOUBLE: fprintf(out, "hl_f64(%s)", slot); break;
    default: fprintf(out, "(%s)%s", t->spelling, slot);
    }
}

/* Expression turning value @v of type @t into a block slot. */
static const char *pack_fn(const struct ctype *t)
{
    switch (t->kind) {
    case K_SINT: return "hl_from_sint";
    case K_UINT: return "hl_from_uint";
    case K_PTR: return "hl_from_ptr";
    case K_FNPTR: return "hl_from_host_fn";
    case K_FLOAT: return "hl_from_f32";
    case K_DOUBLE: return "hl_from_f64";
    case K_VOID: break;
    }
    return "";
}

static void emit_stub(FILE *out, const struct model *m, const struct function *f, unsigned id)
{
    char slot[32], local[128];
    bool swaps = false;

    fprintf(out, "\nstatic void call_%s(struct hostlink_call_block *c)\n{\n", f->name);
    for (unsigned p = 0; p < f->n_params; p++) {
        snprintf(local, sizeof(local), "a_%s", f->params[p].name);
        snprintf(slot, sizeof(slot), "c->args[%u]", p);
        fprintf(out, "    ");
        emit_decl(out, &f->params[p].type, local);
        fprintf(out, " = ");
        unpack(out, &f->params[p].type, slot);
        fprintf(out, ";\n");
        swaps |= f->params[p].type.record >= 0 && !f->params[p].type.const_pointee;
        if (f->params[p].type.record >= 0 && f->params[p].type.const_pointee) {
            fprintf(out, "    a_%s = hl_record_copy(a_%s, &records[%d]);\n", f->params[p].name,
                    f->params[p].name, f->params[p].type.record);
        }
    }
    if (swaps) {
        fprintf(out, "    struct hl_swap swaps[%d];\n    unsigned n_swaps = 0;\n", 2 * MAX_ARGS);
        for (unsigned p = 0; p < f->n_params; p++) {
            const struct ctype *t = &f->params[p].type;
            if (t->record < 0 || t->const_pointee) {
                continue;
            }
            const struct record *r = &m->records[t->record];
            fprintf(out, "    if (a_%s) {\n", f->params[p].name);
            for (unsigned i = 0; i < r->n_fields; i++) {
                const struct cb_field *cf = &r->fields[i];
                /* No member access: the pointer is the guest's, maybe misaligned. */
                fprintf(out, "        n_swaps = hl_swap_%sin(swaps, n_swaps, (char *)a_%s + "
                             "offsetof(__typeof__(*a_%s), %s), &%s[%d]);\n", cf->sig >= 0 ? "" : "record_",
                        f->params[p].name, f->params[p].name, cf->name, cf->sig >= 0 ? "sigs" : "records",
                        cf->sig >= 0 ? cf->sig : cf->record);
            }
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
        fprintf(out, "%sa_%s", p ? ", " : "", f->params[p].name);
    }
    fprintf(out, ");\n    c->err = errno;\n");
    if (swaps) {
        fprintf(out, "    hl_swap_out(swaps, n_swaps);\n");
    }
    if (f->ret.kind == K_FNPTR) {
        /* A host function pointer for the guest: a guest stub that calls it. */
        fprintf(out, "    c->ret = hl_guest_fn((void (*)(void))r, &sigs[%d]);\n", f->ret.sig);
    } else if (f->ret.kind != K_VOID) {
        fprintf(out, "    c->ret = %s(r);\n", pack_fn(&f->ret));
    }
    fprintf(out, "}\n");
    (void)id;
}

/* Structs carrying guest callbacks: where they are, for copies and swaps. */
static void emit_records(FILE *out, const struct model *m)
{
    bool any = false;
    for (unsigned k = 0; k < m->n_records; k++) {
        any |= m->records[k].n_fields > 0;
    }
    if (!any) {
        return;
    }
    fprintf(out, "\n/* Structs with guest callbacks in their fields. */\n"
                 "static const struct hl_record records[%u] __attribute__((unused));\n", m->n_records);
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
        if (r->n_fields) {
            fprintf(out, "    [%u] = { \"%s\", sizeof(%s), record_%u_fields, %u },\n", k, r->spelling,
                    r->spelling, k, r->n_fields);
        }
    }
    fprintf(out, "};\n");
}

/* Calls a host function of signature @s for a guest stub (HOSTLINK_OP_CALL_HOST). */
static void emit_invoker(FILE *out, const struct sig *s, unsigned k)
{
    fprintf(out, "\n/* %s */\nstatic void invoke_%u(void (*fn)(void), struct hostlink_call_block *c)\n{\n",
            s->spelling, k);
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
    /* Compiled into the plugin without the description's cflags: their -D here. */
    char *prelude = desc_prelude(d, true);
    fprintf(out, "#include <errno.h>\n#include <stddef.h>\n%s#include \"libs/generated.h\"\n", prelude);
    free(prelude);
    fprintf(out, "\nextern struct hostlink_lib hostlink_lib_%s;\n#define HL_THIS_LIB hostlink_lib_%s\n", id, id);

    for (unsigned k = 0; k < m->n_sigs; k++) {
        emit_invoker(out, &m->sigs[k], k);
    }
    fprintf(out, "\n/* Callback signatures: result and argument kinds (see gen/model.h). */\n");
    fprintf(out, "static const struct hl_sig sigs[] = {\n");
    for (unsigned i = 0; i < m->n_sigs; i++) {
        fprintf(out, "    { \"%s\", \"%s\", invoke_%u },\n", m->sigs[i].spelling, m->sigs[i].code, i);
    }
    if (!m->n_sigs) {
        fprintf(out, "    { \"none\", \"v:\", NULL },\n");
    }
    fprintf(out, "};\n");
    emit_records(out, m);
    fprintf(out, "\n/* The real functions, bound when the library is first opened. */\n");
    for (unsigned i = 0; i < m->n_fns; i++) {
        if (!m->fns[i].special) {
            fprintf(out, "static __typeof__(%s) *real_%s;\n", m->fns[i].name, m->fns[i].name);
        }
    }
    for (unsigned i = 0; i < m->n_fns; i++) {
        if (!m->fns[i].special) {
            emit_stub(out, m, &m->fns[i], i);
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
        } else {
            fprintf(out, "    [%u] = { \"%s\", %s%s%s, call_%s, (void **)&real_%s },\n", i, f->name,
                    v ? "\"" : "", v ? v : "NULL", v ? "\"" : "", f->name, f->name);
        }
    }
    fprintf(out, "};\n\nstruct hostlink_lib hostlink_lib_%s = {\n", id);
    fprintf(out, "    .name = \"%s\",\n    .description = \"%s\",\n    .soname = \"%s\",\n"
                 "    .thunk = \"%s\",\n    .host = \"%s\",\n    .hash = 0x%016llxull,\n"
                 "    .fns = fns,\n    .n_fns = %u,\n    .sigs = sigs,\n    .n_sigs = %u,\n};\n",
            d->name, d->description, d->soname, thunk, d->host, (unsigned long long)m->hash, m->n_fns,
            m->n_sigs);
}
