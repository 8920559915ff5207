#!/usr/bin/env bash
# CI: EPUBCheck on every EPUB we ship — build/*.epub (from the release build
# that .ci/run makes first) and the EPUB of every fixture book. Any error OR
# warning fails the run.
#
# EPUBCheck is Debian's package, run through java: its /usr/bin/epubcheck
# wrapper is a bare jar that does not execute here.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=/usr/share/java/epubcheck.jar
if [ ! -f "$JAR" ]; then
  echo "== installing epubcheck"
  apt-get -o DPkg::Lock::Timeout=600 install -y epubcheck >/dev/null
fi

# Wherever cargo puts it (CARGO_TARGET_DIR, a config's target-dir).
target_dir=$(cargo metadata --format-version 1 --no-deps | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)
VERSTKA=${VERSTKA:-$target_dir/release/verstka}
if [ ! -x "$VERSTKA" ]; then
  cargo build --locked --release
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
epubs=(build/*.epub)
for book in tests/fixtures/books/*/; do
  name=$(basename "$book")
  "$VERSTKA" build -q --format epub "$book" -o "$out/$name"
  epubs+=("$out/$name"/*.epub)
done

failed=0
for epub in "${epubs[@]}"; do
  [ -f "$epub" ] || { echo "missing: $epub" >&2; failed=1; continue; }
  report=$(java -jar "$JAR" "$epub" 2>&1) || true
  summary=$(grep -E '^Messages:' <<<"$report" || echo "Messages: no summary")
  echo "$epub: $summary"
  if ! grep -qE '^Messages: 0 fatals / 0 errors / 0 warnings' <<<"$report"; then
    grep -E '^(FATAL|ERROR|WARNING)' <<<"$report" >&2 || echo "$report" >&2
    failed=1
  fi
done
exit $failed
