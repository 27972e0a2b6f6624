// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include "api_table.h"
#include "data.h"
#include "emit.h"
#include "varargs.h"

/* The result as the guest declares it: an alias's may be wider (gen/alias.h). */
static const struct ctype *guest_ret(const struct function *f)
{
    return f->alias_of ? &f->guest_ret : &f->ret;
}

/* A wrapped function's thunk is hl_next_NAME, called by the hand-written NAME (the wrap key). */
static void emit_prototype(FILE *out, const struct function *f)
{
    char name[300];
    snprintf(name, sizeof(name), "%s%s", f->wrapped ? "hl_next_" : "", f->name);
    fprintf(out, f->wrapped ? "HL_HIDDEN " : "HL_EXPORT ");
    emit_decl(out, guest_ret(f), name);
    fprintf(out, "(");
    for (unsigned p = 0; p < f->n_params; p++) {
        fprintf(out, "%s", p ? ", " : "");
        emit_decl(out, &f->params[p].type, f->params[p].name);
    }
    fprintf(out, "%s)", f->n_params ? "" : "void");
}

/* "[return ]hl_genuine_fn(args);": the genuine guest function, found on first use. */
static void emit_genuine_call(FILE *out, const struct function *f, const char *indent)
{
    const char *v = f->export->version;

    fprintf(out, "%sif (!hl_genuine_fn) {\n"
                 "%s    hl_genuine_fn = (__typeof__(%s) *)hl_genuine(&HL_LIB, \"%s\", %s%s%s);\n"
                 "%s}\n%s%shl_genuine_fn(", indent, indent, f->name, f->name, v ? "\"" : "",
            v ? v : "NULL", v ? "\"" : "", indent, indent, f->ret.kind == K_VOID ? "" : "return ");
    for (unsigned p = 0; p < f->n_params; p++) {
        fprintf(out, "%s%s", p ? ", " : "", f->params[p].name);
    }
    fprintf(out, ");\n");
}

/*
 * An alias's genuine function: the guest library's own NEW, or, in an older
 * one without it, its OLD, whose types the generator found the same.
 */
static void emit_genuine_alias_call(FILE *out, const struct function *f, const char *indent)
{
    fprintf(out, "%sif (!hl_genuine_fn && !hl_genuine_old) {\n"
                 "%s    hl_genuine_fn = (__typeof__(%s) *)hl_genuine_optional(&HL_LIB, \"%s\", NULL);\n"
                 "%s    if (!hl_genuine_fn) {\n"
                 "%s        hl_genuine_old = (__typeof__(%s) *)hl_genuine(&HL_LIB, \"%s\", NULL);\n"
                 "%s    }\n%s}\n%s%s(hl_genuine_fn ? hl_genuine_fn(",
            indent, indent, f->name, f->name, indent, indent, f->alias_of, f->alias_of, indent, indent, indent,
            guest_ret(f)->kind == K_VOID ? "" : "return ");
    for (unsigned p = 0; p < f->n_params; p++) {
        fprintf(out, "%s%s", p ? ", " : "", f->params[p].name);
    }
    /* A widened result (nonnegative) converts as the host's does (gen/alias.h). */
    fprintf(out, ") : %s%s%shl_genuine_old(", f->nonnegative ? "(" : "", f->nonnegative ? guest_ret(f)->spelling : "",
            f->nonnegative ? ")" : "");
    for (unsigned p = 0; p < f->n_params; p++) {
        fprintf(out, "%s%s", p ? ", " : "", f->params[p].name);
    }
    fprintf(out, "));\n");
}

