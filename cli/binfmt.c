// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `hostlink binfmt install [--arch A]... [--force] | remove | status`:
 * registers hostlink with the kernel's binfmt_misc, so that running a guest
 * program directly runs it under hostlink.
 *
 * The interpreter is a small wrapper, FILES/bin/hostlink-binfmt
 * (binfmt_interp.c), not QEMU: binfmt_misc gives an interpreter no
 * arguments of its own, and hostlink's QEMU needs -plugin with the plugin's
 * options, -L and -0. Flags: P (the kernel passes the program's own
 * argv[0], which the wrapper hands to QEMU's -0) and F (the kernel opens
 * the wrapper when it is registered, so it is found in other mount
 * namespaces and chroots). Not O or C: the kernel's open descriptor of the
 * program (AT_EXECFD) would reach the wrapper, not QEMU, which reads the
 * program by its path; so a program must be readable, and setuid bits are
 * not honoured, as with QEMU without C.
 *
 * An enabled registration of anyone else for the same ELF machine (Debian's
 * qemu-user-binfmt registers qemu-aarch64 and the like) is left alone and
 * install refuses, unless --force: then it is disabled, not removed, and
 * its description is kept in STATE_DIR, so that remove enables it again
 * exactly as it was (or registers it again from that description, if it
 * has gone meanwhile). Registrations last until reboot, as STATE_DIR does.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "binfmt_misc.h"

#define STATE_PARENT "/run/hostlink"
#define STATE_DIR    STATE_PARENT "/binfmt"
#define ENTRY_PREFIX "hostlink-"

static bool is_ours(const char *name)
{
    return strncmp(name, ENTRY_PREFIX, strlen(ENTRY_PREFIX)) == 0;
}

static char *saved_path(const char *name)
{
    return xasprintf("%s/%s", STATE_DIR, name);
}

/* Keeps what a registration we disable was, as a registration line. */
static bool save_entry(const struct binfmt_entry *e)
{
    char *path = saved_path(e->name);
    char *line = binfmt_line(e->name, e->offset, e->magic, e->mask, e->magic_len,
                              e->interpreter, e->flags);
    FILE *f;
    bool ok;

    if (mkdir(STATE_PARENT, 0755) < 0 && errno != EEXIST) {
        ok = false;
    } else if (mkdir(STATE_DIR, 0755) < 0 && errno != EEXIST) {
        ok = false;
    } else {
        f = fopen(path, "w");
        ok = f && fprintf(f, "%s\n", line) > 0;
        ok = f && fclose(f) == 0 && ok;
    }
    if (!ok) {
        msg("binfmt: cannot keep %s's registration in %s: %s", e->name, path, strerror(errno));
    }
    free(line);
    free(path);
    return ok;
}

static char *wrapper_path(void)
{
    char *path = xasprintf("%s/bin/hostlink-binfmt", files_dir());
    char *abs = realpath(path, NULL);

    if (!abs || !is_file(abs)) {
        die(EXIT_HOSTLINK, "binfmt: %s not found (run make)", path);
    }
    free(path);
    return abs;
}

/* The host's own architecture: its programs must never go through hostlink. */
static bool is_host_arch(const struct arch *a)
{
    unsigned machine;
    const char *why;

    return elf_machine("/proc/self/exe", &machine, &why) && machine == a->machine;
}

static int install(const struct arch **want, size_t n_want, bool force)
{
    struct strvec names = binfmt_names();
    char *wrapper = wrapper_path();
    int status = 0;

    /* First every refusal, so that nothing changes when one applies. */
    for (size_t k = 0; k < n_want; k++) {
        for (size_t i = 0; i < names.n; i++) {
            struct binfmt_entry e;

            if (is_ours(names.v[i]) || !binfmt_read(names.v[i], &e) || !e.enabled ||
                !binfmt_runs_arch(&e, want[k])) {
                continue;
            }
            if (!force) {
                msg("binfmt: %s already runs %s programs (interpreter %s, flags %s; Debian's "
                    "qemu-user-binfmt registers such entries); not replacing it. hostlink binfmt "
                    "install --force disables it until hostlink binfmt remove enables it again",
                    e.name, want[k]->name, e.interpreter, e.flags);
                status = 1;
            }
        }
    }
    for (size_t k = 0; k < n_want && status == 0; k++) {
        unsigned char magic[BINFMT_HEADER_LEN], mask[BINFMT_HEADER_LEN];
        char *name = xasprintf(ENTRY_PREFIX "%s", want[k]->name), *line;
        struct binfmt_entry e;

        for (size_t i = 0; i < names.n; i++) {
            if (!is_ours(names.v[i]) && binfmt_read(names.v[i], &e) && e.enabled &&
                binfmt_runs_arch(&e, want[k])) {
                if (!save_entry(&e) || !binfmt_control(e.name, "0")) {
                    msg("binfmt: cannot disable %s: %s", e.name, strerror(errno));
                    status = 1;
                } else {
                    printf("disabled %s (hostlink binfmt remove enables it again)\n", e.name);
                }
            }
        }
        if (binfmt_read(name, &e)) {
            binfmt_control(name, "-1");        /* ours, from an earlier install: renewed */
        }
        binfmt_elf_pattern(want[k], magic, mask);
        line = binfmt_line(name, 0, magic, mask, BINFMT_HEADER_LEN, wrapper, "PF");
        if (status == 0 && !binfmt_register(line)) {
            msg("binfmt: cannot register %s: %s", name, strerror(errno));
            status = 1;
        } else if (status == 0) {
            printf("registered %s: %s programs run through %s\n", name, want[k]->name, wrapper);
        }
        free(line);
        free(name);
    }
    free(wrapper);
    return status;
}

