// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Guest half of the type tests, against libhlt.so: structs and unions by
 * value both ways (arguments, results, callbacks, a library function the
 * guest calls through a pointer), plain char as its 8 bits, 9- and
 * 16-argument callbacks, array parameters, function-pointer sentinels, a
 * callback in a struct reached through a pointer. Prints results that must
 * be the same with the genuine guest library and through hostlink, on
 * every guest.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hlt.h"

static struct hlt_mixed mixer(struct hlt_mixed m, struct hlt_big b, int k)
{
    return (struct hlt_mixed){ m.d * 2 + b.b + k, m.i + (int)b.a + b.s + b.name[0] };
}

static struct hlt_big big_from(struct hlt_vec2 v, long n)
{
    struct hlt_big r = { n * 100, (double)v.x * v.y, "from guest", (short)(v.x - v.y) };
    return r;
}

static char char_flip(char c)
{
    return (char)(c ^ 0x33);
}

static int nine(void *user, const char *name, int a, const char *b, long c, double d, char e,
                unsigned f, float g)
{
    printf("  nine got %s %s %d %s %ld %.2f %u %u %.2f\n", (const char *)user, name, a, b, c, d,
           (unsigned char)e, f, (double)g);
    return a + (int)(c >> 40) + (unsigned char)e;
}

static long sixteen(int a1, double d1, long a2, char a3, long a4, short a5, long a6, double d2,
                    long a7, unsigned char a8, long a9, double d3, long a10, long a11, double d4,
                    long a12)
{
    printf("  sixteen got %d %.2f %ld %u %ld %d %ld %.2f %ld %u %ld %.0f %ld %ld %.2f %ld\n", a1, d1,
           a2, (unsigned char)a3, a4, a5, a6, d2, a7, a8, a9, d3, a10, a11, d4, a12);
    return a1 + a2 + (unsigned char)a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + a12 +
           (long)(d1 + d2 + d3 + d4);
}

static double sixteen_fp(double d1, int a1, double d2, double d3, float f4, double d5, long a2,
                         double d6, double d7, float f8, double d9, int a3, double d10, long a4,
                         double d11, int a5)
{
    printf("  sixteen_fp got %.2f %d %.2f %.2f %.2f %.3f %ld %.2f %.3f %.2f %.2f %d %.2f %ld %.0f %d\n",
           d1, a1, d2, d3, (double)f4, d5, a2, d6, d7, (double)f8, d9, a3, d10, a4, d11, a5);
    return d1 + a1 + d2 + d3 + f4 + d5 + a2 / 1e9 + d6 + d7 + f8 + d9 + a3 + d10 + a4 + d11 / 1e10 + a5;
}

static int freed;
static void count_free(void *p) { freed += p != NULL; }

static void *alloc_tagged(void *ctx, size_t n)
{
    char *p = malloc(n);
    memset(p, *(const char *)ctx, n);
    return p;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);

    struct hlt_mixed m = hlt_mixed_scale((struct hlt_mixed){ 1.25, -7 }, 3);
    printf("struct in registers, int and double: %.2f %d\n", m.d, m.i);
    struct hlt_big a = hlt_big_make(42, 0.5, "answer"), b = hlt_big_make(-8, 2.25, "other");
    printf("struct in memory: %ld %.2f %s %d\n", a.a, a.b, a.name, a.s);
    printf("two big structs and two floats: %.2f\n", hlt_big_sum(a, (struct hlt_vec2){ 1.5f, -0.25f }, b));
    struct hlt_vec2 v = hlt_vec2_swap((struct hlt_vec2){ 3.5f, -1.0f });
    printf("two floats: %.2f %.2f\n", (double)v.x, (double)v.y);
    union hlt_bits u = hlt_bits_flip((union hlt_bits){ .d = 6.5 });
    printf("union: %.2f\n", u.d);
    struct hlt_flags fl = hlt_flags_bump((struct hlt_flags){ 1, -3, 2000 });
    printf("bit-fields: %u %d %u\n", fl.ready, fl.level, fl.code);

    struct hlt_mixed folded = hlt_fold_struct(mixer, 4);
    printf("callback with structs: %.3f %d\n", folded.d, folded.i);
    struct hlt_big made = hlt_make_via(big_from, (struct hlt_vec2){ 6.0f, 1.5f });
    printf("callback returning a big struct: %ld %.2f %s %d\n", made.a, made.b, made.name, made.s);
    hlt_mixed_fn host = hlt_host_mixer();
    struct hlt_mixed hm = host((struct hlt_mixed){ 1.0, 2 }, a, 4);
    printf("library function with structs, called by the guest: %.2f %d\n", hm.d, hm.i);

    int right = 0;
    for (int i = 0; i < 256; i++) {
        char c = (char)i, k = (char)(255 - i / 2);
        right += hlt_char_xor(c, k) == (char)(c ^ k) && hlt_char_bits(c) == (unsigned)i;
    }
    printf("plain char, all 256 values both ways: %d right; (char)-56 -> %u\n", right,
           hlt_char_bits((char)-56));
    printf("plain char callback: %lu\n", hlt_char_map(char_flip));

    printf("9 arguments: %d\n", hlt_call9(nine, "user"));
    printf("16 arguments, 12 integer: %ld\n", hlt_call16i(sixteen, 5));
    printf("16 arguments, 11 floating point: %.4f\n", hlt_call16d(sixteen_fp, 0.5));

    char stamp[29];
    hlt_stamp(stamp, 6);
    double mat[3][3] = { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9.5 } };
    int vals[5] = { 1, -2, 30, 400, 5000 };
    printf("arrays: %s, trace %.1f, sum %d\n", stamp, hlt_trace(mat), hlt_sum_n(5, vals));

    printf("sentinels: %d %d %d %d", hlt_dispose(NULL, HLT_STATIC), hlt_dispose(NULL, HLT_IGNORE),
           hlt_dispose(NULL, HLT_TRANSIENT), hlt_dispose(&freed, count_free));
    printf(", freed %d; back: %d %d %d\n", freed, hlt_sentinel(2) == HLT_TRANSIENT,
           hlt_sentinel(1) == HLT_IGNORE, hlt_sentinel(0) == HLT_STATIC);

    char tag = 'q';
    struct hlt_allocator al = { alloc_tagged, &tag };
    struct hlt_stream s = { 4, &al };
    int first = hlt_stream_run(&s);
    printf("callback through a pointer field: %c, field afterwards %s\n", first,
           al.alloc == alloc_tagged ? "unchanged" : "changed");
    char tag2 = 'k';
    hlt_keep_allocator((struct hlt_allocator){ alloc_tagged, &tag2 });
    char *kept = hlt_alloc_kept(6);
    printf("callback in a struct by value, kept by the library: %s\n", kept);
    free(kept);
    return 0;
}
