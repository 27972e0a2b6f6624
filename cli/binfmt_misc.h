/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's binfmt_misc, as `hostlink binfmt` uses it (binfmt.c):
 * entries read from and written to BINFMT_DIR, and the ELF header pattern
 * that tells a guest architecture's programs.
 */
#ifndef HOSTLINK_BINFMT_MISC_H
#define HOSTLINK_BINFMT_MISC_H

#include <stdbool.h>
#include <stddef.h>
#include "cli.h"

#define BINFMT_DIR        "/proc/sys/fs/binfmt_misc"
#define BINFMT_HEADER_LEN 20            /* ELF header bytes through e_machine */

/* An entry as /proc/sys/fs/binfmt_misc/NAME shows it. */
struct binfmt_entry {
    char name[256];
    bool enabled;
    char interpreter[4096], flags[16];
    long offset;
    unsigned char magic[128], mask[128];
    size_t magic_len;                   /* 0: an extension entry */
};

/* Is binfmt_misc mounted at BINFMT_DIR? */
bool binfmt_mounted(void);
/*
 * The pattern of @a's programs: 64-bit, little-endian, version 1, any OS
 * ABI, e_type executable or shared object, e_machine.
 */
void binfmt_elf_pattern(const struct arch *a, unsigned char magic[BINFMT_HEADER_LEN],
                        unsigned char mask[BINFMT_HEADER_LEN]);
/* Reads the entry @name; false when there is none. */
bool binfmt_read(const char *name, struct binfmt_entry *e);
/* Would @e run @a's programs (executables and shared objects)? */
bool binfmt_runs_arch(const struct binfmt_entry *e, const struct arch *a);
/* Every entry's name. */
struct strvec binfmt_names(void);
/* Writes "1", "0" or "-1" (enable, disable, remove) to the entry @name. */
bool binfmt_control(const char *name, const char *what);
/* The registration line ":name:M:offset:magic:mask:interpreter:flags", bytes as \xHH. */
char *binfmt_line(const char *name, long offset, const unsigned char *magic,
                  const unsigned char *mask, size_t len, const char *interpreter,
                  const char *flags);
/* Registers the line; false with errno on failure. */
bool binfmt_register(const char *line);

#endif
