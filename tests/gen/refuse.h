/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Declarations hostlink-gen must refuse, each for its own reason. */
#ifndef REFUSE_H
#define REFUSE_H

struct pair { int a, b; };
typedef int (*many_ints_fn)(int, int, int, int, int, int, int, int, int);

long double scale(long double x);           /* layout differs between guests */
int say(const char *fmt, ...);              /* variadic */
int say_n(int n, const char *fmt, ...);     /* printf key naming n as the format */
int sum_pair(struct pair p);                /* struct by value */
int classify(char c);                       /* plain char: signed here, unsigned on arm/riscv */
int apply9(many_ints_fn f);                 /* callback with 9 integer arguments */
int fine(int x);                            /* nothing wrong */

#endif
