// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Expat's API through hostlink (tests/expat/api.sh): handlers of every kind,
 * an unknown encoding whose XML_Encoding the guest's handler fills with a
 * convert function and a release function that the library keeps, a guest
 * memory suite, XML_GetBuffer buffers filled by the guest's read(),
 * namespaces, external entities, content models, stopping and resuming,
 * errors. What it prints does not depend on how expat splits text into
 * handler calls (riscv64's expat is a newer release than the host's).
 *
 *   expat-guest FILE     parse FILE with everything, in 1000-byte reads
 *   expat-guest -m FILE  the rest of the API on FILE: the single handler
 *                        setters, default handlers, XML declarations,
 *                        foreign DTDs, parser reset, limits, library memory
 */
#include <expat.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long hash = 5381, events, chars;
static int depth, stopped;

static void mix(const char *tag, const char *s, int len)
{
    events++;
    for (const char *t = tag; *t; t++) {
        hash = hash * 33 + (unsigned char)*t;
    }
    for (int i = 0; s && i < (len < 0 ? (int)strlen(s) : len); i++) {
        hash = hash * 33 + (unsigned char)s[i];
    }
}

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    XML_Parser p = data;
    mix("<", name, -1);
    for (int i = 0; atts[i]; i += 2) {
        mix("@", atts[i], -1);
        mix("=", atts[i + 1], -1);
    }
    if (++depth == 2 && strstr(name, "stop") && !stopped) {
        stopped = 1;
        XML_StopParser(p, XML_TRUE);
    }
    if (strcmp(name, "urn:t|first") == 0) {
        printf("first element at line %lu, column %lu, %d specified attributes, id index %d\n",
               XML_GetCurrentLineNumber(p), XML_GetCurrentColumnNumber(p),
               XML_GetSpecifiedAttributeCount(p), XML_GetIdAttributeIndex(p));
    }
}

static void XMLCALL on_end(void *data, const XML_Char *name)
{
    (void)data;
    depth--;
    mix(">", name, -1);
}

/* Text as one run per element (expat may split it differently per release). */
static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
    (void)data;
    chars += (unsigned long)len;
    for (int i = 0; i < len; i++) {
        hash = hash * 33 + (unsigned char)s[i];
    }
}

static void XMLCALL on_comment(void *data, const XML_Char *s) { (void)data; mix("!--", s, -1); }
static void XMLCALL on_pi(void *data, const XML_Char *t, const XML_Char *d) { (void)data; mix("?", t, -1); mix(" ", d, -1); }
static void XMLCALL on_cdata_start(void *data) { (void)data; mix("[CDATA[", "", 0); }
static void XMLCALL on_cdata_end(void *data) { (void)data; mix("]]", "", 0); }
static void XMLCALL on_ns_start(void *data, const XML_Char *prefix, const XML_Char *uri)
{
    (void)data;
    mix("xmlns:", prefix ? prefix : "", -1);
    mix("=", uri, -1);
}
static void XMLCALL on_ns_end(void *data, const XML_Char *prefix) { (void)data; mix("/xmlns:", prefix ? prefix : "", -1); }

static void XMLCALL on_element_decl(void *data, const XML_Char *name, XML_Content *model)
{
    XML_Parser p = data;
    printf("element declaration %s: type %d, quant %d, %u children\n", name, (int)model->type,
           (int)model->quant, model->numchildren);
    XML_FreeContentModel(p, model);
}

static void XMLCALL on_entity_decl(void *data, const XML_Char *name, int param, const XML_Char *value,
                                   int len, const XML_Char *base, const XML_Char *system,
                                   const XML_Char *public, const XML_Char *notation)
{
    (void)data; (void)base; (void)public; (void)notation;
    printf("entity declaration %s (parameter %d): %.*s%s\n", name, param, value ? len : 0,
           value ? value : "", system ? system : "");
}

static int XMLCALL on_external(XML_Parser p, const XML_Char *context, const XML_Char *base,
                               const XML_Char *system, const XML_Char *public)
{
    static const char body[] = "<ext>from the external entity &#233;</ext>";
    (void)base; (void)public;
    XML_Parser e = XML_ExternalEntityParserCreate(p, context, NULL);
    enum XML_Status s = XML_Parse(e, body, (int)strlen(body), XML_TRUE);
    printf("external entity %s parsed: %s\n", system, s == XML_STATUS_OK ? "ok" : XML_ErrorString(XML_GetErrorCode(e)));
    XML_ParserFree(e);
    return s == XML_STATUS_OK;
}

/* ---- an unknown encoding: "x-hostlink-2byte" ------------------------------ */
/* Bytes 0x00-0x7f are ASCII, 0xc0-0xc7 start a two-byte sequence that
 * convert() decodes to U+0100 + (first-0xc0)*256 + second, 0x80-0xbf map to
 * U+00A0.. directly, the rest are invalid. */
