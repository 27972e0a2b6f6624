// SPDX-License-Identifier: GPL-2.0-or-later
/* Host library behind refuse.h: only its exports matter to the generator. */
#include <stdarg.h>
#include "refuse.h"

long double scale(long double x) { return 2 * x; }
int say(const char *fmt, ...) { (void)fmt; return 0; }
int say_n(int n, const char *fmt, ...) { (void)fmt; return n; }
int sum_pair(struct pair p) { return p.a + p.b; }
int classify(char c) { return (signed char)c < 0; }
int apply9(many_ints_fn f) { return f(1, 2, 3, 4, 5, 6, 7, 8, 9); }
int fine(int x) { return x; }
