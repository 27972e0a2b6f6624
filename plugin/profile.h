/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A program's call-policy profile (profile=FILE, which `hostlink run`
 * keys by the program's build id): the libraries that were callback-bound
 * in an earlier run, whose state lives on one side, start emulated. Text,
 * one line per library:
 *
 *   emulate NAME REASON
 *
 * At exit the run's verdicts (policy_lib_callback_bound) are added; a
 * library the profile emulated keeps its line (it was not measured again).
 * Delete the file, or run with --no-profile, to measure afresh.
 */
#ifndef HOSTLINK_PROFILE_H
#define HOSTLINK_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Before any library is opened: reads @path (a missing file is an empty
 * profile; lines it does not understand are ignored) and leaves the
 * libraries it names emulated, with one log line each.
 */
void profile_init(const char *path);

/*
 * At exit and before an exec: writes the updated profile (when it
 * changed); nothing without one. Statistics have the verdicts too.
 */
void profile_exit(void);

#endif
