#!/usr/bin/env bash
# Hostile books against the release binary, one row each: exit code, wall
# seconds, peak memory and the first line verstka printed. Each run is
# bounded by `timeout 120` and a 4 GiB address-space limit (`ulimit -v`), as
# a CI running books from strangers' pull requests would bound it.
#
# Usage: bench/hostile.sh            (prints a Markdown table)
# Needs: /usr/bin/time, python3 (to write the big PNG); pdftotext if present
# counts the words of the long footnote and table cell that reach the PDF.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

cargo build --release --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
verstka=$target_dir/release/verstka
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

manifest='[book]
title = "Проба"
authors = ["Автор"]

[[chapters]]
file = "chapters/01.md"
'

# A fresh book folder $work/<case>/book with the manifest and a chapter.
book() {
    local dir=$work/$1
    mkdir -p "$dir/book/chapters"
    printf '%s' "${2:-$manifest}" >"$dir/book/book.toml"
    printf '%s' "${3:-# Глава

Текст.
}" >"$dir/book/chapters/01.md"
    echo "$dir"
}

echo "| case | exit | seconds | peak MB | what verstka said |"
echo "|---|---|---|---|---|"

# row <case> <dir> <verstka args…>: runs verstka in <dir>, prints one row.
row() {
    local name=$1 dir=$2
    shift 2
    local log=$work/log
    (cd "$dir" && ulimit -v 4194304 && /usr/bin/time -f '%e %M' -o "$work/time" \
        timeout 120 "$verstka" "$@" >"$log" 2>&1)
    local code=$?
    local seconds memory
    read -r seconds memory < <(tail -n 1 "$work/time" 2>/dev/null) || { seconds=?; memory=0; }
    [ "$code" = 124 ] && code="124 (timed out)"
    local said
    said=$(grep -v '^ *help:' "$log" | grep -m1 . | cut -c1-150 | sed 's/|/\\|/g')
    printf '| %s | %s | %s | %s | %s |\n' "$name" "$code" "$seconds" "$((memory / 1024))" "$said"
}

dir=$(book environ "${manifest/chapters\/01.md/\/proc\/self\/environ}")
row 'chapter `/proc/self/environ`' "$dir" build book --out out

dir=$(book hostname "${manifest/chapters\/01.md/..\/..\/..\/..\/..\/..\/etc\/hostname}")
row 'chapter `../../../etc/hostname`' "$dir" build book --out out

dir=$(book shadow "$manifest
[epub]
cover = \"cover.png\"
")
ln -s /etc/shadow "$dir/book/cover.png"
row 'cover → `/etc/shadow` (symlink)' "$dir" build book --out out

dir=$(book svg "$manifest" '# Глава

![секрет](../../secret.svg)
')
echo '<svg xmlns="http://www.w3.org/2000/svg"/>' >"$dir/secret.svg"
row 'image `../../secret.svg`' "$dir" build book --out out

for name in /tmp/x ../../x; do
    dir=$(book "name-${name//\//_}" "${manifest/authors/name = \"$name\"
authors}")
    row "\`[book] name = \"$name\"\`" "$dir" build book --out out
done

dir=$(book fifo)
rm "$dir/book/chapters/01.md" && mkfifo "$dir/book/chapters/01.md"
row 'chapter is a FIFO (`build`)' "$dir" build book --out out
row 'chapter is a FIFO (`check`)' "$dir" check book

dir=$(book zero "${manifest/chapters\/01.md/\/dev\/zero}")
row 'chapter `/dev/zero`, `--root /`' "$dir" build book --out out --root /

for construct in '> ' '- ' '*a '; do
    for depth in 2000 100000; do
        text=$(python3 -c "import sys; print(sys.argv[1] * int(sys.argv[2]) + 'текст')" "$construct" "$depth")
        dir=$(book "nest-$depth-${#construct}" "$manifest" "$text")
        row "$depth × \`$construct\`" "$dir" build book --out out
    done
done

dir=$(book bigpng "$manifest" '# Глава

![огромная](huge.png)
')
python3 - "$dir/book/chapters/huge.png" <<'PY'
import struct, sys, zlib
width = height = 20000
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
row = b"\x00" + b"\x80" * width
compressor = zlib.compressobj(9)
data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)))
    f.write(chunk(b"IDAT", data) + chunk(b"IEND", b""))
PY
row "PNG 20000 × 20000 ($(($(stat -c %s "$dir/book/chapters/huge.png") / 1024)) KB)" "$dir" build book --out out

