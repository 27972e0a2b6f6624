/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The call policy: keeps callback-bound work emulated. A host call that
 * makes guest callbacks is callback-bound when its host time per callback
 * (time between callbacks, the bridge's own share of 60-90 ns included,
 * segments over 20 µs left out as preempted unless they are most of them)
 * is below 2/5 of a round trip (the quickest callback seen, about 250 ns):
 * emulated, the host work would cost about 3.5 times as much (policy.c),
 * still less than the round trips saved. Erring towards emulation is safe:
 * the guest library is never slower than plain emulation.
 *
 * Stateless functions (gen/desc.h) switch to the genuine guest library as
 * soon as one call is judged callback-bound (at its 64th, 128th or 256th
 * callback, when the call is given up and rerun by the guest, or when it
 * finishes): the plugin writes the thunk's guest_turns counter, so the
 * next calls run in the guest without a syscall. When the turns run out,
 * one call tries the host again; still callback-bound, the turns double
 * (up to 65536); when two such calls in a row are clearly not (host time
 * per callback above 4/5 of a round trip, twice the bar), the function is
 * back on the host. Only the first 256 callbacks of a call are timed.
 *
 * Other functions keep state on the host side, so a library can only be
 * emulated from the start of a run: the verdict over a run's calls goes
 * into the program's profile (profile.h).
 */
#ifndef HOSTLINK_POLICY_H
#define HOSTLINK_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <glib.h>
#include "bridge.h"
#include "libs/libs.h"

struct policy_lib;

/*
 * The policy of library @lib, whose thunk's guest_turns table is at guest
 * address @turns (checked writable, @lib->n_fns entries; 0 when the thunk
 * has none: nothing switches).
 */
struct policy_lib *policy_lib_new(const struct hostlink_lib *lib, uint64_t turns);
void policy_lib_free(struct policy_lib *p);

/*
 * Whether to watch this call of @fn (its callbacks cost two clock reads
 * each): the first 16 calls of each function, every 16th after them, and
 * every call of a function the policy sent to the guest (its probes).
 */
bool policy_watches(struct policy_lib *p, unsigned fn);

/* A bridge watch (bridge_watch_fn) of a call of @lib's function @fn. */
bool policy_watch(struct policy_lib *p, unsigned fn, const struct bridge_cost *cost, bool done);

/*
 * Whether the calls of @lib's functions that are not stateless were
 * callback-bound over the run so far; if so, the reason in @why.
 */
bool policy_lib_callback_bound(struct policy_lib *p, char *why, size_t len);

/*
 * For the statistics (plugin/stats.h): what the policy decided for each
 * function it judged, and whether the library was callback-bound (so a
 * profile emulates it next run): lines of the stderr table, and records.
 */
void policy_table(GString *out, struct policy_lib *p);
void policy_records(GString *out, int pid, const char *arch, struct policy_lib *p);

#endif
