#!/usr/bin/env bash
# CI: `verstka check book` in release mode, with the Zig compiler the book's
# listings target ([check] zig in book/book.toml, 0.11.0). Fails on errors (a
# listing that does not compile, a broken link, a book that does not load);
# warnings — the chapter's typos as the translator gave them, its empty
# sections — are printed, not fatal.
set -euo pipefail
cd "$(dirname "$0")/.."

# verstka uses `zig` from PATH if `zig version` is 0.11.0; otherwise it
# downloads PyPI's ziglang 0.11.0 wheel itself, once, into its cache
# ($VERSTKA_CACHE_DIR, else $XDG_CACHE_HOME/verstka, else ~/.cache/verstka).

echo "== verstka check book (release)"
cargo run --locked --release -- check book --status
