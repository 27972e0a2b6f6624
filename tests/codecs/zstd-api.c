// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libzstd's whole API as programs use it, printing a transcript
 * (tests/codecs/api.h): simple and context functions, parameters and
 * their bounds (a struct by value), compression parameters and frame
 * progression (structs by value, both ways), streaming old and new, with
 * worker threads and a shared thread pool, dictionaries (ZDICT training
 * and finalizing; CDict/DDict, loaded, referenced, prefixes), static
 * contexts in the program's memory, buffer-less and block-level coding,
 * skippable frames, sequences and a guest sequence producer (a 9-argument
 * callback), a counting ZSTD_customMem (called from the host's worker
 * threads too), and bad input: corrupt frames, too-small buffers, windows
 * over the limit, missing dictionaries, parameters out of bounds.
 */
#define ZSTD_STATIC_LINKING_ONLY
#define ZDICT_STATIC_LINKING_ONLY
#define ZSTD_DISABLE_DEPRECATE_WARNINGS
#define ZDICT_DISABLE_DEPRECATE_WARNINGS
#include <zdict.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "api.h"

#define N_DATA 60000
static uint8_t *data;

/* The result of a size_t function: its value, or its error code and name. */
static const char *res(size_t r)
{
    static char buf[8][96];
    static unsigned i;
    char *b = buf[i++ % 8];
    if (ZSTD_isError(r)) {
        snprintf(b, 96, "error %d %s", (int)ZSTD_getErrorCode(r), ZSTD_getErrorName(r));
    } else {
        snprintf(b, 96, "%zu", r);
    }
    return b;
}
#define ISERR(r) (ZSTD_isError(r) ? "error" : "ok")

static unsigned long n_alloc, n_free;
static void *count_alloc(void *opaque, size_t size)
{
    (void)opaque;
    __atomic_add_fetch(&n_alloc, 1, __ATOMIC_RELAXED);
    return malloc(size);
}
static void count_free(void *opaque, void *p)
{
    (void)opaque;
    if (p) {
        __atomic_add_fetch(&n_free, 1, __ATOMIC_RELAXED);
    }
    free(p);
}
static int mem_tag;
static const ZSTD_customMem counting = { count_alloc, count_free, &mem_tag };

static int same(const void *a, size_t an, const void *b, size_t bn)
{
    return an == bn && !memcmp(a, b, an);
}

static void simple(void)
{
    VSAY("version %u %s", ZSTD_versionNumber(), ZSTD_versionString());
    SAY("levels: min %d max %d default %d", ZSTD_minCLevel(), ZSTD_maxCLevel(), ZSTD_defaultCLevel());
    size_t bound = ZSTD_compressBound(N_DATA);
    SAY("compressBound %zu, of 2^63: %s", bound, ISERR(ZSTD_compressBound((size_t)1 << 63)));
    uint8_t *c = api_alloc(bound), *back = api_alloc(N_DATA);
    size_t n = ZSTD_compress(c, bound, data, N_DATA, 3);
    VSAY("compress 3: %s, hash %08x", res(n), (unsigned)api_hash(c, n));
    size_t r = ZSTD_decompress(back, N_DATA, c, n);
    CHECK(same(back, r, data, N_DATA), "decompress: data back");
    SAY("getFrameContentSize %llu getDecompressedSize %llu findDecompressedSize %llu decompressBound %llu",
        ZSTD_getFrameContentSize(c, n), ZSTD_getDecompressedSize(c, n), ZSTD_findDecompressedSize(c, n),
        ZSTD_decompressBound(c, n));
    SAY("findFrameCompressedSize is the frame: %d, frameHeaderSize %s, isFrame %u, of text %u",
        ZSTD_findFrameCompressedSize(c, n) == n, res(ZSTD_frameHeaderSize(c, n)), ZSTD_isFrame(c, n),
        ZSTD_isFrame(data, 100));
    VSAY("decompressionMargin %s", res(ZSTD_decompressionMargin(c, n)));
    SAY("getFrameContentSize of text %llu, of 2 bytes %llu", ZSTD_getFrameContentSize(data, 100),
        ZSTD_getFrameContentSize(c, 2));
    SAY("compress into 100 bytes: %s", res(ZSTD_compress(back, 100, data, N_DATA, 3)));
    SAY("decompress into 1000 bytes: %s", res(ZSTD_decompress(back, 1000, c, n)));
    SAY("decompress of a cut frame: %s", res(ZSTD_decompress(back, N_DATA, c, n - 10)));
    SAY("decompress of text: %s", res(ZSTD_decompress(back, N_DATA, data, 100)));
    c[n / 2] ^= 0x21;
    c[n / 2 + 7] ^= 0x99;
    r = ZSTD_decompress(back, N_DATA, c, n);
    SAY("decompress of a corrupt frame: %s", ISERR(r));
    VSAY("  %s", res(r));
    SAY("error strings: %s / %s / %s", ZSTD_getErrorString(ZSTD_error_no_error),
        ZSTD_getErrorString(ZSTD_error_corruption_detected), ZSTD_getErrorString(ZSTD_error_dstSize_tooSmall));
    SAY("getErrorName of 0: %s", ZSTD_getErrorName(0));
    free(c);
    free(back);
}

