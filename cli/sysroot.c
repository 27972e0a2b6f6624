// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `hostlink sysroot`: guest roots made of Debian's own packages, by the
 * same script the project's set-up uses (toolchain/sysroot.sh: apt with the
 * archive's signature checks, a cache keyed by the exact package versions).
 *
 *   hostlink sysroot add --arch A [--dir DIR] PKG...   add PKGs and what they need
 *   hostlink sysroot list --arch A [--dir DIR]         "name version" per package
 *
 * DIR (default ROOT/build/sysroot/ARCH, the one `run` uses) becomes a link
 * to the cached tree; `hostlink run --sysroot DIR` runs its programs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

static void sysroot_usage(FILE *out)
{
    fputs("Usage: hostlink sysroot add --arch ARCH [--dir DIR] PACKAGE...\n"
          "       hostlink sysroot list --arch ARCH [--dir DIR]\n"
          "Adds Debian packages and their dependencies to a guest root, or lists\n"
          "what it holds. DIR defaults to the project's own (ROOT/build/sysroot/ARCH).\n",
          out);
}

/* Debian package names: lower case letters, digits, + - . (Policy 5.6.1). */
static bool debian_name(const char *s)
{
    if (strlen(s) < 2 || !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))) {
        return false;
    }
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789+-.") == strlen(s);
}

/* DIR made absolute: the script runs elsewhere. Its parent must exist. */
static char *absolute_dir(const char *dir)
{
    char cwd[4096];

    if (dir[0] == '/') {
        return xstrdup(dir);
    }
    if (!getcwd(cwd, sizeof(cwd))) {
        die(EXIT_USAGE, "sysroot: cannot tell the current directory: %s", strerror(errno));
    }
    return xasprintf("%s/%s", cwd, dir);
}

static int list(const char *dir)
{
    char *path = xasprintf("%s/.packages", dir);
    FILE *f = fopen(path, "re");
    char buf[4096];
    size_t n;

    if (!f) {
        msg("sysroot: %s: %s (not a sysroot hostlink made?)", path, strerror(errno));
        free(path);
        return 1;
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        fwrite(buf, 1, n, stdout);
    }
    fclose(f);
    free(path);
    return fflush(stdout) == 0 ? 0 : 1;
}

int cmd_sysroot(int argc, char **argv)
{
    const struct arch *a = NULL;
    const char *dir = NULL;
    struct strvec cmd = { 0 };
    char *script, *abs_dir, *packages = xstrdup("");
    size_t n_packages = 0;
    bool add;
    int i;

    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        sysroot_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    add = strcmp(argv[1], "add") == 0;
    if (!add && strcmp(argv[1], "list") != 0) {
        msg("sysroot: unknown subcommand '%s'", argv[1]);
        sysroot_usage(stderr);
        return EXIT_USAGE;
    }
    for (i = 2; i < argc; i++) {
        if ((strcmp(argv[i], "--arch") == 0 || strcmp(argv[i], "--dir") == 0) && i + 1 < argc) {
            if (argv[i][2] == 'a' && !(a = arch_by_name(argv[i + 1]))) {
                die(EXIT_USAGE, "sysroot: unknown architecture '%s' (known: %s)", argv[i + 1],
                    arch_names());
            }
            if (argv[i][2] == 'd') {
                dir = argv[i + 1];
            }
            i++;
        } else if (add && argv[i][0] != '-') {
            char *more;

            if (!debian_name(argv[i])) {
                die(EXIT_USAGE, "sysroot: '%s' is not a Debian package name", argv[i]);
            }
            more = xasprintf("%s%s%s", packages, *packages ? " " : "", argv[i]);
            free(packages);
            packages = more;
            n_packages++;
        } else {
            die(EXIT_USAGE, "sysroot: unexpected '%s' (see hostlink sysroot --help)", argv[i]);
        }
    }
    if (!a) {
        die(EXIT_USAGE, "sysroot: --arch is needed (%s)", arch_names());
    }
    abs_dir = dir ? absolute_dir(dir) : xasprintf("%s/sysroot/%s", files_dir(), a->name);
    if (!add) {
        return list(abs_dir);
    }
    if (n_packages == 0) {
        die(EXIT_USAGE, "sysroot add: name at least one package");
    }
    /* DIR is replaced by a link: never a directory of someone's files. */
    struct stat st;
    if (lstat(abs_dir, &st) == 0 && !S_ISLNK(st.st_mode)) {
        die(EXIT_USAGE, "sysroot add: %s exists and is not a link hostlink made; name a new "
            "place", abs_dir);
    }
    /* The script knows which guests get a Debian root; it says so for others. */
    /* Installed beside the other files, else the checkout's. */
    script = xasprintf("%s/toolchain/sysroot.sh", files_dir());
    if (!is_file(script)) {
        free(script);
        script = xasprintf("%s/toolchain/sysroot.sh", project_root());
    }
    if (setenv("HOSTLINK_SYSROOT_DIR", abs_dir, 1) != 0 ||
        setenv("HOSTLINK_SYSROOT_ADD", packages, 1) != 0) {
        die(1, "sysroot: %s", strerror(errno));
    }
    strvec_push(&cmd, script);
    strvec_push(&cmd, a->name);
    execv(script, cmd.v);
    die(1, "sysroot: cannot run %s: %s", script, strerror(errno));
}
