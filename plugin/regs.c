// SPDX-License-Identifier: GPL-2.0-or-later
#include <glib.h>
#include <string.h>
#include <qemu-plugin.h>
#include "regs.h"

bool regs_read_sp(const struct guest_abi *abi, uint64_t *sp)
{
    g_autoptr(GArray) regs = qemu_plugin_get_registers();
    g_autoptr(GByteArray) buf = g_byte_array_new();

    for (guint i = 0; i < regs->len; i++) {
        qemu_plugin_reg_descriptor *d = &g_array_index(regs, qemu_plugin_reg_descriptor, i);
        if (strcmp(d->name, abi->sp) == 0) {
            /* The patched 10.2 returns a byte count, 11.0 a bool: both > 0 on success. */
            if (qemu_plugin_read_register(d->handle, buf) <= 0 || buf->len != sizeof(*sp)) {
                return false;
            }
            memcpy(sp, buf->data, sizeof(*sp));    /* little-endian guest and host */
            return true;
        }
    }
    return false;
}
