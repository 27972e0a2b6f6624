// SPDX-License-Identifier: GPL-2.0-or-later
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "guest_mem.h"
#include "libs/libs.h"
#include "loader.h"
#include "log.h"
#include "tls.h"
#include "skew.h"
#include "stats.h"

/* Same values on every guest hostlink supports (and on the host). */
#define GUEST_AT_FDCWD   (-100)
#define GUEST_O_ACCMODE  03
#define GUEST_O_RDONLY   0
#define GUEST_O_CLOEXEC  02000000

static const struct guest_abi *abi;
static const char *thunk_dir;
static HL_THREAD_LOCAL const struct hostlink_lib *let_through;

void loader_let_through(const struct hostlink_lib *lib)
{
    let_through = lib;
}

void loader_init(const struct guest_abi *guest_abi, const char *dir)
{
    abi = guest_abi;
    thunk_dir = dir;
}

static struct hostlink_lib *lib_for(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (struct hostlink_lib *const *l = hostlink_libs; *l; l++) {
        if ((*l)->enabled && strcmp((*l)->soname, base) == 0) {
            return *l;
        }
    }
    return NULL;
}

/* Opens the thunk of @lib beside @path (relative to @dirfd) or in thunk_dir. */
static int open_thunk(struct hostlink_lib *lib, int dirfd, const char *path, int flags)
{
    char thunk[PATH_MAX];
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path) + 1 : 0;
    int fd = -ENOENT;

    if (snprintf(thunk, sizeof(thunk), "%.*s%s", dirlen, path, lib->thunk) < (int)sizeof(thunk)) {
        fd = openat(dirfd, thunk, flags);
        fd = fd >= 0 ? fd : -errno;
    }
    if (fd == -ENOENT && thunk_dir &&
        snprintf(thunk, sizeof(thunk), "%s/%s", thunk_dir, lib->thunk) < (int)sizeof(thunk)) {
        fd = open(thunk, flags);
        fd = fd >= 0 ? fd : -errno;
    }
    return fd;
}

static bool dir_exists(int dirfd, const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    struct stat st;

    if (!slash) {
        return true;
    }
    snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path) + 1, path);
    return fstatat(dirfd, dir, &st, 0) == 0 && S_ISDIR(st.st_mode);
}

bool loader_filter(int64_t num, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                   uint64_t *sysret)
{
    uint64_t path_addr, flags;
    int dirfd = GUEST_AT_FDCWD;
    char path[PATH_MAX];

    if (num == abi->nr_openat) {
        dirfd = (int)a1, path_addr = a2, flags = a3;
    } else if (num == abi->nr_open) {
        path_addr = a1, flags = a2;
    } else if (num == abi->nr_openat2) {
        /* struct open_how starts with a u64 flags field */
        if (a4 < sizeof(uint64_t) || !guest_mem_read(a3, &flags, sizeof(flags))) {
            return false;
        }
        dirfd = (int)a1, path_addr = a2;
    } else {
        return false;
    }
    /* The loader opens libraries read-only; leave any other open alone. */
    if ((flags & GUEST_O_ACCMODE) != GUEST_O_RDONLY ||
        !guest_mem_read_string(path_addr, path, sizeof(path))) {
        return false;
    }
    struct hostlink_lib *lib = lib_for(path);
    if (!lib || !skew_allows(lib, path)) {
        return false;
    }
    if (lib == let_through) {
        let_through = NULL;
        return false;
    }
    int fd = open_thunk(lib, dirfd == GUEST_AT_FDCWD ? AT_FDCWD : dirfd, path,
                        O_RDONLY | ((flags & GUEST_O_CLOEXEC) ? O_CLOEXEC : 0));
    if (fd == -ENOENT) {
        /*
         * The loader also probes directories that do not exist
         * (glibc-hwcaps/...); only a real directory without a thunk is news.
         */
        if (dir_exists(dirfd == GUEST_AT_FDCWD ? AT_FDCWD : dirfd, path)) {
            hl_log_once(&lib->warned_missing, "no thunk %s beside %s%s%s: the guest "
                        "opens the library itself", lib->thunk, path,
                        thunk_dir ? " or in " : "", thunk_dir ? thunk_dir : "");
            stats_lib_emulated(lib, "no thunk found");
        }
        return false;
    }
    *sysret = (uint64_t)(int64_t)fd;
    return true;
}
