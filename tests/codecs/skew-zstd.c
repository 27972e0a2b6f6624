// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A guest program taking libzstd functions every release has; built with
 * -DNEWER it also takes one that only libzstd 1.5.7 exports (the riscv64
 * sysroot's), which the host's 1.5.4, and so its thunk, lacks. libzstd
 * has no symbol versions: the version-skew rule must see the unversioned
 * symbol. Prints the round trip's result on stdout and the version of the
 * library that answered on stderr.
 */
#include <stdio.h>
#include <string.h>

size_t ZSTD_compress(void *dst, size_t cap, const void *src, size_t size, int level);
size_t ZSTD_decompress(void *dst, size_t cap, const void *src, size_t size);
unsigned ZSTD_isError(size_t code);
unsigned ZSTD_versionNumber(void);
#ifdef NEWER
/* Only its address is taken: what matters is that the program needs it. */
void ZSTD_compressSequencesAndLiterals(void);
void (*volatile keep)(void);
#endif

int main(void)
{
    static char src[65536], packed[70000], back[65536];
    size_t n, m;

#ifdef NEWER
    keep = ZSTD_compressSequencesAndLiterals;
#endif
    for (size_t i = 0; i < sizeof(src); i++) {
        src[i] = (char)("hostlink"[i % 8] + i / 4096);
    }
    n = ZSTD_compress(packed, sizeof(packed), src, sizeof(src), 3);
    m = ZSTD_isError(n) ? 0 : ZSTD_decompress(back, sizeof(back), packed, n);
    printf("round trip %s\n", !ZSTD_isError(m) && m == sizeof(src) && memcmp(src, back, m) == 0
                              ? "ok" : "FAILED");
    fprintf(stderr, "libzstd %u\n", ZSTD_versionNumber());
    return 0;
}
