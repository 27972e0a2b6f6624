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
 *   sys   PID  ARCH  SYSCALL  COUNT
 *   policy  PID  ARCH  LIB  FUNCTION  host|guest  JUDGED  GIVEN_UP  TO_GUEST  BACK  REASON
 *   policy  PID  ARCH  LIB  *  callback-bound  REASON
 *
 * policy records (plugin/policy.h): where the call policy left a function
 * it judged, how many calls it judged and gave up mid-way, how often it
 * switched to the guest library and back, and why it last switched; the
 * second kind says the library was callback-bound, so the program's profile
 * emulates it next run. The table has the same as "hostlink stats: policy".
 *
 * A lib record is written by the process that opened the library, an fn
 * record for every function that ran on the host at least once, a sys record
 * for every buffer syscall the plugin performed on the host because it used
 * host library memory (plugin/hostmem.h; "syscall" lines in the table).
 *
 * `hostlink run` sums the records of a whole process tree once its program
 * exits and appends tree/treelib/treefn/treesys records (cli/stats_tree.c).
 */
#ifndef HOSTLINK_STATS_H
#define HOSTLINK_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include "libs/libs.h"

/*
 * Turns statistics on (either destination may be NULL/false); @arch is the
 * guest's. A relative @file is taken from the current directory now.
 * The plugin's exit callback calls stats_flush().
 */
void stats_init(bool to_stderr, const char *file, const char *arch);

/* Whether calls are being counted. */
bool stats_on(void);

/* @lib is left emulated in this process for @reason (a static string). */
void stats_lib_emulated(struct hostlink_lib *lib, const char *reason);

/* @lib was opened on the host by this process. */
void stats_lib_opened(struct hostlink_lib *lib);

/* At exit, and when the process is about to exec: write what it did and start again. */
void stats_flush(void);

#endif