static void emit_thunk(FILE *out, const struct desc *d, const struct function *f, unsigned id)
{
    fprintf(out, "\n#undef %s\n", f->name);
    emit_prototype(out, f);
    fprintf(out, "\n{\n    static __typeof__(%s) *hl_genuine_fn;\n", f->name);
    if (f->alias_of) {
        fprintf(out, "    static __typeof__(%s) *hl_genuine_old;\n", f->alias_of);
        fprintf(out, "    if (!hl_native(&HL_LIB)) {\n");
        emit_genuine_alias_call(out, f, "        ");
        fprintf(out, "%s    }\n", guest_ret(f)->kind == K_VOID ? "        return;\n" : "");
    } else if (f->emulated) {
        fprintf(out, "    /* Always the genuine guest library's: %s */\n", f->emulated);
        emit_genuine_call(out, f, "    ");
        fprintf(out, "}\n");
        return;
    }
    if (f->stateless) {
        /* The call policy may send it to the guest library, before or during the call. */
        fprintf(out, "    if (!hl_native(&HL_LIB) || hl_guest_turn(&guest_turns[%u])) {\n"
                     "    hl_genuine:\n", id);
    } else if (!f->alias_of) {
        fprintf(out, "    if (!hl_native(&HL_LIB)) {\n");
    }
    if (!f->alias_of) {
        emit_genuine_call(out, f, "        ");
        fprintf(out, "%s    }\n", f->ret.kind == K_VOID && !f->noreturn ? "        return;\n" : "");
    }
    for (const struct desc_null_default *nd = d->null_defaults; nd->fn; nd++) {
        if (strcmp(nd->fn, f->name) == 0) {
            /* The genuine library above keeps the NULL: its default is already the guest's. */
            fprintf(out, "    if (%s == NULL) {    /* null-default: libs/%s-guest.c */\n"
                         "        HL_HIDDEN extern __typeof__(*%s) %s;\n        %s = &%s;\n    }\n",
                    nd->param, d->name, nd->param, nd->symbol, nd->param, nd->symbol);
        }
    }
    fprintf(out, "    struct hostlink_call_block hl_c;\n");
    for (unsigned p = 0; p < f->n_params; p++) {
        fprintf(out, "    hl_c.args[%u] = ", p);
        emit_pack(out, &f->params[p].type, f->params[p].name);
        fprintf(out, ";\n");
    }
    emit_result_room(out, &f->ret, "hl_r", "hl_c", "    ");
    if (f->ret.kind == K_RECORD && f->stateless) {
        fprintf(out, "    if (hl_call(&HL_LIB, %u, &hl_c) == HL_RUN_GUEST) {\n        goto hl_genuine;\n    }\n"
                     "    return hl_r;\n}\n", id);
        return;
    }
    if (f->ret.kind == K_RECORD) {
        fprintf(out, "    hl_call(&HL_LIB, %u, &hl_c);     /* if it fails, hl_r stays zeroed */\n"
                     "    return hl_r;\n}\n", id);
        return;
    }
    if (f->noreturn) {
        /* Ends in the guest's longjmp (plugin/unwind.h); if not, as the library would end. */
        fprintf(out, "    hl_call(&HL_LIB, %u, &hl_c);\n    hl_noreturn_returned(\"%s\");\n}\n", id, f->name);
        return;
    }
    if (f->stateless) {
        fprintf(out, "    int hl_status = hl_call(&HL_LIB, %u, &hl_c);\n"
                     "    if (hl_status == HL_RUN_GUEST) {\n        goto hl_genuine;\n    }\n"
                     "    if (hl_status != 0) {\n", id);
    } else {
        fprintf(out, "    if (hl_call(&HL_LIB, %u, &hl_c) != 0) {\n", id);
    }
    emit_thunk_tail(out, guest_ret(f), d->error_int);
}