/* Parameters: bounds (struct by value), getting and setting, CCtx params, cParams by value. */
static void parameters(void)
{
    static const int cps[] = { ZSTD_c_compressionLevel, ZSTD_c_windowLog, ZSTD_c_hashLog, ZSTD_c_chainLog,
                               ZSTD_c_searchLog, ZSTD_c_minMatch, ZSTD_c_targetLength, ZSTD_c_strategy,
                               ZSTD_c_enableLongDistanceMatching, ZSTD_c_contentSizeFlag, ZSTD_c_checksumFlag,
                               ZSTD_c_dictIDFlag, ZSTD_c_nbWorkers, ZSTD_c_jobSize, ZSTD_c_overlapLog, ZSTD_c_format,
                               9999 };
    for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
        ZSTD_bounds b = ZSTD_cParam_getBounds((ZSTD_cParameter)cps[i]);
        SAY("cParam %d bounds: %s [%d, %d]", cps[i], res(b.error), b.lowerBound, b.upperBound);
    }
    static const int dps[] = { ZSTD_d_windowLogMax, ZSTD_d_format, ZSTD_d_stableOutBuffer, 7777 };
    for (size_t i = 0; i < sizeof(dps) / sizeof(dps[0]); i++) {
        ZSTD_bounds b = ZSTD_dParam_getBounds((ZSTD_dParameter)dps[i]);
        SAY("dParam %d bounds: %s [%d, %d]", dps[i], res(b.error), b.lowerBound, b.upperBound);
    }
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    int v = -1;
    SAY("setParameter level 99: %s", res(ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 99)));
    SAY("setParameter level 19: %s", res(ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 19)));
    SAY("setParameter windowLog 5: %s", res(ZSTD_CCtx_setParameter(cc, ZSTD_c_windowLog, 5)));
    SAY("setParameter 9999: %s", res(ZSTD_CCtx_setParameter(cc, (ZSTD_cParameter)9999, 1)));
    size_t r = ZSTD_CCtx_getParameter(cc, ZSTD_c_compressionLevel, &v);
    SAY("getParameter level: %s %d", res(r), v);

    ZSTD_compressionParameters cp = ZSTD_getCParams(5, N_DATA, 0);
    VSAY("getCParams 5: w %u c %u h %u s %u m %u t %u strategy %d", cp.windowLog, cp.chainLog, cp.hashLog,
         cp.searchLog, cp.minMatch, cp.targetLength, cp.strategy);
    SAY("checkCParams: %s", res(ZSTD_checkCParams(cp)));
    ZSTD_compressionParameters bad = cp;
    bad.windowLog = 40;
    SAY("checkCParams windowLog 40: %s", res(ZSTD_checkCParams(bad)));
    ZSTD_compressionParameters adj = ZSTD_adjustCParams(ZSTD_getCParams(19, 0, 0), 1000, 0);
    VSAY("adjustCParams of level 19 for 1000 bytes: w %u h %u c %u", adj.windowLog, adj.hashLog, adj.chainLog);
    SAY("  fits 1000 bytes: %d", adj.windowLog <= 10);
    ZSTD_parameters p = ZSTD_getParams(3, N_DATA, 0);
    VSAY("getParams 3: w %u, content %d checksum %d noDictID %d", p.cParams.windowLog, p.fParams.contentSizeFlag,
         p.fParams.checksumFlag, p.fParams.noDictIDFlag);
    p.fParams.checksumFlag = 1;
    size_t bound = ZSTD_compressBound(N_DATA);
    uint8_t *c = api_alloc(bound), *back = api_alloc(N_DATA);
    size_t n = ZSTD_compress_advanced(cc, c, bound, data, N_DATA, NULL, 0, p);
    ZSTD_frameHeader fh;
    r = ZSTD_getFrameHeader(&fh, c, n);
    SAY("compress_advanced with a checksum: %s; getFrameHeader %s content %llu checksum %u type %d", ISERR(n),
        res(r), fh.frameContentSize, fh.checksumFlag, fh.frameType);
    VSAY("  window %llu block max %u header %u", fh.windowSize, fh.blockSizeMax, fh.headerSize);
    SAY("getFrameHeader of 3 bytes: %s", res(ZSTD_getFrameHeader(&fh, c, 3)));
    c[n - 1] ^= 1;
    SAY("decompress with a bad checksum: %s", res(ZSTD_decompress(back, N_DATA, c, n)));

    SAY("CCtx_setCParams: %s", res(ZSTD_CCtx_setCParams(cc, cp)));
    SAY("CCtx_setCParams bad: %s", res(ZSTD_CCtx_setCParams(cc, bad)));
    SAY("setPledgedSrcSize: %s", res(ZSTD_CCtx_setPledgedSrcSize(cc, N_DATA)));
    n = ZSTD_compress2(cc, c, bound, data, N_DATA - 1);
    SAY("compress2 of one byte less than pledged: %s", res(n));
    SAY("CCtx_reset session: %s", res(ZSTD_CCtx_reset(cc, ZSTD_reset_session_only)));
    SAY("CCtx_reset parameters: %s", res(ZSTD_CCtx_reset(cc, ZSTD_reset_session_and_parameters)));
    ZSTD_CCtx_getParameter(cc, ZSTD_c_compressionLevel, &v);
    SAY("  level after reset: %d", v);
    n = ZSTD_compressCCtx(cc, c, bound, data, N_DATA, 1);
    VSAY("compressCCtx 1: %s, sizeof_CCtx %zu", res(n), ZSTD_sizeof_CCtx(cc));

    /* CCtx_params. */
    ZSTD_CCtx_params *cpar = ZSTD_createCCtxParams();
    SAY("CCtxParams_init 7: %s", res(ZSTD_CCtxParams_init(cpar, 7)));
    SAY("CCtxParams_setParameter checksum: %s", res(ZSTD_CCtxParams_setParameter(cpar, ZSTD_c_checksumFlag, 1)));
    SAY("CCtxParams_setParameter 9999: %s", res(ZSTD_CCtxParams_setParameter(cpar, (ZSTD_cParameter)9999, 1)));
    v = -1;
    r = ZSTD_CCtxParams_getParameter(cpar, ZSTD_c_checksumFlag, &v);
    SAY("CCtxParams_getParameter checksum: %s %d", res(r), v);
    VSAY("estimates with them: CCtx %zu CStream %zu", ZSTD_estimateCCtxSize_usingCCtxParams(cpar),
         ZSTD_estimateCStreamSize_usingCCtxParams(cpar));
    SAY("setParametersUsingCCtxParams: %s", res(ZSTD_CCtx_setParametersUsingCCtxParams(cc, cpar)));
    n = ZSTD_compress2(cc, c, bound, data, N_DATA);
    r = ZSTD_getFrameHeader(&fh, c, n);
    SAY("  compress2: %s, checksum %u", ISERR(n), fh.checksumFlag);
    SAY("CCtxParams_init_advanced: %s", res(ZSTD_CCtxParams_init_advanced(cpar, p)));
    p.cParams.windowLog = 99;
    SAY("CCtxParams_init_advanced bad: %s", res(ZSTD_CCtxParams_init_advanced(cpar, p)));
    SAY("CCtxParams_reset: %s", res(ZSTD_CCtxParams_reset(cpar)));
    SAY("freeCCtxParams: %s", res(ZSTD_freeCCtxParams(cpar)));

    VSAY("estimates: CCtx %zu %zu CStream %zu %zu DCtx %zu DStream %zu CDict %zu %zu DDict %zu",
         ZSTD_estimateCCtxSize(3), ZSTD_estimateCCtxSize_usingCParams(cp), ZSTD_estimateCStreamSize(3),
         ZSTD_estimateCStreamSize_usingCParams(cp), ZSTD_estimateDCtxSize(), ZSTD_estimateDStreamSize(1 << 20),
         ZSTD_estimateCDictSize(4096, 3), ZSTD_estimateCDictSize_advanced(4096, cp, ZSTD_dlm_byRef),
         ZSTD_estimateDDictSize(4096, ZSTD_dlm_byCopy));

    /* Decompression parameters, a window limit, the magicless format. */
    n = ZSTD_compress(c, bound, data, N_DATA, 3);
    VSAY("estimateDStreamSize_fromFrame %s", res(ZSTD_estimateDStreamSize_fromFrame(c, n)));
    ZSTD_DCtx *dc = ZSTD_createDCtx();
    SAY("DCtx_setParameter windowLogMax 10: %s", res(ZSTD_DCtx_setParameter(dc, ZSTD_d_windowLogMax, 10)));
    v = 0;
    r = ZSTD_DCtx_getParameter(dc, ZSTD_d_windowLogMax, &v);
    SAY("DCtx_getParameter: %s %d", res(r), v);
    SAY("decompressDCtx of a single-segment frame with windowLogMax 10: %s", res(ZSTD_decompressDCtx(dc, back, N_DATA, c, n)));
    SAY("DCtx_reset: %s", res(ZSTD_DCtx_reset(dc, ZSTD_reset_session_and_parameters)));
    SAY("DCtx_setMaxWindowSize 1024: %s", res(ZSTD_DCtx_setMaxWindowSize(dc, 1024)));
    SAY("  decompressDCtx: %s", res(ZSTD_decompressDCtx(dc, back, N_DATA, c, n)));
    ZSTD_DCtx_reset(dc, ZSTD_reset_session_and_parameters);
    r = ZSTD_decompressDCtx(dc, back, N_DATA, c, n);
    CHECK(same(back, r, data, N_DATA), "decompressDCtx after reset: data back");
    VSAY("sizeof_DCtx %zu", ZSTD_sizeof_DCtx(dc));
    ZSTD_CCtx_setParameter(cc, ZSTD_c_format, ZSTD_f_zstd1_magicless);
    n = ZSTD_compress2(cc, c, bound, data, N_DATA);
    SAY("magicless frame: isFrame %u", ZSTD_isFrame(c, n));
    r = ZSTD_getFrameHeader_advanced(&fh, c, n, ZSTD_f_zstd1_magicless);
    SAY("getFrameHeader_advanced magicless: %s content %llu", res(r), fh.frameContentSize);
    SAY("decompressDCtx magicless as zstd1: %s", res(ZSTD_decompressDCtx(dc, back, N_DATA, c, n)));
    SAY("DCtx_setFormat magicless: %s", res(ZSTD_DCtx_setFormat(dc, ZSTD_f_zstd1_magicless)));
    r = ZSTD_decompressDCtx(dc, back, N_DATA, c, n);
    CHECK(same(back, r, data, N_DATA), "  decompressDCtx: data back");
    SAY("freeCCtx: %s freeDCtx: %s, of NULL: %s", res(ZSTD_freeCCtx(cc)), res(ZSTD_freeDCtx(dc)), res(ZSTD_freeCCtx(NULL)));
    free(c);
    free(back);
}

