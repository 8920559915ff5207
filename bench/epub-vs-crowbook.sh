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

target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
VERSTKA=${VERSTKA:-$target_dir/release/verstka}
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

mkdir -p "$work/plain"
cp -r "$work/chapters" "$work/plain/"
sed 's/^\[book\]$/[typography]\nenabled = false\n\n[hyphenation]\nenabled = false\n\n[book]/' "$work/book.toml" > "$work/plain/book.toml"

ours="$VERSTKA build -q --format epub $work -o $work/out"
plain="$VERSTKA build -q --format epub $work/plain -o $work/plain/out"
theirs="$CROWBOOK --quiet --to epub $work/crowbook.book"

echo "== time ($RUNS runs each)"
hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$work/times.json" \
  -n verstka "$ours" -n verstka-plain "$plain" -n crowbook "$theirs" >&2
peak_mb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '/Maximum resident/ { printf "%.1f", $6 / 1024 }'; }
# mean wall seconds and mean CPU seconds (user + system) of one hyperfine result
stat_s() { python3 -c "import json,sys; r=next(x for x in json.load(open('$work/times.json'))['results'] if x['command']==sys.argv[1]); print('%.3f %.3f' % (r['mean'], r['user'] + r['system']))" "$1"; }
row() { # name, EPUB file, command...
  local name=$1 epub=$2; shift 2
  read -r wall cpu <<<"$(stat_s "$name")"
  printf '%-14s %8s %8s %9s %10s\n' "$name" "$wall" "$cpu" "$(peak_mb "$@")" "$(( $(stat -c %s "$epub") / 1024 ))"
}

echo "== result (load average: $(cut -d' ' -f1 /proc/loadavg))"
printf '%-14s %8s %8s %9s %10s\n' tool "wall s" "CPU s" "peak MB" "EPUB KB"
# shellcheck disable=SC2086
row verstka "$work/out/bench.epub" $ours
# shellcheck disable=SC2086
row verstka-plain "$work/plain/out/bench.epub" $plain
# shellcheck disable=SC2086
row crowbook "$work/crowbook.epub" $theirs
