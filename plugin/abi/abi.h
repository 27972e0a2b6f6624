/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the plugin needs to know about a guest architecture: its stack
 * pointer's name and the numbers of the syscalls it watches. One file per
 * architecture.
 */
#ifndef HOSTLINK_ABI_H
#define HOSTLINK_ABI_H

#include <stdint.h>

/*
 * Syscalls that move data between a file descriptor and buffers in memory
 * (plugin/hostmem.c performs them on the host when a buffer is memory only
 * the host knows). Numbers per architecture in struct guest_abi.
 */
enum buffer_syscall {
    BSYS_READ, BSYS_WRITE, BSYS_PREAD64, BSYS_PWRITE64, BSYS_READV, BSYS_WRITEV,
    BSYS_PREADV, BSYS_PWRITEV, BSYS_PREADV2, BSYS_PWRITEV2,
    BSYS_SENDTO, BSYS_RECVFROM, BSYS_SENDMSG, BSYS_RECVMSG,
    BSYS_COUNT
};

struct guest_abi {
    const char *name;               /* QEMU's target_name */
    const char *sp;                 /* stack pointer's name as QEMU's gdbstub spells it */
    int64_t nr_open, nr_openat, nr_openat2;   /* -1: no such syscall */
    int64_t nr_execve, nr_execveat;
    /* Syscalls that change what is mapped, and how; 0-terminated. */
    int64_t nr_map_changes[8];
    int64_t nr_buffer_io[BSYS_COUNT];   /* by enum buffer_syscall */
};

/*
 * Syscall numbers of the asm-generic table, shared by aarch64, riscv64 and
 * most newer architectures: openat only; execve, execveat; mmap, mprotect, munmap, brk,
 * mremap, shmdt, pkey_mprotect; the buffer syscalls.
 */
#define ABI_GENERIC_SYSCALLS                                        \
    .nr_open = -1, .nr_openat = 56, .nr_openat2 = 437,             \
    .nr_execve = 221, .nr_execveat = 281,                           \
    .nr_map_changes = { 222, 226, 215, 214, 216, 197, 288 },       \
    .nr_buffer_io = {                                               \
        [BSYS_READ] = 63, [BSYS_WRITE] = 64, [BSYS_PREAD64] = 67,   \
        [BSYS_PWRITE64] = 68, [BSYS_READV] = 65, [BSYS_WRITEV] = 66, \
        [BSYS_PREADV] = 69, [BSYS_PWRITEV] = 70, [BSYS_PREADV2] = 286, \
        [BSYS_PWRITEV2] = 287, [BSYS_SENDTO] = 206, [BSYS_RECVFROM] = 207, \
        [BSYS_SENDMSG] = 211, [BSYS_RECVMSG] = 212,                 \
    }

/* The ABI of QEMU target @target_name, or NULL if hostlink lacks it. */
const struct guest_abi *guest_abi_find(const char *target_name);

/* guest_abi_NAME, defined in abi/NAME.c for each guest of mk/guest-arch.mk. */
#include "guest-arches.h"
#define ABI_DECLARE(name, machine, sysroot) extern const struct guest_abi guest_abi_##name;
HOSTLINK_GUEST_ARCHES(ABI_DECLARE)
#undef ABI_DECLARE

#endif
