// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A small zlib program for the pass-through mode tests: compresses and
 * checks a buffer, and calls zlib's own default allocator through the
 * z_stream fields deflateInit filled in (a host function pointer when
 * zlib is passed through). With the argument "which" it only says which
 * loaded file compress2 comes from (tests/common/build-id.h).
 */
#include <stdio.h>
#include <string.h>
#include <zlib.h>
#include "../common/build-id.h"

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "which") == 0) {
        struct build_id_query q;
        printf("compress2 from build id %s\n", build_id_of((const void *)compress2, &q));
        return 0;
    }
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
