"""Typesetting measures of a PDF, the same for any engine (bench/quality.sh runs it).

Usage: probe.py FILE.pdf [--body-size 10.5]

Prints, for the body text (the most common font size):
- overfull lines: a line of body text reaching more than 4 pt past the
  text block's right edge (hanging punctuation reaches less);
- interword space p50 / p95 / max in ems, over justified lines (lines that
  reach the right edge and are not a paragraph's last);
- short pages: pages of running text (not the last of a chapter, not a
  chapter's opening page with its title) whose lowest line of text stands
  1.5 or more body lines above the lowest line of a full page, their count
  and the mean shortfall; and those 3 lines short or more.

Chapters are the outline's first level; a page is a chapter's last when
the next page with text opens another chapter, or it is the document's last.
"""
import statistics
import sys
from collections import Counter

import pymupdf


def body_lines(page, size):
    """(baseline, x0, x1, [chars]) of lines holding body-size text, by baseline."""
    rows = {}
    raw = page.get_text("rawdict")
    for block in raw["blocks"]:
        for line in block.get("lines", []):
            if line["dir"] != (1.0, 0.0):
                continue
            for span in line["spans"]:
                key = round(span["origin"][1] * 2) / 2
                body, chars = rows.setdefault(key, [False, []])
                rows[key] = [body or abs(span["size"] - size) <= 0.3, chars + span["chars"]]
    lines = []
    # Lines with body-size text, with all their glyphs (inline code is smaller).
    for y, (body, chars) in sorted(rows.items()):
        if not body:
            continue
        chars.sort(key=lambda c: c["bbox"][0])
        ink = [c for c in chars if not c["c"].isspace()]
        if not ink:
            continue
        lines.append((y, ink[0]["bbox"][0], ink[-1]["bbox"][2], chars))
    return lines


def baselines(page):
    """Baselines of all horizontal text on the page."""
    out = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            if line["dir"] == (1.0, 0.0) and line["spans"]:
                out.append(max(span["origin"][1] for span in line["spans"]))
    return out


def gaps(chars, size):
    """Interword spaces of a line in ems: between the ink of the words either side."""
    out = []
    prev = None
    spaced = False
    for c in chars:
        if c["c"].isspace():
            spaced = True
            continue
        if prev is not None:
            gap = c["bbox"][0] - prev["bbox"][2]
            if spaced or gap > 0.12 * size:
                out.append(gap / size)
        prev = c
        spaced = False
    return out


def main():
    path = sys.argv[1]
    doc = pymupdf.open(path)
    sizes = Counter()
    for page in doc:
        for block in page.get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    sizes[round(span["size"], 1)] += len(span["text"])
    size = sizes.most_common(1)[0][0]
    contents = {"Содержание", "Оглавление", "Contents"}
    starts = sorted({p - 1 for level, title, p in doc.get_toc() if level == 1 and title not in contents})
    first_body = starts[0] if starts else 0
    pages = [(i, body_lines(doc[i], size)) for i in range(first_body, len(doc))]
    pages = [(i, lines) for i, lines in pages if lines]
    # The text block's right edge per side: the most common line end.
    right = {}
    for side in (0, 1):
        ends = Counter(round(x1) for i, lines in pages if i % 2 == side for _, _, x1, _ in lines)
        right[side] = max((x for x, n in ends.items() if n >= 0.2 * max(ends.values())), default=0)
    overfull = 0
    spaces = []
    leading = Counter()
    for i, lines in pages:
        edge = right[i % 2]
        for k, (y, x0, x1, chars) in enumerate(lines):
            if x1 > edge + 4:
                overfull += 1
            if k + 1 < len(lines):
                leading[round(lines[k + 1][0] - y, 1)] += 1
            last_of_paragraph = k + 1 < len(lines) and lines[k + 1][1] > x0 + 0.8 * size
            line_gaps = gaps(chars, size)
            # Table rows and tab stops are not justified text.
            if x1 >= edge - 1.5 and not last_of_paragraph and all(g < 1.5 for g in line_gaps):
                spaces.extend(line_gaps)
    step = leading.most_common(1)[0][0]
    lowest = Counter(round(lines[-1][0]) for _, lines in pages)
    full = max(y for y, n in lowest.items() if n >= 0.1 * max(lowest.values()))
    # A page's text ends at its lowest line of any size (footnotes, listings),
    # but the folio below the text block.
    bottoms = {i: max(y for y in baselines(doc[i]) if y <= full + 0.5 * step) for i, _ in pages}
    ends = set()
    indices = [i for i, _ in pages]
    for k, i in enumerate(indices):
        nxt = indices[k + 1] if k + 1 < len(indices) else None
        if nxt is None or any(i < s <= nxt for s in starts):
            ends.add(i)
    short = []
    counted = 0
    for i, lines in pages:
        if i in ends:
            continue
        counted += 1
        shortfall = (full - bottoms[i]) / step
        if shortfall >= 1.5:
            short.append(shortfall)
    spaces.sort()
    q = lambda p: spaces[min(len(spaces) - 1, int(p * len(spaces)))]
    print(f"file: {path}")
    print(f"body size {size} pt, leading {step} pt, pages with text {len(pages)}")
    print(f"overfull lines: {overfull}")
    print(f"interword space p50 / p95 / max (em): {q(0.5):.2f} / {q(0.95):.2f} / {spaces[-1]:.2f}  ({len(spaces)} spaces)")
    mean = statistics.mean(short) if short else 0
    print(f"short pages (>= 1.5 lines): {len(short)} of {counted} ({100 * len(short) / max(counted, 1):.1f} %, {mean:.1f} lines each); >= 3 lines: {sum(s >= 3 for s in short)}")


if __name__ == "__main__":
    main()
