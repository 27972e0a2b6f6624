// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `hostlink doctor`: checks what `hostlink run` depends on, one line per
 * check ("ok", "FAIL" or "skip", what, why). Exit status 0 when nothing failed.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cli.h"

/* Seconds a probe may take: QEMU starts in well under one. */
#define PROBE_TIMEOUT 30

static int failures;

static void report(const char *status, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report(const char *status, const char *what, const char *fmt, ...)
{
    va_list ap;

    if (strcmp(status, "FAIL") == 0) {
        failures++;
    }
    printf("%-4s %s: ", status, what);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

/* The QEMU must be the patched 10.2.2 or 11.0: it exports the v6 additions. */
static void check_qemu(const struct arch *a)
{
    static const char *const syms[] = {
        "qemu_plugin_register_vcpu_syscall_filter_cb",
        "qemu_plugin_set_pc",
    };
    bool found[2];
    char *qemu = qemu_path(a), *what = xasprintf("qemu-%s", a->name);
    const char *why;

    if (!is_file(qemu) || access(qemu, X_OK) != 0) {
        report("FAIL", what, "%s not found or not executable (run make, or set HOSTLINK_QEMU)",
               qemu);
    } else if (!elf_exports(qemu, syms, found, 2, &why)) {
        report("FAIL", what, "%s: %s", qemu, why);
    } else if (!found[0] || !found[1]) {
        report("FAIL", what, "%s does not export %s (not a plugin-capable QEMU 11.0 or the "
               "project's patched QEMU)", qemu, !found[0] ? syms[0] : syms[1]);
    } else {
        report("ok", what, "%s exports %s and %s", qemu, syms[0], syms[1]);
    }
    free(qemu);
    free(what);
}

static bool check_plugin(void)
{
    static const char *const syms[] = { "qemu_plugin_install", "qemu_plugin_version" };
    bool found[2];
    char *plugin = plugin_path();
    const char *why;
    bool ok = false;

    if (!is_file(plugin)) {
        report("FAIL", "plugin", "%s not found (run make)", plugin);
    } else if (!elf_exports(plugin, syms, found, 2, &why)) {
        report("FAIL", "plugin", "%s: %s", plugin, why);
    } else if (!found[0] || !found[1]) {
        report("FAIL", "plugin", "%s is not a QEMU plugin (no %s)", plugin,
               !found[0] ? syms[0] : syms[1]);
    } else {
        report("ok", "plugin", "%s", plugin);
        ok = true;
    }
    free(plugin);
    return ok;
}

static void check_thunks(void)
{
    struct lib_entry *libs;
    size_t n;
    char *list = libs_list_path(), *error;

    if (!libs_list_read(list, &libs, &n, &error)) {
        report("FAIL", "libs.list", "%s; thunks not checked", error);
        free(error);
        free(list);
        return;
    }
    report("ok", "libs.list", "%s: %zu librar%s", list, n, n == 1 ? "y" : "ies");
    for (size_t i = 0; i < n_arches; i++) {
        char *dir = thunk_dir(&arches[i]);

        for (size_t k = 0; k < n; k++) {
            const char *thunk = libs[k].thunk;
            char *path = xasprintf("%s/%s", dir, thunk);
            char *what = xasprintf("thunk %s %s", arches[i].name, thunk);

            if (is_file(path)) {
                report("ok", what, "%s", path);
            } else {
                report("FAIL", what, "%s missing (run make; the guest loader would open the "
                       "emulated %s)", path, libs[k].soname);
            }
            free(path);
            free(what);
        }
        free(dir);
    }
    libs_free(libs, n);
    free(list);
}

/* The first line of what @fd (a memfd) holds, or "" when it is empty. */
static char *first_line(int fd)
{
    char buf[512];
    ssize_t len = pread(fd, buf, sizeof(buf) - 1, 0);

    buf[len > 0 ? len : 0] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
    return xstrdup(buf);
}

/*
 * Runs the probe under QEMU with the plugin, as `hostlink run` would, and
 * reads what it prints. The plugin answers OP_STATUS only when guest
 * addresses are host addresses (guest_base 0).
 */
static void check_active(const struct arch *a, bool plugin_ok)
{
    struct run_opts o = { .arch = a };
    struct strvec cmd = { 0 };
    char *qemu = qemu_path(a), *probe = probe_path(a), *what = xasprintf("active %s", a->name);
    char *out = NULL, *err = NULL;
    int fd_out = -1, fd_err = -1, status;
    pid_t pid;

    if (!is_file(qemu)) {
        report("skip", what, "no %s", qemu);
        goto done;
    }
    if (!is_file(probe)) {
        report("skip", what, "%s not built (guest compiler for %s missing?)", probe, a->name);
        goto done;
    }
    if (!plugin_ok) {
        report("skip", what, "no usable plugin");
        goto done;
    }
    fd_out = memfd_create("hostlink-probe-stdout", MFD_CLOEXEC);
    fd_err = memfd_create("hostlink-probe-stderr", MFD_CLOEXEC);
    if (fd_out < 0 || fd_err < 0) {
        report("FAIL", what, "cannot capture the probe's output: %s", strerror(errno));
        goto done;
    }
    qemu_command(&cmd, &o, NULL);
    strvec_push(&cmd, probe);
    pid = fork();
    if (pid < 0) {
        report("FAIL", what, "cannot start the probe: %s", strerror(errno));
        goto done;
    }
    if (pid == 0) {
        /* The alarm survives exec and ends a QEMU that hangs. */
        if (dup2(fd_out, 1) < 0 || dup2(fd_err, 2) < 0) {
            _exit(EXIT_NOT_FOUND);
        }
        signal(SIGALRM, SIG_DFL);
        alarm(PROBE_TIMEOUT);
        execv(cmd.v[0], cmd.v);
        dprintf(2, "cannot run %s: %s\n", cmd.v[0], strerror(errno));
        _exit(EXIT_NOT_FOUND);
    }
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            report("FAIL", what, "lost the probe: %s", strerror(errno));
            goto done;
        }
    }
    out = first_line(fd_out);
    err = first_line(fd_err);
    if (strcmp(out, "hostlink: active") == 0) {
        report("ok", what, "the plugin answers the probe (guest_base is 0)");
    } else if (strncmp(out, "hostlink: inactive", 18) == 0) {
        report("FAIL", what, "probe says '%s' (guest_base not 0? check QEMU_GUEST_BASE and "
               "-B; run with --qemu-arg -d --qemu-arg plugin for the plugin's reason)", out);
    } else if (WIFSIGNALED(status)) {
        report("FAIL", what, "probe killed by signal %d%s%s%s", WTERMSIG(status),
               WTERMSIG(status) == SIGALRM ? " (timed out)" : "", *err ? ": " : "", err);
    } else {
        report("FAIL", what, "probe exited with status %d without an answer%s%s",
               WEXITSTATUS(status), *err ? ": " : "", err);
    }
done:
    for (size_t i = 0; i < cmd.n; i++) {
        free(cmd.v[i]);
    }
    free(cmd.v);
    if (fd_out >= 0) {
        close(fd_out);
    }
    if (fd_err >= 0) {
        close(fd_err);
    }
    free(out);
    free(err);
    free(qemu);
    free(probe);
    free(what);
}

int cmd_doctor(int argc, char **argv)
{
    bool plugin_ok;

    if (argc > 1) {
        if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
            puts("Usage: hostlink doctor\n"
                 "Checks QEMU, the plugin, the thunks and that hostlink is active on each "
                 "guest;\nexit status 0 when no check failed.");
            return 0;
        }
        msg("doctor takes no arguments (got '%s')", argv[1]);
        return EXIT_USAGE;
    }
    printf("hostlink files: %s\n", files_dir());
    for (size_t i = 0; i < n_arches; i++) {
        check_qemu(&arches[i]);
    }
    plugin_ok = check_plugin();
    check_thunks();
    for (size_t i = 0; i < n_arches; i++) {
        check_active(&arches[i], plugin_ok);
    }
    if (failures) {
        printf("%d check%s failed\n", failures, failures == 1 ? "" : "s");
        return 1;
    }
    puts("all checks passed");
    return 0;
}
