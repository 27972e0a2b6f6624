// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cli-exit N [ARGS...]: prints ARGS one per line, then exits with status N.
 * Lets tests/cli/cli.sh see that `hostlink run` passes arguments in and the
 * exit status out.
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    for (int i = 2; i < argc; i++) {
        puts(argv[i]);
    }
    return argc > 1 ? atoi(argv[1]) : 0;
}
