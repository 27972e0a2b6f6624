// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest thunk for libdemo-callback-qsort.so: the host sorts, the guest
 * compares. Without the hostlink plugin the magic syscall answers ENOSYS
 * and the sort runs here, in the guest.
 */
#include <errno.h>
#include <stdlib.h>
#include "hostlink/guest.h"
#include "demo-callback-qsort.h"

int callback_qsort(void *base, size_t nmemb, size_t size,
                   int (*cmp)(const void *, const void *))
{
    long r = hostlink_call(HOSTLINK_OP_START, (long)base, (long)nmemb, (long)size,
                           (long)cmp, (long)hostlink_resume_trampoline);
    if (r == -ENOSYS) {
        qsort(base, nmemb, size, cmp);
        return 0;
    }
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return 0;
}
