#!/usr/bin/env bash
# The cost of the subject index: the 40-chapter book (40 copies of book/'s
# chapter) built with and without a 100-entry index.txt, runs alternated.
#
# The index is drawn from the chapter itself: 80 of its words of five or
# more letters — with the Russian dictionary's affix flags where it knows the
# word as a stem, so every form is looked for —, ten of them with a
# subentry, and ten code terms from its inline code: 100 lines. By default
# the words are those the chapter uses one to three times, as an index's
# terms are; but the chapters are copies, so each still stands on 40 or
# more pages: 4,600 page numbers, the worst case. DENSE=1 takes its 80 most
# frequent words instead (памяти, время, …), a quarter of all words
# indexed: a stress test, not a book. SPARSE=1 is a real book's density:
# 100 dictionary words the chapter does not use (so the matcher still
# looks for every form in every word), each placed by markers
# (`<!-- index: … -->`) before a paragraph of 5 of the 40 chapters.
#
# Usage: [DENSE=1 | SPARSE=1] bench/index.sh [runs]     (default 7; prints the median of each)
# Needs: python3.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=${1:-7}
cargo build --release --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
verstka=$target_dir/release/verstka
chapter=$repo/book/chapters/06-heap-memory-and-allocators.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for variant in plain indexed; do
    dir=$work/$variant
    mkdir -p "$dir/chapters"
    printf '[book]\ntitle = "Изучаем Zig"\nauthors = ["Карл Сегин"]\nlanguage = "ru"\ndate = "2026-11-23"\nname = "big"\n' >"$dir/book.toml"
    for i in $(seq -w 1 40); do
        cp "$chapter" "$dir/chapters/$i.md"
        printf '\n[[chapters]]\nfile = "chapters/%s.md"\n' "$i" >>"$dir/book.toml"
    done
done

python3 - "$chapter" "$repo/dictionaries/ru_RU.dic" "$work/indexed" <<'PY'
import collections, os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
book = sys.argv[3]
stems = {}
for line in open(sys.argv[2], encoding="utf-8"):
    word, _, flags = line.strip().partition("/")
    if flags:
        stems.setdefault(word, flags)
prose = re.sub(r"```.*?```", " ", text, flags=re.S)
words = collections.Counter(w.lower() for w in re.findall(r"[а-яё]{5,}", prose, flags=re.I))
lines = []
if os.environ.get("SPARSE"):
    # Every 400th long stem of the dictionary that the chapter does not use.
    unused = [w for w in stems if len(w) >= 6 and w.isalpha() and w.islower() and w not in words]
    terms = unused[::400][:100]
    lines = [f"{w}/{stems[w]}" for w in terms]
    paragraphs = [m.start() for m in re.finditer(r"(?m)(?<=\n\n)[А-ЯЁ]", text)]
    markers = collections.defaultdict(list)
    for k, term in enumerate(terms):
        for j in range(5):
            markers[(k * 7 + j * 8) % 40].append((paragraphs[(k * 3 + j) % len(paragraphs)], term))
    for c in range(40):
        marked, last = [], 0
        for at, term in sorted(markers[c]):
            marked += [text[last:at], f"<!-- index: {term} -->\n"]
            last = at
        open(f"{book}/chapters/{c + 1:02}.md", "w", encoding="utf-8").write("".join(marked) + text[last:])
else:
    ranked = words.most_common()
    chosen = ranked[:80] if os.environ.get("DENSE") else [(w, n) for w, n in ranked if n <= 3][:80]
    entries = [f"{w}/{stems[w]}" if w in stems else w for w, _ in chosen]
    code = [c for c, _ in collections.Counter(re.findall(r"`([A-Za-z_][\w.]{3,})`", prose)).most_common(10)]
    for n, entry in enumerate(entries):
        lines.append(entry)
        if n < 10:
            lines.append(f"{entry}; {entries[n + 10].split('/')[0]}")
    lines += [f"`{term}`" for term in code]
open(f"{book}/index.txt", "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
echo "index.txt: $(grep -c . "$work/indexed/index.txt") lines"

"$verstka" -q build "$work/indexed" --out "$work/out-indexed"   # warm the file cache

# Runs alternate; each is timed to the microsecond (GNU time's 10 ms steps
# are a tenth of a build), its CPU time and peak memory from getrusage.
python3 - "$verstka" "$work" "$runs" <<'PY'
import os, resource, statistics, subprocess, sys, time
verstka, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def run(variant):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen([verstka, "-q", "build", f"{work}/{variant}", "--out", f"{work}/out-{variant}"],
                               stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"the {variant} build failed")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
rows = {"plain": [], "indexed": []}
for _ in range(runs):
    for variant in rows:
        rows[variant].append(run(variant))
medians = {v: [statistics.median(r[i] for r in rows[v]) for i in range(3)] for v in rows}
print(f"{'':10} {'seconds':>8} {'CPU s':>8} {'peak MB':>8}")
for name, variant in (("without", "plain"), ("with", "indexed")):
    wall, cpu, mb = medians[variant]
    print(f"{name:10} {wall:8.4f} {cpu:8.4f} {mb:8.0f}")
plain, indexed = medians["plain"], medians["indexed"]
print(f"with/without: {indexed[0] / plain[0]:.3f} × time, {indexed[1] / plain[1]:.3f} × CPU time")
PY
