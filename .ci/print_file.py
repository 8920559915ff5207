#!/usr/bin/env python3
"""Checks of a print file's renders, for .ci/pdf.sh (standard library only).

    print_file.py plates DIR      every page's Cyan, Magenta and Yellow
                                  separations (Ghostscript tiffsep, TIFF, no
                                  compression) in DIR hold no ink
    print_file.py black DIR       every sample the Black separation (tiffsep,
                                  as above) inks fully has no Cyan, Magenta or
                                  Yellow ink, and there are such samples: pure
                                  black — a cover's barcode — prints on one
                                  plate
    print_file.py marks PGM BLEED TRIM [bled]
                                  a page rendered whole (pdftoppm -gray, the
                                  media box) at 72 ppi: ink in the slug (the
                                  crop marks), none in the bleed ring beside
                                  the corners (unless `bled`: a cover's
                                  background fills its bleed); BLEED and TRIM
                                  are the boxes' lower-left x (= y) in points
"""

import glob
import os
import struct
import sys


def tiff_samples(path):
    """The samples of an uncompressed 8-bit TIFF, strip by strip."""
    data = open(path, "rb").read()
    order = "<" if data[:2] == b"II" else ">"
    (ifd,) = struct.unpack(order + "I", data[4:8])
    (count,) = struct.unpack(order + "H", data[ifd : ifd + 2])
    tags = {}
    for i in range(count):
        entry = data[ifd + 2 + 12 * i : ifd + 14 + 12 * i]
        tag, kind, n = struct.unpack(order + "HHI", entry[:8])
        size = {3: 2, 4: 4}.get(kind, 1)
        raw = entry[8:12] if n * size <= 4 else data[struct.unpack(order + "I", entry[8:12])[0] :][: n * size]
        fmt = {3: "H", 4: "I"}.get(kind, "B")
        tags[tag] = struct.unpack(order + fmt * n, raw[: n * size])
    if tags.get(259, (1,))[0] != 1:
        sys.exit(f"{path}: compressed; run tiffsep with -sCompression=none")
    return b"".join(data[o : o + c] for o, c in zip(tags[273], tags[279]))


def plates(folder):
    failures = 0
    black = sorted(glob.glob(os.path.join(folder, "*(Black).tif")))
    if not black:
        sys.exit(f"no separations in {folder}")
    inked = 0
    for path in black:
        samples = tiff_samples(path)
        # tiffsep's separations: 255 is no ink, 0 full ink... or the reverse;
        # the most common value of the black plate is the paper.
        paper = max(set(samples[:: max(1, len(samples) // 10000)]), key=samples.count)
        inked += sum(1 for s in samples[::7] if s != paper)
        for colour in ("Cyan", "Magenta", "Yellow"):
            plate = path.replace("(Black)", f"({colour})")
            ink = sum(1 for s in tiff_samples(plate) if s != paper)
            if ink:
                print(f"FAIL {os.path.basename(plate)}: {ink} samples with ink")
                failures += 1
    if not inked:
        print("FAIL the black plates are empty: nothing was rendered")
        failures += 1
    print(f"plates: {len(black)} pages; C, M and Y empty: {'yes' if not failures else 'no'}")
    return failures


def black_only(folder):
    """tiffsep's samples: 255 is no ink, 0 full ink. One bit a sample, in
    big integers, so a 300 ppi spread is checked at C speed."""
    failures = 0
    black = sorted(glob.glob(os.path.join(folder, "*(Black).tif")))
    if not black:
        sys.exit(f"no separations in {folder}")
    full = bytes(1 if v == 0 else 0 for v in range(256))
    inked = bytes(0 if v == 255 else 1 for v in range(256))
    for path in black:
        solid = int.from_bytes(tiff_samples(path).translate(full), "big")
        colour = 0
        for plate in ("Cyan", "Magenta", "Yellow"):
            colour |= int.from_bytes(tiff_samples(path.replace("(Black)", f"({plate})")).translate(inked), "big")
        solid_count, mixed = solid.bit_count(), (solid & colour).bit_count()
        print(f"black: {os.path.basename(path)}: {solid_count} samples of solid black, {mixed} of them with C, M or Y")
        if not solid_count or mixed:
            failures += 1
    return failures


def marks(pgm, bleed, trim, bled=False):
    data = open(pgm, "rb").read()
    parts = data.split(maxsplit=4)
    width, height = int(parts[1]), int(parts[2])
    pixels = parts[4][: width * height]

    def ink(x0, y0, x1, y1):
        return sum(1 for y in range(int(y0), int(y1)) for x in range(int(x0), int(x1)) if pixels[y * width + x] < 200)

    slug = ink(0, 0, bleed, height) + ink(width - bleed, 0, width, height)
    # The bleed ring at the corners, where marks drawn too close would show.
    ring = 0
    for cx in () if bled else (bleed, width - trim):
        for cy in (bleed, height - trim):
            ring += ink(cx + 1, cy + 1, cx + (trim - bleed) - 1, cy + (trim - bleed) - 1)
    print(f"marks: {slug} dark pixels in the slug, {ring if not bled else 'not counted'} in the bleed at the corners")
    return (0 if slug else 1) + (1 if ring else 0)


if __name__ == "__main__":
    if sys.argv[1] == "plates":
        sys.exit(1 if plates(sys.argv[2]) else 0)
    elif sys.argv[1] == "black":
        sys.exit(1 if black_only(sys.argv[2]) else 0)
    elif sys.argv[1] == "marks":
        bled = sys.argv[5:] == ["bled"]
        sys.exit(1 if marks(sys.argv[2], int(float(sys.argv[3])), int(float(sys.argv[4])), bled) else 0)
    sys.exit(__doc__)
