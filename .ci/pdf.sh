#!/usr/bin/env bash
# CI for the print edition: build/*.pdf (the project book, built by .ci/run)
# and the fixture books' PDFs, checked by real tools:
#   - qpdf --check finds no error and no warning;
#   - pdffonts shows every font embedded, subset and with a ToUnicode map;
#   - pdftotext gives back the book's prose sentences and listing lines
#     (compared letters and digits only, so typography, line breaks,
#     hyphenation and page breaks do not matter);
#   - so does the structure tree (`pdfinfo -struct-text`: the tagged text a
#     screen reader reads; that it holds no running head or folio is
#     tests/pdf_tags.rs's to check, chapter by chapter);
#   - a cover spread (NAME-cover.pdf) passes qpdf and pdffonts too, and its
#     ISBN barcode, rendered at 600 dpi, decodes (zbarimg) to the book's ISBN.
# A fixture book with a `[print]` table is also built as the print file
# (`--format print`), which gets those checks and the print shop's, and so
# does every cover spread (both are PDF/X-4):
#   - pdfinfo -box: MediaBox ⊃ BleedBox ⊃ TrimBox on every page, a slug
#     between media and bleed;
#   - no annotation anywhere, a GTS_PDFX output intent, GTS_PDFXVersion,
#     no DeviceRGB;
#   - crop marks: ink in the slug, and (the print file) none in the bleed
#     beside the corners (page 1 rendered whole by pdftoppm);
#   - MuPDF (PyMuPDF 1.26, .ci/mupdf_text.py): the full fixture's wrapped
#     listing lines come back whole;
#   - Ghostscript tiffsep over the bleed box (.ci/print_file.py): the print
#     file's Cyan, Magenta and Yellow separations hold no ink on any page;
#     the barcode of a cover with an ISBN is solid black with no C, M or Y
#     under it, and decodes from the Black separation alone.
# Exits non-zero on any failure. VERSTKA_BIN=path runs that binary instead of
# the release build (`cargo run --release`) for the fixture books.
set -euo pipefail
cd "$(dirname "$0")/.."

need() {
    command -v "$1" >/dev/null && return
    echo "== installing $2"
    apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$2" >/dev/null
}
need qpdf qpdf
need pdffonts poppler-utils
need pdftotext poppler-utils
need pdfinfo poppler-utils
need pdftoppm poppler-utils
need gs ghostscript
need zbarimg zbar-tools

verstka() {
    if [ -n "${VERSTKA_BIN:-}" ]; then
        "$VERSTKA_BIN" "$@"
    else
        cargo run --locked --release -q -- "$@"
    fi
}

failures=0
fail() {
    echo "FAIL $1: $2"
    failures=$((failures + 1))
}

# A PDF and the book folder it was built from.
check() {
    local pdf=$1 book=$2
    case $pdf in *-cover.pdf)
        check_cover "$pdf" "$book"
        return
        ;;
    esac
    echo "== $pdf (from $book)"
    check_file "$pdf"
    check_text "$pdf" "$book"
}

