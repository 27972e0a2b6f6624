// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <qemu-plugin.h>
#include "libs/generated.h"
#include "log.h"
#include "stats.h"

static bool counting, to_stderr;
static char *file;              /* absolute */
static const char *guest_arch;

bool stats_on(void)
{
    return counting;
}

void stats_lib_emulated(struct hostlink_lib *lib, const char *reason)
{
    lib->emulated_why = reason;
    lib->noted_here = true;
}

void stats_lib_opened(struct hostlink_lib *lib)
{
    lib->emulated_why = NULL;
    lib->noted_here = true;
}

static void zero_counts(void)
{
    for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
        if ((*l)->calls) {
            memset((*l)->calls, 0, (*l)->n_fns * sizeof(uint64_t));
            memset((*l)->ns, 0, (*l)->n_fns * sizeof(uint64_t));
        }
        (*l)->noted_here = false;
    }
}

static void table(GString *out)
{
    g_string_append_printf(out, "hostlink stats: pid %d, %s guest\n", (int)getpid(), guest_arch);
    g_string_append_printf(out, "hostlink stats: %-10s %-28s %12s %14s\n", "library", "function",
                           "calls", "host ms");
    for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
        if ((*l)->noted_here && (*l)->emulated_why) {
            g_string_append_printf(out, "hostlink stats: %-10s emulated: %s\n", (*l)->name,
                                   (*l)->emulated_why);
        }
        for (unsigned i = 0; (*l)->calls && i < (*l)->n_fns; i++) {
            if ((*l)->calls[i]) {
                g_string_append_printf(out, "hostlink stats: %-10s %-28s %12llu %14.3f\n",
                                       (*l)->name, (*l)->fns[i].name,
                                       (unsigned long long)(*l)->calls[i], (*l)->ns[i] / 1e6);
            }
        }
    }
}

static void records(GString *out)
{
    int pid = (int)getpid();

    g_string_append_printf(out, "proc\t%d\t%d\t%s\n", pid, (int)getppid(), guest_arch);
    for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
        if ((*l)->noted_here) {
            g_string_append_printf(out, "lib\t%d\t%s\t%s\t%s%s%s\n", pid, guest_arch, (*l)->name,
                                   (*l)->emulated_why ? "emulated" : "host",
                                   (*l)->emulated_why ? "\t" : "",
                                   (*l)->emulated_why ? (*l)->emulated_why : "");
        }
        for (unsigned i = 0; (*l)->calls && i < (*l)->n_fns; i++) {
            if ((*l)->calls[i]) {
                g_string_append_printf(out, "fn\t%d\t%s\t%s\t%s\t%llu\t%llu\n", pid, guest_arch,
                                       (*l)->name, (*l)->fns[i].name,
                                       (unsigned long long)(*l)->calls[i],
                                       (unsigned long long)(*l)->ns[i]);
            }
        }
    }
}

/* One write, so that records of concurrent processes never interleave. */
static void append(const GString *text)
{
    static bool warned;
    int fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);

    if (fd < 0 || write(fd, text->str, text->len) != (ssize_t)text->len) {
        hl_log_once(&warned, "cannot write statistics to %s: %s", file, strerror(errno));
    }
    if (fd >= 0) {
        close(fd);
    }
}

void stats_flush(void)
{
    if (!counting) {
        return;
    }
    g_autoptr(GString) text = g_string_new(NULL);
    if (to_stderr) {
        table(text);
        fputs(text->str, stderr);
        fflush(stderr);
    }
    if (file) {
        g_string_truncate(text, 0);
        records(text);
        append(text);
    }
    zero_counts();
}

static void at_exit(qemu_plugin_id_t id, void *unused)
{
    (void)id;
    (void)unused;
    stats_flush();
}

void stats_init(uint64_t plugin_id, bool stderr_table, const char *path, const char *arch)
{
    if (!stderr_table && !path) {
        return;
    }
    counting = true;
    to_stderr = stderr_table;
    guest_arch = arch;
    if (path) {
        g_autofree char *cwd = g_get_current_dir();
        file = g_path_is_absolute(path) ? g_strdup(path) : g_build_filename(cwd, path, NULL);
    }
    /* A fork child reports its own work only. */
    pthread_atfork(NULL, NULL, zero_counts);
    qemu_plugin_register_atexit_cb(plugin_id, at_exit, NULL);
}
