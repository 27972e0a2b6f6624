// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `hostlink list`: the libraries hostlink can pass through;
 * `hostlink list --functions NAME`: each function of one, passed or not and
 * why, as the generator wrote it (share/hostlink/functions/NAME, the same
 * file as build/gen/NAME.functions).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/*
 * Prints NAME's functions: "FUNCTION  host" (an alias: "...as the host's OLD"),
 * "FUNCTION  guest[: why]", "FUNCTION  left out: why".
 */
static int list_functions(const char *name)
{
    if (!*name || strchr(name, '/') || name[0] == '.') {
        msg("%s: not a library name (hostlink list names them)", name);
        return EXIT_USAGE;
    }
    char *path = xasprintf("%s/share/hostlink/functions/%s", files_dir(), name);
    FILE *f = fopen(path, "r");
    char line[4096];
    unsigned host = 0, other = 0;

    if (!f) {
        msg("%s: no such library (hostlink list names them): %s: %s", name, path, strerror(errno));
        free(path);
        return EXIT_USAGE;
    }
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        char *fn = strtok(line, "\t"), *kind = strtok(NULL, "\t"), *why = strtok(NULL, "");
        if (!fn || !kind) {
            continue;
        }
        if (strcmp(kind, "host") == 0) {
            /* An alias (gen/alias.h) says which host function it runs: "alias of OLD". */
            const char *old = why && strncmp(why, "alias of ", 9) == 0 ? why + 9 : NULL;
            printf("%-40s passed: runs on the host%s%s\n", fn, old ? " as the host's " : "", old ? old : "");
            host++;
        } else if (strcmp(kind, "left-out") == 0) {
            printf("%-40s refused: %s\n", fn, why ? why : "");
            other++;
        } else {
            printf("%-40s guest: %s\n", fn, why ? why : "written for the guest side");
            other++;
        }
    }
    fclose(f);
    printf("# %s: %u functions pass through, %u do not\n", name, host, other);
    free(path);
    return fflush(stdout) == 0 ? 0 : 1;
}

int cmd_list(int argc, char **argv)
{
    struct lib_entry *libs;
    size_t n, wname = 0, wsoname = 0;
    char *path, *error;

    if (argc == 3 && strcmp(argv[1], "--functions") == 0) {
        return list_functions(argv[2]);
    }
    if (argc > 1) {
        if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
            puts("Usage: hostlink list [--functions NAME]\n"
                 "Prints the libraries hostlink can pass through: NAME  SONAME  DESCRIPTION;\n"
                 "with --functions, each function of library NAME: passed, or refused and why.");
            return 0;
        }
        msg("list takes no arguments or --functions NAME (got '%s')", argv[1]);
        return EXIT_USAGE;
    }
    path = libs_list_path();
    if (!libs_list_read(path, &libs, &n, &error)) {
        msg("%s", error);
        free(error);
        free(path);
        return 1;
    }
    /* Columns line up so the list reads as a table. */
    for (size_t i = 0; i < n; i++) {
        size_t a = strlen(libs[i].name), b = strlen(libs[i].soname);
        wname = a > wname ? a : wname;
        wsoname = b > wsoname ? b : wsoname;
    }
    for (size_t i = 0; i < n; i++) {
        if (*libs[i].desc) {
            printf("%-*s  %-*s  %s\n", (int)wname, libs[i].name, (int)wsoname, libs[i].soname,
                   libs[i].desc);
        } else {
            printf("%-*s  %s\n", (int)wname, libs[i].name, libs[i].soname);
        }
    }
    libs_free(libs, n);
    free(path);
    return fflush(stdout) == 0 ? 0 : 1;
}
