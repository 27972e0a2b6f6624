// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `hostlink binfmt install [--arch A]... [--force] | remove | status`:
 * registers hostlink with the kernel's binfmt_misc, so that running a guest
 * program directly runs it under hostlink.
 *
 * The interpreter is a small wrapper, FILES/bin/hostlink-binfmt
 * (binfmt_interp.c), not QEMU: binfmt_misc gives an interpreter no
 * arguments of its own, and hostlink's QEMU needs -plugin with the plugin's
 * options, -L and -0. Flags: P (the kernel passes the program's own
 * argv[0], which the wrapper hands to QEMU's -0) and F (the kernel opens
 * the wrapper when it is registered, so it is found in other mount
 * namespaces and chroots). Not O or C: the kernel's open descriptor of the
 * program (AT_EXECFD) would reach the wrapper, not QEMU, which reads the
 * program by its path; so a program must be readable, and setuid bits are
 * not honoured, as with QEMU without C.
 *
 * An enabled registration of anyone else for the same ELF machine (Debian's
 * qemu-user-binfmt registers qemu-aarch64 and the like) is left alone and
 * install refuses, unless --force: then it is disabled, not removed, and
 * its description is kept in STATE_DIR, so that remove enables it again
 * exactly as it was (or registers it again from that description, if it
 * has gone meanwhile). Registrations last until reboot, as STATE_DIR does.
 */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>
#include "cli.h"

#define BINFMT_DIR   "/proc/sys/fs/binfmt_misc"
#define BINFMT_MAGIC 0x42494e4dL        /* statfs f_type of a binfmt_misc mount */
#define STATE_DIR    "/run/hostlink/binfmt"
#define ENTRY_PREFIX "hostlink-"
#define HEADER_LEN   20                 /* through e_machine */

/* An entry as /proc/sys/fs/binfmt_misc/NAME shows it. */
struct entry {
    char name[256];
    bool enabled;
    char interpreter[4096], flags[16];
    long offset;
    unsigned char magic[128], mask[128];
    size_t magic_len;                   /* 0: an extension entry */
};

/*
 * The ELF header fields that tell a guest's programs, with the mask
 * binfmt_misc applies: 64-bit, little-endian, version 1 (any OS ABI);
 * e_type executable or shared object (2 or 3: the mask drops bit 0);
 * e_machine.
 */
static void elf_pattern(const struct arch *a, unsigned char magic[HEADER_LEN],
                        unsigned char mask[HEADER_LEN])
{
    memset(magic, 0, HEADER_LEN);
    memset(mask, 0xff, HEADER_LEN);
    memcpy(magic, ELFMAG, SELFMAG);
    magic[EI_CLASS] = ELFCLASS64;
    magic[EI_DATA] = ELFDATA2LSB;
    magic[EI_VERSION] = EV_CURRENT;
    mask[EI_OSABI] = 0;
    magic[16] = ET_EXEC;                /* e_type, little-endian */
    mask[16] = 0xfe;
    magic[18] = a->machine & 0xff;
    magic[19] = a->machine >> 8;
}

static bool mounted(void)
{
    struct statfs fs;

    return statfs(BINFMT_DIR, &fs) == 0 && fs.f_type == BINFMT_MAGIC;
}

static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static size_t parse_hex(const char *s, unsigned char *out, size_t max)
{
    size_t n = 0;

    while (n < max && hexval(s[0]) >= 0 && hexval(s[1]) >= 0) {
        out[n++] = (unsigned char)(hexval(s[0]) << 4 | hexval(s[1]));
        s += 2;
    }
    return n;
}

