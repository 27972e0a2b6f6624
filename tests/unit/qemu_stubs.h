/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef HOSTLINK_QEMU_STUBS_H
#define HOSTLINK_QEMU_STUBS_H

#include <glib.h>

/* Everything the code under test sent to qemu_plugin_outs(). */
extern GString *stub_log;

#endif
