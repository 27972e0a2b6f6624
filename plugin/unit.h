/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Units: libraries that share objects pass through together or not at all.
 * An SSL_CTX of the host's libssl holds the host libcrypto's EVP_PKEYs and
 * X509s, and a program hands libssl what libcrypto made: with one of them
 * emulated, host and guest objects would meet. A description names the
 * others of its unit (`unit libcrypto`, gen/desc.h); whatever leaves one
 * member emulated (lib= options, a profile, the version-skew rule, a
 * failed open, HOSTLINK_EMULATE, which the thunks apply to the whole unit)
 * leaves every member emulated, each with one line saying which and why.
 */
#ifndef HOSTLINK_UNIT_H
#define HOSTLINK_UNIT_H

#include <stdbool.h>
#include "libs/libs.h"

/* Calls @fn for each other library of @lib's unit. */
void unit_each_partner(struct hostlink_lib *lib, void (*fn)(struct hostlink_lib *partner, void *ctx),
                       void *ctx);

/*
 * @lib is left emulated: every enabled partner is too, with a reason naming
 * @lib. A partner a thunk already opened cannot be taken back: logged.
 */
void unit_emulate_partners(struct hostlink_lib *lib);

/* After the options and the profile: a library with a partner not enabled is not enabled. */
void unit_settle(void);

#endif
