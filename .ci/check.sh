#!/usr/bin/env bash
# CI: `verstka check book` in release mode, with the Zig compiler the book's
# listings target ([check] zig in book/book.toml, 0.11.0). Fails on errors (a
# listing that does not compile, a broken link, a book that does not load);
# warnings — the chapter's typos as the translator gave them, its empty
# sections — are printed, not fatal.
set -euo pipefail
cd "$(dirname "$0")/.."

# verstka uses `zig` from PATH if `zig version` is 0.11.0; otherwise it runs
# `python3 -m venv` + `pip install ziglang==0.11.0` itself, once, into
# ~/.cache/verstka/zig-0.11.0/ (or $XDG_CACHE_HOME/verstka, $VERSTKA_CACHE_DIR).
# A fresh Debian machine may lack the venv module: install it if we can.
if [ "$(zig version 2>/dev/null || true)" != "0.11.0" ] && ! python3 -m venv --help >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq python3-venv python3-pip
    else
        echo "check.sh: need Zig 0.11.0 on PATH, or python3 with the venv module" >&2
        exit 1
    fi
fi

echo "== verstka check book (release)"
cargo run --locked --release -- check book --status
