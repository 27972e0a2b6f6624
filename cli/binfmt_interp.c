// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hostlink-binfmt: the interpreter `hostlink binfmt install` registers
 * (binfmt.c). With the P flag the kernel runs it as
 *   hostlink-binfmt PROGRAM ARGV0 ARGS...
 * PROGRAM being the path the program was executed by; it runs PROGRAM as
 * `hostlink run` would, with every library, its architecture from the ELF
 * header and argv[0] kept. Options come from the environment (there is no
 * command line to give them): HOSTLINK_STATS=FILE is --stats=FILE, and
 * QEMU_LD_PREFIX, HOSTLINK_PROFILE and HOSTLINK_POLICY as for `run`.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

int main(int argc, char **argv)
{
    struct run_opts o = { 0 };
    const char *stats = getenv("HOSTLINK_STATS"), *profile = getenv("HOSTLINK_PROFILE");
    const char *policy = getenv("HOSTLINK_POLICY");

    if (argc < 3) {
        die(EXIT_HOSTLINK, "hostlink-binfmt is run by the kernel's binfmt_misc (flag P) as "
            "hostlink-binfmt PROGRAM ARGV0 [ARGS...]; see hostlink binfmt");
    }
    o.no_policy = policy && strcmp(policy, "off") == 0;
    if (stats && *stats) {
        o.stats_file = stats;
    }
    if (!o.no_policy && !(profile && strcmp(profile, "off") == 0)) {
        o.profile = profile_of(argv[1]);
    }
    run_program(&o, argv[1], argv[2], argv + 3, argc - 3);
}
