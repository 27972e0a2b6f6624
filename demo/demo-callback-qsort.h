/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libdemo-callback-qsort.so: the callback demo's library. */
#ifndef DEMO_CALLBACK_QSORT_H
#define DEMO_CALLBACK_QSORT_H

#include <stddef.h>

/* Sorts like qsort(3). Returns 0, or -1 with errno set on bad arguments. */
int callback_qsort(void *base, size_t nmemb, size_t size,
                   int (*cmp)(const void *, const void *));

#endif
