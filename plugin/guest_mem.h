/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Checked access to the memory of the guest making the current syscall:
 * an unmapped address yields false, never a host fault.
 */
#ifndef HOSTLINK_GUEST_MEM_H
#define HOSTLINK_GUEST_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Whether host code may read (and write, if @write) every byte of
 * [addr, addr + len) through a direct pointer without faulting. Needs
 * guest_mem_shared(). Asks the kernel (QEMU's own accessors below ignore
 * page protection, as a debugger does); answers are cached per page until
 * the guest next changes its mappings (guest_mem_changed()).
 *
 * Data in a page QEMU write-protected because it translated code from it
 * is reported not writable.
 */
bool guest_mem_ok(uint64_t addr, uint64_t len, bool write);

/*
 * Whether QEMU's own view of guest memory maps every page of
 * [addr, addr + len) (whatever the protection): QEMU's syscalls accept
 * buffers there, protection permitting, and refuse all other memory, such
 * as what host libraries allocated. Answers are cached per thread as
 * ranges until guest_mem_changed(), so a buffer used again costs a few
 * compares.
 */
bool guest_mem_known(uint64_t addr, uint64_t len);

/*
 * Copies [addr, addr + len) of this process's memory, known to QEMU or
 * not (a host library's), without faulting: false if any of it is not
 * readable.
 */
bool guest_mem_read_any(uint64_t addr, void *dst, size_t len);

/* The guest is changing its mappings: forget what guest_mem_ok() and guest_mem_known() learnt. */
void guest_mem_changed(void);

bool guest_mem_read(uint64_t addr, void *dst, size_t len);

/* Reads a NUL-terminated string; false if unreadable or longer than cap - 1. */
bool guest_mem_read_string(uint64_t addr, char *dst, size_t cap);

/*
 * Whether guest address == host address (QEMU's guest_base is 0), so host
 * code can use guest pointers directly. @probe must be a readable guest
 * address (the stack pointer will do). Decided once per process.
 */
bool guest_mem_shared(uint64_t probe);

#endif
