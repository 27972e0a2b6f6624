// SPDX-License-Identifier: GPL-2.0-or-later
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include "libs/libs.h"
#include "log.h"
#include "policy.h"
#include "profile.h"
#include "stats.h"

static const char *profile_path;
static GHashTable *emulated;    /* library name -> reason, from the profile read */

static void read_profile(void)
{
    char line[512];
    FILE *f = fopen(profile_path, "r");

    while (f && fgets(line, sizeof(line), f)) {
        char name[64];
        int reason_at = 0;
        struct hostlink_lib *lib;

        line[strcspn(line, "\n")] = '\0';
        if (sscanf(line, "emulate %63s %n", name, &reason_at) < 1 || !reason_at || !line[reason_at] ||
            !(lib = hostlink_lib_find(name)) || !lib->enabled) {
            continue;
        }
        lib->enabled = false;   /* the loader lets the genuine library through */
        stats_lib_emulated(lib, "callback-bound in an earlier run (the program's profile)");
        g_hash_table_insert(emulated, g_strdup(name), g_strdup(line + reason_at));
        hl_log("policy: %s emulated from the start, as this program's profile %s says (%s)",
               name, profile_path, line + reason_at);
    }
    if (f) {
        fclose(f);
    }
}

/* The profile this run leaves: the lines read, and libraries found callback-bound now. */
static GString *verdicts(void)
{
    GString *out = g_string_new("# hostlink call-policy profile: libraries this program "
                                "ran slower passed through (delete to measure again)\n");
    char why[200];

    for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
        const char *was = g_hash_table_lookup(emulated, (*l)->name);
        struct policy_lib *p = library_policy(*l);

        if (was) {
            g_string_append_printf(out, "emulate %s %s\n", (*l)->name, was);
        } else if (p && policy_lib_callback_bound(p, why, sizeof(why))) {
            g_string_append_printf(out, "emulate %s %s\n", (*l)->name, why);
            hl_log("policy: %s was callback-bound (%s): this program's next run emulates it",
                   (*l)->name, why);
        }
    }
    return out;
}

/* g_file_set_contents replaces the file in one step: a concurrent run reads the old or the new one. */
static void write_profile(const GString *text)
{
    g_autofree char *dir = g_path_get_dirname(profile_path);
    g_autofree char *old = NULL;
    g_autoptr(GError) error = NULL;

    if (g_file_get_contents(profile_path, &old, NULL, NULL) && strcmp(old, text->str) == 0) {
        return;
    }
    if (g_mkdir_with_parents(dir, 0755) != 0) {
        hl_log("policy: cannot make the profile directory %s", dir);
    } else if (!g_file_set_contents(profile_path, text->str, (gssize)text->len, &error)) {
        hl_log("policy: cannot write the profile: %s", error->message);
    }
}

void profile_exit(void)
{
    g_autoptr(GString) text = NULL;

    if (!profile_path) {
        return;
    }
    text = verdicts();
    write_profile(text);
}

void profile_init(const char *path)
{
    profile_path = path;
    emulated = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    read_profile();
}
