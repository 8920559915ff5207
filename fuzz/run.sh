#!/usr/bin/env bash
# Runs verstka's fuzz targets, each for SECONDS (default 600), on stable
# Rust (`cargo install cargo-fuzz`; `-s none`: coverage without a sanitizer,
# which needs nightly). Seeds each corpus from the repository's own books,
# manifests and images; a crash is written to fuzz/artifacts/<target>/ and
# stops the run — make it a regression test (tests/bad_input/) before
# fixing it.
#
# Usage: fuzz/run.sh [SECONDS [TARGET…]]     targets: manifest book image
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("${@:-manifest}")
[ $# -eq 0 ] && targets=(manifest book image)

mkdir -p fuzz/corpus/manifest fuzz/corpus/book fuzz/corpus/image
for manifest in book/book.toml tests/fixtures/*/*/book.toml; do
    cp "$manifest" "fuzz/corpus/manifest/seed-$(echo "$manifest" | tr / _)"
done
cp book/chapters/*.md tests/fixtures/*/*/chapters/*.md fuzz/corpus/book/ 2>/dev/null || true
cp tests/fixtures/books/full/images/*.png fuzz/corpus/image/

cargo fuzz build -s none -O
for target in "${targets[@]}"; do
    echo "== fuzz $target for $seconds s"
    # 4 GiB: what a CI job gives a build; an input needing more is a finding.
    cargo fuzz run -s none -O "$target" -- -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=30 \
        -print_final_stats=1 2>&1 | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done|==[0-9]+== ERROR|SUMMARY)' || true
done