/* Copies @src into @dst of @size bytes, cut short when longer. */
static void copy_field(char *dst, size_t size, const char *src)
{
    size_t n = strnlen(src, size - 1);

    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Reads the entry @name; false when it is not there. */
static bool read_entry(const char *name, struct entry *e)
{
    char *path = xasprintf("%s/%s", BINFMT_DIR, name), line[8192];
    FILE *f = fopen(path, "r");
    bool has_mask = false;

    free(path);
    if (!f) {
        return false;
    }
    memset(e, 0, sizeof(*e));
    copy_field(e->name, sizeof(e->name), name);
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strcmp(line, "enabled") == 0) {
            e->enabled = true;
        } else if (strncmp(line, "interpreter ", 12) == 0) {
            copy_field(e->interpreter, sizeof(e->interpreter), line + 12);
        } else if (strncmp(line, "flags: ", 7) == 0) {
            copy_field(e->flags, sizeof(e->flags), line + 7);
        } else if (strncmp(line, "offset ", 7) == 0) {
            e->offset = strtol(line + 7, NULL, 10);
        } else if (strncmp(line, "magic ", 6) == 0) {
            e->magic_len = parse_hex(line + 6, e->magic, sizeof(e->magic));
        } else if (strncmp(line, "mask ", 5) == 0) {
            parse_hex(line + 5, e->mask, sizeof(e->mask));
            has_mask = true;
        }
    }
    fclose(f);
    if (!has_mask) {
        memset(e->mask, 0xff, sizeof(e->mask));
    }
    return true;
}

/* Would @e run the programs of @a (executables and shared objects)? */
static bool runs_arch(const struct entry *e, const struct arch *a)
{
    unsigned char magic[HEADER_LEN], mask[HEADER_LEN];

    if (!e->magic_len || e->offset != 0 || e->magic_len > HEADER_LEN) {
        return false;
    }
    elf_pattern(a, magic, mask);
    for (int type = ET_EXEC; type <= ET_DYN; type++) {
        size_t i = 0;

        magic[16] = (unsigned char)type;
        while (i < e->magic_len && (magic[i] & e->mask[i]) == (e->magic[i] & e->mask[i])) {
            i++;
        }
        if (i == e->magic_len) {
            return true;
        }
    }
    return false;
}

static bool is_ours(const char *name)
{
    return strncmp(name, ENTRY_PREFIX, strlen(ENTRY_PREFIX)) == 0;
}

/* Every entry's name, NULL-terminated. */
static struct strvec entry_names(void)
{
    struct strvec names = { 0 };
    DIR *d = opendir(BINFMT_DIR);
    struct dirent *de;

    while (d && (de = readdir(d))) {
        if (de->d_name[0] != '.' && strcmp(de->d_name, "register") != 0 &&
            strcmp(de->d_name, "status") != 0) {
            strvec_push(&names, de->d_name);
        }
    }
    if (d) {
        closedir(d);
    }
    return names;
}

static bool write_file(const char *path, const char *text, size_t len)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    bool ok = fd >= 0 && write(fd, text, len) == (ssize_t)len;

    if (fd >= 0) {
        ok &= close(fd) == 0;
    }
    return ok;
}

/* Writes "1", "0" or "-1" (enable, disable, remove) to the entry @name. */
static bool control(const char *name, const char *what)
{
    char *path = xasprintf("%s/%s", BINFMT_DIR, name);
    bool ok = write_file(path, what, strlen(what));

    free(path);
    return ok;
}

/* ":name:M:offset:magic:mask:interpreter:flags", bytes as \xHH. */
static char *registration(const char *name, long offset, const unsigned char *magic,
                          const unsigned char *mask, size_t len, const char *interpreter,
                          const char *flags)
{
    char *s = xasprintf(":%s:M:%ld:", name, offset), *more;

    for (int part = 0; part < 2; part++) {
        const unsigned char *b = part ? mask : magic;
        for (size_t i = 0; i < len; i++) {
            more = xasprintf("%s\\x%02x", s, b[i]);
            free(s);
            s = more;
        }
        more = xasprintf("%s:", s);
        free(s);
        s = more;
    }
    more = xasprintf("%s%s:%s", s, interpreter, flags);
    free(s);
    return more;
}

static bool register_entry(const char *line)
{
    return write_file(BINFMT_DIR "/register", line, strlen(line));
}

static char *saved_path(const char *name)
{
    return xasprintf("%s/%s", STATE_DIR, name);
}

