// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the hostlink command reads from ELF files, through the shared
 * reader (shared/elf.c): the machine of a guest program and the dynamic
 * symbols of a QEMU binary or the plugin.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "shared/elf.h"

bool elf_machine(const char *path, unsigned *machine, const char **why)
{
    unsigned char buf[sizeof(Elf64_Ehdr)];
    ssize_t len;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        *why = strerror(errno);
        return false;
    }
    len = pread(fd, buf, sizeof(buf), 0);
    if (len < 0) {
        int e = errno;
        close(fd);
        *why = strerror(e);
        errno = e;
        return false;
    }
    close(fd);
    *why = elf_check_header(buf, (size_t)len);
    if (*why) {
        errno = ENOEXEC;
        return false;
    }
    *machine = elf_header_machine(buf);
    return true;
}

const char *elf_machine_name(unsigned machine)
{
    /* Architectures people are likely to try, for a friendlier error. */
    static const struct { unsigned machine; const char *name; } names[] = {
        { EM_386, "i386" },     { EM_ARM, "arm" },          { EM_X86_64, "x86_64" },
        { EM_AARCH64, "aarch64" }, { EM_RISCV, "riscv" },   { EM_PPC, "ppc" },
        { EM_PPC64, "ppc64" },  { EM_S390, "s390" },        { EM_MIPS, "mips" },
        { EM_SPARCV9, "sparc64" }, { EM_LOONGARCH, "loongarch" },
    };

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (names[i].machine == machine) {
            return names[i].name;
        }
    }
    return NULL;
}

struct wanted {
    const char *const *names;
    bool *found;
    size_t n;
};

static void note_export(void *ctx, const struct elf_dynsym *s)
{
    struct wanted *w = ctx;

    for (size_t k = 0; k < w->n; k++) {
        if (!w->found[k] && strcmp(s->name, w->names[k]) == 0) {
            w->found[k] = true;
        }
    }
}

bool elf_exports(const char *path, const char *const *names, bool *found,
                 size_t n, const char **why)
{
    struct wanted w = { names, found, n };
    struct elf_file f;
    bool ok;

    for (size_t k = 0; k < n; k++) {
        found[k] = false;
    }
    if (!elf_open(path, &f, why)) {
        return false;
    }
    ok = elf_each_dynsym(&f, note_export, &w, why);
    elf_close(&f);
    return ok;
}
