/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Child programs stay under hostlink: a guest execve/execveat of a program
 * of this guest's architecture (an ELF file, or a "#!" script whose
 * interpreter is one) becomes a host execve of this same QEMU with the
 * same -L and plugin options, so the new program runs as the kernel would
 * have run it (same process, fds, argv, argv[0], envp) but emulated, with
 * its libraries passed through. A host (x86_64) program from another
 * guest runs natively. Paths are looked up as QEMU looks them up: an
 * absolute path in the sysroot first, else on the host.
 */
#ifndef HOSTLINK_EXEC_H
#define HOSTLINK_EXEC_H

#include <stdbool.h>
#include <stdint.h>
#include "abi/abi.h"

/*
 * @argc/@argv: the plugin's own options, passed on to children as they
 * are (relative paths made absolute) but for exe=FILE, the guest program's
 * own file, which each child gets anew; @sysroot: QEMU's -L, or NULL.
 */
void exec_init(const struct guest_abi *abi, int argc, char **argv, const char *sysroot);

/*
 * For execve (@num == abi->nr_execve: a1 path, a2 argv, a3 envp) and
 * execveat (a1 dirfd, a2 path, a3 argv, a4 envp, a5 flags). Returns false
 * to leave the syscall to QEMU (a program hostlink does not run, or no
 * such file); true with *sysret = -errno when the exec failed. A
 * successful exec does not return.
 */
bool exec_filter(int64_t num, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
                 uint64_t *sysret);

#endif
