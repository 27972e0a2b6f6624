// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * liblz4's whole API as programs use it, printing a transcript
 * (tests/codecs/api.h): block compression (default, fast, destSize,
 * external state), HC, streaming with dictionaries and ring buffers on
 * both sides, partial decoding, the frame API (LZ4F_*) in one call and
 * streamed, with a CDict, a decoding dictionary, uncompressed blocks and
 * checksums, the obsolete functions old programs still call, and bad
 * input: corrupt blocks and frames, too-small buffers, bad levels.
 */
#define LZ4_DISABLE_DEPRECATE_WARNINGS
#define LZ4F_STATIC_LINKING_ONLY
#include <lz4.h>
#include <lz4frame.h>
#include <lz4hc.h>

#include "api.h"

#define N_DATA 50000
static char *data;

/* One decoded block against the data it came from. */
#define BACK(r, out, from, n) ((r) == (int)(n) && !memcmp((out), (from), (size_t)(n)))

static void block(void)
{
    VSAY("version %d %s", LZ4_versionNumber(), LZ4_versionString());
    int bound = LZ4_compressBound(N_DATA);
    SAY("compressBound %d, of -1 %d", bound, LZ4_compressBound(-1));
    VSAY("sizeofState %d sizeofStateHC %d", LZ4_sizeofState(), LZ4_sizeofStateHC());
    char *c = (char *)api_alloc((size_t)bound), *back = (char *)api_alloc(N_DATA + 64);

    int n = LZ4_compress_default(data, c, N_DATA, bound);
    VSAY("compress_default: %d bytes, hash %08x", n, (unsigned)api_hash(c, (size_t)n));
    int r = LZ4_decompress_safe(c, back, n, N_DATA);
    CHECK(BACK(r, back, data, N_DATA), "decompress_safe: data back");
    SAY("decompress_safe into 1000 bytes: %s", LZ4_decompress_safe(c, back, n, 1000) < 0 ? "error" : "no error");
    SAY("decompress_safe of a cut block: %s", LZ4_decompress_safe(c, back, n / 2, N_DATA) < 0 ? "error" : "no error");
    SAY("compress_default into 100 bytes: %d", LZ4_compress_default(data, c + bound - 100, N_DATA, 100));
    r = LZ4_decompress_safe_partial(c, back, n, 777, N_DATA);
    CHECK(r >= 777 && !memcmp(back, data, 777), "decompress_safe_partial 777");
    r = LZ4_decompress_fast(c, back, N_DATA);
    CHECK(r == n && !memcmp(back, data, N_DATA), "decompress_fast: read the whole block, data back");

    for (int accel = 1; accel <= 64; accel *= 8) {
        int m = LZ4_compress_fast(data, c, N_DATA, bound, accel);
        VSAY("compress_fast %d: %d bytes, hash %08x", accel, m, (unsigned)api_hash(c, (size_t)m));
        CHECK(BACK(LZ4_decompress_safe(c, back, m, N_DATA), back, data, N_DATA), "  data back");
    }
    void *state = api_alloc((size_t)LZ4_sizeofState());
    n = LZ4_compress_fast_extState(state, data, c, N_DATA, bound, 2);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, N_DATA), "compress_fast_extState: data back");
    int taken = N_DATA;
    n = LZ4_compress_destSize(data, c, &taken, 4000);
    SAY("compress_destSize into 4000: fits %d", n <= 4000 && n > 3000);
    VSAY("  took %d, wrote %d", taken, n);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, taken), "  data back");

    /* A corrupt block: safe decoders say so (the fast one is not for untrusted input). */
    n = LZ4_compress_default(data, c, N_DATA, bound);
    c[n / 3] ^= 0x5a;
    c[n / 3 + 1] ^= 0xff;
    r = LZ4_decompress_safe(c, back, n, N_DATA);
    SAY("decompress_safe of a corrupt block: %s", r < 0 ? "error" : r == N_DATA ? "same size" : "other size");
    VSAY("  %d", r);
    free(state);
    free(c);
    free(back);
}

