// SPDX-License-Identifier: GPL-2.0-or-later
/* x86_64 System V: https://gitlab.com/x86-psABIs/x86-64-ABI */
#include "abi/abi.h"

const struct guest_abi guest_abi_x86_64 = {
    .name = "x86_64",
    .sp = "rsp",
    .nr_open = 2,
    .nr_openat = 257,
    .nr_openat2 = 437,
    .nr_execve = 59,
    .nr_execveat = 322,
    /* mmap, mprotect, munmap, brk, mremap, shmdt, pkey_mprotect */
    .nr_map_changes = { 9, 10, 11, 12, 25, 67, 329 },
    .nr_buffer_io = {
        [BSYS_READ] = 0, [BSYS_WRITE] = 1, [BSYS_PREAD64] = 17, [BSYS_PWRITE64] = 18,
        [BSYS_READV] = 19, [BSYS_WRITEV] = 20, [BSYS_PREADV] = 295, [BSYS_PWRITEV] = 296,
        [BSYS_PREADV2] = 327, [BSYS_PWRITEV2] = 328, [BSYS_SENDTO] = 44, [BSYS_RECVFROM] = 45,
        [BSYS_SENDMSG] = 46, [BSYS_RECVMSG] = 47,
    },
};
