// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The callback demo: sorts 128 ints given in descending order with
 * callback_qsort() from libdemo-callback-qsort.so and a comparator of
 * its own, then checks the order and that the comparator ran.
 */
#include <stdint.h>
#include <stdio.h>
#include "demo-callback-qsort.h"

static unsigned long comparisons;

static int ascending(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    comparisons++;
    return (x > y) - (x < y);
}

int main(void)
{
    int32_t v[128];
    int n = (int)(sizeof(v) / sizeof(v[0]));

    for (int i = 0; i < n; i++) {
        v[i] = n - 1 - i;
    }
    if (callback_qsort(v, n, sizeof(v[0]), ascending) != 0) {
        perror("callback-demo: callback_qsort");
        return 1;
    }
    for (int i = 0; i < n; i++) {
        if (v[i] != i) {
            printf("callback-demo: FAILED: v[%d] = %d\n", i, (int)v[i]);
            return 1;
        }
    }
    if (comparisons == 0) {
        printf("callback-demo: FAILED: the comparator never ran\n");
        return 1;
    }
    printf("callback-demo: sorted %d values, comparator ran %lu times: OK\n", n, comparisons);
    return 0;
}