static void hc(void)
{
    int bound = LZ4_compressBound(N_DATA);
    char *c = (char *)api_alloc((size_t)bound), *back = (char *)api_alloc(N_DATA);
    void *state = api_alloc((size_t)LZ4_sizeofStateHC());
    for (int level = 1; level <= LZ4HC_CLEVEL_MAX + 1; level += 6) {
        int n = LZ4_compress_HC(data, c, N_DATA, bound, level);
        VSAY("compress_HC %d: %d bytes, hash %08x", level, n, (unsigned)api_hash(c, (size_t)n));
        CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, N_DATA), "  data back");
    }
    int n = LZ4_compress_HC_extStateHC(state, data, c, N_DATA, bound, 9);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, N_DATA), "compress_HC_extStateHC: data back");
    int taken = N_DATA;
    n = LZ4_compress_HC_destSize(state, data, c, &taken, 3000, 9);
    SAY("compress_HC_destSize into 3000: fits %d", n <= 3000 && n > 2000);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, taken), "  data back");
    SAY("compress_HC into 50 bytes: %d", LZ4_compress_HC(data, c, N_DATA, 50, 9));

    /* Streaming HC with a dictionary, blocks of 8 KiB, the dictionary saved aside. */
    LZ4_streamHC_t *s = LZ4_createStreamHC();
    LZ4_resetStreamHC_fast(s, 5);
    SAY("loadDictHC: %d", LZ4_loadDictHC(s, data + N_DATA - 4096, 4096));
    char *blocks = (char *)api_alloc((size_t)bound + 1000);
    int sizes[8], at = 0;
    for (int i = 0; i < 6; i++) {
        sizes[i] = LZ4_compress_HC_continue(s, data + i * 8192, blocks + at, 8192, bound);
        at += sizes[i];
    }
    VSAY("compress_HC_continue: 6 blocks, %d bytes, hash %08x", at, (unsigned)api_hash(blocks, (size_t)at));
    static char saved[65536];
    SAY("saveDictHC: %d", LZ4_saveDictHC(s, saved, sizeof(saved)));
    taken = 8192;
    n = LZ4_compress_HC_continue_destSize(s, data, c, &taken, 1000);
    SAY("compress_HC_continue_destSize into 1000: fits %d", n > 0 && n <= 1000);
    LZ4_streamDecode_t *d = LZ4_createStreamDecode();
    SAY("setStreamDecode: %d", LZ4_setStreamDecode(d, data + N_DATA - 4096, 4096));
    int ok = 1;
    at = 0;
    char *out = (char *)api_alloc(6 * 8192);
    for (int i = 0; i < 6; i++) {
        int r = LZ4_decompress_safe_continue(d, blocks + at, out + i * 8192, sizes[i], 8192);
        ok &= r == 8192;
        at += sizes[i];
    }
    CHECK(ok && !memcmp(out, data, 6 * 8192), "decompress_safe_continue: 6 blocks back");
    /* The same blocks with the fast decoder and the dictionary functions. */
    LZ4_setStreamDecode(d, data + N_DATA - 4096, 4096);
    ok = 1;
    at = 0;
    for (int i = 0; i < 6; i++) {
        int r = LZ4_decompress_fast_continue(d, blocks + at, out + i * 8192, 8192);
        ok &= r == sizes[i];
        at += sizes[i];
    }
    CHECK(ok && !memcmp(out, data, 6 * 8192), "decompress_fast_continue: 6 blocks back");
    int r = LZ4_decompress_safe_usingDict(blocks, out, sizes[0], 8192, data + N_DATA - 4096, 4096);
    CHECK(BACK(r, out, data, 8192), "decompress_safe_usingDict: first block back");
    r = LZ4_decompress_fast_usingDict(blocks, out, 8192, data + N_DATA - 4096, 4096);
    CHECK(r == sizes[0] && !memcmp(out, data, 8192), "decompress_fast_usingDict: first block back");
    r = LZ4_decompress_safe_partial_usingDict(blocks, out, sizes[0], 100, 8192, data + N_DATA - 4096, 4096);
    CHECK(r >= 100 && !memcmp(out, data, 100), "decompress_safe_partial_usingDict: 100 bytes back");
    SAY("decompress_safe_usingDict without the dictionary: %s",
        LZ4_decompress_safe_usingDict(blocks, out, sizes[0], 8192, NULL, 0) == 8192 && !memcmp(out, data, 8192)
            ? "same data"
            : "not the data");
    LZ4_freeStreamDecode(d);
    SAY("freeStreamHC: %d", LZ4_freeStreamHC(s));
    s = LZ4_initStreamHC(state, (size_t)LZ4_sizeofStateHC());
    SAY("initStreamHC on a buffer of its size: %s", s == state ? "the buffer" : "NULL");
    SAY("initStreamHC on 10 bytes: %s", LZ4_initStreamHC(state, 10) ? "not NULL" : "NULL");
    LZ4_resetStreamHC(s, 3);
    n = LZ4_compress_HC_continue(s, data, c, 8192, bound);
    CHECK(BACK(LZ4_decompress_safe(c, out, n, 8192), out, data, 8192), "resetStreamHC, compress_HC_continue");
    free(out);
    free(blocks);
    free(state);
    free(c);
    free(back);
}

