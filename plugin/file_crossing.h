/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * FILE * crossing: a guest FILE * handed to a host library becomes a host
 * stream whose reads, writes, seeks and close are the guest's own stdio
 * calls on that FILE (guest/runtime/file.c), made through the callback
 * bridge. See file_crossing.c for how the two sides stay one stream.
 */
#ifndef HOSTLINK_FILE_CROSSING_H
#define HOSTLINK_FILE_CROSSING_H

#include <stdint.h>
#include <stdio.h>

/*
 * The host stream standing for guest FILE * @guest (NULL for NULL, and
 * when no stream can be made, with one log line). One per guest FILE *,
 * kept until the host library fcloses it, which fcloses the guest's.
 * A slot with HOSTLINK_HOST_FILE is a host FILE * the guest got from a
 * host library (host_file.h): that very FILE, or NULL if it is not open.
 */
FILE *hl_file_stream(uint64_t guest);

/* The guest FILE * whose host stream @host is, or 0 if it is none. */
uint64_t file_crossing_guest_of(FILE *host);

/*
 * @p as the guest sees it: the guest's FILE * if @p is a host stream made
 * for one (a library handing back, as a void *, a FILE * it was given:
 * libpng's png_get_io_ptr after png_init_io), else @p itself.
 */
uint64_t hl_file_guest_of(const void *p);

/*
 * At the end of every host call, on its coroutine: what the host stream
 * holds back of the guest FILEs this thread's call read from (bytes the
 * host library pushed back with ungetc) goes back to the guest FILE, and
 * the host stream's EOF and error flags are cleared. Then the host FILEs
 * the guest holds are settled (host_file_settle()).
 */
void file_crossing_settle(void);

#endif
