// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Statistics per process: the parent calls crc32 once, forks a child that
 * calls crc32 twice and exits, and one that calls it three times and then
 * execs the program again as "exec-image", which calls adler32 once. Each
 * process's records must hold its own calls only.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

static void crc_times(int n)
{
    for (int i = 0; i < n; i++) {
        crc32(0, (const Bytef *)"x", 1);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "exec-image") == 0) {
        adler32(1, (const Bytef *)"x", 1);
        printf("exec-image %d\n", (int)getpid());
        return 0;
    }
    crc_times(1);
    pid_t a = fork();
    if (a == 0) {
        crc_times(2);
        printf("child %d\n", (int)getpid());
        fflush(stdout);
        _exit(0);
    }
    waitpid(a, NULL, 0);
    pid_t b = fork();
    if (b == 0) {
        crc_times(3);
        printf("exec-child %d\n", (int)getpid());
        fflush(stdout);
        execl("/proc/self/exe", argv[0], "exec-image", (char *)NULL);
        _exit(127);
    }
    waitpid(b, NULL, 0);
    printf("parent %d\n", (int)getpid());
    return 0;
}
