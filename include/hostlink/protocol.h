/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The magic-syscall protocol between guest thunks and the hostlink plugin.
 * Shared by guest code (any guest compiler) and the plugin: plain C, no
 * types whose layout differs between architectures.
 *
 * A guest issues syscall(HOSTLINK_SYSCALL, op, a1, ..., a5). Without the
 * plugin, QEMU (or a real kernel) answers -ENOSYS, which the guest runtime
 * takes to mean "no hostlink here".
 */
#ifndef HOSTLINK_PROTOCOL_H
#define HOSTLINK_PROTOCOL_H

/* Reserved syscall number: far above every real syscall on our guests. */
#define HOSTLINK_SYSCALL 4096

/* Operations, the first syscall argument (#defines: assembly includes this). */

/*
 * Run host qsort over guest memory with a guest comparator:
 * (base, nmemb, size, cmp, return_trampoline) -> 0 or -errno.
 * While it runs, each comparison enters cmp(a, b) in the guest with
 * return_trampoline as return address.
 */
#define HOSTLINK_OP_START 1

/*
 * Issued by the return trampoline when a guest callback returns:
 * (callback_result). Does not return to its caller: the guest continues
 * in the next callback or back at the START call that is now complete.
 * -EINVAL when no host call is waiting for a callback.
 */
#define HOSTLINK_OP_RESUME 2

/* () -> 0 when hostlink is active for this process (for `hostlink doctor`). */
#define HOSTLINK_OP_STATUS 3

#endif
