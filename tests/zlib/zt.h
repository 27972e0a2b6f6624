/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers shared by the zlib guest tests: reproducible test data and
 * the bookkeeping of checks. Every line a test prints must be the same
 * natively, under plain emulation and with zlib passed through, so
 * nothing here prints addresses, times or paths.
 */
#ifndef ZT_H
#define ZT_H

#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

enum zt_kind {
    ZT_RANDOM,  /* LCG bytes: incompressible */
    ZT_TEXT,    /* words from a small vocabulary: compresses about 3x */
    ZT_RUNS,    /* byte runs of random length: suits Z_RLE */
};

const char *zt_kind_name(enum zt_kind kind);
void zt_fill(unsigned char *buf, size_t len, enum zt_kind kind, uint32_t seed);
/* malloc'd buffer of len bytes (at least 1 allocated) filled by zt_fill. */
unsigned char *zt_data(size_t len, enum zt_kind kind, uint32_t seed);
/* malloc that never returns NULL (exits instead); n may be 0. */
void *zt_alloc(size_t n);

/* "Z_OK", "Z_STREAM_END", ... or "ret=N" for anything else. */
const char *zt_ret(int ret);
/* crc32 of a whole buffer of any size (crc32_z, so > 4 GiB is fine). */
unsigned long zt_crc(const void *buf, size_t len);

/* Counts a check; prints a "FAILED" line naming it when it does not hold. */
#define ZT_CHECK(cond) zt_check((cond) != 0, #cond, __FILE__, __LINE__)
int zt_check(int ok, const char *what, const char *file, int line);
/* Prints "PROG: N checks, N failed" and gives the exit status. */
int zt_finish(const char *prog);

#endif