static void emit_callback_entry(FILE *out, const struct model *m)
{
    fprintf(out, "\n/*\n * The plugin enters here, on this thread's stack, when the host library\n"
                 " * calls a guest function pointer: a typed C call, so this guest's own\n"
                 " * compiler handles its calling convention.\n */\n");
    fprintf(out, "static void callback_entry(struct hostlink_callback_block *b)\n{\n    switch (b->sig) {\n");
    for (unsigned i = 0; i < m->n_sigs; i++) {
        const struct sig *s = &m->sigs[i];
        fprintf(out, "    case %u: {   /* %s */\n", i, s->spelling);
        emit_typed_call(out, s, "hl_ptr(b->fn)", "b", "        ");
        fprintf(out, "        break;\n    }\n");
    }
    fprintf(out, "    default:    /* the runtime's own operations (FILE * crossing) */\n"
                 "        hl_runtime_callback(b);\n    }\n}\n");
}

/* Arguments "a0, a1, ..." of @s, with types if @typed. */
static void emit_sig_params(FILE *out, const struct sig *s, bool typed)
{
    char name[16];
    for (unsigned a = 0; a < s->n_args; a++) {
        snprintf(name, sizeof(name), "a%u", a);
        fprintf(out, "%s", a ? ", " : "");
        if (typed) {
            emit_decl(out, &s->args[a], name);
        } else {
            fprintf(out, "%s", name);
        }
    }
    if (!s->n_args && typed) {
        fprintf(out, "void");
    }
}

/*
 * Guest stand-ins for host function pointers (zlib's zcalloc in a z_stream
 * the guest owns): HL_STUBS per callback signature, each calling the host
 * function the plugin wrote into its slot of host_fns.
 */
static void emit_host_stubs(FILE *out, const struct model *m)
{
    char slot[64];

    if (!m->n_sigs) {
        return;
    }
    fprintf(out, "\n#define HL_STUBS 8\nstatic uint64_t host_fns[%u][HL_STUBS];\n", m->n_sigs);
    for (unsigned k = 0; k < m->n_sigs; k++) {
        const struct sig *s = &m->sigs[k];
        fprintf(out, "\n/* %s */\nstatic ", s->spelling);
        emit_decl(out, &s->ret, "");
        fprintf(out, "call_host_%u(uint64_t fn%s", k, s->n_args ? ", " : "");
        if (s->n_args) {
            emit_sig_params(out, s, true);
        }
        fprintf(out, ")\n{\n    struct hostlink_call_block hl_c;\n");
        for (unsigned a = 0; a < s->n_args; a++) {
            snprintf(slot, sizeof(slot), "a%u", a);
            fprintf(out, "    hl_c.args[%u] = ", a);
            emit_pack(out, &s->args[a], slot);
            fprintf(out, ";\n");
        }
        emit_result_room(out, &s->ret, "hl_r", "hl_c", "    ");
        if (s->ret.kind == K_RECORD) {
            fprintf(out, "    hl_call_host(&HL_LIB, %u, fn, &hl_c);    /* if it fails, hl_r stays zeroed */\n"
                         "    return hl_r;\n", k);
        } else {
            fprintf(out, "    if (hl_call_host(&HL_LIB, %u, fn, &hl_c) != 0) {\n", k);
            emit_failed_return(out, &s->ret, "0", "        ");
            fprintf(out, "    }\n");
        }
        if (s->ret.kind != K_VOID && s->ret.kind != K_RECORD) {
            fprintf(out, "    return ");
            emit_unpack(out, &s->ret, "hl_c.ret");
            fprintf(out, ";\n");
        }
        fprintf(out, "}\n#define STUB_%u(i) static ", k);
        emit_decl(out, &s->ret, "");
        fprintf(out, "stub_%u_##i(", k);
        emit_sig_params(out, s, true);
        fprintf(out, ") { %scall_host_%u(host_fns[%u][i]%s", s->ret.kind == K_VOID ? "" : "return ", k, k,
                s->n_args ? ", " : "");
        emit_sig_params(out, s, false);
        fprintf(out, "); }\nSTUB_%u(0) STUB_%u(1) STUB_%u(2) STUB_%u(3) STUB_%u(4) STUB_%u(5) STUB_%u(6) STUB_%u(7)\n",
                k, k, k, k, k, k, k, k);
    }
    fprintf(out, "\nstatic const uint64_t stub_addrs[%u][HL_STUBS] = {\n", m->n_sigs);
    for (unsigned k = 0; k < m->n_sigs; k++) {
        fprintf(out, "    {");
        for (unsigned i = 0; i < 8; i++) {
            fprintf(out, " (uint64_t)(uintptr_t)stub_%u_%u,", k, i);
        }
        fprintf(out, " },\n");
    }
    fprintf(out, "};\n");
}

