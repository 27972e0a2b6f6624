// SPDX-License-Identifier: GPL-2.0-or-later
#include <glib.h>
#include <stdarg.h>
#include <qemu-plugin.h>
#include "log.h"

static void vlog(const char *fmt, va_list ap)
{
    g_autofree char *body = g_strdup_vprintf(fmt, ap);
    g_autofree char *line = g_strdup_printf("hostlink: %s\n", body);
    qemu_plugin_outs(line);
}

void hl_log(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(fmt, ap);
    va_end(ap);
}

void hl_log_once(bool *once, const char *fmt, ...)
{
    va_list ap;
    /* Racing threads may both print: harmless, and no lock on this path. */
    if (__atomic_exchange_n(once, true, __ATOMIC_RELAXED)) {
        return;
    }
    va_start(ap, fmt);
    vlog(fmt, ap);
    va_end(ap);
}
