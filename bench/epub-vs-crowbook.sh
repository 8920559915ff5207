#!/usr/bin/env bash
# Speed, side by side: verstka's EPUB-only build against Crowbook 0.17 (the
# Rust EPUB builder that also uses epub-builder) on the same book: 40 copies
# of the project's chapter as 40 chapters. Prints seconds (hyperfine, mean of
# the runs) and peak memory (/usr/bin/time -v) of both.
#
# Needs: a release build (cargo build --release), hyperfine, and Crowbook:
#   cargo install crowbook --version '~0.17' --root /work/crowbook
# Override the binaries with VERSTKA=… and CROWBOOK=…; RUNS=… sets the count.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSTKA=${VERSTKA:-${CARGO_TARGET_DIR:-target}/release/verstka}
CROWBOOK=${CROWBOOK:-/work/crowbook/bin/crowbook}
RUNS=${RUNS:-20}
CHAPTER=book/chapters/06-heap-memory-and-allocators.md
COPIES=40

for tool in "$VERSTKA" "$CROWBOOK" hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/chapters"
cat > "$work/book.toml" <<TOML
[book]
title = "Изучаем Zig ×$COPIES"
authors = ["Карл Сегин"]
language = "ru"
date = "2026-11-23"
name = "bench"
TOML
{
  echo "title: Изучаем Zig ×$COPIES"
  echo "author: Карл Сегин"
  echo "lang: ru"
  echo "output.epub: $work/crowbook.epub"
  echo
} > "$work/crowbook.book"
for n in $(seq -w 1 $COPIES); do
  cp "$CHAPTER" "$work/chapters/$n.md"
  printf '\n[[chapters]]\nfile = "chapters/%s.md"\n' "$n" >> "$work/book.toml"
  echo "+ chapters/$n.md" >> "$work/crowbook.book"
done

ours="$VERSTKA build --format epub $work -o $work/out"
theirs="$CROWBOOK --quiet --to epub $work/crowbook.book"

echo "== time ($RUNS runs each)"
hyperfine --warmup 3 --runs "$RUNS" --export-json "$work/times.json" -n verstka "$ours" -n crowbook "$theirs" >&2
peak_mb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ { printf "%.1f", $6 / 1024 }'; }
mean_s() { python3 -c "import json,sys; r=json.load(open('$work/times.json'))['results']; print('%.3f' % next(x['mean'] for x in r if x['command']==sys.argv[1]))" "$1"; }

echo "== result"
printf '%-10s %8s %9s %10s\n' tool seconds "peak MB" "EPUB KB"
# shellcheck disable=SC2086
printf '%-10s %8s %9s %10s\n' verstka "$(mean_s verstka)" "$(peak_mb $ours)" "$(( $(stat -c %s "$work"/out/bench.epub) / 1024 ))"
# shellcheck disable=SC2086
printf '%-10s %8s %9s %10s\n' crowbook "$(mean_s crowbook)" "$(peak_mb $theirs)" "$(( $(stat -c %s "$work"/crowbook.epub) / 1024 ))"
