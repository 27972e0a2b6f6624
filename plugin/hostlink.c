// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hostlink QEMU plugin: entry point and syscall filter.
 *
 * Guest thunk libraries reach the plugin through HOSTLINK_SYSCALL
 * (include/hostlink/protocol.h); the filter hands those to the op table
 * below and opens of passed-through libraries to the loader redirection.
 * Everything else goes on to QEMU untouched.
 */
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <qemu-plugin.h>

#include "hostlink/protocol.h"
#include "abi/abi.h"
#include "bridge.h"
#include "emulate_env.h"
#include "exec.h"
#include "guest_mem.h"
#include "host_file.h"
#include "hostmem.h"
#include "libs/libs.h"
#include "loader.h"
#include "log.h"
#include "options.h"
#include "profile.h"
#include "regs.h"
#include "skew.h"
#include "stats.h"
#include "unit.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#if QEMU_PLUGIN_VERSION != 6
#error "hostlink needs QEMU plugin API v6 (QEMU 11.0 or the project's patched 10.2)"
#endif

static const struct guest_abi *abi;
/*
 * The guest syscalls the filter looks at beyond its own (loader, exec,
 * memory map changes, buffers): every other one leaves after one load, since
 * the filter runs for every syscall the program makes.
 */
static uint8_t watched[512];
static struct options opts;
static int usable;              /* 0: not checked yet, 1: yes, -1: hostlink is off */

typedef int64_t (*op_fn)(const uint64_t *args);

static int64_t op_resume(const uint64_t *args)
{
    return bridge_resume(args[4]);
}

static int64_t op_status(const uint64_t *args)
{
    (void)args;
    return 0;                   /* reaching an op at all means hostlink is usable */
}

static const op_fn ops[] = {
    [HOSTLINK_OP_RESUME] = op_resume,
    [HOSTLINK_OP_STATUS] = op_status,
    [HOSTLINK_OP_OPEN] = library_open,
    [HOSTLINK_OP_CALL] = library_call,
    [HOSTLINK_OP_CALL_HOST] = library_call_host,
    [HOSTLINK_OP_SERVE] = library_serve,
    [HOSTLINK_OP_FILE] = host_file_op,
};

/*
 * Once per process, at the first syscall: host code may use guest pointers
 * only if guest addresses are host addresses.
 */
static bool check_usable(void)
{
    uint64_t sp;
    int u = __atomic_load_n(&usable, __ATOMIC_RELAXED);

    if (u == 0) {
        if (!regs_read_sp(abi, &sp)) {
            hl_log("cannot read the guest's stack pointer (%s): hostlink is off", abi->sp);
            u = -1;
        } else if (!guest_mem_shared(sp)) {
            /* A set-up mistake, not guest input: say it where the user looks. */
            fprintf(stderr, "hostlink: guest addresses are not host addresses (guest_base is "
                    "not 0: -B or QEMU_GUEST_BASE?); libraries stay emulated\n");
            u = -1;
        } else {
            u = 1;
        }
        __atomic_store_n(&usable, u, __ATOMIC_RELAXED);
    }
    return u == 1;
}

static bool filter(qemu_plugin_id_t id, unsigned int vcpu_index, int64_t num,
                   uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                   uint64_t a5, uint64_t a6, uint64_t a7, uint64_t a8,
                   uint64_t *sysret)
{
    static bool warned_op;
    (void)id; (void)vcpu_index; (void)a7; (void)a8;

    if (__builtin_expect(usable != 1, 0) && !check_usable()) {
        if (num != HOSTLINK_SYSCALL) {
            return false;
        }
        *sysret = (uint64_t)-ENOSYS;
        return true;
    }
    if (num == HOSTLINK_SYSCALL) {
        const uint64_t args[5] = { a2, a3, a4, a5, a6 };
        if (a1 >= G_N_ELEMENTS(ops) || !ops[a1]) {
            hl_log_once(&warned_op, "unknown op %llu", (unsigned long long)a1);
            *sysret = (uint64_t)-EINVAL;
        } else {
            *sysret = (uint64_t)ops[a1](args);
        }
        return true;
    }
    if ((uint64_t)num < sizeof watched && !watched[num]) {
        return false;
    }
    const uint64_t args[6] = { a1, a2, a3, a4, a5, a6 };
    if (hostmem_filter(num, args, sysret)) {
        return true;
    }
    for (const int64_t *nr = abi->nr_map_changes; *nr; nr++) {
        if (num == *nr) {
            guest_mem_changed();
            return false;
        }
    }
    if (num == abi->nr_execve || num == abi->nr_execveat) {
        stats_flush();          /* a successful exec ends this program without an exit */
        profile_exit();
        return exec_filter(num, a1, a2, a3, a4, a5, sysret);
    }
    return loader_filter(num, a1, a2, a3, a4, sysret);
}

/* QEMU keeps one exit callback per plugin: statistics and the profile. */
static void at_exit(qemu_plugin_id_t id, void *unused)
{
    (void)id;
    (void)unused;
    stats_flush();
    profile_exit();
}

static bool any_lib_enabled(void)
{
    for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
        if ((*l)->enabled) {
            return true;
        }
    }
    return false;
}

static void watch(int64_t nr)
{
    if (nr >= 0 && (uint64_t)nr < sizeof watched) {
        watched[nr] = 1;
    }
}

/* Numbers beyond the table are never skipped: the filter's checks decide. */
static void watch_syscalls(void)
{
    const int64_t singles[] = { abi->nr_open, abi->nr_openat, abi->nr_openat2,
                                abi->nr_execve, abi->nr_execveat };
    for (size_t i = 0; i < G_N_ELEMENTS(singles); i++) {
        watch(singles[i]);
    }
    for (const int64_t *nr = abi->nr_map_changes; *nr; nr++) {
        watch(*nr);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(abi->nr_buffer_io); i++) {
        watch(abi->nr_buffer_io[i]);
    }
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
                                           int argc, char **argv)
{
    g_autofree char *error = NULL;

    if (info->system_emulation) {
        fprintf(stderr, "hostlink: needs QEMU user-mode emulation (qemu-<arch>)\n");
        return -1;
    }
    if (!(abi = guest_abi_find(info->target_name))) {
        fprintf(stderr, "hostlink: guest architecture %s is not supported\n", info->target_name);
        return -1;
    }
    if (!options_parse(argc, argv, &opts, &error)) {
        fprintf(stderr, "hostlink: %s\n", error);
        return -1;
    }
    emulate_env_apply();        /* before anything looks at which libraries are enabled */
    loader_init(abi, opts.thunk_dir);
    skew_init(abi, opts.sysroot);
    library_init(opts.host_lib_dir, !opts.no_policy);
    if (any_lib_enabled()) {
        hostmem_init(abi);      /* host library memory can reach the guest */
    }
    stats_init(opts.stats, opts.stats_file, abi->name);
    if (opts.profile && !opts.no_policy) {
        profile_init(opts.profile);
    }
    unit_settle();              /* after the options, HOSTLINK_EMULATE and the profile */
    exec_init(abi, argc, argv, opts.sysroot);
    watch_syscalls();
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    qemu_plugin_register_vcpu_syscall_filter_cb(id, filter);
    return 0;
}
