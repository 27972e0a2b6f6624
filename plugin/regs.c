// SPDX-License-Identifier: GPL-2.0-or-later
#include <glib.h>
#include <string.h>
#include <qemu-plugin.h>
#include "tls.h"
#include "log.h"
#include "regs.h"

/* Handles are register numbers: the same for every vCPU of a process. */
static struct qemu_plugin_register *handle[REG_ROLES];
static bool looked_up;
static GMutex lookup_lock;

/* Scratch buffer per thread: the API passes register values in GByteArrays. */
static HL_THREAD_LOCAL GByteArray *scratch;

static struct qemu_plugin_register *find(GArray *regs, const char *name)
{
    for (guint i = 0; i < regs->len; i++) {
        qemu_plugin_reg_descriptor *d = &g_array_index(regs, qemu_plugin_reg_descriptor, i);
        if (strcmp(d->name, name) == 0) {
            return d->handle;
        }
    }
    return NULL;
}

bool regs_init(const struct guest_abi *abi)
{
    bool ok = true;

    if (__atomic_load_n(&looked_up, __ATOMIC_ACQUIRE)) {
        return true;
    }
    g_mutex_lock(&lookup_lock);
    if (!looked_up) {
        g_autoptr(GArray) regs = qemu_plugin_get_registers();
        const char *names[REG_ROLES] = { [REG_SP] = abi->sp };
        for (int r = 0; r < REG_ROLES; r++) {
            if (names[r] && !(handle[r] = find(regs, names[r]))) {
                hl_log("QEMU does not expose register %s", names[r]);
                ok = false;
            }
        }
        __atomic_store_n(&looked_up, ok, __ATOMIC_RELEASE);
    }
    g_mutex_unlock(&lookup_lock);
    return ok;
}

static GByteArray *buffer(void)
{
    if (!scratch) {
        scratch = g_byte_array_sized_new(16);
    }
    return scratch;
}

bool regs_read(enum reg_role role, uint64_t *value)
{
    GByteArray *buf = buffer();

    if (!handle[role]) {
        return false;
    }
    g_byte_array_set_size(buf, 0);
    if (qemu_plugin_read_register(handle[role], buf) != sizeof(*value)) {
        return false;
    }
    memcpy(value, buf->data, sizeof(*value));  /* little-endian guest and host */
    return true;
}