static void streaming(void)
{
    int bound = LZ4_compressBound(8192);
    LZ4_stream_t *s = LZ4_createStream();
    char *blocks = (char *)api_alloc(8 * (size_t)bound), *out = (char *)api_alloc(N_DATA);
    int sizes[6], at = 0;
    SAY("loadDict: %d", LZ4_loadDict(s, data + N_DATA - 2000, 2000));
    for (int i = 0; i < 6; i++) {
        sizes[i] = LZ4_compress_fast_continue(s, data + i * 8192, blocks + at, 8192, bound, 1);
        at += sizes[i];
    }
    VSAY("compress_fast_continue: 6 blocks, %d bytes, hash %08x", at, (unsigned)api_hash(blocks, (size_t)at));
    static char saved[65536];
    SAY("saveDict: %d", LZ4_saveDict(s, saved, sizeof(saved)));
    LZ4_resetStream_fast(s);
    int n = LZ4_compress_fast_continue(s, data, blocks + at, 8192, bound, 1);
    CHECK(BACK(LZ4_decompress_safe(blocks + at, out, n, 8192), out, data, 8192), "resetStream_fast: independent block");
    LZ4_streamDecode_t d;
    LZ4_setStreamDecode(&d, data + N_DATA - 2000, 2000);
    /* Decoding into a ring buffer of the size LZ4 asks for. */
    int ring_size = LZ4_decoderRingBufferSize(8192);
    SAY("decoderRingBufferSize 8192: %d, of 0: %d", ring_size, LZ4_decoderRingBufferSize(0));
    char *ring = (char *)api_alloc((size_t)ring_size);
    int ok = 1, pos = 0;
    at = 0;
    for (int i = 0; i < 6; i++) {
        if (pos + 8192 > ring_size) {
            pos = 0;
        }
        int r = LZ4_decompress_safe_continue(&d, blocks + at, ring + pos, sizes[i], 8192);
        ok &= r == 8192 && !memcmp(ring + pos, data + i * 8192, 8192);
        pos += 8192;
        at += sizes[i];
    }
    CHECK(ok, "decompress_safe_continue into a ring buffer: 6 blocks back");
    LZ4_freeStream(s);
    LZ4_stream_t st;
    s = LZ4_initStream(&st, sizeof(st));
    SAY("initStream: %s, of 4 bytes: %s", s == &st ? "the buffer" : "NULL", LZ4_initStream(&st, 4) ? "not NULL" : "NULL");
    LZ4_resetStream(s);
    n = LZ4_compress_fast_continue(s, data, blocks, 8192, bound, 1);
    CHECK(BACK(LZ4_decompress_safe(blocks, out, n, 8192), out, data, 8192), "initStream, resetStream: block back");
    free(ring);
    free(out);
    free(blocks);
}

