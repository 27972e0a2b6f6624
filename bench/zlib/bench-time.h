/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Wall-clock seconds for the benchmark programs (monotonic, so NTP cannot skew it). */
#ifndef BENCH_TIME_H
#define BENCH_TIME_H

#include <time.h>

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#endif
