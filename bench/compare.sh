#!/usr/bin/env bash
# verstka against Typst 0.15, side by side on this machine.
#
# Makes a book of N copies of the chapter of book/ as N chapters (N = 40 and
# 160), then times `verstka build` (release; both editions: EPUB and PDF)
# and Typst 0.15 (PyPI `typst`) on the same text converted with pandoc 3
# (PyPI `pypandoc-binary`): the same fonts (PT from fonts/, system fonts
# ignored), page size (170 × 240 mm), margins and body size. Times are
# hyperfine means; peak memory is /usr/bin/time's maximum resident set.
# Then both PDFs go through the same probe (bench/probe.py, PyMuPDF):
# overfull lines, interword spaces of justified lines, pages ending short.
#
# Usage: bench/compare.sh [copies…]        (default: 40 160)
# Needs: python3 (venv), hyperfine, /usr/bin/time. BENCH_VENV overrides the
# venv's place (default: $TMPDIR/verstka-bench-venv, made on first run).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
copies=("${@:-40}")
[ $# -eq 0 ] && copies=(40 160)

venv=${BENCH_VENV:-${TMPDIR:-/tmp}/verstka-bench-venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import typst, pypandoc, pymupdf' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "typst==0.15.*" "pypandoc-binary>=1.13" "pymupdf>=1.24"
fi
python=$venv/bin/python
pandoc=$("$python" -c 'import pypandoc; print(pypandoc.get_pandoc_path())')

cargo build --release --quiet
target_dir=$(cd "$repo" && cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
verstka=$target_dir/release/verstka
chapter=$repo/book/chapters/06-heap-memory-and-allocators.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# book.toml and N chapter files for verstka.
make_book() {
    local n=$1 dir=$work/book$1
    mkdir -p "$dir/chapters"
    printf '[book]\ntitle = "Изучаем Zig"\nauthors = ["Карл Сегин"]\nlanguage = "ru"\ndate = "2026-11-23"\nname = "big"\n' >"$dir/book.toml"
    for i in $(seq -w 1 "$n"); do
        cp "$chapter" "$dir/chapters/$i.md"
        printf '\n[[chapters]]\nfile = "chapters/%s.md"\n' "$i" >>"$dir/book.toml"
    done
}

# The same text as one Typst document: pandoc's standalone template, with the
# page, margins, fonts and contents of the verstka edition.
make_typst() {
    local n=$1 dir=$work/typst$1
    mkdir -p "$dir"
    for _ in $(seq "$n"); do cat "$chapter"; printf '\n\n'; done >"$dir/book.md"
    "$pandoc" -f markdown -t typst --standalone "$dir/book.md" -o "$dir/raw.typ" \
        -V lang=ru -V region=RU -V mainfont="PT Serif" -V codefont="PT Mono" -V fontsize=10.5pt -V toc=true
    sed -e 's/^    paper: paper,$/    width: 170mm, height: 240mm,/' \
        -e 's/^    margin: margin,$/    margin: (inside: 22mm, outside: 18mm, top: 18mm, bottom: 22mm),/' \
        "$dir/raw.typ" >"$dir/book.typ"
    grep -q 'width: 170mm' "$dir/book.typ" || { echo "pandoc's typst template changed: page size not set" >&2; exit 1; }
}

# Mean seconds of a command over several runs.
mean_time() {
    hyperfine --style none --warmup 1 --runs "${RUNS:-5}" --export-json "$work/h.json" "$1" >/dev/null 2>&1
    "$python" -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$work/h.json"
}

# Peak resident memory of a command in MB.
peak_mb() {
    /usr/bin/time -f '%M' -o "$work/mem" bash -c "$1" >/dev/null 2>&1
    echo $(($(tail -1 "$work/mem") / 1024))
}

pages() {
    "$python" - "$1" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
print(len(re.findall(rb"/Type\s*/Page(?![s\w])", data)))
PY
}

typst_compile="import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], ignore_system_fonts=True)"
python_start=$(mean_time "$python -c 'import typst'")

printf '%-9s %-26s %9s %9s %7s\n' copies tool seconds "peak MB" pages
for n in "${copies[@]}"; do
    make_book "$n"
    make_typst "$n"
    build="$verstka -q build $work/book$n --out $work/out$n"
    typst="$python -c '$typst_compile' $work/typst$n/book.typ $work/typst$n/book.pdf $repo/fonts"
    v_time=$(mean_time "$build")
    v_mem=$(peak_mb "$build")
    v_pages=$(pages "$work/out$n/big.pdf")
    t_time=$(mean_time "$typst")
    t_mem=$(peak_mb "$typst")
    t_pages=$(pages "$work/typst$n/book.pdf")
    printf '%-9s %-26s %9s %9s %7s\n' "$n" "verstka (EPUB + PDF)" "$v_time" "$v_mem" "$v_pages"
    printf '%-9s %-26s %9s %9s %7s\n' "$n" "typst 0.15 (PDF)" "$t_time" "$t_mem" "$t_pages"
    ratio=$("$python" -c 'import sys; v, t = map(float, sys.argv[1:]); print("%.3f" % (v / t))' "$v_time" "$t_time")
    printf '%-9s %-26s %9s\n' "$n" "time ratio verstka/typst" "$ratio"
    "$python" "$repo/bench/probe.py" "$work/out$n/big.pdf"
    "$python" "$repo/bench/probe.py" "$work/typst$n/book.pdf"
done
echo "(Python start-up with 'import typst', included in typst's times: ${python_start} s)"
