// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Just enough ELF reading for hostlink: the machine of a guest program and
 * the dynamic symbols of a QEMU binary. Only 64-bit little-endian files,
 * read in place: the structures from <elf.h> match the file byte for byte
 * on a little-endian host, the only kind hostlink runs on.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "cli/elf.c reads little-endian ELF files in place"
#endif

/* Checks the identification and type; NULL when fine, else the reason. */
static const char *check_header(const unsigned char *buf, size_t len)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)buf;

    if (len < EI_NIDENT || memcmp(buf, ELFMAG, SELFMAG) != 0) {
        return "not an ELF file";
    }
    if (buf[EI_CLASS] != ELFCLASS64) {
        return buf[EI_CLASS] == ELFCLASS32 ? "32-bit ELF file" : "ELF file of unknown class";
    }
    if (buf[EI_DATA] != ELFDATA2LSB) {
        return "big-endian ELF file";
    }
    if (len < sizeof(Elf64_Ehdr)) {
        return "truncated ELF header";
    }
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        return "ELF file that is not an executable or shared object";
    }
    return NULL;
}

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
    *why = check_header(buf, (size_t)len);
    if (*why) {
        errno = ENOEXEC;
        return false;
    }
    *machine = ((const Elf64_Ehdr *)buf)->e_machine;
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

/* True when [off, off + len) lies inside a file of @size bytes. */
static bool in_file(uint64_t off, uint64_t len, size_t size)
{
    return off <= size && len <= size - off;
}

/* Looks up @names in the mapped file; false with *why on malformed input. */
static bool scan_dynsym(const unsigned char *base, size_t size, const char *const *names,
                        bool *found, size_t n, const char **why)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
    const Elf64_Shdr *sh, *symtab = NULL, *strtab;
    const char *strs;

    *why = check_header(base, size);
    if (*why) {
        return false;
    }
    if (eh->e_shnum == 0 || eh->e_shentsize != sizeof(Elf64_Shdr) ||
        !in_file(eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr), size) ||
        eh->e_shoff % _Alignof(Elf64_Shdr) != 0) {
        *why = "no usable section headers";
        return false;
    }
    sh = (const Elf64_Shdr *)(base + eh->e_shoff);
    for (unsigned i = 0; i < eh->e_shnum && !symtab; i++) {
        if (sh[i].sh_type == SHT_DYNSYM) {
            symtab = &sh[i];
        }
    }
    if (!symtab) {
        *why = "no dynamic symbol table (statically linked?)";
        return false;
    }
    if (symtab->sh_link >= eh->e_shnum || sh[symtab->sh_link].sh_type != SHT_STRTAB) {
        *why = "dynamic symbol table without a string table";
        return false;
    }
    strtab = &sh[symtab->sh_link];
    if (!in_file(symtab->sh_offset, symtab->sh_size, size) ||
        !in_file(strtab->sh_offset, strtab->sh_size, size) ||
        symtab->sh_offset % _Alignof(Elf64_Sym) != 0) {
        *why = "dynamic symbol table outside the file";
        return false;
    }
    strs = (const char *)base + strtab->sh_offset;
    for (uint64_t i = 0; i < symtab->sh_size / sizeof(Elf64_Sym); i++) {
        const Elf64_Sym *sym = (const Elf64_Sym *)(base + symtab->sh_offset) + i;
        const char *name;

        /* Undefined entries are imports, not exports. */
        if (sym->st_shndx == SHN_UNDEF || sym->st_name >= strtab->sh_size) {
            continue;
        }
        name = strs + sym->st_name;
        if (!memchr(name, '\0', strtab->sh_size - sym->st_name)) {
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            if (!found[k] && strcmp(name, names[k]) == 0) {
                found[k] = true;
            }
        }
    }
    return true;
}

/* Maps @path read-only; false with *why. */
static bool map_file(const char *path, const unsigned char **base, size_t *size, const char **why)
{
    struct stat st;
    void *map;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        *why = strerror(errno);
        return false;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        close(fd);
        *why = "not a regular, non-empty file";
        return false;
    }
    map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        *why = strerror(errno);
        return false;
    }
    *base = map;
    *size = (size_t)st.st_size;
    return true;
}

bool elf_exports(const char *path, const char *const *names, bool *found,
                 size_t n, const char **why)
{
    const unsigned char *map;
    size_t size;
    bool ok;

    for (size_t k = 0; k < n; k++) {
        found[k] = false;
    }
    if (!map_file(path, &map, &size, why)) {
        return false;
    }
    ok = scan_dynsym(map, size, names, found, n, why);
    munmap((void *)map, size);
    return ok;
}

/* The NT_GNU_BUILD_ID note in the PT_NOTE segments of a mapped file, as hex. */
static bool find_build_id(const unsigned char *base, size_t size, char *hex, size_t len)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
    const Elf64_Phdr *ph;

    if (check_header(base, size) || eh->e_phentsize != sizeof(Elf64_Phdr) ||
        !in_file(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr), size) ||
        eh->e_phoff % _Alignof(Elf64_Phdr) != 0) {
        return false;
    }
    ph = (const Elf64_Phdr *)(base + eh->e_phoff);
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_NOTE || !in_file(ph[i].p_offset, ph[i].p_filesz, size)) {
            continue;
        }
        for (uint64_t at = 0; at + sizeof(Elf64_Nhdr) <= ph[i].p_filesz; ) {
            Elf64_Nhdr nh;
            memcpy(&nh, base + ph[i].p_offset + at, sizeof(nh));
            uint64_t name_at = at + sizeof(nh), desc_at = name_at + ((nh.n_namesz + 3ull) & ~3ull);
            uint64_t next = desc_at + ((nh.n_descsz + 3ull) & ~3ull);
            if (next > ph[i].p_filesz) {
                break;
            }
            if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
                memcmp(base + ph[i].p_offset + name_at, "GNU", 4) == 0 &&
                nh.n_descsz > 0 && nh.n_descsz * 2 < len) {
                for (unsigned k = 0; k < nh.n_descsz; k++) {
                    static const char digits[] = "0123456789abcdef";
                    unsigned char b = base[ph[i].p_offset + desc_at + k];
                    hex[2 * k] = digits[b >> 4];
                    hex[2 * k + 1] = digits[b & 15];
                }
                hex[2 * nh.n_descsz] = '\0';
                return true;
            }
            at = next;
        }
    }
    return false;
}

bool elf_build_id(const char *path, char *hex, size_t len)
{
    const unsigned char *map;
    const char *why;
    size_t size;
    bool ok;

    if (!map_file(path, &map, &size, &why)) {
        return false;
    }
    ok = find_build_id(map, size, hex, len);
    munmap((void *)map, size);
    return ok;
}
