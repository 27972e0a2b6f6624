// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A small zlib program for the pass-through mode tests: compresses and
 * checks a buffer, and calls zlib's own default allocator through the
 * z_stream fields deflateInit filled in (a host function pointer when
 * zlib is passed through).
 */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

int main(void)
{
    static unsigned char in[200000], out[300000], back[200000];
    for (unsigned i = 0; i < sizeof(in); i++) {
        in[i] = (unsigned char)((i * 31) ^ (i >> 7));
    }
    uLongf out_len = sizeof(out), back_len = sizeof(back);
    int c = compress2(out, &out_len, in, sizeof(in), 9);
    int u = uncompress(back, &back_len, out, out_len);
    printf("compress2 %d, %lu bytes, crc32 %08lx; uncompress %d, %s\n", c, (unsigned long)out_len,
           crc32(0, out, (uInt)out_len), u, memcmp(in, back, sizeof(in)) == 0 ? "same" : "DIFFERENT");

    z_stream s;
    memset(&s, 0, sizeof(s));
    deflateInit(&s, 6);
    void *p = s.zalloc(s.opaque, 16, 4);
    memset(p, 1, 64);
    s.zfree(s.opaque, p);
    printf("zlib's own allocator, called through the stream: %s\n", p ? "works" : "NULL");
    deflateEnd(&s);
    return 0;
}