static int remove_all(void)
{
    struct strvec names = binfmt_names();
    DIR *d;
    struct dirent *de;
    int status = 0;

    for (size_t i = 0; i < names.n; i++) {
        if (is_ours(names.v[i])) {
            if (binfmt_control(names.v[i], "-1")) {
                printf("removed %s\n", names.v[i]);
            } else {
                msg("binfmt: cannot remove %s: %s", names.v[i], strerror(errno));
                status = 1;
            }
        }
    }
    /* Then what install disabled, as it was. */
    d = opendir(STATE_DIR);
    while (d && (de = readdir(d))) {
        struct binfmt_entry e;
        char *path, line[8192];
        FILE *f = NULL;

        if (de->d_name[0] == '.') {
            continue;
        }
        path = saved_path(de->d_name);
        if (binfmt_read(de->d_name, &e)) {
            if (binfmt_control(de->d_name, "1")) {
                printf("enabled %s again\n", de->d_name);
                unlink(path);
            } else {
                msg("binfmt: cannot enable %s: %s", de->d_name, strerror(errno));
                status = 1;
            }
        } else if ((f = fopen(path, "r")) && fgets(line, sizeof(line), f)) {
            line[strcspn(line, "\n")] = '\0';
            if (binfmt_register(line)) {
                printf("registered %s again (%s)\n", de->d_name, line);
                unlink(path);
            } else {
                msg("binfmt: cannot register %s again (%s): %s", de->d_name, line,
                    strerror(errno));
                status = 1;
            }
        }
        if (f) {
            fclose(f);
        }
        free(path);
    }
    if (d) {
        closedir(d);
        rmdir(STATE_DIR);
        rmdir(STATE_PARENT);    /* only when empty: nothing else of hostlink is there */
    }
    return status;
}

static int status_all(void)
{
    struct strvec names = binfmt_names();

    for (size_t k = 0; k < n_arches; k++) {
        const struct arch *a = &arches[k];
        char *name = xasprintf(ENTRY_PREFIX "%s", a->name);
        struct binfmt_entry e;
        bool any = false;

        if (binfmt_read(name, &e)) {
            printf("%s: hostlink (%s, %s, interpreter %s, flags %s)\n", a->name, name,
                   e.enabled ? "enabled" : "disabled", e.interpreter, e.flags);
            any = true;
        }
        for (size_t i = 0; i < names.n; i++) {
            char *saved;

            if (is_ours(names.v[i]) || !binfmt_read(names.v[i], &e) || !binfmt_runs_arch(&e, a)) {
                continue;
            }
            saved = saved_path(e.name);
            printf("%s: %s (%s%s, interpreter %s, flags %s)\n", a->name, e.name,
                   e.enabled ? "enabled" : "disabled",
                   !e.enabled && is_file(saved) ? " by hostlink binfmt install --force" : "",
                   e.interpreter, e.flags);
            free(saved);
            any = true;
        }
        if (!any) {
            printf("%s: not registered\n", a->name);
        }
        free(name);
    }
    return 0;
}

int cmd_binfmt(int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "";
    const struct arch *want[16];
    size_t n_want = 0;
    bool force = false;

    if (strcmp(sub, "install") != 0 && strcmp(sub, "remove") != 0 && strcmp(sub, "status") != 0) {
        msg("binfmt: usage: hostlink binfmt install [--arch ARCH]... [--force] | remove | status");
        return EXIT_USAGE;
    }
    for (int i = 2; i < argc; i++) {
        if (strcmp(sub, "install") == 0 && strcmp(argv[i], "--force") == 0) {
            force = true;
        } else if (strcmp(sub, "install") == 0 && strcmp(argv[i], "--arch") == 0 &&
                   i + 1 < argc) {
            const struct arch *a = arch_by_name(argv[++i]);
            if (!a) {
                msg("binfmt: unknown architecture '%s' (known: %s)", argv[i], arch_names());
                return EXIT_USAGE;
            }
            if (n_want < sizeof(want) / sizeof(want[0])) {
                want[n_want++] = a;
            }
        } else {
            msg("binfmt %s: unknown argument '%s'", sub, argv[i]);
            return EXIT_USAGE;
        }
    }
    if (!binfmt_mounted()) {
        msg("binfmt: binfmt_misc is not mounted at " BINFMT_DIR " (as root: mount -t binfmt_misc "
            "binfmt_misc " BINFMT_DIR ")");
        return strcmp(sub, "status") == 0 ? 0 : 1;
    }
    if (strcmp(sub, "status") == 0) {
        return status_all();
    }
    if (strcmp(sub, "remove") == 0) {
        return remove_all();
    }
    /* Default: every guest but the host's own architecture. */
    if (n_want == 0) {
        for (size_t k = 0; k < n_arches; k++) {
            if (!is_host_arch(&arches[k])) {
                want[n_want++] = &arches[k];
            }
        }
    }
    for (size_t k = 0; k < n_want; k++) {
        if (is_host_arch(want[k])) {
            msg("binfmt: %s is this host's own architecture: every native program, QEMU and "
                "hostlink's wrapper included, would go through hostlink (and loop); not "
                "registered", want[k]->name);
            return 1;
        }
    }
    return install(want, n_want, force);
}
