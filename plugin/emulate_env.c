// SPDX-License-Identifier: GPL-2.0-or-later
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include "emulate_env.h"
#include "libs/libs.h"
#include "log.h"
#include "stats.h"

static void emulate(struct hostlink_lib *lib)
{
    if (lib->enabled) {
        lib->enabled = false;   /* the loader lets the genuine library through */
        hl_log("%s: emulated as HOSTLINK_EMULATE asks", lib->name);
        stats_lib_emulated(lib, "HOSTLINK_EMULATE asks");
    }
}

void emulate_env_apply(void)
{
    const char *list = getenv("HOSTLINK_EMULATE");
    g_auto(GStrv) names = g_strsplit(list ? list : "", ",", -1);

    for (char **n = names; *n; n++) {
        struct hostlink_lib *lib = hostlink_lib_find(*n);
        if (strcmp(*n, "all") == 0) {
            for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
                emulate(*l);
            }
        } else if (lib) {
            emulate(lib);
        } else if (**n) {
            hl_log("HOSTLINK_EMULATE names %s, which hostlink does not know: ignored", *n);
        }
    }
}
