/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Guest syscalls on memory only the host knows. QEMU checks a syscall's
 * buffers against its own page table, which knows nothing of what host
 * libraries allocated (their data, their heap, the buffers they return):
 * write(1, zlibVersion(), 6) would fail with EFAULT. For the syscalls that
 * move data through buffers (enum buffer_syscall), the filter looks at the
 * buffers; when one is memory QEMU does not know and all are accessible to
 * the host, it performs the syscall itself on the host (guest file
 * descriptors are host file descriptors) and returns its result.
 */
#ifndef HOSTLINK_HOSTMEM_H
#define HOSTLINK_HOSTMEM_H

#include <stdbool.h>
#include <stdint.h>
#include "abi/abi.h"

/*
 * Turns the filter on for guests of @abi. Only worth it when host
 * libraries can hand memory to the guest: with no library enabled, guest
 * syscalls stay exactly as under plain emulation.
 */
void hostmem_init(const struct guest_abi *abi);

/*
 * From the syscall filter: true if syscall @num with arguments @a was
 * performed on the host, its result (-errno on failure) in *@sysret; false
 * to leave it to QEMU (every buffer known to QEMU, or a buffer nobody can
 * access, which QEMU answers with EFAULT as natively).
 */
bool hostmem_filter(int64_t num, const uint64_t a[6], uint64_t *sysret);

/* How many syscalls of kind @k this process performed on the host; *@name is the syscall's. */
uint64_t hostmem_done_on_host(enum buffer_syscall k, const char **name);

/* Starts the counts again (a fork child, an exec). */
void hostmem_zero_counts(void);

#endif
