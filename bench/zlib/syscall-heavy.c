/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Many cheap system calls: N getppid (argv[1], default 200000) and N/4
 * one-byte write+read round trips through a pipe. Under hostlink every one
 * of them passes the plugin's syscall filter, so this measures what the
 * plugin costs a program that passes no library through. Prints "seconds".
 */
#include "bench-time.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 200000;
    int fds[2];
    long sum = 0;
    char c = 'x';

    if (pipe(fds))
        return 1;
    double t0 = bench_now();
    for (long k = 0; k < n; k++)
        sum += syscall(SYS_getppid) > 0;  /* no libc caching in the way */
    for (long k = 0; k < n / 4; k++) {
        if (write(fds[1], &c, 1) != 1 || read(fds[0], &c, 1) != 1)
            return 1;
        sum++;
    }
    double t1 = bench_now();
    printf("syscall-heavy: %ld system calls\n", sum + n / 4);
    printf("seconds %.3f\n", t1 - t0);
    return 0;
}