/* Compresses @n bytes of data streamed through @cs in 7000-byte steps; returns the size. */
static size_t old_stream(ZSTD_CStream *cs, uint8_t *out, size_t cap, size_t n)
{
    ZSTD_outBuffer o = { out, cap, 0 };
    for (size_t at = 0; at < n; at += 7000) {
        ZSTD_inBuffer in = { data + at, n - at < 7000 ? n - at : 7000, 0 };
        while (in.pos < in.size) {
            size_t r = ZSTD_compressStream(cs, &o, &in);
            if (ZSTD_isError(r)) {
                return r;
            }
        }
    }
    size_t left;
    while ((left = ZSTD_endStream(cs, &o)) != 0) {
        if (ZSTD_isError(left)) {
            return left;
        }
    }
    return o.pos;
}

/* Decompresses a frame streamed through @ds in small steps into back; returns the size. */
static size_t old_unstream(ZSTD_DStream *ds, const uint8_t *in_p, size_t in_n, uint8_t *back, size_t cap)
{
    ZSTD_outBuffer o = { back, 0, 0 };
    ZSTD_inBuffer in = { in_p, 0, 0 };
    size_t r = 1;
    while (r != 0) {
        in.size = in.size + 1000 < in_n ? in.size + 1000 : in_n;
        o.size = o.size + 5000 < cap ? o.size + 5000 : cap;
        r = ZSTD_decompressStream(ds, &o, &in);
        if (ZSTD_isError(r) || (in.pos == in_n && o.pos == cap && r != 0)) {
            return ZSTD_isError(r) ? r : (size_t)-ZSTD_error_srcSize_wrong;
        }
    }
    return o.pos;
}

