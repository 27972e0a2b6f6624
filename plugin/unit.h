/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Units: libraries that share objects pass through together or not at all.
 * An SSL_CTX of the host's libssl holds the host libcrypto's EVP_PKEYs and
 * X509s, and a program hands libssl what libcrypto made: with one of them
 * emulated, host and guest objects would meet. A description names the
 * others of its unit (`unit libcrypto`, gen/desc.h); whatever leaves one
 * member emulated (lib= options, HOSTLINK_EMULATE, a profile, the
 * version-skew rule, a failed open) leaves every member emulated, each with
 * one line saying which and why. Those the user chose are settled before
 * the guest opens anything, so no thunk of the unit loads: the genuine
 * libraries bind to each other (a genuine libssl bound to a libcrypto
 * thunk would miss the functions the thunk leaves out).
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

/*
 * After the options, HOSTLINK_EMULATE and the profile: a library with a
 * partner not enabled is not enabled, with a line naming the partner.
 */
void unit_settle(void);

#endif