struct enc_state {
    unsigned long converted;
    char name[32];
};
static int released;

static int XMLCALL enc_convert(void *data, const char *s)
{
    struct enc_state *st = data;
    st->converted++;
    return 0x100 + ((unsigned char)s[0] - 0xc0) * 256 + (unsigned char)s[1] - 0x80;
}

static void XMLCALL enc_release(void *data)
{
    struct enc_state *st = data;
    printf("encoding %s released after %lu conversions\n", st->name, st->converted);
    released++;
    free(st);
}

static int XMLCALL on_unknown_encoding(void *data, const XML_Char *name, XML_Encoding *info)
{
    (void)data;
    if (strcmp(name, "x-hostlink-2byte") != 0) {
        return XML_STATUS_ERROR;
    }
    for (int i = 0; i < 256; i++) {
        info->map[i] = i < 0x80 ? i : i < 0xc0 ? 0xa0 + (i - 0x80) : i < 0xc8 ? -2 : -1;
    }
    struct enc_state *st = calloc(1, sizeof(*st));
    strcpy(st->name, name);
    info->data = st;
    info->convert = enc_convert;
    info->release = enc_release;
    return XML_STATUS_OK;
}

static void encoding(void)
{
    /* "<r a='\xc1\x85'>x\xa9y\xc0\x81</r>" in x-hostlink-2byte */
    static const char doc[] = "<?xml version='1.0' encoding='x-hostlink-2byte'?>"
                              "<r a='\xc1\x85'>x\xa9y\xc0\x81\xc7\xbf</r>";
    XML_Parser p = XML_ParserCreate(NULL);
    hash = 5381;
    XML_SetUserData(p, p);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetUnknownEncodingHandler(p, on_unknown_encoding, NULL);
    enum XML_Status s = XML_Parse(p, doc, (int)strlen(doc), XML_TRUE);
    printf("unknown encoding: %s, hash %lx\n", s == XML_STATUS_OK ? "ok" : XML_ErrorString(XML_GetErrorCode(p)), hash);
    XML_ParserFree(p);
    printf("release ran %d time(s)\n", released);

    static const char bad[] = "<?xml version='1.0' encoding='x-unknown'?><r/>";
    p = XML_ParserCreate(NULL);
    XML_SetUnknownEncodingHandler(p, on_unknown_encoding, NULL);
    s = XML_Parse(p, bad, (int)strlen(bad), XML_TRUE);
    printf("an encoding the handler refuses: %s\n", s == XML_STATUS_OK ? "ok" : XML_ErrorString(XML_GetErrorCode(p)));
    XML_ParserFree(p);
}

/* ---- a guest memory suite ------------------------------------------------- */
static long live, allocs;
static void *mm_malloc(size_t n) { live++; allocs++; return malloc(n); }
static void *mm_realloc(void *p, size_t n) { if (!p) { live++; allocs++; } return realloc(p, n); }
static void mm_free(void *p) { if (p) live--; free(p); }

static int parse_file(const char *path)
{
    static const XML_Memory_Handling_Suite mm = { mm_malloc, mm_realloc, mm_free };
    XML_Parser p = XML_ParserCreate_MM(NULL, &mm, "|");
    int fd = open(path, O_RDONLY), done = 0, rc = 0;

    XML_SetUserData(p, p);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetCommentHandler(p, on_comment);
    XML_SetProcessingInstructionHandler(p, on_pi);
    XML_SetCdataSectionHandler(p, on_cdata_start, on_cdata_end);
    XML_SetNamespaceDeclHandler(p, on_ns_start, on_ns_end);
    XML_SetElementDeclHandler(p, on_element_decl);
    XML_SetEntityDeclHandler(p, on_entity_decl);
    XML_SetExternalEntityRefHandler(p, on_external);
    while (!done) {
        /* The buffer is the library's (host memory through hostlink); read() fills it. */
        void *buf = XML_GetBuffer(p, 1000);
        ssize_t n = read(fd, buf, 1000);
        done = n <= 0;
        enum XML_Status s = XML_ParseBuffer(p, (int)(n > 0 ? n : 0), done);
        if (s == XML_STATUS_SUSPENDED) {
            XML_ParsingStatus st;
            XML_GetParsingStatus(p, &st);
            printf("suspended in a handler (status %d), resuming\n", (int)st.parsing);
            s = XML_ResumeParser(p);
        }
        if (s == XML_STATUS_ERROR) {
            printf("%s:%lu:%lu: %s\n", path, XML_GetCurrentLineNumber(p), XML_GetCurrentColumnNumber(p),
                   XML_ErrorString(XML_GetErrorCode(p)));
            rc = 2;
            break;
        }
    }
    close(fd);
    printf("%s: %lu events, %lu bytes of text, hash %lx\n", path, events, chars, hash);
    XML_ParserFree(p);
    printf("memory suite: %s, nothing left allocated: %s\n", allocs > 0 ? "used" : "unused", live == 0 ? "yes" : "no");
    return rc;
}

