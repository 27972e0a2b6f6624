// SPDX-License-Identifier: GPL-2.0-or-later
#include <stddef.h>
#include <string.h>
#include "libs/libs.h"

/* The table itself, hostlink_libs[], is generated: build/gen/libs-table.c. */

struct hostlink_lib *hostlink_lib_find(const char *name)
{
    for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
        if (strcmp((*l)->name, name) == 0) {
            return *l;
        }
    }
    return NULL;
}
