// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>
#include "abi/abi.h"
#include "guest-arches.h"

/* Every guest of mk/guest-arch.mk has its file plugin/abi/NAME.c. */
#define ABI_ENTRY(name, machine, sysroot) &guest_abi_##name,
static const struct guest_abi *const known[] = { HOSTLINK_GUEST_ARCHES(ABI_ENTRY) };

const struct guest_abi *guest_abi_find(const char *target_name)
{
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        if (strcmp(known[i]->name, target_name) == 0) {
            return known[i];
        }
    }
    return NULL;
}
