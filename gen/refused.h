/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Functions the generator refused, left out of the thunk (the description's
 * "refused exclude"): a large API (OpenSSL's thousands of functions) passes
 * what it can, and every function it cannot is listed with its reason in
 * OUTDIR/NAME.refused, "FUNCTION<TAB>reason" per line, read by `hostlink
 * list` and the README. A program that needs one of them gets the genuine
 * library, the whole of it, by the version-skew rule (plugin/skew.h): the
 * thunk lacks the function.
 */
#ifndef HOSTLINK_GEN_REFUSED_H
#define HOSTLINK_GEN_REFUSED_H

#include <stdio.h>
#include "model.h"

struct refusal {
    char *fn;
    char *reason;
};

/* Notes @fn as left out because of @reason (copied). */
void refused_add(struct model *m, const char *fn, const char *reason);

/* The NAME.refused file: one "FUNCTION<TAB>reason" line per refusal, by name. */
void emit_refused_list(FILE *out, const struct model *m);

#endif
