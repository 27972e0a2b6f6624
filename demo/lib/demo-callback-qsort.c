// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libdemo-callback-qsort.so, the real library: built for the host (the
 * plugin runs it) and for each guest (the genuine library a thunk falls
 * back to). Its thunk is generated from libs/demo-callback-qsort.hl.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include "demo-callback-qsort.h"

int callback_qsort(void *base, size_t nmemb, size_t size,
                   int (*cmp)(const void *, const void *))
{
    size_t bytes;
    if (size == 0 || __builtin_mul_overflow(nmemb, size, &bytes) || bytes > ((size_t)1 << 40)) {
        errno = EINVAL;
        return -1;
    }
    if (!cmp || (nmemb && !base)) {
        errno = EFAULT;
        return -1;
    }
    qsort(base, nmemb, size, cmp);
    return 0;
}
