/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One-line messages to QEMU's log (shown with -d plugin, or -D file). */
#ifndef HOSTLINK_LOG_H
#define HOSTLINK_LOG_H

#include <stdbool.h>

void hl_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Like hl_log, but only the first time for this @once flag. */
void hl_log_once(bool *once, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
