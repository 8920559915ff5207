#!/usr/bin/env bash
# Prints a PATH for a machine with only a Rust toolchain: a folder of links
# to every program on the current PATH except the outside tools verstka's
# tests must not need — Python, poppler, qpdf, Java (EPUBCheck), Zig,
# Ghostscript, MuPDF. `cargo test` runs with it in CI, so a test that calls
# one of them fails there rather than only on a newcomer's machine.
set -euo pipefail
bare=$(mktemp -d "${TMPDIR:-/tmp}/verstka-bare-path.XXXXXX")
IFS=: read -r -a folders <<<"$PATH"
for folder in "${folders[@]}"; do
    case "$folder" in *pyenv*) continue ;; esac
    [ -d "$folder" ] || continue
    for program in "$folder"/*; do
        name=$(basename "$program")
        case "$name" in
            python* | pip* | pdf* | qpdf | java | epubcheck | zig | gs | mutool) continue ;;
        esac
        [ -x "$program" ] && [ ! -e "$bare/$name" ] && ln -s "$program" "$bare/$name"
    done
done
echo "$bare"
