// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A program calling LZ4F_createCompressionContext_advanced, which
 * libs/liblz4.hl excludes from the thunk: the host's liblz4 has it, the
 * thunk does not. The version-skew rule must give this program the
 * guest's liblz4 instead of a thunk it cannot bind to.
 */
#define LZ4F_STATIC_LINKING_ONLY
#include <stdio.h>
#include <lz4frame.h>

int main(void)
{
    LZ4F_CustomMem mem = { NULL, NULL, NULL, NULL };     /* liblz4's own malloc */
    LZ4F_cctx *c = LZ4F_createCompressionContext_advanced(mem, LZ4F_VERSION);
    char packed[256];
    size_t n = LZ4F_compressFrame(packed, sizeof(packed), "excluded excluded excluded", 26, NULL);

    printf("context %s, compressed %s\n", c ? "made" : "FAILED", LZ4F_isError(n) ? "FAILED" : "ok");
    LZ4F_freeCompressionContext(c);
    return 0;
}
