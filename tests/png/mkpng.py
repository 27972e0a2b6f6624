#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes the test PNGs into DIR: mkpng.py DIR [SCALE]

Made at test time from a fixed pattern (no randomness): 8-bit gray, RGB,
RGBA interlaced (Adam7), palette with transparency, gray+alpha, 16-bit RGB
and gray, 1-bit gray, a text chunk, and two bad files: one cut short and
one with a wrong CRC. SCALE multiplies the sizes (the bench's larger set)."""
import struct
import sys
import zlib


def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))


def adam7(w, h):
    """Pass (x, y) lists of an Adam7-interlaced image."""
    starts = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    for x0, y0, dx, dy in starts:
        xs, ys = list(range(x0, w, dx)), list(range(y0, h, dy))
        if xs and ys:
            yield xs, ys


def png(w, h, depth, ctype, pixel, interlace=0, extra=b"", palette=None, trns=None):
    """pixel(x, y) -> tuple of samples; rows filtered with a filter chosen per row."""
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    out = bytearray()
    passes = list(adam7(w, h)) if interlace else [(list(range(w)), list(range(h)))]
    for xs, ys in passes:
        for y in ys:
            bits = []
            for x in xs:
                for s in pixel(x, y)[:channels]:
                    bits.append(s)
            if depth == 16:
                row = b"".join(struct.pack(">H", v & 0xffff) for v in bits)
            elif depth == 8:
                row = bytes(v & 0xff for v in bits)
            else:
                per = 8 // depth
                row = bytearray()
                for i in range(0, len(bits), per):
                    byte = 0
                    for j in range(per):
                        v = bits[i + j] if i + j < len(bits) else 0
                        byte |= (v & ((1 << depth) - 1)) << (8 - depth * (j + 1))
                    row.append(byte)
                row = bytes(row)
            kind = y % 3        # none, sub, up (up with a zero previous row on a pass's first)
            bpp = max(1, channels * depth // 8)
            if kind == 1:
                row = bytes((row[i] - (row[i - bpp] if i >= bpp else 0)) & 0xff for i in range(len(row)))
            out.append(kind if kind != 2 else 0)
            out += row
    data = b"\x89PNG\r\n\x1a\n"
    data += chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace))
    if palette:
        data += chunk(b"PLTE", bytes(palette))
    if trns:
        data += chunk(b"tRNS", bytes(trns))
    data += extra
    data += chunk(b"IDAT", zlib.compress(bytes(out), 3))
    data += chunk(b"IEND", b"")
    return data


def main():
    d = sys.argv[1]
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    W, H = 61 * k, 47 * k
    files = {
        "gray8.png": png(W, H, 8, 0, lambda x, y: ((x * 3 + y * 5) % 256,)),
        "rgb8.png": png(W, H, 8, 2, lambda x, y: (x * 4 % 256, y * 5 % 256, (x ^ y) % 256),
                        extra=chunk(b"tEXt", b"Comment\0made by tests/png/mkpng.py")),
        "rgba8-interlaced.png": png(W, H, 8, 6, lambda x, y: (x % 256, y % 256, (x + y) % 256, (x * y) % 256),
                                    interlace=1),
        "palette.png": png(W, H, 8, 3, lambda x, y: (((x // 4) + (y // 4)) % 16,),
                           palette=[v for i in range(16) for v in (i * 16, 255 - i * 16, (i * 77) % 256)],
                           trns=[255 - i * 8 for i in range(16)]),
        "gray-alpha.png": png(W, H, 8, 4, lambda x, y: ((x * 2) % 256, (y * 7) % 256)),
        "rgb16.png": png(W, H, 16, 2, lambda x, y: (x * 1000 % 65536, y * 1300 % 65536, (x * y * 17) % 65536)),
        "gray16-interlaced.png": png(W, H, 16, 0, lambda x, y: ((x * 911 + y * 37) % 65536,), interlace=1),
        "gray1.png": png(W, H, 1, 0, lambda x, y: (((x // 3) ^ (y // 3)) & 1,)),
    }
    for name, data in files.items():
        with open(f"{d}/{name}", "wb") as f:
            f.write(data)
    good = files["rgb8.png"]
    with open(f"{d}/bad-truncated.png", "wb") as f:
        f.write(good[:len(good) * 2 // 3])
    bad = bytearray(good)
    at = bad.index(b"IDAT") + 4 + 10
    bad[at] ^= 0x55         # inside IDAT's data: its CRC no longer matches
    with open(f"{d}/bad-crc.png", "wb") as f:
        f.write(bytes(bad))


main()
