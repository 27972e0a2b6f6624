// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hostlink-gen: from a library description, the library's C header and
 * the real library, writes the guest thunk, its version script, the host
 * stubs and the `hostlink list` line.
 *
 *   hostlink-gen [-L DIR] DESC.hl OUTDIR [GUEST_TRIPLE[=DIR]...]
 *
 * writes OUTDIR/NAME-host.c, NAME-guest.c, NAME.map, NAME.list, NAME.functions,
 * NAME.refused (gen/refused.h). Each guest
 * triple (aarch64-linux-gnu, ...) is checked for data layouts that differ
 * from the host's; TRIPLE=DIR also reads the guest's own development
 * headers from DIR (a sysroot's usr/include: its sqlite3.h) and its
 * multiarch ones from DIR/TRIPLE (OpenSSL's configuration.h), before the
 * host's. -L names a directory to look for the host library in
 * before the system's (for libraries the project builds itself).
 */
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "api_table.h"
#include "desc.h"
#include "elf_exports.h"
#include "emit.h"
#include "model.h"
#include "refused.h"

/* @soname in @libdir, or where the host's dynamic linker finds it. */
static const char *host_library_path(const char *libdir, const char *soname)
{
    static char path[4096];
    struct link_map *map;

    if (libdir) {
        snprintf(path, sizeof(path), "%s/%s", libdir, soname);
        if (access(path, R_OK) == 0) {
            return path;
        }
    }
    void *h = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
    if (!h || dlinfo(h, RTLD_DI_LINKMAP, &map) != 0) {
        fprintf(stderr, "hostlink-gen: cannot find the host's %s: %s\n", soname, dlerror());
        exit(1);
    }
    return map->l_name;
}

static FILE *open_out(const char *dir, const char *name, const char *suffix, char *path, size_t len)
{
    snprintf(path, len, "%s/%s%s", dir, name, suffix);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    return f;
}

int main(int argc, char **argv)
{
    struct desc d;
    struct exports ex;
    struct model m;
    char path[4096];

    const char *libdir = NULL;
    if (argc > 2 && strcmp(argv[1], "-L") == 0) {
        libdir = argv[2];
        argv += 2;
        argc -= 2;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: hostlink-gen [-L DIR] DESC.hl OUTDIR [GUEST_TRIPLE...]\n");
        return 2;
    }
    if (!desc_read(argv[1], &d) || !elf_exports_read(host_library_path(libdir, d.host), &ex)) {
        return 1;
    }
    if (!model_build(&d, &ex, (const char *const *)argv + 3, &m)) {
        fprintf(stderr, "hostlink-gen: %s: refused (see above)\n", d.name);
        return 1;
    }
    FILE *f;
    f = open_out(argv[2], d.name, "-host.c", path, sizeof(path));
    emit_host(f, &d, &m);
    fclose(f);
    f = open_out(argv[2], d.name, "-guest.c", path, sizeof(path));
    emit_guest(f, &d, &m);
    fclose(f);
    f = open_out(argv[2], d.name, ".map", path, sizeof(path));
    emit_version_script(f, &d, &m, &ex);
    fclose(f);
    f = open_out(argv[2], d.name, ".list", path, sizeof(path));
    emit_list_line(f, &d);
    fclose(f);
    f = open_out(argv[2], d.name, ".functions", path, sizeof(path));
    emit_function_list(f, &m);
    emit_api_table_gaps(f, &d, &m);
    fclose(f);
    f = open_out(argv[2], d.name, ".refused", path, sizeof(path));
    emit_refused_list(f, &m);
    fclose(f);
    if (m.n_refused) {
        fprintf(stderr, "hostlink-gen: %s: %u functions refused, left out of the thunk (%s)\n",
                d.name, m.n_refused, path);
    }
    return 0;
}
