// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Test plugin for the QEMU patches: exercises the syscall filter,
 * qemu_plugin_set_pc() and guest memory access from inside a filter.
 * The guest half is filter-guest.c; the protocol is in filter-test.h.
 */
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <qemu-plugin.h>

#include "filter-test.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

static const char *first_arg_reg;       /* rdi, x0 or a0 */
static struct qemu_plugin_register *arg_reg;   /* same for every vCPU */

static void vcpu_init(qemu_plugin_id_t id, unsigned int vcpu_index)
{
    g_autoptr(GArray) regs = qemu_plugin_get_registers();

    (void)id;
    (void)vcpu_index;
    for (guint i = 0; i < regs->len; i++) {
        qemu_plugin_reg_descriptor *d =
            &g_array_index(regs, qemu_plugin_reg_descriptor, i);
        if (strcmp(d->name, first_arg_reg) == 0) {
            arg_reg = d->handle;
        }
    }
}

static bool reverse_guest_buffer(uint64_t addr, uint64_t len, uint64_t *sum)
{
    g_autoptr(GByteArray) buf = g_byte_array_new();

    if (len == 0 || len > 4096 || !qemu_plugin_read_memory_vaddr(addr, buf, len)) {
        return false;
    }
    *sum = 0;
    for (guint i = 0; i < buf->len; i++) {
        *sum += buf->data[i];
    }
    for (guint i = 0; i < buf->len / 2; i++) {
        guint8 t = buf->data[i];
        buf->data[i] = buf->data[buf->len - 1 - i];
        buf->data[buf->len - 1 - i] = t;
    }
    return qemu_plugin_write_memory_vaddr(addr, buf);
}

static bool filter(qemu_plugin_id_t id, unsigned int vcpu_index, int64_t num,
                   uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                   uint64_t a5, uint64_t a6, uint64_t a7, uint64_t a8,
                   uint64_t *sysret)
{
    (void)id; (void)vcpu_index; (void)a4; (void)a5; (void)a6; (void)a7; (void)a8;

    if (num != FT_SYSCALL) {
        return false;
    }
    switch (a1) {
    case FT_OP_SWAP24:
        *sysret = ((a2 & 0xff) << 16) | (a2 & 0xff00) | ((a2 >> 16) & 0xff);
        return true;
    case FT_OP_ERRNO:
        *sysret = (uint64_t)-(int64_t)EPERM;
        return true;
    case FT_OP_REVERSE: {
        uint64_t sum;
        *sysret = reverse_guest_buffer(a2, a3, &sum) ? sum : (uint64_t)-(int64_t)EFAULT;
        return true;
    }
    case FT_OP_REDIRECT: {
        g_autoptr(GByteArray) v = g_byte_array_new();
        g_byte_array_append(v, (const guint8 *)&a3, sizeof(a3));  /* LE host and guests */
        if (!arg_reg || qemu_plugin_write_register(arg_reg, v) <= 0) {
            *sysret = (uint64_t)-(int64_t)EIO;
            return true;
        }
        qemu_plugin_set_pc(a2);
    }
    default:
        return false;   /* not ours: QEMU emulates it (-ENOSYS) */
    }
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
                                           const qemu_info_t *info,
                                           int argc, char **argv)
{
    (void)argc; (void)argv;
    if (strcmp(info->target_name, "x86_64") == 0) {
        first_arg_reg = "rdi";
    } else if (strcmp(info->target_name, "aarch64") == 0) {
        first_arg_reg = "x0";
    } else if (strcmp(info->target_name, "riscv64") == 0) {
        first_arg_reg = "a0";
    } else {
        fprintf(stderr, "filter-plugin: unsupported target %s\n", info->target_name);
        return -1;
    }
    qemu_plugin_register_vcpu_init_cb(id, vcpu_init);
    qemu_plugin_register_vcpu_syscall_filter_cb(id, filter);
    return 0;
}