static void streams(void)
{
    SAY("stream sizes: in %zu out %zu, d in %zu out %zu", ZSTD_CStreamInSize(), ZSTD_CStreamOutSize(),
        ZSTD_DStreamInSize(), ZSTD_DStreamOutSize());
    size_t cap = ZSTD_compressBound(N_DATA);
    uint8_t *c = api_alloc(cap), *back = api_alloc(N_DATA);
    ZSTD_CStream *cs = ZSTD_createCStream();
    ZSTD_DStream *ds = ZSTD_createDStream();
    SAY("initCStream 4: %s", res(ZSTD_initCStream(cs, 4)));
    size_t n = old_stream(cs, c, cap, N_DATA);
    VSAY("  compressStream, endStream: %s, hash %08x", res(n), (unsigned)api_hash(c, n));
    SAY("initDStream: %s", res(ZSTD_initDStream(ds)));
    size_t r = old_unstream(ds, c, n, back, N_DATA);
    CHECK(same(back, r, data, N_DATA), "  decompressStream: data back");
    SAY("resetDStream: %s", res(ZSTD_resetDStream(ds)));
    SAY("  decompressStream of a cut frame, all its input: %s", res(old_unstream(ds, c, n - 5, back, N_DATA)));
    ZSTD_resetDStream(ds);
    SAY("  decompressStream of text: %s", res(old_unstream(ds, data, 1000, back, N_DATA)));
    SAY("initCStream_srcSize: %s", res(ZSTD_initCStream_srcSize(cs, 2, N_DATA)));
    SAY("  one byte less than pledged: %s", res(old_stream(cs, c, cap, N_DATA - 1)));
    SAY("resetCStream: %s", res(ZSTD_resetCStream(cs, 1000)));
    n = old_stream(cs, c, cap, 1000);
    SAY("  1000 bytes: %s, content size %llu", ISERR(n), ZSTD_getFrameContentSize(c, n));
    /* flushStream in the middle. */
    ZSTD_initCStream(cs, 1);
    ZSTD_outBuffer o = { c, cap, 0 };
    ZSTD_inBuffer in = { data, 5000, 0 };
    ZSTD_compressStream(cs, &o, &in);
    r = ZSTD_flushStream(cs, &o);
    SAY("flushStream: %s, wrote something %d", res(r), o.pos > 0);
    in = (ZSTD_inBuffer){ data + 5000, N_DATA - 5000, 0 };
    ZSTD_compressStream(cs, &o, &in);
    while ((r = ZSTD_endStream(cs, &o)) != 0 && !ZSTD_isError(r)) {
    }
    ZSTD_initDStream(ds);
    r = old_unstream(ds, c, o.pos, back, N_DATA);
    CHECK(same(back, r, data, N_DATA), "  data back");
    VSAY("sizeof_CStream %zu sizeof_DStream %zu", ZSTD_sizeof_CStream(cs), ZSTD_sizeof_DStream(ds));

    /* The new API: compressStream2 with continue, flush and end; simpleArgs. */
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 5);
    o = (ZSTD_outBuffer){ c, cap, 0 };
    in = (ZSTD_inBuffer){ data, 20000, 0 };
    r = ZSTD_compressStream2(cc, &o, &in, ZSTD_e_continue);
    SAY("compressStream2 continue: %s", ISERR(r));
    r = ZSTD_compressStream2(cc, &o, &in, ZSTD_e_flush);
    SAY("compressStream2 flush: %s, toFlushNow %zu", res(r), ZSTD_toFlushNow(cc));
    in = (ZSTD_inBuffer){ data + 20000, N_DATA - 20000, 0 };
    while ((r = ZSTD_compressStream2(cc, &o, &in, ZSTD_e_end)) != 0 && !ZSTD_isError(r)) {
    }
    SAY("compressStream2 end: %s", res(r));
    ZSTD_frameProgression fp = ZSTD_getFrameProgression(cc);
    SAY("getFrameProgression: ingested %llu consumed %llu produced is the frame %d", fp.ingested, fp.consumed,
        fp.produced == o.pos);
    ZSTD_DCtx *dc = ZSTD_createDCtx();
    size_t dpos = 0, spos = 0;
    r = 1;
    while (r != 0 && !ZSTD_isError(r)) {
        r = ZSTD_decompressStream_simpleArgs(dc, back, N_DATA, &dpos, c, o.pos, &spos);
    }
    CHECK(r == 0 && same(back, dpos, data, N_DATA), "decompressStream_simpleArgs: data back");
    ZSTD_CCtx_reset(cc, ZSTD_reset_session_only);
    dpos = spos = 0;
    r = ZSTD_compressStream2_simpleArgs(cc, c, cap, &dpos, data, N_DATA, &spos, ZSTD_e_end);
    SAY("compressStream2_simpleArgs: %s, all taken %d", res(r), spos == N_DATA);
    ZSTD_CCtx_reset(cc, ZSTD_reset_session_only);
    dpos = spos = 0;
    r = ZSTD_compressStream2_simpleArgs(cc, c, 10, &dpos, data, N_DATA, &spos, ZSTD_e_end);
    SAY("compressStream2_simpleArgs into 10 bytes: %s, wrote %zu", ISERR(r), dpos);
    SAY("compressStream2 with end directive 9: %s", res(ZSTD_compressStream2(cc, &o, &in, (ZSTD_EndDirective)9)));

    /* Worker threads (host threads) with the guest's allocator, then a shared thread pool. */
    /* Over 512 KiB, given in pieces: zstd hands jobs to its workers only then. */
    size_t big_n = 640 << 10;
    uint8_t *big = api_alloc(big_n), *bigc = api_alloc(ZSTD_compressBound(big_n)), *bigb = api_alloc(big_n);
    api_fill(big, big_n, 7);
    n_alloc = n_free = 0;
    ZSTD_CCtx *mt = ZSTD_createCCtx_advanced(counting);
    r = ZSTD_CCtx_setParameter(mt, ZSTD_c_nbWorkers, 2);
    SAY("nbWorkers 2: %s", res(r));
    ZSTD_CCtx_setParameter(mt, ZSTD_c_jobSize, 1 << 16);
    o = (ZSTD_outBuffer){ bigc, ZSTD_compressBound(big_n), 0 };
    for (size_t at = 0; at < big_n; at += 65536) {
        in = (ZSTD_inBuffer){ big + at, 65536, 0 };
        while (in.pos < in.size && !ZSTD_isError(r = ZSTD_compressStream2(mt, &o, &in, ZSTD_e_continue))) {
        }
    }
    in = (ZSTD_inBuffer){ NULL, 0, 0 };
    while ((r = ZSTD_compressStream2(mt, &o, &in, ZSTD_e_end)) != 0 && !ZSTD_isError(r)) {
    }
    fp = ZSTD_getFrameProgression(mt);
    SAY("  compressStream2 with workers: %s, ingested %llu", res(r), fp.ingested);
    VSAY("  %zu bytes, hash %08x", o.pos, (unsigned)api_hash(bigc, o.pos));
    r = ZSTD_decompress(bigb, big_n, bigc, o.pos);
    CHECK(same(bigb, r, big, big_n), "  data back");
    ZSTD_freeCCtx(mt);
    CHECK(n_alloc > 0 && n_alloc == n_free, "  the guest's allocator served the workers, every block freed");
    ZSTD_threadPool *pool = ZSTD_createThreadPool(2);
    SAY("createThreadPool: %s", pool ? "a pool" : "NULL");
    ZSTD_CCtx *a = ZSTD_createCCtx(), *b = ZSTD_createCCtx();
    SAY("refThreadPool: %s %s", res(ZSTD_CCtx_refThreadPool(a, pool)), res(ZSTD_CCtx_refThreadPool(b, pool)));
    ZSTD_CCtx_setParameter(a, ZSTD_c_nbWorkers, 2);
    ZSTD_CCtx_setParameter(b, ZSTD_c_nbWorkers, 2);
    size_t na = ZSTD_compress2(a, bigc, ZSTD_compressBound(big_n), big, big_n);
    r = ZSTD_decompress(bigb, big_n, bigc, na);
    size_t nb = ZSTD_compress2(b, bigc, ZSTD_compressBound(big_n), big + 1000, 100000);
    size_t rb = ZSTD_decompress(bigb + big_n - 100000, 100000, bigc, nb);
    CHECK(same(bigb, big_n - 100000, big, big_n - 100000) && r == big_n && same(bigb + big_n - 100000, rb, big + 1000, 100000),
          "two contexts on one pool: data back");
    ZSTD_freeCCtx(a);
    ZSTD_freeCCtx(b);
    ZSTD_freeThreadPool(pool);
    ZSTD_freeThreadPool(NULL);

    /* Contexts and streams with the guest's allocator. */
    n_alloc = n_free = 0;
    ZSTD_CStream *acs = ZSTD_createCStream_advanced(counting);
    ZSTD_DStream *ads = ZSTD_createDStream_advanced(counting);
    ZSTD_DCtx *adc = ZSTD_createDCtx_advanced(counting);
    ZSTD_initCStream(acs, 3);
    n = old_stream(acs, c, cap, N_DATA);
    ZSTD_initDStream(ads);
    r = old_unstream(ads, c, n, back, N_DATA);
    size_t r2 = ZSTD_decompressDCtx(adc, back, N_DATA, c, n);
    CHECK(same(back, r, data, N_DATA) && r2 == N_DATA, "createCStream/DStream/DCtx_advanced: data back");
    SAY("free: %s %s %s", res(ZSTD_freeCStream(acs)), res(ZSTD_freeDStream(ads)), res(ZSTD_freeDCtx(adc)));
    CHECK(n_alloc > 0 && n_alloc == n_free, "  the guest's allocator served them, every block freed");
    ZSTD_customMem half = { count_alloc, NULL, NULL };
    SAY("createCCtx_advanced with only an alloc function: %s", ZSTD_createCCtx_advanced(half) ? "a context" : "NULL");

    ZSTD_freeCCtx(cc);
    ZSTD_freeDCtx(dc);
    ZSTD_freeCStream(cs);
    ZSTD_freeDStream(ds);
    free(big);
    free(bigc);
    free(bigb);
    free(c);
    free(back);
}

/* Samples for dictionary training: records sharing words. */
#define N_SAMPLES 100
#define SAMPLE 150
static uint8_t samples[N_SAMPLES * SAMPLE];
static size_t sizes[N_SAMPLES];

