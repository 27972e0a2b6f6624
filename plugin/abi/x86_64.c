// SPDX-License-Identifier: GPL-2.0-or-later
/* x86_64 System V: https://gitlab.com/x86-psABIs/x86-64-ABI */
#include <stddef.h>
#include "abi/abi.h"

const struct guest_abi guest_abi_x86_64 = {
    .name = "x86_64",
    .sp = "rsp",
    .pc = "rip",
    .ret = "rax",
    .link = NULL,                   /* call pushes the return address */
    .arg0 = "rdi",
    .red_zone = 128,
    .stack_align = 16,
    .nr_open = 2,
    .nr_openat = 257,
    .nr_openat2 = 437,
    .nr_execve = 59,
    .nr_execveat = 322,
    /* mmap, mprotect, munmap, brk, mremap, shmdt, pkey_mprotect */
    .nr_map_changes = { 9, 10, 11, 12, 25, 67, 329 },
};
