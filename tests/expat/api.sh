# SPDX-License-Identifier: GPL-2.0-or-later
# Expat's API through hostlink on every guest (tests/expat/expat-guest.c):
# handlers of every kind, an unknown encoding whose convert and release
# functions the guest's handler puts into the library's XML_Encoding (kept
# by the library, called by it later), a guest memory suite, XML_GetBuffer
# filled by read(), external entities, content models, suspend and resume,
# errors, and (-m) the rest of the API: every function of the thunk,
# expat 2.8's 64-bit location functions (aliases) included.
# Output identical to the genuine library under plain emulation, with
# evidence that the host ran it (riscv64 included: the program uses only
# functions the host's expat has).

ea_tmp=$(mktemp -d)
cat >"$ea_tmp/api.xml" <<'EOF_XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE doc [
  <!ELEMENT doc (first, stop*, ext?)>
  <!ATTLIST first id ID #IMPLIED>
  <!ENTITY e "entity ü text">
  <!ENTITY ext SYSTEM "ext.xml">
]>
<doc xmlns="urn:t" xmlns:o="urn:other">
  <first id="f1" o:x="1">h&e;llo &amp; € 日本 😀</first>
  <!-- a comment -->
  <?pi target data?>
  <stop><![CDATA[<raw> & text]]></stop>
  <o:stop>again</o:stop>
  &ext;
</doc>
EOF_XML
head -c 400 "$ea_tmp/api.xml" >"$ea_tmp/cut.xml"
cat >"$ea_tmp/rest.xml" <<'EOF_XML'
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE doc SYSTEM "doc.dtd" [
  <!ATTLIST doc kind CDATA "plain" id ID #IMPLIED>
  <!NOTATION png SYSTEM "image/png">
  <!ENTITY pic SYSTEM "pic.png" NDATA png>
  <!ENTITY % pe "ignored">
]>
<doc xmlns="urn:t" xmlns:o="urn:o" o:a="1"><o:x>text &amp; &undeclared; ü</o:x><![CDATA[cd]]><!-- c --><?pi d?></doc>
EOF_XML

for arch in $RUNTIME_ARCHES; do
    prog="$B/$arch/tests/expat-guest"
    plain=$(hostlink_run "$arch" none "$prog" "$ea_tmp/api.xml" 2>&1; echo "status $?")
    out=$(hostlink_run "$arch" expat "$prog" "$ea_tmp/api.xml" 2>&1; echo "status $?")
    expect_eq "$arch: expat: the API, unknown encoding with convert/release, memory suite, buffers: as plain emulation" \
        "$plain" "$out"
    expect_host "$arch: expat: ... on the host" expat XML_ParserCreate XML_ParserCreate_MM \
        XML_SetUnknownEncodingHandler XML_GetBuffer XML_ParseBuffer XML_StopParser XML_ResumeParser \
        XML_GetParsingStatus XML_ExternalEntityParserCreate XML_FreeContentModel XML_ErrorString
    check "$arch: expat: ... the guest's convert and release ran from the host library (6 conversions, released once)" \
        grep -q "released after 6 conversions" <<<"$out"
    plain=$(hostlink_run "$arch" none "$prog" "$ea_tmp/cut.xml" 2>&1; echo "status $?")
    expect_eq "$arch: expat: a document cut short: the same error, line and column, exit status 2" \
        "$plain" "$(hostlink_run "$arch" expat "$prog" "$ea_tmp/cut.xml" 2>&1; echo "status $?")"
    expect_host "$arch: expat: ... on the host" expat XML_GetErrorCode XML_GetCurrentLineNumber
    plain=$(hostlink_run "$arch" none "$prog" -m "$ea_tmp/rest.xml" 2>&1; echo "status $?")
    out=$(hostlink_run "$arch" expat "$prog" -m "$ea_tmp/rest.xml" 2>&1; echo "status $?")
    expect_eq "$arch: expat: the rest of the API (single handler setters, default handlers, foreign DTD, reset, limits, library memory)" \
        "$plain" "$out"
    expect_host "$arch: expat: ... on the host" expat XML_ExpatVersionInfo XML_GetFeatureList XML_ParserCreateNS \
        XML_SetReturnNSTriplet XML_SetHashSalt XML_SetReparseDeferralEnabled XML_UseParserAsHandlerArg \
        XML_SetDefaultHandler XML_DefaultCurrent XML_SetXmlDeclHandler XML_GetBase XML_ParserReset XML_SetEncoding \
        XML_UseForeignDTD XML_SetExternalEntityRefHandlerArg XML_SetAttlistDeclHandler XML_SetSkippedEntityHandler \
        XML_SetUnparsedEntityDeclHandler XML_SetNotationDeclHandler XML_SetDefaultHandlerExpand XML_GetInputContext \
        XML_GetCurrentByteIndex XML_MemMalloc XML_MemRealloc XML_MemFree
    # Expat 2.8's 64-bit location functions: the thunk's aliases of the old ones
    # (libs/expat.hl) on every guest, the genuine library's on riscv64 only.
    expect_host "$arch: expat: ... expat 2.8's 64-bit location functions, aliases of the old ones, on the host" expat \
        XML_GetCurrentLineNumber64 XML_GetCurrentColumnNumber64 XML_GetCurrentByteIndex64 XML_GetCurrentByteCount64
    check "$arch: expat: ... giving what the old ones give" grep -q '^64-bit locations: as the old ones$' <<<"$out"
done
rm -rf "$ea_tmp"