dir=$(book hugeheader "$manifest" '# Глава

![огромная](huge.png)
')
python3 -c "
import struct, sys, zlib
ihdr = struct.pack('>IIBBBBB', 100000, 100000, 8, 6, 0, 0, 0)
crc = struct.pack('>I', zlib.crc32(b'IHDR' + ihdr) & 0xFFFFFFFF)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + struct.pack('>I', 13) + b'IHDR' + ihdr + crc)
" "$dir/book/chapters/huge.png"
row 'PNG header 100000 × 100000 (`build`)' "$dir" build book --out out
row 'PNG header 100000 × 100000 (`check`)' "$dir" check book

words() { python3 -c "import sys; print(' '.join(f'w{i:04d}' for i in range(int(sys.argv[1]))))" "$1"; }
sentences() { python3 -c "import sys; print(' '.join(f'Предложение номер s{i:03d} сноски.' for i in range(int(sys.argv[1]))))" "$1"; }
dir=$(book footnote "$manifest" "# Глава

Текст со сноской.[^long]

[^long]: $(sentences 200)
")
row 'footnote of 200 sentences' "$dir" build book --out out --format pdf
if command -v pdftotext >/dev/null && [ -f "$dir/out/proba.pdf" ]; then
    echo "|  ↳ sentences in the PDF | | | | $(pdftotext "$dir/out/proba.pdf" - | grep -o 's[0-9][0-9][0-9]' | sort -u | wc -l) of 200 |"
fi
dir=$(book cell "$manifest" "# Глава

| a | b |
|---|---|
| $(words 3000) | b |
")
row 'table cell of 3000 words' "$dir" build book --out out --format pdf
if command -v pdftotext >/dev/null && [ -f "$dir/out/proba.pdf" ]; then
    echo "|  ↳ words in the PDF | | | | $(pdftotext "$dir/out/proba.pdf" - | grep -o 'w[0-9][0-9][0-9][0-9]' | sort -u | wc -l) of 3000 |"
fi

dir=$(book concurrent)
failed=0
for _ in $(seq 10); do
    "$verstka" -q build "$dir/book" --out "$dir/out" & a=$!
    "$verstka" -q build "$dir/book" --out "$dir/out" & b=$!
    wait $a || failed=$((failed + 1))
    wait $b || failed=$((failed + 1))
done
echo "| two builds at once into one \`--out\`, 10 pairs | | | | $failed of 20 builds failed; left in out: $(ls -A "$dir/out" | tr '\n' ' ')|"

for out in book/../book/build link; do
    dir=$(book "watch-${out//\//_}")
    mkdir -p "$dir/book/build" && ln -s "$dir/book/build" "$dir/link"
    (cd "$dir" && timeout 4 "$verstka" build --watch book --out "$out" >"$work/watch" 2>&1)
    echo "| \`--watch --out $out\`, 4 s, no edits | | | | $(grep -c '^wrote' "$work/watch") files written (2 = one build) |"
done

bad_manifest() { dir=$(book "$1" "$2"); row "$3" "$dir" build book --out out; }
bad_manifest nan "$manifest
[pdf.margins]
inner = nan
" '`[pdf.margins] inner = nan`'
bad_manifest lang-empty "${manifest/authors/language = \"\"
authors}" 'language `""`'
bad_manifest lang-garbage "${manifest/authors/language = \"не язык\"
authors}" 'language `"не язык"`'
bad_manifest date "${manifest/authors/date = \"99999-12-31\"
authors}" 'date `99999-12-31`'
dir=$(book textcover "$manifest
[epub]
cover = \"cover.png\"
")
echo "not an image" >"$dir/book/cover.png"
row 'a text file as cover' "$dir" build book --out out
bad_manifest twice "$manifest
[[chapters]]
file = \"chapters/01.md\"
" 'the same chapter twice'
bad_manifest unknown "${manifest/authors/titel = \"x\"
autor = \"y\"
langauge = \"z\"
authors}" 'three unknown keys'
dir=$(book bom "$manifest" $'\xef\xbb\xbf# Заголовок\n\nТекст.\n')
row 'chapter with a UTF-8 BOM' "$dir" build book --out out --format epub
if [ -f "$dir/out/proba.epub" ]; then
    title=$(unzip -p "$dir/out/proba.epub" OEBPS/nav.xhtml | grep -o 'Заголовок' | head -1)
    echo "|  ↳ the heading is the title | | | | ${title:-no} |"
fi

dir=$(book loop "$manifest" '# Глава

```zig test
test "вечный цикл" {
    while (true) {}
}
```
')
row 'check: `test { while (true) {} }`' "$dir" check book
