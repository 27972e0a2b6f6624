/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef HOSTLINK_TLS_H
#define HOSTLINK_TLS_H

/*
 * Per-thread variables of the plugin. A dlopen'd library defaults to the
 * general-dynamic TLS model, a __tls_get_addr call per access, which shows
 * on the hot path; initial-exec is one load. glibc keeps a little static
 * TLS spare for dlopen'd libraries: keep these variables small (pointers).
 */
#define HL_THREAD_LOCAL __thread __attribute__((tls_model("initial-exec")))

#endif