/* Keeps what a registration we disable was, as a registration line. */
static bool save_entry(const struct entry *e)
{
    char *path = saved_path(e->name);
    char *line = registration(e->name, e->offset, e->magic, e->mask, e->magic_len,
                              e->interpreter, e->flags);
    FILE *f;
    bool ok;

    if (mkdir("/run/hostlink", 0755) < 0 && errno != EEXIST) {
        ok = false;
    } else if (mkdir(STATE_DIR, 0755) < 0 && errno != EEXIST) {
        ok = false;
    } else {
        f = fopen(path, "w");
        ok = f && fprintf(f, "%s\n", line) > 0;
        ok = f && fclose(f) == 0 && ok;
    }
    if (!ok) {
        msg("binfmt: cannot keep %s's registration in %s: %s", e->name, path, strerror(errno));
    }
    free(line);
    free(path);
    return ok;
}

static char *wrapper_path(void)
{
    char *path = xasprintf("%s/bin/hostlink-binfmt", files_dir());
    char *abs = realpath(path, NULL);

    if (!abs || !is_file(abs)) {
        die(EXIT_HOSTLINK, "binfmt: %s not found (run make)", path);
    }
    free(path);
    return abs;
}

/* The host's own architecture: its programs must never go through hostlink. */
static bool is_host_arch(const struct arch *a)
{
    unsigned machine;
    const char *why;

    return elf_machine("/proc/self/exe", &machine, &why) && machine == a->machine;
}

static int install(const struct arch **want, size_t n_want, bool force)
{
    struct strvec names = entry_names();
    char *wrapper = wrapper_path();
    int status = 0;

    /* First every refusal, so that nothing changes when one applies. */
    for (size_t k = 0; k < n_want; k++) {
        for (size_t i = 0; i < names.n; i++) {
            struct entry e;

            if (is_ours(names.v[i]) || !read_entry(names.v[i], &e) || !e.enabled ||
                !runs_arch(&e, want[k])) {
                continue;
            }
            if (!force) {
                msg("binfmt: %s already runs %s programs (interpreter %s, flags %s; Debian's "
                    "qemu-user-binfmt registers such entries); not replacing it. hostlink binfmt "
                    "install --force disables it until hostlink binfmt remove enables it again",
                    e.name, want[k]->name, e.interpreter, e.flags);
                status = 1;
            }
        }
    }
    for (size_t k = 0; k < n_want && status == 0; k++) {
        unsigned char magic[HEADER_LEN], mask[HEADER_LEN];
        char *name = xasprintf(ENTRY_PREFIX "%s", want[k]->name), *line;
        struct entry e;

        for (size_t i = 0; i < names.n; i++) {
            if (!is_ours(names.v[i]) && read_entry(names.v[i], &e) && e.enabled &&
                runs_arch(&e, want[k])) {
                if (!save_entry(&e) || !control(e.name, "0")) {
                    msg("binfmt: cannot disable %s: %s", e.name, strerror(errno));
                    status = 1;
                } else {
                    printf("disabled %s (hostlink binfmt remove enables it again)\n", e.name);
                }
            }
        }
        if (read_entry(name, &e)) {
            control(name, "-1");        /* ours, from an earlier install: renewed */
        }
        elf_pattern(want[k], magic, mask);
        line = registration(name, 0, magic, mask, HEADER_LEN, wrapper, "PF");
        if (status == 0 && !register_entry(line)) {
            msg("binfmt: cannot register %s: %s", name, strerror(errno));
            status = 1;
        } else if (status == 0) {
            printf("registered %s: %s programs run through %s\n", name, want[k]->name, wrapper);
        }
        free(line);
        free(name);
    }
    free(wrapper);
    return status;
}

static int remove_all(void)
{
    struct strvec names = entry_names();
    DIR *d;
    struct dirent *de;
    int status = 0;

    for (size_t i = 0; i < names.n; i++) {
        if (is_ours(names.v[i])) {
            if (control(names.v[i], "-1")) {
                printf("removed %s\n", names.v[i]);
            } else {
                msg("binfmt: cannot remove %s: %s", names.v[i], strerror(errno));
                status = 1;
            }
        }
    }
    /* Then what install disabled, as it was. */
    d = opendir(STATE_DIR);
    while (d && (de = readdir(d))) {
        struct entry e;
        char *path, line[8192];
        FILE *f = NULL;

        if (de->d_name[0] == '.') {
            continue;
        }
        path = saved_path(de->d_name);
        if (read_entry(de->d_name, &e)) {
            if (control(de->d_name, "1")) {
                printf("enabled %s again\n", de->d_name);
                unlink(path);
            } else {
                msg("binfmt: cannot enable %s: %s", de->d_name, strerror(errno));
                status = 1;
            }
        } else if ((f = fopen(path, "r")) && fgets(line, sizeof(line), f)) {
            line[strcspn(line, "\n")] = '\0';
            if (register_entry(line)) {
                printf("registered %s again (%s)\n", de->d_name, line);
                unlink(path);
            } else {
                msg("binfmt: cannot register %s again (%s): %s", de->d_name, line,
                    strerror(errno));
                status = 1;
            }
        }
        if (f) {
            fclose(f);
        }
        free(path);
    }
    if (d) {
        closedir(d);
        rmdir(STATE_DIR);
    }
    return status;
}