static void dictionaries(void)
{
    for (int i = 0; i < N_SAMPLES; i++) {
        api_fill(samples + i * SAMPLE, SAMPLE, (uint32_t)(i % 7));
        sizes[i] = SAMPLE;
    }
    static uint8_t dict[4096], d2[4096], d3[4096], d4[4096];
    size_t dn = ZDICT_trainFromBuffer(dict, sizeof(dict), samples, sizes, N_SAMPLES);
    SAY("ZDICT_trainFromBuffer: %s", ZDICT_isError(dn) ? ZDICT_getErrorName(dn) : "ok");
    VSAY("  %zu bytes, hash %08x", dn, (unsigned)api_hash(dict, dn));
    SAY("ZDICT_getDictID nonzero %d, header size %s", ZDICT_getDictID(dict, dn) != 0,
        ISERR(ZDICT_getDictHeaderSize(dict, dn)));
    SAY("ZDICT_trainFromBuffer of 3 samples: %s",
        ZDICT_getErrorName(ZDICT_trainFromBuffer(d2, sizeof(d2), samples, sizes, 3)));
    SAY("ZDICT_getDictHeaderSize of text: %s, getDictID %u", res(ZDICT_getDictHeaderSize(data, 100)),
        ZDICT_getDictID(data, 100));
    ZDICT_cover_params_t cov = { .k = 64, .d = 8, .steps = 1, .nbThreads = 1, .zParams.compressionLevel = 3 };
    size_t n2 = ZDICT_trainFromBuffer_cover(d2, sizeof(d2), samples, sizes, N_SAMPLES, cov);
    SAY("ZDICT_trainFromBuffer_cover: %s", ZDICT_isError(n2) ? ZDICT_getErrorName(n2) : "ok");
    ZDICT_fastCover_params_t fc = { .k = 64, .d = 8, .f = 16, .steps = 1, .nbThreads = 1, .accel = 1 };
    size_t n3 = ZDICT_trainFromBuffer_fastCover(d3, sizeof(d3), samples, sizes, N_SAMPLES, fc);
    SAY("ZDICT_trainFromBuffer_fastCover: %s", ZDICT_isError(n3) ? ZDICT_getErrorName(n3) : "ok");
    cov.k = 0;
    cov.d = 8;
    cov.steps = 2;
    cov.nbThreads = 2;
    size_t n4 = ZDICT_optimizeTrainFromBuffer_cover(d4, sizeof(d4), samples, sizes, N_SAMPLES, &cov);
    SAY("ZDICT_optimizeTrainFromBuffer_cover: %s, chose k %d d %u", ZDICT_isError(n4) ? ZDICT_getErrorName(n4) : "ok",
        cov.k > 0, cov.d);
    fc.k = 0;
    fc.d = 8;
    fc.steps = 2;
    fc.nbThreads = 2;
    n4 = ZDICT_optimizeTrainFromBuffer_fastCover(d4, sizeof(d4), samples, sizes, N_SAMPLES, &fc);
    SAY("ZDICT_optimizeTrainFromBuffer_fastCover: %s, chose k %d",
        ZDICT_isError(n4) ? ZDICT_getErrorName(n4) : "ok", fc.k > 0);
    ZDICT_legacy_params_t leg = { .selectivityLevel = 0 };
    n4 = ZDICT_trainFromBuffer_legacy(d4, sizeof(d4), samples, sizes, N_SAMPLES, leg);
    SAY("ZDICT_trainFromBuffer_legacy: %s", ZDICT_isError(n4) ? ZDICT_getErrorName(n4) : "ok");
    /* A dictionary finished by hand from raw content. */
    ZDICT_params_t zp = { .compressionLevel = 3, .dictID = 4242 };
    n4 = ZDICT_finalizeDictionary(d4, sizeof(d4), samples, 2000, samples, sizes, N_SAMPLES, zp);
    SAY("ZDICT_finalizeDictionary: %s, id %u", ZDICT_isError(n4) ? ZDICT_getErrorName(n4) : "ok",
        ZDICT_getDictID(d4, n4));
    static uint8_t ent[8192];
    memcpy(ent + sizeof(ent) - 3000, samples, 3000);
    size_t n5 = ZDICT_addEntropyTablesFromBuffer(ent, 3000, sizeof(ent), samples, sizes, N_SAMPLES);
    SAY("ZDICT_addEntropyTablesFromBuffer: %s, id nonzero %d", ZDICT_isError(n5) ? ZDICT_getErrorName(n5) : "ok",
        ZDICT_getDictID(ent, n5) != 0);

    /* Compressing a record with each kind of dictionary. */
    const uint8_t *rec = samples + 3 * SAMPLE;
    uint8_t c[1024], back[1024];
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    ZSTD_DCtx *dc = ZSTD_createDCtx();
    size_t n = ZSTD_compress_usingDict(cc, c, sizeof(c), rec, SAMPLE, dict, dn, 3);
    SAY("compress_usingDict: %s, getDictID_fromFrame = fromDict %d", ISERR(n),
        ZSTD_getDictID_fromFrame(c, n) == ZSTD_getDictID_fromDict(dict, dn));
    VSAY("  %zu bytes", n);
    size_t r = ZSTD_decompress_usingDict(dc, back, sizeof(back), c, n, dict, dn);
    CHECK(same(back, r, rec, SAMPLE), "decompress_usingDict: data back");
    SAY("decompress without the dictionary: %s", res(ZSTD_decompressDCtx(dc, back, sizeof(back), c, n)));
    SAY("decompress_usingDict with another: %s", res(ZSTD_decompress_usingDict(dc, back, sizeof(back), c, n, d4, n4)));

    ZSTD_CDict *cd = ZSTD_createCDict(dict, dn, 3), *cdr = ZSTD_createCDict_byReference(dict, dn, 3);
    ZSTD_DDict *dd = ZSTD_createDDict(dict, dn), *ddr = ZSTD_createDDict_byReference(dict, dn);
    SAY("dict ids equal: %d %d %d", ZSTD_getDictID_fromCDict(cd) == ZSTD_getDictID_fromDict(dict, dn),
        ZSTD_getDictID_fromDDict(dd) == ZSTD_getDictID_fromCDict(cdr), ZSTD_getDictID_fromDDict(ddr) != 0);
    VSAY("sizeof CDict %zu DDict %zu", ZSTD_sizeof_CDict(cd), ZSTD_sizeof_DDict(dd));
    n = ZSTD_compress_usingCDict(cc, c, sizeof(c), rec, SAMPLE, cdr);
    r = ZSTD_decompress_usingDDict(dc, back, sizeof(back), c, n, ddr);
    CHECK(same(back, r, rec, SAMPLE), "compress_usingCDict, decompress_usingDDict: data back");
    ZSTD_frameParameters fpar = { .contentSizeFlag = 0, .checksumFlag = 1, .noDictIDFlag = 1 };
    n = ZSTD_compress_usingCDict_advanced(cc, c, sizeof(c), rec, SAMPLE, cd, fpar);
    SAY("compress_usingCDict_advanced without the id: frame id %u, content size %s", ZSTD_getDictID_fromFrame(c, n),
        ZSTD_getFrameContentSize(c, n) == ZSTD_CONTENTSIZE_UNKNOWN ? "unknown" : "known");
    r = ZSTD_decompress_usingDDict(dc, back, sizeof(back), c, n, dd);
    CHECK(same(back, r, rec, SAMPLE), "  decompress_usingDDict: data back");

    ZSTD_compressionParameters cp = ZSTD_getCParams(3, SAMPLE, dn);
    n_alloc = n_free = 0;
    ZSTD_CDict *cda = ZSTD_createCDict_advanced(dict, dn, ZSTD_dlm_byCopy, ZSTD_dct_auto, cp, counting);
    ZSTD_CCtx_params *cpar = ZSTD_createCCtxParams();
    ZSTD_CCtxParams_init(cpar, 4);
    ZSTD_CDict *cda2 = ZSTD_createCDict_advanced2(dict, dn, ZSTD_dlm_byRef, ZSTD_dct_fullDict, cpar, counting);
    ZSTD_DDict *dda = ZSTD_createDDict_advanced(dict, dn, ZSTD_dlm_byCopy, ZSTD_dct_auto, counting);
    n = ZSTD_compress_usingCDict(cc, c, sizeof(c), rec, SAMPLE, cda);
    r = ZSTD_decompress_usingDDict(dc, back, sizeof(back), c, n, dda);
    size_t n2b = ZSTD_compress_usingCDict(cc, c, sizeof(c), rec, SAMPLE, cda2);
    size_t r2 = ZSTD_decompress_usingDDict(dc, back + 512, sizeof(back) - 512, c, n2b, dda);
    CHECK(same(back, r, rec, SAMPLE) && same(back + 512, r2, rec, SAMPLE),
          "createCDict_advanced, _advanced2, createDDict_advanced (guest allocator): data back");
    SAY("createDDict_advanced of raw content as a full dictionary: %s",
        ZSTD_createDDict_advanced(data, 100, ZSTD_dlm_byCopy, ZSTD_dct_fullDict, counting) ? "a DDict" : "NULL");
    ZSTD_freeCDict(cda);
    ZSTD_freeCDict(cda2);
    ZSTD_freeDDict(dda);
    CHECK(n_alloc > 0 && n_alloc == n_free, "  every block the guest's allocator gave freed");

    /* Dictionaries loaded into and referenced by contexts; prefixes. */
    SAY("CCtx_loadDictionary: %s", res(ZSTD_CCtx_loadDictionary(cc, dict, dn)));
    n = ZSTD_compress2(cc, c, sizeof(c), rec, SAMPLE);
    SAY("DCtx_loadDictionary: %s", res(ZSTD_DCtx_loadDictionary(dc, dict, dn)));
    r = ZSTD_decompressDCtx(dc, back, sizeof(back), c, n);
    CHECK(same(back, r, rec, SAMPLE), "  data back");
    SAY("CCtx_loadDictionary_byReference: %s", res(ZSTD_CCtx_loadDictionary_byReference(cc, dict, dn)));
    n = ZSTD_compress2(cc, c, sizeof(c), rec, SAMPLE);
    SAY("DCtx_loadDictionary_byReference: %s", res(ZSTD_DCtx_loadDictionary_byReference(dc, dict, dn)));
    r = ZSTD_decompressDCtx(dc, back, sizeof(back), c, n);
    CHECK(same(back, r, rec, SAMPLE), "  data back");
    SAY("CCtx_loadDictionary_advanced raw: %s",
        res(ZSTD_CCtx_loadDictionary_advanced(cc, samples, 3000, ZSTD_dlm_byCopy, ZSTD_dct_rawContent)));
    n = ZSTD_compress2(cc, c, sizeof(c), rec, SAMPLE);
    SAY("DCtx_loadDictionary_advanced raw: %s",
        res(ZSTD_DCtx_loadDictionary_advanced(dc, samples, 3000, ZSTD_dlm_byRef, ZSTD_dct_rawContent)));
    r = ZSTD_decompressDCtx(dc, back, sizeof(back), c, n);
    CHECK(same(back, r, rec, SAMPLE), "  data back");
    SAY("DCtx_loadDictionary_advanced of text as a full dictionary: %s",
        res(ZSTD_DCtx_loadDictionary_advanced(dc, data, 100, ZSTD_dlm_byCopy, ZSTD_dct_fullDict)));
    SAY("CCtx_refCDict: %s DCtx_refDDict: %s", res(ZSTD_CCtx_refCDict(cc, cd)), res(ZSTD_DCtx_refDDict(dc, dd)));
    n = ZSTD_compress2(cc, c, sizeof(c), rec, SAMPLE);
    r = ZSTD_decompressDCtx(dc, back, sizeof(back), c, n);
    CHECK(same(back, r, rec, SAMPLE), "  data back");
    SAY("CCtx_refPrefix: %s", res(ZSTD_CCtx_refPrefix(cc, samples, 3000)));
    n = ZSTD_compress2(cc, c, sizeof(c), rec, SAMPLE);
    SAY("DCtx_refPrefix: %s", res(ZSTD_DCtx_refPrefix(dc, samples, 3000)));
    r = ZSTD_decompressDCtx(dc, back, sizeof(back), c, n);
    CHECK(same(back, r, rec, SAMPLE), "  data back");
    SAY("  again without the prefix: %s", ISERR(ZSTD_decompressDCtx(dc, back, sizeof(back), c, n)));
    SAY("CCtx_refPrefix_advanced: %s", res(ZSTD_CCtx_refPrefix_advanced(cc, samples, 3000, ZSTD_dct_rawContent)));
    n = ZSTD_compress2(cc, c, sizeof(c), rec, SAMPLE);
    SAY("DCtx_refPrefix_advanced: %s", res(ZSTD_DCtx_refPrefix_advanced(dc, samples, 3000, ZSTD_dct_rawContent)));
    r = ZSTD_decompressDCtx(dc, back, sizeof(back), c, n);
    CHECK(same(back, r, rec, SAMPLE), "  data back");

    /* Streams with dictionaries. */
    ZSTD_CStream *cs = ZSTD_createCStream();
    ZSTD_DStream *ds = ZSTD_createDStream();
    static uint8_t sc[ZSTD_COMPRESSBOUND(N_DATA)], sb[N_DATA];
    SAY("initCStream_usingDict: %s", res(ZSTD_initCStream_usingDict(cs, dict, dn, 3)));
    n = old_stream(cs, sc, sizeof(sc), 20000);
    SAY("initDStream_usingDict: %s", res(ZSTD_initDStream_usingDict(ds, dict, dn)));
    r = old_unstream(ds, sc, n, sb, N_DATA);
    CHECK(same(sb, r, data, 20000), "  data back");
    SAY("initCStream_usingCDict: %s", res(ZSTD_initCStream_usingCDict(cs, cd)));
    n = old_stream(cs, sc, sizeof(sc), 20000);
    SAY("initDStream_usingDDict: %s", res(ZSTD_initDStream_usingDDict(ds, dd)));
    r = old_unstream(ds, sc, n, sb, N_DATA);
    CHECK(same(sb, r, data, 20000), "  data back");
    SAY("initCStream_usingCDict_advanced: %s", res(ZSTD_initCStream_usingCDict_advanced(cs, cd, fpar, 20000)));
    n = old_stream(cs, sc, sizeof(sc), 20000);
    ZSTD_initDStream_usingDDict(ds, dd);
    r = old_unstream(ds, sc, n, sb, N_DATA);
    CHECK(same(sb, r, data, 20000), "  data back");
    ZSTD_parameters p = ZSTD_getParams(3, 20000, dn);
    SAY("initCStream_advanced: %s", res(ZSTD_initCStream_advanced(cs, dict, dn, p, 20000)));
    n = old_stream(cs, sc, sizeof(sc), 20000);
    ZSTD_initDStream_usingDict(ds, dict, dn);
    r = old_unstream(ds, sc, n, sb, N_DATA);
    CHECK(same(sb, r, data, 20000), "  data back");
    ZSTD_freeCStream(cs);
    ZSTD_freeDStream(ds);
    ZSTD_freeCCtxParams(cpar);
    SAY("free dictionaries: %s %s %s %s", res(ZSTD_freeCDict(cd)), res(ZSTD_freeCDict(cdr)), res(ZSTD_freeDDict(dd)),
        res(ZSTD_freeDDict(ddr)));
    ZSTD_freeCCtx(cc);
    ZSTD_freeDCtx(dc);
}

