/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The version-skew rule: a guest program gets a library's thunk only if
 * the thunk provides everything the program takes from that library.
 *
 * The guest's genuine library may be newer than the host's (the riscv64
 * sysroot's liblzma 5.8 against the host's 5.4) or export functions the
 * thunk leaves out (a description's "exclude"). Before the loader is
 * handed the thunk for a soname, every object of the program that needs
 * that soname (the main program and its DT_NEEDED closure, found as the
 * guest's loader would) is read: each symbol it takes with a version
 * required from that soname must be a thunk function of that name and
 * version, and each unversioned symbol it takes that the genuine library
 * exports must be a thunk function. Otherwise the library stays emulated
 * for this program, with one log line and a stats record naming the first
 * missing symbol. The whole library, not single functions: the thunk's
 * functions and the genuine library's would not share state (streams,
 * contexts), so mixing them is never safe for these libraries. A
 * function a description aliases (gen/alias.h: a newer release's name for
 * an old function, which the host runs) is a thunk function like the others:
 * a program taking it is provided for, and nothing is mixed.
 *
 * A library whose behaviour has a version beyond its symbols (SQLite's SQL
 * language: the description's version-data key) also stays emulated when
 * the genuine library's version string is newer than the host's.
 *
 * Objects dlopen()ed after the library was loaded are not seen.
 */
#ifndef HOSTLINK_SKEW_H
#define HOSTLINK_SKEW_H

#include <stdbool.h>
#include "abi/abi.h"
#include "libs/libs.h"

/* @sysroot: the directory QEMU's -L names (guest paths are looked up there first), or NULL. */
void skew_init(const struct guest_abi *abi, const char *sysroot);

/*
 * Whether the guest program may get @lib's thunk; @guest_path is the path
 * its loader opens the library by. Decided once per library and process;
 * a "no" is logged, recorded in the stats and disables @lib.
 */
bool skew_allows(struct hostlink_lib *lib, const char *guest_path);

#endif
