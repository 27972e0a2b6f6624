// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest half of the QEMU patch tests. Prints one line per check; the
 * test script compares the whole output with the expected text.
 *   filter-guest plugin    - run with filter-plugin.so loaded
 *   filter-guest plain     - run without any plugin
 */
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "filter-test.h"

static jmp_buf back;
static volatile long landed_with;

/*
 * Entered by qemu_plugin_set_pc() from inside the filter, with the first
 * argument register set by the plugin: not called, so never returns.
 */
#if defined(__x86_64__)
__attribute__((force_align_arg_pointer))
#endif
__attribute__((noinline, noreturn)) void landing(long v)
{
    landed_with = v;
    longjmp(back, 1);
}

/* Asks the plugin to continue at landing(v); true if it did. */
static int redirect(long v)
{
    if (setjmp(back) == 0) {
        syscall(FT_SYSCALL, FT_OP_REDIRECT, (long)landing, v);
        return 0;
    }
    return 1;
}

static void check_plain_syscalls(void)
{
    char msg[] = "write reaches the kernel\n";
    printf("getpid matches: %s\n", syscall(SYS_getpid) == getpid() ? "yes" : "no");
    fflush(stdout);
    printf("write returned %zd\n", write(1, msg, strlen(msg)));
}

int main(int argc, char **argv)
{
    int with_plugin = argc > 1 && strcmp(argv[1], "plugin") == 0;
    long r;

    check_plain_syscalls();

    errno = 0;
    r = syscall(FT_SYSCALL, FT_OP_UNKNOWN, 0);
    printf("unclaimed 4096: %ld errno=%s\n", r, errno == ENOSYS ? "ENOSYS" : strerror(errno));
    if (!with_plugin) {
        return 0;
    }

    printf("swap24: 0x%lx\n", syscall(FT_SYSCALL, FT_OP_SWAP24, 0x66CCFFL));

    errno = 0;
    r = syscall(FT_SYSCALL, FT_OP_ERRNO);
    printf("errno op: %ld errno=%s\n", r, errno == EPERM ? "EPERM" : strerror(errno));

    char buf[] = "hostlink";
    r = syscall(FT_SYSCALL, FT_OP_REVERSE, buf, strlen(buf));
    printf("reverse: sum=%ld buf=%s\n", r, buf);
    errno = 0;
    r = syscall(FT_SYSCALL, FT_OP_REVERSE, (void *)16, 8L);
    printf("reverse bad address: %ld errno=%s\n", r, errno == EFAULT ? "EFAULT" : strerror(errno));

    /* A value with all bits busy: any clobbering of the register shows. */
    const long magic = 0x5a5aa5a5c3c33c3cL;
    printf("redirect: %s\n", !redirect(magic) ? "syscall returned, not redirected" :
           landed_with == magic ? "landed with the argument intact" : "landed with a clobbered argument");
    for (long i = 0; i < 3; i++) {
        redirect(i);
        printf("redirect %ld: landed with %ld\n", i, landed_with);
    }
    return 0;
}
