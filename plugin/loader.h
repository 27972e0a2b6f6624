/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Loader redirection: when the guest opens a library hostlink passes
 * through (by soname), it gets the guest thunk library instead, found in
 * the same directory as the path it asked for, or else in the thunk
 * directory given to the plugin.
 */
#ifndef HOSTLINK_LOADER_H
#define HOSTLINK_LOADER_H

#include <stdbool.h>
#include <stdint.h>
#include "abi/abi.h"
#include "libs/libs.h"

void loader_init(const struct guest_abi *abi, const char *thunk_dir);

/*
 * Syscall filter part: true if @num is an open of a passed-through library
 * and the thunk was opened instead (*sysret: fd or -errno).
 */
bool loader_filter(int64_t num, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                   uint64_t *sysret);

/*
 * The calling guest thread's next open of @lib's soname is left alone:
 * a thunk opens the genuine library for calls the call policy leaves to it.
 */
void loader_let_through(const struct hostlink_lib *lib);

#endif
