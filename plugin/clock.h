/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one clock the plugin measures with (vDSO: no kernel call). */
#ifndef HOSTLINK_CLOCK_H
#define HOSTLINK_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

#endif
