// SPDX-License-Identifier: GPL-2.0-or-later
/* The hostlink command: dispatch to run, list, doctor, sysroot and binfmt. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : NULL;

    if (!cmd || strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "-h") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "run") == 0) {
        return cmd_run(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "list") == 0) {
        return cmd_list(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "doctor") == 0) {
        return cmd_doctor(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "sysroot") == 0) {
        return cmd_sysroot(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "binfmt") == 0) {
        return cmd_binfmt(argc - 1, argv + 1);
    }
    msg("unknown command '%s'", cmd);
    usage(stderr);
    return EXIT_USAGE;
}
