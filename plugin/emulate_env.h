/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * HOSTLINK_EMULATE=zlib,libssl (or "all"): libraries the user wants the
 * guest's own copy of. Read from QEMU's environment, which is the guest's:
 * `hostlink run`, hostlink-binfmt and the plugin's exec of a guest program
 * (plugin/exec.c) start QEMU with the guest's environment as its own (only
 * LD_* variables go through -E). Applied before the guest opens anything,
 * so the loader never hands the guest a thunk of a named library, nor
 * (through unit_settle, plugin/unit.h) of any library of its unit: the
 * genuine libraries of a unit load and bind to each other.
 */
#ifndef HOSTLINK_EMULATE_ENV_H
#define HOSTLINK_EMULATE_ENV_H

/* Leaves each enabled library HOSTLINK_EMULATE names emulated, with one log line and its stats reason. */
void emulate_env_apply(void);

#endif
