#!/usr/bin/env bash
# CI: the EPUBs in real reading software, beyond what EPUBCheck sees —
# the EPUB of book/ and of every fixture book:
#
# - Calibre's ebook-convert (Debian `calibre`, under Xvfb) to PDF and to
#   AZW3 (Kindle): any warning, or a link whose anchor it cannot find
#   ("Link anchor … not found"), fails the run;
# - DAISY Ace (npm `@daisy/ace`, its `ace-puppeteer` runner driving
#   Debian's chromium): any violation fails the run. The packages verstka
#   claims conformance for (dcterms:conformsTo) must pass.
#
# The script installs what it needs (apt, npm; Ace into a scratch folder,
# without Electron's or Puppeteer's own browser downloads) and prints how
# long each part took.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

export DEBIAN_FRONTEND=noninteractive
missing=()
command -v ebook-convert >/dev/null || missing+=(calibre)
command -v xvfb-run >/dev/null || missing+=(xvfb xauth)
command -v chromium >/dev/null || missing+=(chromium)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== installing DAISY Ace"
(cd "$work" && ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 \
  npm install --silent --no-audit --no-fund @daisy/ace@1.4.6 >/dev/null)
ACE=$work/node_modules/.bin/ace-puppeteer
echo "   installed in $((SECONDS - start)) s"

# Wherever cargo puts it (CARGO_TARGET_DIR, a config's target-dir).
target_dir=$(cargo metadata --format-version 1 --no-deps | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)
VERSTKA=${VERSTKA:-$target_dir/release/verstka}
if [ ! -x "$VERSTKA" ]; then
  cargo build --locked --release
fi

epubs=()
for book in book/ tests/fixtures/books/*/; do
  name=$(basename "$book")
  "$VERSTKA" build -q --format epub "$book" -o "$work/books/$name"
  epubs+=("$work/books/$name"/*.epub)
done

# Calibre's converter is a QtWebEngine (Chromium) application: it needs a
# display, and as root Chromium's sandbox cannot start.
export QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox"
export PUPPETEER_EXECUTABLE_PATH=${PUPPETEER_EXECUTABLE_PATH:-$(command -v chromium)}

mkdir -p "$work/ace"
failed=0
for epub in "${epubs[@]}"; do
  for format in pdf azw3; do
    log=$work/$(basename "$epub" .epub).$format.log
    if ! xvfb-run -a ebook-convert "$epub" "${epub%.epub}.$format" >"$log" 2>&1; then
      echo "$epub → $format: ebook-convert failed" >&2
      tail -20 "$log" >&2
      failed=1
      continue
    fi
    warnings=$(grep -icE 'warning|not found' "$log" || true)
    echo "$epub → $format: $warnings warnings"
    if [ "$warnings" -gt 0 ]; then
      grep -iE 'warning|not found' "$log" >&2
      failed=1
    fi
  done

  report=$work/ace/$(basename "$epub" .epub)
  if ! "$ACE" --silent --force --outdir "$report" "$epub" >"$report.log" 2>&1; then
    echo "$epub: Ace failed" >&2
    tail -20 "$report.log" >&2
    failed=1
    continue
  fi
  violations=$(node -e '
    const report = require(process.argv[1]);
    const found = report.assertions.flatMap((doc) => doc.assertions);
    for (const a of found) console.error(`  ${a["earl:test"]["dct:title"]}: ${a["earl:result"]["dct:description"]}`);
    console.log(found.length);' "$report/report.json")
  echo "$epub: Ace, $violations violations"
  [ "$violations" -eq 0 ] || failed=1
done
echo "== done in $((SECONDS - start)) s"
exit $failed
