// SPDX-License-Identifier: GPL-2.0-or-later
/* The kernel's binfmt_misc: reading, writing and matching entries (binfmt_misc.h). */
#include <elf.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>
#include "binfmt_misc.h"

#define BINFMT_MAGIC 0x42494e4dL        /* statfs f_type of a binfmt_misc mount */

/*
 * The ELF header fields that tell a guest's programs, with the mask
 * binfmt_misc applies: 64-bit, little-endian, version 1 (any OS ABI);
 * e_type executable or shared object (2 or 3: the mask drops bit 0);
 * e_machine.
 */
void binfmt_elf_pattern(const struct arch *a, unsigned char magic[BINFMT_HEADER_LEN],
                        unsigned char mask[BINFMT_HEADER_LEN])
{
    memset(magic, 0, BINFMT_HEADER_LEN);
    memset(mask, 0xff, BINFMT_HEADER_LEN);
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

bool binfmt_mounted(void)
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
bool binfmt_read(const char *name, struct binfmt_entry *e)
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
bool binfmt_runs_arch(const struct binfmt_entry *e, const struct arch *a)
{
    unsigned char magic[BINFMT_HEADER_LEN], mask[BINFMT_HEADER_LEN];

    if (!e->magic_len || e->offset != 0 || e->magic_len > BINFMT_HEADER_LEN) {
        return false;
    }
    binfmt_elf_pattern(a, magic, mask);
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

/* Every entry's name, NULL-terminated. */
struct strvec binfmt_names(void)
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
bool binfmt_control(const char *name, const char *what)
{
    char *path = xasprintf("%s/%s", BINFMT_DIR, name);
    bool ok = write_file(path, what, strlen(what));

    free(path);
    return ok;
}

/* ":name:M:offset:magic:mask:interpreter:flags", bytes as \xHH. */
char *binfmt_line(const char *name, long offset, const unsigned char *magic,
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

bool binfmt_register(const char *line)
{
    return write_file(BINFMT_DIR "/register", line, strlen(line));
}

