// SPDX-License-Identifier: GPL-2.0-or-later
#include <glib.h>
#include <string.h>
#include <qemu-plugin.h>
#include "libs/libs.h"
#include "options.h"

static bool enable_lib(const char *name, char **error)
{
    struct hostlink_lib *lib = hostlink_lib_find(name);

    if (strcmp(name, "none") == 0) {
        return true;
    }
    if (!lib) {
        GString *known = g_string_new(NULL);
        for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
            g_string_append_printf(known, " %s", (*l)->name);
        }
        *error = g_strdup_printf("unknown library '%s' (known:%s)", name, known->str);
        g_string_free(known, true);
        return false;
    }
    lib->enabled = true;
    return true;
}

bool options_parse(int argc, char **argv, struct options *opts, char **error)
{
    bool any_lib = false;

    memset(opts, 0, sizeof(*opts));
    for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
        (*l)->enabled = false;
    }
    for (int i = 0; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        g_autofree char *key = eq ? g_strndup(argv[i], eq - argv[i]) : g_strdup(argv[i]);
        const char *value = eq ? eq + 1 : NULL;

        if (!value || !*value) {
            *error = g_strdup_printf("option '%s' needs a value (key=value)", argv[i]);
            return false;
        } else if (strcmp(key, "lib") == 0) {
            if (!enable_lib(value, error)) {
                return false;
            }
            any_lib = true;
        } else if (strcmp(key, "thunkdir") == 0) {
            opts->thunk_dir = value;
        } else if (strcmp(key, "hostlibdir") == 0) {
            opts->host_lib_dir = value;
        } else if (strcmp(key, "sysroot") == 0) {
            opts->sysroot = value;
        } else if (strcmp(key, "exe") == 0) {
            opts->exe = value;
        } else if (strcmp(key, "statsfile") == 0) {
            opts->stats_file = value;
        } else if (strcmp(key, "stats") == 0) {
            if (!qemu_plugin_bool_parse(key, value, &opts->stats)) {
                *error = g_strdup_printf("option '%s' takes on or off", argv[i]);
                return false;
            }
        } else {
            *error = g_strdup_printf("unknown option '%s' (known: lib=NAME|none, thunkdir=DIR, hostlibdir=DIR, sysroot=DIR, exe=FILE, stats=on|off, statsfile=PATH)",
                                     argv[i]);
            return false;
        }
    }
    if (!any_lib) {
        for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
            (*l)->enabled = true;
        }
    }
    return true;
}
