// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest architectures and where hostlink's pieces live: in the files
 * directory, laid out as a checkout's build/ (bin/hostlink, plugin/,
 * qemu/bin/, ARCH/thunks/, ...). That is ROOT/build in a checkout and
 * PREFIX/lib/hostlink when installed (mk/install.mk), found from where
 * this binary is, so either works wherever it is.
 */
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "guest-arches.h"

/* mk/guest-arch.mk's list; a fallback sysroot of "/" is the host's own root: no -L. */
#define ARCH_ENTRY(name, machine, sysroot) { #name, machine, strcmp(sysroot, "/") ? sysroot : NULL },
const struct arch arches[] = { HOSTLINK_GUEST_ARCHES(ARCH_ENTRY) };
const size_t n_arches = sizeof(arches) / sizeof(arches[0]);

const struct arch *arch_by_name(const char *name)
{
    for (size_t i = 0; i < n_arches; i++) {
        if (strcmp(arches[i].name, name) == 0) {
            return &arches[i];
        }
    }
    return NULL;
}

const struct arch *arch_by_machine(unsigned machine)
{
    for (size_t i = 0; i < n_arches; i++) {
        if (arches[i].machine == machine) {
            return &arches[i];
        }
    }
    return NULL;
}

const char *arch_names(void)
{
    static char *names;

    if (!names) {
        names = xstrdup(arches[0].name);
        for (size_t i = 1; i < n_arches; i++) {
            char *more = xasprintf("%s, %s", names, arches[i].name);
            free(names);
            names = more;
        }
    }
    return names;
}

/* Drops the last path component in place; false when there is none left. */
static bool strip_component(char *path)
{
    char *slash = strrchr(path, '/');

    if (!slash || slash == path) {
        return false;
    }
    *slash = '\0';
    return true;
}

const char *files_dir(void)
{
    static char *dir;
    const char *env = getenv("HOSTLINK_ROOT");
    char exe[PATH_MAX];
    ssize_t len;

    if (dir) {
        return dir;
    }
    if (env && *env) {
        return dir = xasprintf("%s/build", env);
    }
    /* <files>/bin/hostlink; /proc/self/exe has symlinks resolved. */
    len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (len < 0) {
        die(EXIT_HOSTLINK, "cannot find my own location (/proc/self/exe: %s); set HOSTLINK_ROOT",
            strerror(errno));
    }
    exe[len] = '\0';
    if (!strip_component(exe) || !strip_component(exe)) {
        die(EXIT_HOSTLINK, "cannot derive where my files are from %s; set HOSTLINK_ROOT", exe);
    }
    return dir = xstrdup(exe);
}

const char *project_root(void)
{
    static char *root;
    const char *env = getenv("HOSTLINK_ROOT");

    if (!root) {
        root = env && *env ? xstrdup(env) : xasprintf("%s/..", files_dir());
        if (!env || !*env) {
            char *clean = realpath(root, NULL);
            if (clean) {
                free(root);
                root = clean;
            }
        }
    }
    return root;
}

char *qemu_path(const struct arch *a)
{
    const char *prefix = getenv("HOSTLINK_QEMU");

    if (prefix && *prefix) {
        return xasprintf("%s/bin/qemu-%s", prefix, a->name);
    }
    return xasprintf("%s/qemu/bin/qemu-%s", files_dir(), a->name);
}

/* HOSTLINK_PLUGIN: another build of the plugin (make check-ubsan uses one). */
char *plugin_path(void)
{
    const char *own = getenv("HOSTLINK_PLUGIN");
    return own && *own ? xstrdup(own) : xasprintf("%s/plugin/libhostlink.so", files_dir());
}

char *guest_sysroot(const struct arch *a)
{
    const char *user = getenv("QEMU_LD_PREFIX");
    char *own;

    /* QEMU reads it too, but the -L given here would override it. */
    if (user && *user) {
        own = realpath(user, NULL);
        return own ? own : xstrdup(user);
    }
    if (!a->cross_sysroot) {
        return NULL;
    }
    /* A sysroot the project assembled wins over the cross toolchain's. */
    own = xasprintf("%s/sysroot/%s", files_dir(), a->name);
    if (is_dir(own)) {
        return own;
    }
    free(own);
    return xstrdup(a->cross_sysroot);
}

char *thunk_dir(const struct arch *a)
{
    return xasprintf("%s/%s/thunks", files_dir(), a->name);
}

char *host_lib_dir(void)
{
    return xasprintf("%s/host", files_dir());
}

char *libs_list_path(void)
{
    return xasprintf("%s/share/hostlink/libs.list", files_dir());
}

char *probe_path(const struct arch *a)
{
    return xasprintf("%s/%s/bin/hostlink-probe", files_dir(), a->name);
}