void emit_guest(FILE *out, const struct desc *d, const struct model *m)
{
    char id[128];
    c_identifier(d->name, id, sizeof(id));

    fprintf(out, "/*\n * Generated by hostlink-gen from libs/%s.hl and %s: do not edit.\n"
                 " * Guest thunk for %s: each function packs its arguments into a call\n"
                 " * block for the hostlink plugin, or, without the plugin, calls the\n"
                 " * genuine guest library.\n */\n", d->name, d->header, d->soname);
    char *prelude = desc_prelude(d);
    fprintf(out, "%s#include \"hostlink/thunk.h\"\n\n", prelude);
    free(prelude);
    bool decayed = false;
    for (unsigned i = 0; i < m->n_fns; i++) {
        for (unsigned p = 0; p < m->fns[i].n_params; p++) {
            decayed |= m->fns[i].params[p].type.decayed;
        }
    }
    if (decayed) {
        /* Array parameters are defined as the pointers they are. */
        fprintf(out, "#pragma GCC diagnostic ignored \"-Warray-parameter\"\n"
                     "#pragma GCC diagnostic ignored \"-Wvla-parameter\"\n\n");
    }
    fprintf(out, "HL_HIDDEN extern struct hl_thunk_lib hl_thunk_lib_%s;\n#define HL_LIB hl_thunk_lib_%s\n", id, id);
    fprintf(out, "static void callback_entry(struct hostlink_callback_block *b);\n");
    emit_host_stubs(out, m);
    fprintf(out, "\n/* The plugin's call policy: calls each function leaves to the guest library. */\n"
                 "static uint32_t guest_turns[%u];\n", m->n_fns ? m->n_fns : 1);
    fprintf(out, "\nstatic const struct hostlink_thunk_info info = {\n"
                 "    .n_sigs = %u,\n    .stubs_per_sig = %s,\n"
                 "    .host_fns = %s,\n    .stub_addrs = %s,\n"
                 "    .n_fns = %u,\n    .guest_turns = (uint64_t)(uintptr_t)guest_turns,\n};\n\n",
            m->n_sigs, m->n_sigs ? "HL_STUBS" : "0",
            m->n_sigs ? "(uint64_t)(uintptr_t)host_fns" : "0",
            m->n_sigs ? "(uint64_t)(uintptr_t)stub_addrs" : "0", m->n_fns);
    fprintf(out, "HL_HIDDEN struct hl_thunk_lib hl_thunk_lib_%s = {\n"
                 "    .name = \"%s\",\n    .soname = \"%s\",\n    .hash = 0x%016llxull,\n"
                 "    .info = &info,\n    .callback_entry = callback_entry,\n    .preload = %d,\n    .host_threads = %d,\n};\n",
            id, d->name, d->soname, (unsigned long long)m->hash, d->preload, d->host_threads);
    for (unsigned i = 0; i < m->n_fns; i++) {
        if (m->fns[i].options) {
            emit_options_thunk(out, d, &m->fns[i], i);
        } else if (m->fns[i].printf_fmt) {
            emit_printf_thunk(out, d, &m->fns[i], i);
        } else if (!m->fns[i].special) {
            emit_thunk(out, d, &m->fns[i], i);
        }
    }
    emit_data(out, m);
    emit_callback_entry(out, m);
    emit_api_table(out, d, m);
}
