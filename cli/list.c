// SPDX-License-Identifier: GPL-2.0-or-later
/* `hostlink list`: the libraries hostlink can pass through. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

int cmd_list(int argc, char **argv)
{
    struct lib_entry *libs;
    size_t n, wname = 0, wsoname = 0;
    char *path, *error;

    if (argc > 1) {
        if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
            puts("Usage: hostlink list\n"
                 "Prints the libraries hostlink can pass through: NAME  SONAME  DESCRIPTION.");
            return 0;
        }
        msg("list takes no arguments (got '%s')", argv[1]);
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
