// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdlib.h>
#include <string.h>
#include "emit.h"

static void emit_prototype(FILE *out, const struct function *f)
{
    fprintf(out, "HL_EXPORT ");
    emit_decl(out, &f->ret, f->name);
    fprintf(out, "(");
    for (unsigned p = 0; p < f->n_params; p++) {
        fprintf(out, "%s", p ? ", " : "");
        emit_decl(out, &f->params[p].type, f->params[p].name);
    }
    fprintf(out, "%s)", f->n_params ? "" : "void");
}

static void emit_thunk(FILE *out, const struct desc *d, const struct function *f, unsigned id)
{
    const char *v = f->export->version;
    char slot[64];

    fprintf(out, "\n#undef %s\n", f->name);
    emit_prototype(out, f);
    fprintf(out, "\n{\n    static __typeof__(%s) *hl_genuine_fn;\n", f->name);
    fprintf(out, "    if (!hl_native(&HL_LIB)) {\n        if (!hl_genuine_fn) {\n"
                 "            hl_genuine_fn = (__typeof__(%s) *)hl_genuine(&HL_LIB, \"%s\", %s%s%s);\n"
                 "        }\n        %shl_genuine_fn(", f->name, f->name, v ? "\"" : "", v ? v : "NULL",
            v ? "\"" : "", f->ret.kind == K_VOID ? "" : "return ");
    for (unsigned p = 0; p < f->n_params; p++) {
        fprintf(out, "%s%s", p ? ", " : "", f->params[p].name);
    }
    fprintf(out, ");\n%s    }\n", f->ret.kind == K_VOID ? "        return;\n" : "");
    fprintf(out, "    struct hostlink_call_block hl_c;\n");
    for (unsigned p = 0; p < f->n_params; p++) {
        fprintf(out, "    hl_c.args[%u] = ", p);
        emit_pack(out, &f->params[p].type, f->params[p].name);
        fprintf(out, ";\n");
    }
    fprintf(out, "    if (hl_call(&HL_LIB, %u, &hl_c) != 0) {\n", id);
    switch (f->ret.kind) {
    case K_VOID: fprintf(out, "        return;\n"); break;
    case K_SINT: fprintf(out, "        return %s;\n", d->error_int); break;
    case K_PTR: case K_FNPTR: fprintf(out, "        return NULL;\n"); break;
    default: fprintf(out, "        return 0;\n");
    }
    fprintf(out, "    }\n");
    if (f->ret.kind != K_VOID) {
        fprintf(out, "    return ");
        snprintf(slot, sizeof(slot), "hl_c.ret");
        emit_unpack(out, &f->ret, slot);
        fprintf(out, ";\n");
    }
    fprintf(out, "}\n");
}

static void emit_callback_entry(FILE *out, const struct model *m)
{
    char slot[64];

    fprintf(out, "\n/*\n * The plugin enters here, on this thread's stack, when the host library\n"
                 " * calls a guest function pointer: a typed C call, so this guest's own\n"
                 " * compiler handles its calling convention.\n */\n");
    fprintf(out, "static void callback_entry(struct hostlink_callback_block *b)\n{\n    switch (b->sig) {\n");
    for (unsigned i = 0; i < m->n_sigs; i++) {
        const struct sig *s = &m->sigs[i];
        fprintf(out, "    case %u: {   /* %s */\n        ", i, s->spelling);
        if (s->ret.kind != K_VOID) {
            emit_decl(out, &s->ret, "r");
            fprintf(out, " = ");
        }
        fprintf(out, "((%s)hl_ptr(b->fn))(", s->spelling);
        for (unsigned a = 0; a < s->n_args; a++) {
            snprintf(slot, sizeof(slot), "b->args[%u]", a);
            fprintf(out, "%s", a ? ", " : "");
            emit_unpack(out, &s->args[a], slot);
        }
        fprintf(out, ");\n");
        if (s->ret.kind != K_VOID) {
            fprintf(out, "        b->ret = ");
            emit_pack(out, &s->ret, "r");
            fprintf(out, ";\n");
        }
        fprintf(out, "        break;\n    }\n");
    }
    fprintf(out, "    }\n}\n");
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
        emit_sig_params(out, s, true);
        fprintf(out, ")\n{\n    struct hostlink_call_block hl_c;\n");
        for (unsigned a = 0; a < s->n_args; a++) {
            snprintf(slot, sizeof(slot), "a%u", a);
            fprintf(out, "    hl_c.args[%u] = ", a);
            emit_pack(out, &s->args[a], slot);
            fprintf(out, ";\n");
        }
        fprintf(out, "    if (hl_call_host(&HL_LIB, %u, fn, &hl_c) != 0) {\n        return%s;\n    }\n",
                k, s->ret.kind == K_VOID ? "" : s->ret.kind == K_PTR || s->ret.kind == K_FNPTR ? " NULL" : " 0");
        if (s->ret.kind != K_VOID) {
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
    char *prelude = desc_prelude(d, false);
    fprintf(out, "%s#include \"hostlink/thunk.h\"\n\n", prelude);
    free(prelude);
    fprintf(out, "HL_HIDDEN extern struct hl_thunk_lib hl_thunk_lib_%s;\n#define HL_LIB hl_thunk_lib_%s\n", id, id);
    fprintf(out, "static void callback_entry(struct hostlink_callback_block *b);\n");
    emit_host_stubs(out, m);
    fprintf(out, "\nstatic const struct hostlink_thunk_info info = {\n"
                 "    .callback_entry = (uint64_t)(uintptr_t)callback_entry,\n"
                 "    .trampoline = (uint64_t)(uintptr_t)hostlink_resume_trampoline,\n"
                 "    .n_sigs = %u,\n    .stubs_per_sig = %s,\n"
                 "    .host_fns = %s,\n    .stub_addrs = %s,\n};\n\n",
            m->n_sigs, m->n_sigs ? "HL_STUBS" : "0",
            m->n_sigs ? "(uint64_t)(uintptr_t)host_fns" : "0",
            m->n_sigs ? "(uint64_t)(uintptr_t)stub_addrs" : "0");
    fprintf(out, "HL_HIDDEN struct hl_thunk_lib hl_thunk_lib_%s = {\n"
                 "    .name = \"%s\",\n    .soname = \"%s\",\n    .hash = 0x%016llxull,\n"
                 "    .info = &info,\n    .preload = %d,\n};\n",
            id, d->name, d->soname, (unsigned long long)m->hash, d->preload);
    for (unsigned i = 0; i < m->n_fns; i++) {
        if (!m->fns[i].special) {
            emit_thunk(out, d, &m->fns[i], i);
        }
    }
    emit_callback_entry(out, m);
}
