// SPDX-License-Identifier: GPL-2.0-or-later
#include <glib.h>
#include <string.h>
#include "log.h"
#include "stats.h"
#include "unit.h"

void unit_each_partner(struct hostlink_lib *lib, void (*fn)(struct hostlink_lib *partner, void *ctx),
                       void *ctx)
{
    for (const char *p = lib->unit ? lib->unit : ""; *p;) {
        size_t len = strcspn(p, " ");
        for (struct hostlink_lib *const *l = hostlink_libs; len && *l; l++) {
            if (*l != lib && strlen((*l)->name) == len && strncmp((*l)->name, p, len) == 0) {
                fn(*l, ctx);
            }
        }
        p += len;
        p += strspn(p, " ");
    }
}

/* Why a library stays emulated with @off (kept: the stats refer to it until exit). */
static char *emulated_with(const struct hostlink_lib *off)
{
    if (off->emulated_why) {
        return g_strdup_printf("%s, which shares its objects, is emulated (%s)", off->name,
                               off->emulated_why);
    }
    return g_strdup_printf("%s, which shares its objects, is not selected", off->name);
}

static void emulate_with(struct hostlink_lib *partner, void *ctx)
{
    struct hostlink_lib *lib = ctx;

    if (__atomic_load_n(&partner->state, __ATOMIC_ACQUIRE)) {
        hl_log("%s: emulated, but %s, which shares its objects, is already on the host: "
               "objects of both may meet", lib->name, partner->name);
        return;
    }
    if (!partner->enabled) {
        return;
    }
    partner->enabled = false;
    char *why = emulated_with(lib);
    hl_log("%s: emulated for this program: %s", partner->name, why);
    stats_lib_emulated(partner, why);
}

void unit_emulate_partners(struct hostlink_lib *lib)
{
    unit_each_partner(lib, emulate_with, lib);
}

static void partner_enabled(struct hostlink_lib *partner, void *ctx)
{
    if (!partner->enabled) {
        *(struct hostlink_lib **)ctx = partner;
    }
}

void unit_settle(void)
{
    for (bool changed = true; changed;) {
        changed = false;
        for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
            struct hostlink_lib *off = NULL;
            if (!(*l)->enabled) {
                continue;
            }
            unit_each_partner(*l, partner_enabled, &off);
            if (off) {
                char *why = emulated_with(off);
                (*l)->enabled = false;
                hl_log("%s: emulated for this program: %s", (*l)->name, why);
                stats_lib_emulated(*l, why);
                changed = true;
            }
        }
    }
}