static int status_all(void)
{
    struct strvec names = entry_names();

    for (size_t k = 0; k < n_arches; k++) {
        const struct arch *a = &arches[k];
        char *name = xasprintf(ENTRY_PREFIX "%s", a->name);
        struct entry e;
        bool any = false;

        if (read_entry(name, &e)) {
            printf("%s: hostlink (%s, %s, interpreter %s, flags %s)\n", a->name, name,
                   e.enabled ? "enabled" : "disabled", e.interpreter, e.flags);
            any = true;
        }
        for (size_t i = 0; i < names.n; i++) {
            char *saved;

            if (is_ours(names.v[i]) || !read_entry(names.v[i], &e) || !runs_arch(&e, a)) {
                continue;
            }
            saved = saved_path(e.name);
            printf("%s: %s (%s%s, interpreter %s, flags %s)\n", a->name, e.name,
                   e.enabled ? "enabled" : "disabled",
                   !e.enabled && is_file(saved) ? " by hostlink binfmt install --force" : "",
                   e.interpreter, e.flags);
            free(saved);
            any = true;
        }
        if (!any) {
            printf("%s: not registered\n", a->name);
        }
        free(name);
    }
    return 0;
}

int cmd_binfmt(int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : "";
    const struct arch *want[16];
    size_t n_want = 0;
    bool force = false;

    if (strcmp(sub, "install") != 0 && strcmp(sub, "remove") != 0 && strcmp(sub, "status") != 0) {
        msg("binfmt: usage: hostlink binfmt install [--arch ARCH]... [--force] | remove | status");
        return EXIT_USAGE;
    }
    for (int i = 2; i < argc; i++) {
        if (strcmp(sub, "install") == 0 && strcmp(argv[i], "--force") == 0) {
            force = true;
        } else if (strcmp(sub, "install") == 0 && strcmp(argv[i], "--arch") == 0 &&
                   i + 1 < argc) {
            const struct arch *a = arch_by_name(argv[++i]);
            if (!a) {
                msg("binfmt: unknown architecture '%s' (known: %s)", argv[i], arch_names());
                return EXIT_USAGE;
            }
            if (n_want < sizeof(want) / sizeof(want[0])) {
                want[n_want++] = a;
            }
        } else {
            msg("binfmt %s: unknown argument '%s'", sub, argv[i]);
            return EXIT_USAGE;
        }
    }
    if (!mounted()) {
        msg("binfmt: binfmt_misc is not mounted at " BINFMT_DIR " (as root: mount -t binfmt_misc "
            "binfmt_misc " BINFMT_DIR ")");
        return strcmp(sub, "status") == 0 ? 0 : 1;
    }
    if (strcmp(sub, "status") == 0) {
        return status_all();
    }
    if (strcmp(sub, "remove") == 0) {
        return remove_all();
    }
    /* Default: every guest but the host's own architecture. */
    if (n_want == 0) {
        for (size_t k = 0; k < n_arches; k++) {
            if (!is_host_arch(&arches[k])) {
                want[n_want++] = &arches[k];
            }
        }
    }
    for (size_t k = 0; k < n_want; k++) {
        if (is_host_arch(want[k])) {
            msg("binfmt: %s is this host's own architecture: every native program, QEMU and "
                "hostlink's wrapper included, would go through hostlink (and loop); not "
                "registered", want[k]->name);
            return 1;
        }
    }
    return install(want, n_want, force);
}