# What every PDF must pass: qpdf, and fonts embedded, subset and mapped.
check_file() {
    local pdf=$1
    local qpdf_out
    if ! qpdf_out=$(qpdf --check "$pdf" 2>&1); then
        fail "$pdf" "qpdf --check: $qpdf_out"
    elif grep -qi "warning" <<<"$qpdf_out"; then
        fail "$pdf" "qpdf --check warns: $qpdf_out"
    fi

    # pdffonts columns: name type… encoding emb sub uni object-id gen.
    local fonts
    if ! fonts=$(pdffonts "$pdf" 2>&1); then
        fail "$pdf" "pdffonts: $fonts"
        return
    fi
    fonts=$(tail -n +3 <<<"$fonts")
    if [ -z "$fonts" ]; then
        fail "$pdf" "no fonts"
    fi
    while read -r line; do
        [ -z "$line" ] && continue
        read -r -a field <<<"$line"
        local n=${#field[@]}
        if [ "${field[n - 5]}" != yes ] || [ "${field[n - 4]}" != yes ] || [ "${field[n - 3]}" != yes ]; then
            fail "$pdf" "font not embedded, subset and mapped to Unicode: $line"
        fi
    done <<<"$fonts"
}

# A cover spread: the file's checks, PDF/X-4's, and the barcode of an ISBN
# decoding to it, from the whole render and from the black plate alone.
check_cover() {
    local pdf=$1 book=$2
    echo "== $pdf (the cover of $book)"
    check_file "$pdf"
    local renders
    renders=$(mktemp -d)
    check_pdfx "$pdf" "$renders" bled
    local isbn
    isbn=$(grep -E '^identifier *= *"urn:isbn:' "$book/book.toml" | sed -E 's/.*urn:isbn:([0-9X -]+)".*/\1/' | tr -d ' -' || true)
    if [ -n "$isbn" ]; then
        gs -q -dNOPAUSE -dBATCH -dSAFER -dUseBleedBox -sDEVICE=tiffsep -sCompression=none -r300 \
            -sOutputFile="$renders/sep-%03d.tif" "$pdf"
        python3 .ci/print_file.py black "$renders" || fail "$pdf" "the barcode's black is not on the black plate alone"
        pdftoppm -r 600 -gray -png -singlefile "$pdf" "$renders/whole"
        local decoded
        decoded=$(zbarimg -q --raw "$renders/whole.png" 2>/dev/null || true)
        [ "$decoded" != "$isbn" ] && fail "$pdf" "the barcode decodes to '$decoded', not $isbn"
        decoded=$(zbarimg -q --raw "$renders/sep-001(Black).tif" 2>/dev/null || true)
        [ "$decoded" != "$isbn" ] && fail "$pdf" "the black plate's barcode decodes to '$decoded', not $isbn"
    fi
    rm -rf "$renders"
}

# The interior's text, as pdftotext and the structure tree give it back.
check_text() {
    local pdf=$1 book=$2

    local text
    if ! text=$(pdftotext -enc UTF-8 "$pdf" - 2>&1); then
        fail "$pdf" "pdftotext: $text"
    elif ! python3 .ci/pdf_text.py "$book" <<<"$text"; then
        fail "$pdf" "pdftotext lacks the book's text"
    fi

    # The tree's text only: element names and annotation references
    # ("Object 12 0") between a link and the words around it are left out.
    local tagged
    if ! tagged=$(pdfinfo -struct-text "$pdf" 2>&1); then
        fail "$pdf" "pdfinfo -struct-text: $tagged"
    elif ! tagged=$(grep -E '^ *"' <<<"$tagged" | sed -E 's/^ *"(.*)"$/\1/'); then
        fail "$pdf" "pdfinfo -struct-text shows no text"
    elif ! python3 .ci/pdf_text.py "$book" <<<"$tagged"; then
        fail "$pdf" "the structure tree lacks the book's text"
    fi
}

# The print shop's checks of a print file.
check_print() {
    local pdf=$1
    echo "== $pdf (print file)"
    local renders
    renders=$(mktemp -d)
    check_pdfx "$pdf" "$renders"
    gs -q -dNOPAUSE -dBATCH -dSAFER -dUseBleedBox -sDEVICE=tiffsep -sCompression=none -r36 \
        -sOutputFile="$renders/sep-%03d.tif" "$pdf"
    python3 .ci/print_file.py plates "$renders" || fail "$pdf" "ink on the C, M or Y plate"
    rm -rf "$renders"
}

# What makes any print shop's file PDF/X-4 (the print file, a cover): boxes,
# no annotations, the intent and version, no DeviceRGB, marks in the slug
# (with `bled`, the page's background fills its bleed). Renders go to DIR.
check_pdfx() {
    local pdf=$1 renders=$2 bled=${3:-}
    local boxes
    boxes=$(pdfinfo -box -f 1 -l 9999 "$pdf")
    if ! python3 - "$boxes" <<'PY'; then
import re, sys
boxes = {}
for page, name, values in re.findall(r"Page\s+(\d+) (\w+):\s+([\d.\s]+)", sys.argv[1]):
    boxes.setdefault(page, {})[name] = [float(v) for v in values.split()]
if not boxes:
    sys.exit("pdfinfo -box shows no page boxes")
for page, b in boxes.items():
    media, bleed, trim = b["MediaBox"], b["BleedBox"], b["TrimBox"]
    inside = lambda outer, inner, gap: all(inner[i] - outer[i] >= gap for i in (0, 1)) and all(outer[i] - inner[i] >= gap for i in (2, 3))
    if not (inside(media, bleed, 1.0) and inside(bleed, trim, 0.0)):
        sys.exit(f"page {page}: boxes not nested with a slug: media {media} bleed {bleed} trim {trim}")
PY
        fail "$pdf" "page boxes"
    fi
    qpdf --qdf --object-streams=disable "$pdf" "$renders/qdf.pdf"
    grep -aq "/Annots" "$renders/qdf.pdf" && fail "$pdf" "the print file has annotations"
    grep -aq "/S /GTS_PDFX" "$renders/qdf.pdf" || fail "$pdf" "no GTS_PDFX output intent"
    grep -aq "/GTS_PDFXVersion (PDF/X-4)" "$renders/qdf.pdf" || fail "$pdf" "no /GTS_PDFXVersion (PDF/X-4)"
    grep -aq "/DeviceRGB" "$renders/qdf.pdf" && fail "$pdf" "DeviceRGB in the print file"

    # Page 1 whole, at 72 ppi: a pixel is a point.
    pdftoppm -gray -r 72 -f 1 -l 1 "$pdf" "$renders/page"
    local bleed trim
    read -r bleed trim < <(awk '/^Page +1 BleedBox/ {b=$4} /^Page +1 TrimBox/ {t=$4} END {print b, t}' <<<"$boxes")
    python3 .ci/print_file.py marks "$renders"/page-*.pgm "$bleed" "$trim" ${bled:+"$bled"} || fail "$pdf" "crop marks"
}

shopt -s nullglob
built=(build/*.pdf)
if [ ${#built[@]} -eq 0 ]; then
    fail build "no build/*.pdf; run the release build first"
fi
for pdf in "${built[@]}"; do
    check "$pdf" book
done

fixtures_out=$(mktemp -d)
trap 'rm -rf "$fixtures_out"' EXIT
for book in tests/fixtures/books/*/; do
    book=${book%/}
    out="$fixtures_out/$(basename "$book")"
    formats=(--format pdf)
    grep -q '^\[print\]' "$book/book.toml" && formats+=(--format print)
    grep -q '^\[cover\]' "$book/book.toml" && formats+=(--format cover)
    if ! verstka -q build "$book" --out "$out" "${formats[@]}"; then
        fail "$book" "the PDF does not build"
        continue
    fi
    for pdf in "$out"/*.pdf; do
        check "$pdf" "$book"
    done
    for pdf in "$out"/*-print.pdf; do
        check_print "$pdf"
    done
done

# MuPDF reads /ActualText (1.26; Debian's mutool 1.21 does not): the full
# fixture's wrapped listing lines come back as their source lines.
echo "== MuPDF's text of the full fixture (PyMuPDF)"
apt-get -o DPkg::Lock::Timeout=600 install -y -qq python3-venv >/dev/null
mupdf_venv="$fixtures_out/venv"
python3 -m venv "$mupdf_venv"
"$mupdf_venv/bin/pip" install --quiet "pymupdf==1.26.*"
for pdf in "$fixtures_out"/full/*.pdf; do
    case $pdf in *-print.pdf | *-cover.pdf) continue ;; esac
    "$mupdf_venv/bin/python" .ci/mupdf_text.py "$pdf" tests/fixtures/books/full/chapters/*.md ||
        fail "$pdf" "MuPDF splits a wrapped listing line"
done

if [ "$failures" -ne 0 ]; then
    echo "== pdf: $failures failure(s)"
    exit 1
fi
echo "== pdf: all checks passed"