/* The obsolete API, as old programs call it. */
static void obsolete(void)
{
    int bound = LZ4_compressBound(N_DATA);
    char *c = (char *)api_alloc((size_t)bound), *back = (char *)api_alloc(N_DATA);
    int n = LZ4_compress(data, c, N_DATA);
    CHECK(BACK(LZ4_uncompress_unknownOutputSize(c, back, n, N_DATA), back, data, N_DATA), "compress, uncompress_unknownOutputSize");
    CHECK(LZ4_uncompress(c, back, N_DATA) == n && !memcmp(back, data, N_DATA), "uncompress");
    SAY("compress_limitedOutput into 100: %d", LZ4_compress_limitedOutput(data, c, N_DATA, 100));
    n = LZ4_compress_limitedOutput(data, c, N_DATA, bound);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, N_DATA), "compress_limitedOutput");
    void *state = api_alloc((size_t)LZ4_sizeofState());
    n = LZ4_compress_withState(state, data, c, N_DATA);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, N_DATA), "compress_withState");
    n = LZ4_compress_limitedOutput_withState(state, data, c, N_DATA, bound);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, N_DATA), "compress_limitedOutput_withState");
    free(state);

    /* Old streaming: LZ4_create on the input buffer, continue, slide. */
    VSAY("sizeofStreamState %d sizeofStreamStateHC %d", LZ4_sizeofStreamState(), LZ4_sizeofStreamStateHC());
    char *in = (char *)api_alloc(N_DATA);
    memcpy(in, data, N_DATA);
    void *old = LZ4_create(in);
    int n1 = LZ4_compress_continue(old, in, c, 8192);
    int n2 = LZ4_compress_limitedOutput_continue(old, in + 8192, c + n1, 8192, bound);
    SAY("slideInputBuffer: %s", LZ4_slideInputBuffer(old) ? "a pointer" : "NULL");
    LZ4_freeStream(old);
    int r1 = LZ4_decompress_safe_withPrefix64k(c, back, n1, 8192);
    int r2 = LZ4_decompress_safe_usingDict(c + n1, back + 8192, n2, 8192, back, 8192);
    CHECK(r1 == 8192 && r2 == 8192 && !memcmp(back, data, 16384), "compress_continue, limitedOutput_continue, decompress_safe_withPrefix64k");
    CHECK(LZ4_decompress_fast_withPrefix64k(c, back, 8192) == n1 && !memcmp(back, data, 8192), "decompress_fast_withPrefix64k");
    void *st = api_alloc((size_t)LZ4_sizeofStreamState());
    SAY("resetStreamState: %d", LZ4_resetStreamState(st, in));
    n = LZ4_compress_continue(st, in, c, 8192);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, 8192), back, data, 8192), "  compress_continue on it");
    free(st);

    /* Old HC. */
    n = LZ4_compressHC(data, c, N_DATA);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, N_DATA), "compressHC");
    SAY("compressHC_limitedOutput into 100: %d", LZ4_compressHC_limitedOutput(data, c, N_DATA, 100));
    n = LZ4_compressHC2(data, c, N_DATA, 4);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, N_DATA), "compressHC2");
    n = LZ4_compressHC2_limitedOutput(data, c, N_DATA, bound, 4);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, N_DATA), "compressHC2_limitedOutput");
    void *hs = api_alloc((size_t)LZ4_sizeofStateHC());
    n = LZ4_compressHC_withStateHC(hs, data, c, N_DATA);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, N_DATA), "compressHC_withStateHC");
    n = LZ4_compressHC_limitedOutput_withStateHC(hs, data, c, N_DATA, bound);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, N_DATA), "compressHC_limitedOutput_withStateHC");
    n = LZ4_compressHC2_withStateHC(hs, data, c, N_DATA, 3);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, N_DATA), "compressHC2_withStateHC");
    n = LZ4_compressHC2_limitedOutput_withStateHC(hs, data, c, N_DATA, bound, 3);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, N_DATA), back, data, N_DATA), "compressHC2_limitedOutput_withStateHC");
    free(hs);

    void *h = LZ4_createHC(in);
    int m[4], at = 0;
    m[0] = LZ4_compressHC_continue(h, in, c, 8192);
    at += m[0];
    m[1] = LZ4_compressHC_limitedOutput_continue(h, in + 8192, c + at, 8192, bound);
    at += m[1];
    m[2] = LZ4_compressHC2_continue(h, in + 16384, c + at, 8192, 6);
    at += m[2];
    m[3] = LZ4_compressHC2_limitedOutput_continue(h, in + 24576, c + at, 8192, bound, 6);
    SAY("slideInputBufferHC: %s", LZ4_slideInputBufferHC(h) ? "a pointer" : "NULL");
    SAY("freeHC: %d", LZ4_freeHC(h));
    LZ4_streamDecode_t d;
    LZ4_setStreamDecode(&d, NULL, 0);
    int ok = 1;
    at = 0;
    for (int i = 0; i < 4; i++) {
        ok &= LZ4_decompress_safe_continue(&d, c + at, back + i * 8192, m[i], 8192) == 8192;
        at += m[i];
    }
    CHECK(ok && !memcmp(back, data, 4 * 8192), "compressHC_continue and the other old HC streaming functions");
    void *hst = api_alloc((size_t)LZ4_sizeofStreamStateHC());
    SAY("resetStreamStateHC: %d", LZ4_resetStreamStateHC(hst, in));
    n = LZ4_compressHC_continue(hst, in, c, 8192);
    CHECK(BACK(LZ4_decompress_safe(c, back, n, 8192), back, data, 8192), "  compressHC_continue on it");
    free(hst);
    free(in);
    free(c);
    free(back);
}

