// SPDX-License-Identifier: GPL-2.0-or-later
/* The hostlink command: dispatch to run, list and doctor, and the help text. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

void usage(FILE *out)
{
    fputs(
"Usage: hostlink COMMAND [OPTIONS]\n"
"\n"
"Runs Linux programs of other architectures under QEMU user-mode with the\n"
"hostlink plugin, which runs chosen shared libraries natively on the host.\n"
"\n"
"Commands:\n"
"  run [OPTIONS] [--] PROG [ARGS...]\n"
"        Run PROG under qemu-ARCH with the plugin. PROG is looked up in PATH\n"
"        when it has no slash; the first word that is not an option is PROG.\n"
"        --arch ARCH      guest architecture: x86_64, aarch64 or riscv64\n"
"                         (default: read from PROG's ELF header)\n"
"        --lib NAME       pass library NAME through to the host; repeatable,\n"
"                         or NAME,NAME. Default: every library. 'none': emulate\n"
"                         everything, with the same loader set-up\n"
"        --stats          print what ran on the host at exit (per process, on\n"
"                         stderr): calls and host time per function, libraries\n"
"                         left emulated and why\n"
"        --stats=FILE     append the same as tab-separated records to FILE\n"
"                         (proc/lib/fn lines with pids; see the README)\n"
"        --qemu-arg ARG   give ARG to QEMU before PROG; repeatable\n"
"                         (e.g. --qemu-arg -d --qemu-arg plugin for the plugin's log)\n"
"        Exit status: PROG's; 125 when hostlink fails (bad options, no plugin),\n"
"        126 when PROG is not a supported ELF program, 127 when PROG or QEMU\n"
"        is not found.\n"
"  list  Print the libraries hostlink can pass through: NAME  SONAME  DESCRIPTION\n"
"        (from ROOT/build/share/hostlink/libs.list).\n"
"  doctor\n"
"        Check each guest's QEMU (plugin API exports), the plugin, every\n"
"        library's thunk, and that hostlink is active (guest_base 0) by running\n"
"        ROOT/build/ARCH/bin/hostlink-probe. Exit status 0 when no check failed.\n"
"  help  Print this text (also: --help, -h).\n"
"\n"
"Environment:\n"
"  HOSTLINK_ROOT  project checkout to use (default: the one this binary was\n"
"                 built in, ROOT/build/bin/hostlink)\n"
"  HOSTLINK_QEMU  install prefix of a plugin-capable QEMU, used as\n"
"                 HOSTLINK_QEMU/bin/qemu-ARCH (default: ROOT/build/qemu)\n"
"\n"
"Guest libraries come from ROOT/build/sysroot/ARCH, else /usr/ARCH-linux-gnu\n"
"(QEMU's -L; none for x86_64); thunks from ROOT/build/ARCH/thunks.\n",
        out);
}

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
    msg("unknown command '%s'", cmd);
    usage(stderr);
    return EXIT_USAGE;
}