/* Contexts in the program's own memory. */
static void statics(void)
{
    size_t csize = ZSTD_estimateCCtxSize(3), dsize = ZSTD_estimateDCtxSize();
    size_t cssize = ZSTD_estimateCStreamSize(3);
    void *cw = malloc(csize), *dw = malloc(dsize), *csw = malloc(cssize);
    ZSTD_CCtx *cc = ZSTD_initStaticCCtx(cw, csize);
    ZSTD_DCtx *dc = ZSTD_initStaticDCtx(dw, dsize);
    SAY("initStaticCCtx: %s initStaticDCtx: %s", cc == cw ? "the workspace" : "NULL", dc == dw ? "the workspace" : "NULL");
    SAY("initStaticCCtx in 100 bytes: %s", ZSTD_initStaticCCtx(malloc(128), 100) ? "a context" : "NULL");
    size_t cap = ZSTD_compressBound(N_DATA);
    uint8_t *c = api_alloc(cap), *back = api_alloc(N_DATA);
    size_t n = ZSTD_compressCCtx(cc, c, cap, data, N_DATA, 3);
    size_t r = ZSTD_decompressDCtx(dc, back, N_DATA, c, n);
    CHECK(same(back, r, data, N_DATA), "static contexts: data back");
    SAY("static CCtx at level 19 (needs more): %s", ISERR(ZSTD_compressCCtx(cc, c, cap, data, N_DATA, 19)));
    ZSTD_CStream *cs = ZSTD_initStaticCStream(csw, cssize);
    ZSTD_initCStream(cs, 3);
    n = old_stream(cs, c, cap, N_DATA);
    /* The decoder's workspace as large as this frame needs. */
    size_t dssize = ZSTD_estimateDStreamSize_fromFrame(c, n);
    void *dsw = malloc(dssize);
    ZSTD_DStream *ds = ZSTD_initStaticDStream(dsw, dssize);
    ZSTD_initDStream(ds);
    r = old_unstream(ds, c, n, back, N_DATA);
    CHECK(same(back, r, data, N_DATA), "static streams: data back");
    static uint8_t dict[2048];
    memcpy(dict, data, sizeof(dict));
    ZSTD_compressionParameters cp = ZSTD_getCParams(3, 0, sizeof(dict));
    size_t cdsize = ZSTD_estimateCDictSize_advanced(sizeof(dict), cp, ZSTD_dlm_byCopy);
    size_t ddsize = ZSTD_estimateDDictSize(sizeof(dict), ZSTD_dlm_byCopy);
    void *cdw = malloc(cdsize), *ddw = malloc(ddsize);
    const ZSTD_CDict *cd = ZSTD_initStaticCDict(cdw, cdsize, dict, sizeof(dict), ZSTD_dlm_byCopy, ZSTD_dct_rawContent, cp);
    const ZSTD_DDict *dd = ZSTD_initStaticDDict(ddw, ddsize, dict, sizeof(dict), ZSTD_dlm_byCopy, ZSTD_dct_rawContent);
    SAY("initStaticCDict: %s initStaticDDict: %s", cd ? "a dict" : "NULL", dd ? "a dict" : "NULL");
    n = ZSTD_compress_usingCDict(cc, c, cap, data + 100, 5000, cd);
    r = ZSTD_decompress_usingDDict(dc, back, N_DATA, c, n, dd);
    CHECK(same(back, r, data + 100, 5000), "  data back");
    free(cw);
    free(dw);
    free(csw);
    free(dsw);
    free(cdw);
    free(ddw);
    free(c);
    free(back);
}

