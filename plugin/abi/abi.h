/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the plugin needs to know about a guest architecture: where
 * arguments, results, the stack and return addresses live, and the
 * numbers of the syscalls it watches. One file per architecture.
 */
#ifndef HOSTLINK_ABI_H
#define HOSTLINK_ABI_H

#include <stdint.h>

struct guest_abi {
    const char *name;               /* QEMU's target_name */
    const char *sp, *pc, *ret;      /* register names as QEMU's gdbstub spells them */
    const char *link;               /* link register, or NULL: return address on the stack */
    const char *arg0;               /* first integer argument: a callback entry's block */
    unsigned red_zone;              /* bytes below sp that belong to the interrupted code */
    unsigned stack_align;           /* sp alignment at a call */
    int64_t nr_open, nr_openat, nr_openat2;   /* -1: no such syscall */
    int64_t nr_execve, nr_execveat;
    /* Syscalls that change what is mapped, and how; 0-terminated. */
    int64_t nr_map_changes[8];
};

/*
 * Syscall numbers of the asm-generic table, shared by aarch64, riscv64 and
 * most newer architectures: openat only; execve, execveat; mmap, mprotect, munmap, brk,
 * mremap, shmdt, pkey_mprotect.
 */
#define ABI_GENERIC_SYSCALLS                                        \
    .nr_open = -1, .nr_openat = 56, .nr_openat2 = 437,             \
    .nr_execve = 221, .nr_execveat = 281,                           \
    .nr_map_changes = { 222, 226, 215, 214, 216, 197, 288 }

/* The ABI of QEMU target @target_name, or NULL if hostlink lacks it. */
const struct guest_abi *guest_abi_find(const char *target_name);

/* guest_abi_NAME, defined in abi/NAME.c for each guest of mk/guest-arch.mk. */
#include "guest-arches.h"
#define ABI_DECLARE(name, machine, sysroot) extern const struct guest_abi guest_abi_##name;
HOSTLINK_GUEST_ARCHES(ABI_DECLARE)
#undef ABI_DECLARE

#endif
