"""Does a PDF's text (pdftotext output on stdin) contain the book's chapters?

Usage: pdftotext book.pdf - | python3 .ci/pdf_text.py BOOK_FOLDER

Every prose sentence of five words or more (outside footnote references) and
every listing line of the chapters named in BOOK_FOLDER/book.toml must occur
in the PDF's text. Both sides are reduced to lower-case letters and digits:
the typography stage changes quotes, dashes and spaces, the line breaker
hyphenates, listings wrap, and none of that is a loss of text. A sentence cut
by a page break (running head, folio, footnotes in between) counts when its
two halves occur close together, in order. A cross-reference (`@lst:arena`)
is printed as a number: the text around it must occur, in order. A listing
`{{#include FILE[:FIRST:LAST|:ANCHOR]}}` is checked as the lines it takes
from FILE. Exits 1 listing what is missing.
"""

import re
import sys
import tomllib
from pathlib import Path

# Letters and digits between the two halves of a sentence a page break cut.
PAGE_FURNITURE = 1500

REFERENCE = re.compile(r"\[?@(?:lst|fig|tbl|sec|pg):[\w:.-]+\]?")
INCLUDE = re.compile(r"\{\{#include\s+([^:}\s]+)(?::([^}]*))?\}\}")


def letters(text: str) -> str:
    text = text.replace("\u00ad\n", "").replace("\u00ad", "")
    return "".join(c for c in text.lower().replace("ё", "е") if c.isalnum())


def strip_inline(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images: their text
    text = re.sub(r"</?span\b[^>]*>", "", text)  # a phrase in another language: its text
    return re.sub(r"[*_`~]", "", text)


def chapter_texts(book: Path):
    """Yields (kind, text) for each prose sentence and listing line."""
    manifest = tomllib.loads((book / "book.toml").read_text(encoding="utf-8"))
    for chapter in manifest.get("chapters", []):
        path = book / chapter["file"]
        source = path.read_text(encoding="utf-8")
        in_code, paragraph = False, []
        for line in source.splitlines() + [""]:
            if line.lstrip().startswith(("```", "~~~")):
                in_code = not in_code
                continue
            if in_code:
                include = INCLUDE.search(line)
                for shown in included(path.parent, *include.groups()) if include else [line]:
                    if len(letters(shown)) >= 3:
                        yield "listing line", shown.strip()
                continue
            if line.strip() and not re.match(r"\s*(#|\||[-*+>]\s|\d+[.)]\s|\[\^|<|!\[|---|\*\*\*)", line):
                paragraph.append(line.strip())
                continue
            yield from sentences(" ".join(paragraph))
            paragraph = []


def sentences(paragraph: str):
    for sentence in re.split(r"(?<=[.!?…])\s+", strip_inline(paragraph)):
        if "[^" in sentence or len(sentence.split()) < 5:
            continue
        yield "sentence", sentence


def included(folder: Path, file: str, part: str | None):
    """The lines `{{#include file:part}}` shows: all, FIRST:LAST, or between ANCHOR lines."""
    lines = (folder / file).read_text(encoding="utf-8").splitlines()
    if part and re.fullmatch(r"\d*(:\d*)?", part):
        first, _, last = part.partition(":")
        lines = lines[int(first or 1) - 1 : int(last) if last else None]
    elif part:
        start = next(i for i, l in enumerate(lines) if re.search(rf"ANCHOR:\s*{re.escape(part)}\b", l))
        end = next(i for i, l in enumerate(lines) if re.search(rf"ANCHOR_END:\s*{re.escape(part)}\b", l))
        lines = lines[start + 1 : end]
    return [l for l in lines if not re.search(r"ANCHOR(_END)?:", l)]


def found_around_references(sentence: str, haystack: str) -> bool:
    """The parts of a sentence between its references, each found, in order."""
    position = 0
    for part in filter(None, map(letters, REFERENCE.split(sentence))):
        at = haystack.find(part, position)
        if at == -1 or (position and at > position + PAGE_FURNITURE + len(part)):
            return False
        position = at + len(part)
    return True


def found(needle: str, haystack: str) -> bool:
    if needle in haystack:
        return True
    # Cut by a page break: some prefix here (a fifth of it at least, so that
    # it is the sentence's), the rest a little further on.
    for cut in range(len(needle) // 5, len(needle)):
        start = haystack.find(needle[:cut])
        while start != -1:
            end = start + cut
            rest = haystack.find(needle[cut:], end, end + PAGE_FURNITURE + len(needle))
            if rest != -1:
                return True
            start = haystack.find(needle[:cut], start + 1)
    return False


def main() -> int:
    book = Path(sys.argv[1])
    pdf = letters(sys.stdin.read())
    checked, missing = 0, []
    for kind, text in chapter_texts(book):
        checked += 1
        present = found_around_references(text, pdf) if REFERENCE.search(text) else found(letters(text), pdf)
        if not present:
            missing.append(f"{kind}: {text}")
    for item in missing:
        print(f"  missing {item}")
    print(f"  text: {checked - len(missing)} of {checked} sentences and listing lines found")
    return 1 if missing or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