/* Buffer-less streaming and raw blocks. */
/* Decodes the frame at @c step by step into @back; returns the bytes decoded. */
static size_t continue_all(ZSTD_DCtx *dc, const uint8_t *c, uint8_t *back)
{
    size_t in = 0, out = 0, r;
    for (size_t want; (want = ZSTD_nextSrcSizeToDecompress(dc)) != 0;) {
        r = ZSTD_decompressContinue(dc, back + out, N_DATA - out, c + in, want);
        if (ZSTD_isError(r)) {
            break;
        }
        in += want;
        out += r;
    }
    return out;
}

static void bufferless(void)
{
    size_t cap = ZSTD_compressBound(N_DATA);
    uint8_t *c = api_alloc(cap), *back = api_alloc(N_DATA);
    ZSTD_CCtx *cc = ZSTD_createCCtx(), *prep = ZSTD_createCCtx();
    SAY("compressBegin: %s", res(ZSTD_compressBegin(cc, 3)));
    size_t n = 0;
    for (size_t at = 0; at < 40000; at += 10000) {
        size_t r = ZSTD_compressContinue(cc, c + n, cap - n, data + at, 10000);
        n += r;
    }
    size_t r = ZSTD_compressEnd(cc, c + n, cap - n, data + 40000, N_DATA - 40000);
    n += r;
    SAY("compressContinue x4, compressEnd: %s", ISERR(r));
    VSAY("  %zu bytes, hash %08x", n, (unsigned)api_hash(c, n));
    SAY("compressContinue after the end: %s", res(ZSTD_compressContinue(cc, c, cap, data, 100)));

    /* Decoding it step by step, as ZSTD_nextSrcSizeToDecompress says. */
    ZSTD_DCtx *dc = ZSTD_createDCtx(), *dcopy = ZSTD_createDCtx();
    ZSTD_frameHeader fh;
    ZSTD_getFrameHeader(&fh, c, n);
    VSAY("decodingBufferSize_min %s", res(ZSTD_decodingBufferSize_min(fh.windowSize, fh.frameContentSize)));
    SAY("decompressBegin: %s", res(ZSTD_decompressBegin(dc)));
    size_t in = 0, out = 0, steps = 0, types = 0;
    for (size_t want; (want = ZSTD_nextSrcSizeToDecompress(dc)) != 0; steps++) {
        types |= 1u << ZSTD_nextInputType(dc);
        r = ZSTD_decompressContinue(dc, back + out, N_DATA - out, c + in, want);
        if (ZSTD_isError(r)) {
            break;
        }
        in += want;
        out += r;
    }
    CHECK(!ZSTD_isError(r) && same(back, out, data, N_DATA), "decompressContinue in %s steps: data back",
          steps > 4 ? "several" : "few");
    SAY("  input types seen %#zx", types);
    ZSTD_decompressBegin(dc);
    SAY("decompressContinue with a wrong size: %s", res(ZSTD_decompressContinue(dc, back, N_DATA, c, 3)));

    /* Dictionaries and copies. */
    static uint8_t dict[3000];
    memcpy(dict, data + 1000, sizeof(dict));
    SAY("compressBegin_usingDict: %s", res(ZSTD_compressBegin_usingDict(prep, dict, sizeof(dict), 3)));
    SAY("copyCCtx: %s", res(ZSTD_copyCCtx(cc, prep, 5000)));
    n = ZSTD_compressEnd(cc, c, cap, data, 5000);
    SAY("decompressBegin_usingDict: %s", res(ZSTD_decompressBegin_usingDict(dcopy, dict, sizeof(dict))));
    ZSTD_copyDCtx(dc, dcopy);
    out = continue_all(dc, c, back);
    CHECK(same(back, out, data, 5000), "copyCCtx, copyDCtx: data back");
    ZSTD_parameters p = ZSTD_getParams(3, 5000, sizeof(dict));
    SAY("compressBegin_advanced: %s", res(ZSTD_compressBegin_advanced(cc, dict, sizeof(dict), p, 5000)));
    n = ZSTD_compressEnd(cc, c, cap, data, 5000);
    r = ZSTD_decompress_usingDict(dc, back, N_DATA, c, n, dict, sizeof(dict));
    CHECK(same(back, r, data, 5000), "  data back");
    ZSTD_CDict *cd = ZSTD_createCDict(dict, sizeof(dict), 3);
    ZSTD_DDict *dd = ZSTD_createDDict(dict, sizeof(dict));
    SAY("compressBegin_usingCDict: %s", res(ZSTD_compressBegin_usingCDict(cc, cd)));
    n = ZSTD_compressEnd(cc, c, cap, data, 5000);
    SAY("decompressBegin_usingDDict: %s", res(ZSTD_decompressBegin_usingDDict(dc, dd)));
    out = continue_all(dc, c, back);
    CHECK(same(back, out, data, 5000), "  data back");
    ZSTD_frameParameters fpar = { 1, 1, 0 };
    SAY("compressBegin_usingCDict_advanced: %s", res(ZSTD_compressBegin_usingCDict_advanced(cc, cd, fpar, 5000)));
    n = ZSTD_compressEnd(cc, c, cap, data, 5000);
    r = ZSTD_decompress_usingDDict(dc, back, N_DATA, c, n, dd);
    CHECK(same(back, r, data, 5000), "  data back");

    /* Raw blocks: one compressed, one inserted uncompressed, one more compressed referring to both. */
    ZSTD_compressBegin(cc, 3);
    VSAY("getBlockSize %zu", ZSTD_getBlockSize(cc));
    uint8_t *blk = api_alloc(cap);
    size_t b1 = ZSTD_compressBlock(cc, blk, cap, data, 8000);
    size_t b2 = ZSTD_compressBlock(cc, blk + b1, cap - b1, data + 8000, 8000);
    SAY("compressBlock x2: %s %s", ISERR(b1), ISERR(b2));
    ZSTD_decompressBegin(dc);
    r = ZSTD_decompressBlock(dc, back, N_DATA, blk, b1);
    size_t r2 = ZSTD_decompressBlock(dc, back + 8000, N_DATA - 8000, blk + b1, b2);
    CHECK(r == 8000 && r2 == 8000 && !memcmp(back, data, 16000), "decompressBlock x2: data back");
    ZSTD_compressBegin(cc, 3);
    ZSTD_decompressBegin(dc);
    SAY("insertBlock: %s", res(ZSTD_insertBlock(dc, data + 30000, 5000)));
    b1 = ZSTD_compressBlock(cc, blk, cap, data + 35000, 5000);
    SAY("decompressBlock of a block made without that history: %s", b1 == 0 ? "incompressible" : "compressed");
    ZSTD_freeCDict(cd);
    ZSTD_freeDDict(dd);
    ZSTD_freeCCtx(cc);
    ZSTD_freeCCtx(prep);
    ZSTD_freeDCtx(dc);
    ZSTD_freeDCtx(dcopy);
    free(blk);
    free(c);
    free(back);
}

