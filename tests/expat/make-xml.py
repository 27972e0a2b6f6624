#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes a well-formed XML document of about MIB MiB to stdout, the same
every time: elements, attributes, namespaces, CDATA, internal entities,
character references, comments, processing instructions, UTF-8 text of 2-,
3- and 4-byte characters.   make-xml.py MIB"""
import sys

mib = float(sys.argv[1])
words = ["alpha", "beta", "gämma", "délta", "€uro", "日本語", "emoji😀", "x&amp;y",
         "&lt;tag&gt;", "&ent;", "&#x20AC;", "&#233;t&#xE9;", "plain"]
out = sys.stdout
head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE catalog [\n'
        '  <!ENTITY ent "an entity with ü">\n'
        '  <!ENTITY sig "— hostlink">\n'
        ']>\n'
        '<?catalog-pi start="yes"?>\n'
        '<catalog xmlns="urn:hostlink:catalog" xmlns:m="urn:hostlink:meta" version="1">\n')
out.write(head)
written = len(head.encode())
target = int(mib * 1024 * 1024)
i = 0
while written < target:
    w = words[i % len(words)]
    v = words[(i * 7) % len(words)]
    rec = (f'  <item id="i{i}" m:rank="{i % 97}" note="{v}">\n'
           f'    <name>{w} {i}</name>\n'
           f'    <m:tags><m:tag k="a">{v}</m:tag><m:tag k="b"/></m:tags>\n')
    if i % 3 == 0:
        rec += f'    <![CDATA[raw <data> & {w} ]]>\n'
    if i % 5 == 0:
        rec += f'    <!-- comment {i} with ö -->\n'
    if i % 7 == 0:
        rec += f'    <?item-pi n="{i}"?>\n'
    rec += f'    <text xml:lang="de">Grüße, {w}; &sig; {i * 31 % 1000}</text>\n  </item>\n'
    out.write(rec)
    written += len(rec.encode())
    i += 1
out.write('</catalog>\n')
