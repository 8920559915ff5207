"""A wrapped listing line comes back whole from MuPDF's text extraction.

Usage: mupdf_text.py PDF CHAPTER.md…

Every line of the chapters' fenced code longer than MIN_WRAPPED characters
(wider than the PDF's listing measure, so printed on two lines) must be one
line of PyMuPDF's page text: verstka gives the wrapped line's Span its source
line as /ActualText. Debian bookworm's mutool (MuPDF 1.21) ignores
/ActualText; MuPDF 1.26 reads it.
"""
import sys

import pymupdf

MIN_WRAPPED = 62


def long_listing_lines(path):
    inside = False
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.lstrip().startswith("```"):
            inside = not inside
        elif inside and len(line) > MIN_WRAPPED and "{{#include" not in line:
            yield line.strip()


def main():
    pdf, chapters = sys.argv[1], sys.argv[2:]
    text = {line.strip() for page in pymupdf.open(pdf) for line in page.get_text().splitlines()}
    wanted = [line for chapter in chapters for line in long_listing_lines(chapter)]
    missing = [line for line in wanted if line not in text]
    print(f"  MuPDF {pymupdf.mupdf_version}: {len(wanted) - len(missing)} of {len(wanted)} wrapped listing lines whole")
    if not wanted or missing:
        sys.exit("\n".join(["not whole:"] + missing) if missing else "no wrapped listing line to check")


main()
