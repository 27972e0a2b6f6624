// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A program calling ZSTD_getCParams, which returns a struct by value and
 * which libs/libzstd.hl therefore excludes from the thunk: the host's
 * libzstd has it, the thunk does not. The version-skew rule must give
 * this program the guest's libzstd instead of a thunk it cannot bind to.
 */
#define ZSTD_STATIC_LINKING_ONLY
#include <stdio.h>
#include <zstd.h>

int main(void)
{
    ZSTD_compressionParameters p = ZSTD_getCParams(3, 100000, 0);
    char packed[256];
    size_t n = ZSTD_compress(packed, sizeof(packed), "excluded excluded excluded", 26, 3);

    printf("level 3 window log %u, compressed %s\n", p.windowLog, ZSTD_isError(n) ? "FAILED" : "ok");
    return 0;
}
