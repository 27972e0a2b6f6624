/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Statistics of host work, per process: how often each passed-through
 * function ran on the host and for how long, and what became of each
 * library the guest opened (run on the host, or left emulated and why).
 *
 * They are written when the process exits and before an exec replaces it
 * (then counting starts again), never by a fork child for its parent's
 * work: counters start at zero in a child. Two destinations:
 *
 * stats=on        a table on stderr, lines starting "hostlink stats:"
 * statsfile=PATH  records appended to PATH, one write per process so that
 *                 concurrent processes do not interleave. Tab-separated:
 *
 *   proc  PID  PPID  ARCH
 *   lib   PID  ARCH  LIB  host
 *   lib   PID  ARCH  LIB  emulated  REASON
 *   fn    PID  ARCH  LIB  FUNCTION  CALLS  HOST_NS
 *
 * A lib record is written by the process that opened the library, an fn
 * record for every function that ran on the host at least once.
 */
#ifndef HOSTLINK_STATS_H
#define HOSTLINK_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include "libs/libs.h"

/*
 * Turns statistics on (either destination may be NULL/false); @arch is the
 * guest's. A relative @file is taken from the current directory now.
 */
void stats_init(uint64_t plugin_id, bool to_stderr, const char *file, const char *arch);

/* Whether calls are being counted. */
bool stats_on(void);

/* @lib is left emulated in this process for @reason (a static string). */
void stats_lib_emulated(struct hostlink_lib *lib, const char *reason);

/* @lib was opened on the host by this process. */
void stats_lib_opened(struct hostlink_lib *lib);

/* The process is about to exec: write what it did and start again. */
void stats_flush(void);

#endif
