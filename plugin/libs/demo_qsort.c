// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host side of libdemo-callback-qsort: callback_qsort(base, nmemb, size,
 * cmp) runs the host's qsort over the guest's array; every comparison
 * calls the guest comparator through the bridge.
 */
#include <errno.h>
#include <stdlib.h>
#include "bridge.h"
#include "guest_mem.h"
#include "libs/libs.h"

struct hostlink_lib demo_qsort_lib = {
    .name = "demo-callback-qsort",
    .soname = "libdemo-callback-qsort.so",
    .thunk = "libdemo-callback-qsort-thunk.so",
};

enum { BASE, NMEMB, SIZE, CMP, TRAMPOLINE };

static int guest_compare(const void *a, const void *b)
{
    uint64_t pair[2] = { (uintptr_t)a, (uintptr_t)b };
    uint64_t r = 0;

    bridge_call_guest(bridge_args()[CMP], 2, pair, &r);
    return (int)r;              /* the guest returned an int in a 64-bit register */
}

static int64_t run_qsort(const uint64_t *args)
{
    qsort((void *)(uintptr_t)args[BASE], args[NMEMB], args[SIZE], guest_compare);
    return 0;
}

int64_t demo_qsort_start(const uint64_t *args)
{
    uint64_t nmemb = args[NMEMB], size = args[SIZE];

    if (size == 0 || nmemb > (1ull << 40) / size) {
        return -EINVAL;
    }
    if (args[CMP] == 0 || args[TRAMPOLINE] == 0 ||
        (nmemb > 0 && !guest_mem_ok(args[BASE], nmemb * size, true))) {
        return -EFAULT;
    }
    const struct bridge_guest guest = { .trampoline = args[TRAMPOLINE] };
    return bridge_start("qsort", run_qsort, args, TRAMPOLINE, &guest);
}