static const char *fname(size_t r)
{
    return LZ4F_isError(r) ? LZ4F_getErrorName(r) : "ok";
}

/* The frame API: one call, streamed, dictionaries, errors. */
static void frame(void)
{
    SAY("LZ4F version %u, level max %d", LZ4F_getVersion(), LZ4F_compressionLevel_max());
    SAY("block sizes: %zu %zu %zu %zu, of 3: %s", LZ4F_getBlockSize(LZ4F_max64KB), LZ4F_getBlockSize(LZ4F_max256KB),
        LZ4F_getBlockSize(LZ4F_max1MB), LZ4F_getBlockSize(LZ4F_max4MB), fname(LZ4F_getBlockSize(3)));
    LZ4F_preferences_t prefs = { .frameInfo = { .blockSizeID = LZ4F_max64KB, .blockMode = LZ4F_blockLinked,
                                                .contentChecksumFlag = LZ4F_contentChecksumEnabled,
                                                .contentSize = N_DATA, .blockChecksumFlag = LZ4F_blockChecksumEnabled },
                                 .compressionLevel = 3 };
    size_t bound = LZ4F_compressFrameBound(N_DATA, &prefs);
    VSAY("compressFrameBound %zu, compressBound %zu", bound, LZ4F_compressBound(8192, &prefs));
    char *f = (char *)api_alloc(bound), *back = (char *)api_alloc(N_DATA + 100);
    size_t n = LZ4F_compressFrame(f, bound, data, N_DATA, &prefs);
    SAY("compressFrame: %s", fname(n));
    VSAY("  %zu bytes, hash %08x", n, (unsigned)api_hash(f, n));
    SAY("compressFrame into 20 bytes: %s", fname(LZ4F_compressFrame(back, 20, data, N_DATA, &prefs)));
    SAY("  error code %d", (int)LZ4F_getErrorCode(LZ4F_compressFrame(back, 20, data, N_DATA, &prefs)));

    LZ4F_dctx *d = NULL;
    SAY("createDecompressionContext: %s", fname(LZ4F_createDecompressionContext(&d, LZ4F_VERSION)));
    SAY("headerSize: %zu, of 3 bytes: %s", LZ4F_headerSize(f, n), fname(LZ4F_headerSize(f, 3)));
    LZ4F_frameInfo_t info;
    size_t used = n;
    size_t hint = LZ4F_getFrameInfo(d, &info, f, &used);
    SAY("getFrameInfo: %s, used %zu, content size %llu, block %d, checksum %d", fname(hint), used,
        (unsigned long long)info.contentSize, info.blockSizeID, info.contentChecksumFlag);
    size_t in_at = used, out_at = 0, r = 1;
    while (r != 0 && !LZ4F_isError(r)) {
        size_t src = n - in_at < 1000 ? n - in_at : 1000, dst = N_DATA + 100 - out_at;
        dst = dst < 3000 ? dst : 3000;
        r = LZ4F_decompress(d, back + out_at, &dst, f + in_at, &src, NULL);
        in_at += src;
        out_at += dst;
    }
    CHECK(r == 0 && out_at == N_DATA && !memcmp(back, data, N_DATA), "decompress in steps: %s, data back", fname(r));
    f[n - 3] ^= 1;   /* the content checksum */
    LZ4F_resetDecompressionContext(d);
    size_t src = n, dst = N_DATA + 100;
    SAY("decompress with a bad checksum: %s", fname(LZ4F_decompress(d, back, &dst, f, &src, NULL)));
    LZ4F_resetDecompressionContext(d);
    src = 10;
    dst = 100;
    SAY("decompress of text: %s", fname(LZ4F_decompress(d, back, &dst, data, &src, NULL)));
    LZ4F_resetDecompressionContext(d);

    /* Streamed compression: begin, updates, a flush, uncompressed data, end. */
    LZ4F_cctx *c = NULL;
    SAY("createCompressionContext: %s", fname(LZ4F_createCompressionContext(&c, LZ4F_VERSION)));
    prefs.frameInfo.blockMode = LZ4F_blockIndependent;
    prefs.frameInfo.contentSize = 0;
    size_t at = LZ4F_compressBegin(c, f, bound, &prefs);
    SAY("compressBegin: %s", fname(at));
    LZ4F_compressOptions_t copt = { .stableSrc = 0 };
    r = LZ4F_compressUpdate(c, f + at, bound - at, data, 20000, &copt);
    at += r;
    SAY("compressUpdate: %s", fname(r));
    r = LZ4F_flush(c, f + at, bound - at, &copt);
    at += r;
    SAY("flush: %s", fname(r));
    r = LZ4F_uncompressedUpdate(c, f + at, bound - at, data + 20000, 10000, &copt);
    at += r;
    SAY("uncompressedUpdate: %s", fname(r));
    r = LZ4F_flush(c, f + at, bound - at, &copt);
    at += r;
    r = LZ4F_compressUpdate(c, f + at, bound - at, data + 30000, N_DATA - 30000, &copt);
    at += r;
    r = LZ4F_compressEnd(c, f + at, bound - at, &copt);
    at += r;
    SAY("compressEnd: %s", fname(r));
    VSAY("  %zu bytes, hash %08x", at, (unsigned)api_hash(f, at));
    SAY("compressUpdate into 10 bytes: %s", fname(LZ4F_compressUpdate(c, back, 10, data, 1000, &copt)));
    src = at;
    dst = N_DATA + 100;
    r = LZ4F_decompress(d, back, &dst, f, &src, NULL);
    CHECK(r == 0 && dst == N_DATA && !memcmp(back, data, N_DATA), "  decompress: %s, data back", fname(r));
    VSAY("uncompressedUpdate on a linked-block frame: %s",
        fname((LZ4F_compressBegin(c, f, bound, &(LZ4F_preferences_t){ .frameInfo.blockMode = LZ4F_blockLinked }),
               LZ4F_uncompressedUpdate(c, f + 100, bound - 100, data, 100, &copt))));

    /* Dictionaries: a CDict for compression, the raw dictionary for decompression. */
    const char *dict = data + N_DATA - 8192;
    LZ4F_CDict *cd = LZ4F_createCDict(dict, 8192);
    n = LZ4F_compressFrame_usingCDict(c, f, bound, data, 16384, cd, NULL);
    SAY("compressFrame_usingCDict: %s", fname(n));
    VSAY("  %zu bytes", n);
    LZ4F_resetDecompressionContext(d);
    src = n;
    dst = N_DATA;
    r = LZ4F_decompress_usingDict(d, back, &dst, f, &src, dict, 8192, NULL);
    CHECK(r == 0 && dst == 16384 && !memcmp(back, data, 16384), "decompress_usingDict: %s, data back", fname(r));
    at = LZ4F_compressBegin_usingCDict(c, f, bound, cd, &prefs);
    r = LZ4F_compressUpdate(c, f + at, bound - at, data, 16384, NULL);
    at += r;
    at += LZ4F_compressEnd(c, f + at, bound - at, NULL);
    LZ4F_resetDecompressionContext(d);
    src = at;
    dst = N_DATA;
    r = LZ4F_decompress_usingDict(d, back, &dst, f, &src, dict, 8192, NULL);
    CHECK(r == 0 && dst == 16384 && !memcmp(back, data, 16384), "compressBegin_usingCDict, decompress_usingDict: %s", fname(r));
    LZ4F_resetDecompressionContext(d);
    src = at;
    dst = N_DATA;
    r = LZ4F_decompress(d, back, &dst, f, &src, NULL);
    SAY("the same frame without its dictionary: %s, %s", fname(r),
        dst == 16384 && !memcmp(back, data, 16384) ? "the data" : "not the data");
    LZ4F_freeCDict(cd);
    SAY("freeCompressionContext: %s", fname(LZ4F_freeCompressionContext(c)));
    SAY("freeDecompressionContext: %s", fname(LZ4F_freeDecompressionContext(d)));
    SAY("createDecompressionContext of version 1: %s", fname(LZ4F_createDecompressionContext(&d, 1)));
    LZ4F_freeDecompressionContext(d);
    free(f);
    free(back);
}

int main(void)
{
    /* Line by line: a crash shows where it happened. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    data = (char *)api_alloc(N_DATA);
    api_fill((uint8_t *)data, N_DATA, 2);
    block();
    hc();
    streaming();
    obsolete();
    frame();
    free(data);
    SAY("%u failures", api_failures);
    return api_failures != 0;
}
