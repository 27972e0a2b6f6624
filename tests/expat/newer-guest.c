// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A program built against a newer expat than the host's (riscv64's sysroot
 * headers; tests/expat/newer.sh): it reports where each element starts with
 * expat 2.8's 64-bit location functions, which the thunk has as aliases of
 * the old ones (libs/expat.hl). Built with -DWITH_CONTEXT64 it also takes
 * XML_GetInputContext64, which is not an alias (its outputs are int64_t and
 * uint64_t, XML_GetInputContext's int): the version-skew rule must then keep
 * the whole library emulated for it.
 *
 *   newer-guest FILE
 */
#include <expat.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    XML_Parser p = data;
    (void)atts;
    printf("<%s> line %" PRIu64 " column %" PRIu64 " byte %" PRId64 " length %" PRIu64, name,
           XML_GetCurrentLineNumber64(p), XML_GetCurrentColumnNumber64(p), XML_GetCurrentByteIndex64(p),
           XML_GetCurrentByteCount64(p));
#ifdef WITH_CONTEXT64
    int64_t offset = -1;
    uint64_t size = 0;
    const char *ctx = XML_GetInputContext64(p, &offset, &size);
    printf(" context %s", ctx && offset >= 0 && (uint64_t)offset <= size ? "given" : "none");
#endif
    printf("\n");
}

int main(int argc, char **argv)
{
    static char doc[1 << 16];
    FILE *f = argc == 2 ? fopen(argv[1], "r") : NULL;
    if (!f) {
        fprintf(stderr, "usage: newer-guest FILE\n");
        return 2;
    }
    size_t len = fread(doc, 1, sizeof(doc), f);
    fclose(f);
    XML_Parser p = XML_ParserCreate(NULL);
    XML_SetUserData(p, p);
    XML_SetStartElementHandler(p, on_start);
    if (XML_Parse(p, doc, (int)len, XML_TRUE) != XML_STATUS_OK) {
        printf("error at line %" PRIu64 ": %s\n", XML_GetCurrentLineNumber64(p), XML_ErrorString(XML_GetErrorCode(p)));
        XML_ParserFree(p);
        return 2;
    }
    XML_ParserFree(p);
    return 0;
}
