// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Stand-ins for the QEMU plugin API, so plugin pieces can be unit-tested
 * as ordinary host programs: guest memory is this process's memory
 * (guest_base 0), and log lines are kept for the test to look at.
 */
#include <glib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>
#include <qemu-plugin.h>
#include "qemu_stubs.h"

GString *stub_log;

void qemu_plugin_outs(const char *string)
{
    if (!stub_log) {
        stub_log = g_string_new(NULL);
    }
    g_string_append(stub_log, string);
}

/* Like QEMU's: fails on unmapped memory, never faults. */
bool qemu_plugin_read_memory_vaddr(uint64_t addr, GByteArray *data, size_t len)
{
    g_byte_array_set_size(data, len);
    struct iovec local = { data->data, len }, remote = { (void *)(uintptr_t)addr, len };
    return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)len;
}

bool qemu_plugin_write_memory_vaddr(uint64_t addr, GByteArray *data)
{
    struct iovec local = { data->data, data->len }, remote = { (void *)(uintptr_t)addr, data->len };
    return process_vm_writev(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)data->len;
}

/* No vCPU here: no registers. */
GArray *qemu_plugin_get_registers(void)
{
    return g_array_new(false, false, sizeof(qemu_plugin_reg_descriptor));
}

int qemu_plugin_read_register(struct qemu_plugin_register *handle, GByteArray *buf)
{
    (void)handle; (void)buf;
    return -1;
}

bool qemu_plugin_bool_parse(const char *name, const char *val, bool *ret)
{
    (void)name;
    if (strcmp(val, "on") == 0 || strcmp(val, "true") == 0) {
        *ret = true;
        return true;
    }
    if (strcmp(val, "off") == 0 || strcmp(val, "false") == 0) {
        *ret = false;
        return true;
    }
    return false;
}