/* ---- the rest of the API (-m) ---------------------------------------------- */
static void XMLCALL on_default(void *data, const XML_Char *s, int len)
{
    (void)data;
    on_text(NULL, s, len);
}

static void XMLCALL on_start_default(void *data, const XML_Char *name, const XML_Char **atts)
{
    XML_Parser p = data;        /* XML_UseParserAsHandlerArg: the parser */
    (void)atts;
    mix("<", name, -1);
    XML_DefaultCurrent(p);
}

static void XMLCALL on_end_only(void *data, const XML_Char *name) { (void)data; mix("/", name, -1); }
static void XMLCALL on_xml_decl(void *data, const XML_Char *version, const XML_Char *encoding, int standalone)
{
    (void)data;
    printf("XML declaration: version %s, encoding %s, standalone %d\n", version ? version : "-",
           encoding ? encoding : "-", standalone);
}
static void XMLCALL on_doctype(void *data, const XML_Char *name, const XML_Char *sys, const XML_Char *pub, int internal)
{
    (void)data; (void)pub;
    printf("doctype %s, system %s, internal subset %d\n", name, sys ? sys : "-", internal);
}
static void XMLCALL on_doctype_end(void *data) { (void)data; mix("doctype-end", "", 0); }
static void XMLCALL on_attlist(void *data, const XML_Char *el, const XML_Char *att, const XML_Char *type,
                               const XML_Char *dflt, int required)
{
    (void)data;
    printf("attlist %s %s %s %s %d\n", el, att, type, dflt ? dflt : "-", required);
}
static void XMLCALL on_unparsed(void *data, const XML_Char *name, const XML_Char *base, const XML_Char *sys,
                                const XML_Char *pub, const XML_Char *notation)
{
    (void)data; (void)base; (void)pub;
    printf("unparsed entity %s: %s, notation %s\n", name, sys, notation);
}
static void XMLCALL on_notation(void *data, const XML_Char *name, const XML_Char *base, const XML_Char *sys,
                                const XML_Char *pub)
{
    (void)data; (void)base; (void)pub;
    printf("notation %s: %s\n", name, sys ? sys : "-");
}
static void XMLCALL on_skipped(void *data, const XML_Char *name, int param)
{
    (void)data;
    printf("skipped entity %s (parameter %d)\n", name, param);
}
static int XMLCALL on_not_standalone(void *data) { (void)data; printf("not standalone\n"); return XML_STATUS_OK; }
static void XMLCALL on_ns_start_only(void *data, const XML_Char *prefix, const XML_Char *uri)
{
    on_ns_start(data, prefix, uri);
}
static int XMLCALL on_foreign_dtd(XML_Parser p, const XML_Char *context, const XML_Char *base,
                                  const XML_Char *system, const XML_Char *public)
{
    (void)context; (void)base; (void)public;
    printf("external subset asked for (%s), handler argument is %s\n", system ? system : "foreign DTD",
           p == (XML_Parser)&hash ? "the one given" : "another");
    return XML_STATUS_OK;
}

/*
 * Expat 2.8's 64-bit location functions, which the host's 2.5 lacks: the
 * thunk has them as aliases of the old ones (libs/expat.hl), a genuine
 * 2.5 library not at all (then these are NULL).
 */
extern uint64_t XML_GetCurrentLineNumber64(XML_Parser) __attribute__((weak));
extern uint64_t XML_GetCurrentColumnNumber64(XML_Parser) __attribute__((weak));
extern int64_t XML_GetCurrentByteIndex64(XML_Parser) __attribute__((weak));
extern uint64_t XML_GetCurrentByteCount64(XML_Parser) __attribute__((weak));

/* The same line whether the library has them or not, unless they disagree with the old ones. */
static void locations64(XML_Parser p)
{
    if (!XML_GetCurrentLineNumber64 || !XML_GetCurrentColumnNumber64 || !XML_GetCurrentByteIndex64 ||
        !XML_GetCurrentByteCount64) {
        printf("64-bit locations: as the old ones\n");
        return;
    }
    bool same = XML_GetCurrentLineNumber64(p) == XML_GetCurrentLineNumber(p) &&
                XML_GetCurrentColumnNumber64(p) == XML_GetCurrentColumnNumber(p) &&
                XML_GetCurrentByteIndex64(p) == XML_GetCurrentByteIndex(p) &&
                XML_GetCurrentByteCount64(p) == (uint64_t)XML_GetCurrentByteCount(p);
    printf("64-bit locations: %s\n", same ? "as the old ones" : "DIFFERENT from the old ones");
}

