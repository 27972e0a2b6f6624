// SPDX-License-Identifier: GPL-2.0-or-later
/* Generated host code around kept callback tables (see kept.h). */
#include "kept.h"
#include "emit.h"

bool kept_generic_fn(const struct model *m, const struct ctype *t)
{
    if (t->kind != K_FNPTR || t->sig < 0) {
        return false;
    }
    const struct sig *s = &m->sigs[t->sig];
    return s->n_args == 0 && s->ret.kind == K_VOID;
}

/* Whether argument @t of a callback is a pointer to a function the callee may store. */
static bool fn_out(const struct ctype *t)
{
    return t->kind == K_PTR && t->sig >= 0;
}

bool kept_sig_converts(const struct model *m, const struct sig *s)
{
    bool any = s->ret.kind == K_FNPTR || s->ret.kept;
    for (unsigned a = 0; a < s->n_args; a++) {
        any |= s->args[a].kept || s->args[a].carrier || fn_out(&s->args[a]) || s->args[a].kind == K_FNPTR;
    }
    (void)m;
    return any;
}

/*
 * Calls @each for every kept-table field of carrier argument @a of @s:
 * "(char *)(uintptr_t)aN + offsetof(STRUCT, FIELD)" and the table's index.
 */
static void carrier_fields(FILE *out, const struct model *m, const struct sig *s, unsigned a,
                           void (*each)(FILE *, unsigned, unsigned, const char *, int, const char *),
                           const char *how)
{
    const struct record *r = &m->records[s->args[a].record];
    char at[512];
    for (unsigned i = 0; i < r->n_fields; i++) {
        const struct cb_field *f = &r->fields[i];
        if (f->record >= 0 && m->records[f->record].kept) {
            snprintf(at, sizeof(at), "(char *)(uintptr_t)a%u + offsetof(%s, %s)", a, r->spelling, f->name);
            each(out, a, i, at, f->record, how);
        }
    }
}

static void note_before(FILE *out, unsigned a, unsigned i, const char *at, int rec, const char *how)
{
    (void)rec;
    (void)how;
    fprintf(out, "    uint64_t k%u_%u = 0;\n    if (a%u) {\n        memcpy(&k%u_%u, %s, sizeof(k%u_%u));\n    }\n",
            a, i, a, a, i, at, a, i);
}

static void convert_filled(FILE *out, unsigned a, unsigned i, const char *at, int rec, const char *how)
{
    fprintf(out, "    if (a%u) {\n        hl_kept_filled_%s(%s, k%u_%u, &records[%d]);\n    }\n", a, how, at, a, i,
            rec);
}

/* A generic function argument other than NULL or a sentinel: refused, the callee not called. */
static void refuse_generic_args(FILE *out, const struct model *m, const struct sig *s, const char *fail)
{
    for (unsigned a = 0; a < s->n_args; a++) {
        if (kept_generic_fn(m, &s->args[a])) {
            fprintf(out, "    if (!hl_fn_sentinel((uint64_t)(uintptr_t)a%u)) {\n"
                         "        hl_generic_fn_refused(\"%s argument %u\");\n        %s\n    }\n",
                    a, s->spelling, a + 1, fail);
        }
    }
}

static void before(FILE *out, const struct model *m, const struct sig *s)
{
    for (unsigned a = 0; a < s->n_args; a++) {
        if (s->args[a].carrier) {
            carrier_fields(out, m, s, a, note_before, NULL);
        }
    }
}

/* After the call: filled-in carrier fields and stored functions go to the caller's side (@how). */
static void after(FILE *out, const struct model *m, const struct sig *s, const char *how)
{
    for (unsigned a = 0; a < s->n_args; a++) {
        if (s->args[a].carrier) {
            carrier_fields(out, m, s, a, convert_filled, how);
        } else if (fn_out(&s->args[a])) {
            fprintf(out, "    if (a%u) {\n        hl_fn_out_%s(a%u, &sigs[%d]);\n    }\n", a, how, a,
                    s->args[a].sig);
        }
    }
}

void emit_kept_receiver_before(FILE *out, const struct model *m, const struct sig *s)
{
    char fail[300];
    snprintf(fail, sizeof(fail), s->ret.kind == K_VOID ? "return;" : s->ret.kind == K_RECORD ?
             "return (%s){ 0 };" : "return 0;", s->ret.spelling);
    refuse_generic_args(out, m, s, fail);
    before(out, m, s);
}

void emit_kept_receiver_after(FILE *out, const struct model *m, const struct sig *s)
{
    after(out, m, s, "to_host");
}

void emit_kept_invoker(FILE *out, const struct model *m, const struct sig *s, unsigned k)
{
    char name[16], slot[32];

    fprintf(out, "\n/* %s: converts kept tables and functions (gen/kept.h) */\n"
                 "static void invoke_%u(void (*fn)(void), struct hostlink_call_block *c)\n{\n", s->spelling, k);
    for (unsigned a = 0; a < s->n_args; a++) {
        const struct ctype *t = &s->args[a];
        snprintf(name, sizeof(name), "a%u", a);
        snprintf(slot, sizeof(slot), "c->args[%u]", a);
        fprintf(out, "    ");
        emit_decl(out, t, name);
        fprintf(out, " = ");
        if (t->kept) {
            fprintf(out, "(%s)hl_kept_to_host((const void *)(uintptr_t)%s, &records[%d])", t->spelling, slot,
                    t->record);
        } else {
            emit_unpack(out, t, slot);
        }
        fprintf(out, ";\n");
    }
    refuse_generic_args(out, m, s, "c->ret = 0;\n        return;");
    before(out, m, s);
    fprintf(out, "    ");
    if (s->ret.kind != K_VOID) {
        emit_decl(out, &s->ret, "r");
        fprintf(out, " = ");
    }
    fprintf(out, "((%s)fn)(", s->spelling);
    for (unsigned a = 0; a < s->n_args; a++) {
        fprintf(out, "%sa%u", a ? ", " : "", a);
    }
    fprintf(out, ");\n");
    after(out, m, s, "to_guest");
    if (kept_generic_fn(m, &s->ret)) {
        fprintf(out, "    (void)r;\n    hl_generic_fn_refused(\"%s\");\n    c->ret = 0;\n", s->spelling);
    } else if (s->ret.kind == K_FNPTR) {
        fprintf(out, "    c->ret = hl_guest_fn((void (*)(void))r, &sigs[%d]);\n", s->ret.sig);
    } else if (s->ret.kept) {
        fprintf(out, "    c->ret = (uint64_t)(uintptr_t)hl_kept_to_guest(r, &records[%d]);\n", s->ret.record);
    } else {
        emit_store_result(out, &s->ret, "r", "c", "    ");
    }
    fprintf(out, "}\n");
}
