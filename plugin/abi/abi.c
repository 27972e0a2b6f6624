// SPDX-License-Identifier: GPL-2.0-or-later
#include <string.h>
#include "abi/abi.h"

static const struct guest_abi *const known[] = {
    &guest_abi_x86_64,
    &guest_abi_aarch64,
    &guest_abi_riscv64,
};

const struct guest_abi *guest_abi_find(const char *target_name)
{
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        if (strcmp(known[i]->name, target_name) == 0) {
            return known[i];
        }
    }
    return NULL;
}