static void skippable(void)
{
    uint8_t f[64], back[64];
    size_t n = ZSTD_writeSkippableFrame(f, sizeof(f), "user data", 9, 5);
    SAY("writeSkippableFrame: %s, isSkippableFrame %u, isFrame %u", res(n), ZSTD_isSkippableFrame(f, n), ZSTD_isFrame(f, n));
    unsigned variant = 99;
    size_t r = ZSTD_readSkippableFrame(back, sizeof(back), &variant, f, n);
    SAY("readSkippableFrame: %s variant %u \"%.9s\"", res(r), variant, (const char *)back);
    SAY("readSkippableFrame into 4 bytes: %s", res(ZSTD_readSkippableFrame(back, 4, &variant, f, n)));
    SAY("writeSkippableFrame variant 16: %s", res(ZSTD_writeSkippableFrame(f, sizeof(f), "x", 1, 16)));
    SAY("readSkippableFrame of text: %s", res(ZSTD_readSkippableFrame(back, 64, &variant, data, 64)));
}

/* The guest's sequence producer: everything as literals, one block delimiter. */
static unsigned long producer_calls;
static size_t literal_producer(void *state, ZSTD_Sequence *out, size_t cap, const void *src, size_t srcSize,
                               const void *dict, size_t dictSize, int level, size_t windowSize)
{
    (void)src, (void)dict, (void)dictSize, (void)level, (void)windowSize;
    producer_calls += *(int *)state;
    if (cap < 1) {
        return ZSTD_SEQUENCE_PRODUCER_ERROR;
    }
    out[0] = (ZSTD_Sequence){ .offset = 0, .litLength = (unsigned)srcSize, .matchLength = 0, .rep = 0 };
    return 1;
}

static void sequences(void)
{
    size_t cap = ZSTD_compressBound(N_DATA);
    uint8_t *c = api_alloc(cap), *back = api_alloc(N_DATA);
    size_t nseq = ZSTD_sequenceBound(N_DATA);
    VSAY("sequenceBound %zu", nseq);
    ZSTD_Sequence *seqs = calloc(nseq, sizeof(*seqs));
    ZSTD_CCtx *cc = ZSTD_createCCtx();
    size_t got = ZSTD_generateSequences(cc, seqs, nseq, data, N_DATA);
    size_t total = 0;
    for (size_t i = 0; i < got && !ZSTD_isError(got); i++) {
        total += seqs[i].litLength + seqs[i].matchLength;
    }
    SAY("generateSequences: %s, cover the data %d", ISERR(got), total == N_DATA);
    VSAY("  %zu sequences", got);
    size_t merged = ZSTD_mergeBlockDelimiters(seqs, got);
    SAY("mergeBlockDelimiters: fewer %d", merged < got);
    ZSTD_CCtx_reset(cc, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(cc, ZSTD_c_blockDelimiters, ZSTD_sf_noBlockDelimiters);
    size_t n = ZSTD_compressSequences(cc, c, cap, seqs, merged, data, N_DATA);
    size_t r = ZSTD_decompress(back, N_DATA, c, n);
    CHECK(same(back, r, data, N_DATA), "compressSequences: %s, data back", ISERR(n));
    ZSTD_CCtx_setParameter(cc, ZSTD_c_validateSequences, 1);
    VSAY("compressSequences of sequences longer than the data: %s",
        res(ZSTD_compressSequences(cc, c, cap, seqs, merged, data, N_DATA - 100)));

    ZSTD_CCtx_reset(cc, ZSTD_reset_session_and_parameters);
    static int one = 1;
    ZSTD_registerSequenceProducer(cc, &one, literal_producer);
    ZSTD_CCtx_setParameter(cc, ZSTD_c_enableSeqProducerFallback, 1);
    n = ZSTD_compress2(cc, c, cap, data, N_DATA);
    r = ZSTD_decompress(back, N_DATA, c, n);
    CHECK(same(back, r, data, N_DATA) && producer_calls > 0, "the guest's sequence producer: called, data back");
    SAY("  literals only: as large as the data %d", n >= N_DATA);
    ZSTD_registerSequenceProducer(cc, NULL, NULL);
    n = ZSTD_compress2(cc, c, cap, data, N_DATA);
    VSAY("  producer cleared: compresses again %d", n < N_DATA / 2);
    ZSTD_freeCCtx(cc);
    free(seqs);
    free(c);
    free(back);
}

int main(void)
{
    /* Line by line: a crash shows where it happened. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    data = api_alloc(N_DATA);
    api_fill(data, N_DATA, 3);
    simple();
    parameters();
    streams();
    dictionaries();
    statics();
    bufferless();
    skippable();
    sequences();
    free(data);
    SAY("%u failures", api_failures);
    return api_failures != 0;
}