static void rest(const char *path)
{
    static char doc[1 << 16];
    int fd = open(path, O_RDONLY);
    int len = (int)read(fd, doc, sizeof(doc));
    close(fd);

    XML_Expat_Version v = XML_ExpatVersionInfo();
    const XML_Feature *f = XML_GetFeatureList();
    int n = 0;
    while (f[n].feature != XML_FEATURE_END) {
        n++;
    }
    printf("expat %d, %s features listed, first %s\n", v.major, n > 3 ? "several" : "few", f[0].name);

    XML_Parser p = XML_ParserCreateNS("UTF-8", '|');
    XML_SetReturnNSTriplet(p, 1);
    XML_SetHashSalt(p, 12345);
    printf("limits: %d %d %d %d, reparse deferral %d\n",
           XML_SetBillionLaughsAttackProtectionMaximumAmplification(p, 200.0f),
           XML_SetBillionLaughsAttackProtectionActivationThreshold(p, 1u << 20),
           XML_SetAllocTrackerMaximumAmplification(p, 200.0f),
           XML_SetAllocTrackerActivationThreshold(p, 1u << 24), XML_SetReparseDeferralEnabled(p, XML_FALSE));
    XML_SetUserData(p, &p);
    XML_UseParserAsHandlerArg(p);
    XML_SetStartElementHandler(p, on_start_default);
    XML_SetEndElementHandler(p, NULL);
    XML_SetDefaultHandler(p, on_default);
    XML_SetXmlDeclHandler(p, on_xml_decl);
    XML_SetBase(p, "base/");
    enum XML_Status s = XML_Parse(p, doc, len, XML_TRUE);
    printf("default handler, parser as handler argument, base %s: %s, hash %lx\n", XML_GetBase(p),
           s == XML_STATUS_OK ? "ok" : XML_ErrorString(XML_GetErrorCode(p)), hash);

    printf("reset: %d\n", XML_ParserReset(p, NULL));
    hash = 5381;
    XML_SetEncoding(p, "UTF-8");
    XML_UseForeignDTD(p, XML_TRUE);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_ALWAYS);
    XML_SetExternalEntityRefHandler(p, on_foreign_dtd);
    XML_SetExternalEntityRefHandlerArg(p, (XML_Parser)&hash);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    XML_SetEndDoctypeDeclHandler(p, on_doctype_end);
    XML_SetDoctypeDeclHandler(p, on_doctype, on_doctype_end);
    XML_SetAttlistDeclHandler(p, on_attlist);
    XML_SetUnparsedEntityDeclHandler(p, on_unparsed);
    XML_SetNotationDeclHandler(p, on_notation);
    XML_SetSkippedEntityHandler(p, on_skipped);
    XML_SetNotStandaloneHandler(p, on_not_standalone);
    XML_SetStartNamespaceDeclHandler(p, on_ns_start_only);
    XML_SetEndNamespaceDeclHandler(p, on_ns_end);
    XML_SetStartElementHandler(p, on_start);
    XML_SetEndElementHandler(p, on_end_only);
    XML_SetStartCdataSectionHandler(p, on_cdata_start);
    XML_SetEndCdataSectionHandler(p, on_cdata_end);
    XML_SetDefaultHandlerExpand(p, on_default);
    XML_SetUserData(p, p);
    s = XML_Parse(p, doc, len / 2, XML_FALSE);
    int offset = 0, size = 0;
    const char *ctx = XML_GetInputContext(p, &offset, &size);
    printf("half way: byte index %ld, count %d, context %s\n", (long)XML_GetCurrentByteIndex(p),
           XML_GetCurrentByteCount(p), ctx && offset >= 0 && offset <= size ? "given" : "none");
    locations64(p);
    if (s == XML_STATUS_OK) {
        s = XML_Parse(p, doc + len / 2, len - len / 2, XML_TRUE);
    }
    printf("second parse: %s, hash %lx\n", s == XML_STATUS_OK ? "ok" : XML_ErrorString(XML_GetErrorCode(p)), hash);

    char *m = XML_MemMalloc(p, 16);
    m = XML_MemRealloc(p, m, 64);
    strcpy(m, "library memory");
    printf("%s\n", m);
    XML_MemFree(p, m);
    XML_ParserFree(p);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "-m") == 0) {
        rest(argv[2]);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: expat-guest FILE\n");
        return 2;
    }
    printf("%s\n", XML_ExpatVersion()[0] == 'e' ? "expat" : "?");
    encoding();
    return parse_file(argv[1]);
}
