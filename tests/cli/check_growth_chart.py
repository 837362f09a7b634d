#!/usr/bin/env python3
"""Draws the growth chart of each CASE with `galacta growth --svg --png`
in English and Chinese, and checks with the standard library only that
the SVG is well-formed XML with an <svg> root of the chart's size, and that
the PNG opens: signature, an IHDR chunk first with a valid CRC and the
chart's size (900 x 600), then chunks up to IEND, every CRC valid.
Usage: check_growth_chart.py GALACTA CASE..."""
import os
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

WIDTH, HEIGHT = 900, 600


def check_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return "no PNG signature"
    pos, first, seen_end = 8, True, False
    while pos + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
        if zlib.crc32(kind + body) & 0xffffffff != crc:
            return f"bad CRC in chunk {kind!r}"
        if first:
            if kind != b"IHDR" or length != 13:
                return "first chunk is not IHDR"
            w, h = struct.unpack(">II", body[:8])
            if (w, h) != (WIDTH, HEIGHT):
                return f"size {w}x{h}, expected {WIDTH}x{HEIGHT}"
            first = False
        pos += 12 + length
        if kind == b"IEND":
            seen_end = True
            break
    if not seen_end:
        return "no IEND chunk"
    return None


def check_svg(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        return f"not well-formed XML: {e}"
    if not root.tag.endswith("svg"):
        return f"root element is {root.tag}, not svg"
    w, h = root.get("width", ""), root.get("height", "")
    if not (w.startswith(str(WIDTH)) and h.startswith(str(HEIGHT))):
        return f"svg size {w} x {h}"
    if len(list(root.iter())) < 50:
        return "almost empty drawing"
    return None


def main():
    galacta, cases = sys.argv[1], sys.argv[2:]
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            for lang in ("en", "zh-Hans"):
                svg = os.path.join(tmp, "chart.svg")
                png = os.path.join(tmp, "chart.png")
                r = subprocess.run([galacta, "growth", "--lang", lang, "--svg", svg, "--png", png, case],
                                   capture_output=True, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
                err = f"exit {r.returncode}: {r.stderr.decode()[:200]}" if r.returncode else None
                err = err or check_svg(svg) or check_png(png)
                if err:
                    print(f"{case} {lang}: {err}")
                    bad += 1
    print(f"{len(cases) * 2 - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
