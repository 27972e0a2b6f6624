// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Exec calls with bad arguments, for tests/exec/exec.sh: each must fail
 * with the errno Linux gives, and the process lives on. Then an execveat
 * of an open file (fexecve), which must run the program.
 *
 *   exec-guest PROG   PROG: a program to fexecve at the end ("-" for none)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void report(const char *what, long r)
{
    printf("%s: %s\n", what, r == 0 ? "returned 0" : strerrorname_np(errno));
    fflush(stdout);
}

int main(int argc, char **argv)
{
    char *envp[] = { "A=1", NULL };
    char *sh_argv[] = { "sh", "-c", "exit 0", NULL };
    char *bad_string[] = { "sh", (char *)16, NULL };
    size_t big = 200 * 1024;
    char *long_arg = malloc(big + 1);
    char *long_argv[] = { "sh", long_arg, NULL };

    memset(long_arg, 'x', big);
    long_arg[big] = '\0';
    report("unreadable path", syscall(SYS_execve, (char *)16, sh_argv, envp));
    report("unreadable argv", syscall(SYS_execve, "/bin/sh", (char **)16, envp));
    report("unreadable argv string", syscall(SYS_execve, "/bin/sh", bad_string, envp));
    report("unreadable envp", syscall(SYS_execve, "/bin/sh", sh_argv, (char **)16));
    report("argument longer than the kernel takes", syscall(SYS_execve, "/bin/sh", long_argv, envp));
    report("missing file", syscall(SYS_execve, "/nonexistent/prog", sh_argv, envp));
    report("a directory", syscall(SYS_execve, "/", sh_argv, envp));
    if (argc > 1 && strcmp(argv[1], "-") != 0) {
        char *prog_argv[] = { "fexecve'd", "-c", "echo \"fexecve: $0 $A\"", NULL };
        int fd = open(argv[1], O_RDONLY | O_CLOEXEC);  /* gone after the exec, as usual */
        report("fexecve", syscall(SYS_execveat, fd, "", prog_argv, envp, AT_EMPTY_PATH));
    }
    return 0;
}
