// SPDX-License-Identifier: GPL-2.0-or-later
/* The help text, for `hostlink help` and `hostlink run --help`. */
#include <stdio.h>
#include "cli.h"

void usage(FILE *out)
{
    fprintf(out,
"Usage: hostlink COMMAND [OPTIONS]\n"
"\n"
"Runs Linux programs of other architectures under QEMU user-mode with the\n"
"hostlink plugin, which runs chosen shared libraries natively on the host.\n"
"\n"
"Commands:\n"
"  run [OPTIONS] [--] PROG [ARGS...]\n"
"        Run PROG under qemu-ARCH with the plugin. PROG is looked up in PATH\n"
"        when it has no slash; the first word that is not an option is PROG.\n"
"        --arch ARCH      guest architecture: %s\n"
"                         (default: read from PROG's ELF header)\n"
"        --lib NAME       pass library NAME through to the host; repeatable,\n"
"                         or NAME,NAME. Default: every library. 'none': emulate\n"
"                         everything, with the same loader set-up\n"
"        --stats          ask the plugin for statistics (plugin option stats=on)\n"
"        --sysroot DIR    the guest's root for its libraries and programs\n"
"                         (QEMU's -L; default: $QEMU_LD_PREFIX, else\n"
"                         ROOT/build/sysroot/ARCH, else /usr/ARCH-linux-gnu)\n"
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
"  QEMU_LD_PREFIX the guest's root when there is no --sysroot\n"
"\n"
"Guest libraries come from --sysroot, else $QEMU_LD_PREFIX, else\n"
"ROOT/build/sysroot/ARCH, else /usr/ARCH-linux-gnu (QEMU's -L; none for\n"
"x86_64); thunks from ROOT/build/ARCH/thunks.\n",
        arch_names());
}
