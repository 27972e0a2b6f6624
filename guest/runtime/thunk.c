// SPDX-License-Identifier: GPL-2.0-or-later
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "hostlink/thunk.h"

/* Debian's multiarch directory name: the guest's triple, given by make. */
#ifndef HOSTLINK_MULTIARCH
#error "build with -DHOSTLINK_MULTIARCH='\"ARCH-linux-gnu\"'"
#endif
#define MULTIARCH HOSTLINK_MULTIARCH

/* HOSTLINK_EMULATE is the plugin's (plugin/emulate_env.h): it never hands the loader those thunks. */
int hl_decide(struct hl_thunk_lib *l)
{
    int state = HL_GENUINE;
    long r;

    /* -ENOSYS (no plugin), -ENOENT, -EPROTO: all mean the genuine library. */
    r = hostlink_call(HOSTLINK_OP_OPEN, (long)l->name, (long)l->hash, 0, (long)l->info, 0);
    if (r >= 0) {
        l->handle = r;
        state = HL_NATIVE;
        if (l->host_threads) {
            hl_serve_host_threads(l);
        }
    }
    /* Racing threads reach the same answer: the plugin's open is idempotent. */
    __atomic_store_n(&l->state, state, __ATOMIC_RELEASE);
    return state;
}

long hl_run_callbacks(struct hl_thunk_lib *l, struct hostlink_callback_block *b, long r)
{
    while (r == HOSTLINK_CALLBACK) {
        l->callback_entry(b);
        r = hostlink_call_inline(HOSTLINK_OP_RESUME, 0, 0, 0, (long)b);
    }
    return r;
}

int hl_call_failed(long r)
{
    errno = (int)-r;
    return -1;
}

/*
 * Files are identified by opening them, never by access() or stat(): QEMU
 * maps a guest path through its sysroot (-L, QEMU_LD_PREFIX) for open and
 * openat, but not for faccessat or fstatat on every guest, so only an open
 * sees the file the guest's loader would load.
 */
static int identify(const char *path, struct stat *st)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int ok = fd >= 0 && fstat(fd, st) == 0;

    if (fd >= 0) {
        close(fd);
    }
    return ok;
}

/*
 * The file this thunk was really loaded from. Not dladdr's name: when the
 * plugin hands the loader the thunk for /lib/.../libz.so.1, that is the
 * name the loader keeps. The mapping in /proc/self/maps names the file.
 */
static int self_file(struct stat *st)
{
    uintptr_t here = (uintptr_t)self_file;
    char line[4352];
    FILE *maps = fopen("/proc/self/maps", "re");
    int found = 0;

    while (maps && !found && fgets(line, sizeof(line), maps)) {
        unsigned long lo, hi;
        char *path = strchr(line, '/');
        if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && here >= lo && here < hi && path) {
            path[strcspn(path, "\n")] = '\0';
            found = identify(path, st);
        }
    }
    if (maps) {
        fclose(maps);
    }
    return found;
}

/* Is @path a readable file other than this thunk? */
static int is_other_file(const char *path)
{
    struct stat self, other;

    if (!identify(path, &other)) {
        return 0;
    }
    return !self_file(&self) || self.st_dev != other.st_dev || self.st_ino != other.st_ino;
}

/*
 * dlopen by a spelling of @path the loader has not seen: the thunk may be
 * known under that very name, and dlopen would hand back the thunk.
 */
static void *open_as_new(const char *path)
{
    char alias[4200];
    const char *slash = strrchr(path, '/');
    snprintf(alias, sizeof(alias), "%.*s/.%s", (int)(slash - path), path, slash);
    return dlopen(alias, RTLD_NOW | RTLD_LOCAL);
}

/*
 * Passed through, but the genuine library is wanted (the call policy left
 * calls to it): the plugin lets this thread's next open of the library's
 * soname through instead of handing out the thunk. Every open below that
 * must see the genuine file comes right after one of these.
 */
static void let_genuine_through(struct hl_thunk_lib *l)
{
    if (__atomic_load_n(&l->state, __ATOMIC_ACQUIRE) == HL_NATIVE) {
        hostlink_call(HOSTLINK_OP_OPEN, (long)l->name, (long)l->hash, HOSTLINK_OPEN_GENUINE,
                      (long)l->info, 0);
    }
}

/* Whether @dir/@soname, written to @path, is a file other than this thunk. */
static int found_in(struct hl_thunk_lib *l, const char *dir, char *path, size_t len)
{
    snprintf(path, len, "%s/%s", dir, l->soname);
    let_genuine_through(l);
    return is_other_file(path);
}

/*
 * The genuine library: the first file of that soname that is not us, on
 * the loader's search path for the program (its RPATH, LD_LIBRARY_PATH,
 * its RUNPATH, the system directories), then the usual system directories.
 */
static void *open_genuine(struct hl_thunk_lib *l)
{
    static const char *const system_dirs[] = {
        "/lib/" MULTIARCH, "/usr/lib/" MULTIARCH, "/lib64", "/usr/lib64", "/lib", "/usr/lib",
    };
    void *program = dlopen(NULL, RTLD_LAZY);
    Dl_serinfo size;
    char path[4096];
    int found = 0;

    if (program && dlinfo(program, RTLD_DI_SERINFOSIZE, &size) == 0) {
        Dl_serinfo *info = malloc(size.dls_size);
        if (info) {
            *info = size;
            if (dlinfo(program, RTLD_DI_SERINFO, info) == 0) {
                for (unsigned i = 0; i < info->dls_cnt && !found; i++) {
                    found = found_in(l, info->dls_serpath[i].dls_name, path, sizeof(path));
                }
            }
            free(info);
        }
    }
    for (size_t i = 0; i < sizeof(system_dirs) / sizeof(system_dirs[0]) && !found; i++) {
        found = found_in(l, system_dirs[i], path, sizeof(path));
    }
    if (!found) {
        return NULL;
    }
    let_genuine_through(l);
    return open_as_new(path);
}

void *hl_genuine_optional(struct hl_thunk_lib *l, const char *name, const char *version)
{
    void *handle, *sym;

    if (l->preload) {
        handle = RTLD_NEXT;
    } else {
        if (!__atomic_load_n(&l->genuine, __ATOMIC_ACQUIRE)) {
            void *h = open_genuine(l);
            if (h && !__atomic_compare_exchange_n(&l->genuine, &(void *){ NULL }, h, 0,
                                                  __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
                dlclose(h);     /* another thread won */
            }
        }
        handle = l->genuine;
    }
    sym = !handle ? NULL : version ? dlvsym(handle, name, version) : dlsym(handle, name);
    if (!sym && handle && version) {
        sym = dlsym(handle, name);
    }
    return sym;
}

void *hl_genuine(struct hl_thunk_lib *l, const char *name, const char *version)
{
    void *sym = hl_genuine_optional(l, name, version);
    if (!sym) {
        fprintf(stderr, "hostlink thunk %s: no genuine %s in %s\n", l->name, name, l->soname);
        abort();
    }
    return sym;
}
