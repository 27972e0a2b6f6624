// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hostlink-probe: a guest program `hostlink doctor` runs under QEMU to see
 * whether the plugin answers. Without the plugin (or with it switched off,
 * e.g. because guest_base is not 0) the magic syscall fails with ENOSYS.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "hostlink/protocol.h"

int main(void)
{
    long r = syscall(HOSTLINK_SYSCALL, HOSTLINK_OP_STATUS);

    if (r == 0) {
        puts("hostlink: active");
        return 0;
    }
    printf("hostlink: inactive (%s)\n", strerror(errno));
    return 1;
}
