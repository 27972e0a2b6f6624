/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Host FILE *s that host libraries return to the guest (an fopen-like
 * function). The guest gets the host FILE's address with
 * HOSTLINK_HOST_FILE set, and its thunk runtime makes an unbuffered guest
 * stream over it (guest/runtime/host_file.c) whose reads, writes, seeks
 * and close are host stdio calls on the host FILE (HOSTLINK_OP_FILE).
 * With no buffer on the guest's side, the host FILE is the one stream:
 * the library's uses and the guest's come in the order they happen.
 */
#ifndef HOSTLINK_HOST_FILE_H
#define HOSTLINK_HOST_FILE_H

#include <stdint.h>
#include <stdio.h>

/*
 * The result slot for FILE * @host a host function returned: 0 for NULL,
 * the guest's FILE * for the host stream of a guest FILE (file_crossing.h),
 * else @host, now handed out, | HOSTLINK_HOST_FILE.
 */
uint64_t hl_from_file(FILE *host);

/* The handed-out host FILE behind slot @v (HOSTLINK_HOST_FILE set), or NULL. */
FILE *host_file_lookup(uint64_t v);

/*
 * At the end of every host call: output the library left in the buffer of
 * a host FILE the guest holds is written out, so the guest's fflush,
 * which reaches nothing, finds it done (what it wrote was flushed at once).
 */
void host_file_settle(void);

/* HOSTLINK_OP_FILE (include/hostlink/protocol.h). */
int64_t host_file_op(const uint64_t *args);

#endif
