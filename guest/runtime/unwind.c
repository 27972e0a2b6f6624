// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The guest half of a library's longjmp (plugin/unwind.h): the host call
 * ended where the host library longjmp'd, and the guest's own longjmp now
 * jumps to the jmp_buf its setjmp filled, from the thunk function that
 * made the call, so no host frame is left behind.
 */
#include <stdio.h>
#include <stdlib.h>
#include "hostlink/thunk.h"

void hl_unwind_jump(const struct hostlink_call_block *c)
{
    void (*guest_longjmp)(void *, int) = (void (*)(void *, int))(uintptr_t)c->args[0];
    guest_longjmp((void *)(uintptr_t)c->args[1], (int)c->args[2]);
    abort();                    /* a longjmp returned: as libpng does then */
}

void hl_noreturn_returned(const char *fn)
{
    fprintf(stderr, "hostlink: %s came back from the host (errno %d); aborting\n", fn, errno);
    abort();
}
