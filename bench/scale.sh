#!/usr/bin/env bash
# How a build's time and memory grow with the book: realistic books of 5 MB
# and 50 MB, and the shapes a hostile book could take.
#
# From the words and listings of book/chapters/*.md it generates
#   prose-5mb, prose-50mb  ten chapters each: paragraphs, sections, lists,
#                          quotes, a footnote every 7th paragraph and a
#                          listing every 25th, 5 MB and 50 MB of Markdown;
#   word-1m                one paragraph: a word of 1 M lower-case Cyrillic
#                          letters, hyphenated but without a space;
#   paragraph-1m           one paragraph of 1 M characters of words;
#   notes-20k              one chapter of 20,000 footnotes;
#   nest-100k-quotes, nest-100k-lists, nest-100k-emphasis
#                          100,000 levels of `>`, `- ` and `*a … a*`: a
#                          clean error (exit 1), never a crash;
# builds each with the release binary (both editions; SOURCE_DATE_EPOCH=0),
# and prints its exit code, wall-clock seconds, CPU seconds (user + system)
# and peak memory (maximum resident set) — the last two from /usr/bin/time,
# when it is installed — then the ratio of the 50 MB book's seconds to the
# 5 MB book's. The goal is at most 12: ten times the text, at most twelve
# times the time.
#
# Usage: bench/scale.sh [case…]     (default: all of them, in that order)
# VERSTKA=… overrides the binary (then nothing is built); KEEP=DIR keeps
# the generated books in DIR, to read or profile them.
set -euo pipefail
cd "$(dirname "$0")/.."

all_cases=(prose-5mb prose-50mb word-1m paragraph-1m notes-20k nest-100k-quotes nest-100k-lists nest-100k-emphasis)
cases=("${@:-${all_cases[@]}}")

if [ -z "${VERSTKA:-}" ]; then
    cargo build --release --quiet
    target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
    VERSTKA=$target_dir/release/verstka
fi
if [ -n "${KEEP:-}" ]; then
    work=$KEEP
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

# The prose words of the project's chapters, one a line, and their fenced
# listings. Bytes, not characters, count.
export LC_ALL=C
awk '/^```/ { fence = !fence; next } !fence && !/^#/ { for (i = 1; i <= NF; i++) print $i }' \
    book/chapters/*.md >"$work/words"
awk '/^```/ { print; fence = !fence; next } fence' book/chapters/*.md >"$work/listings"

# An empty book folder $1 whose manifest lists chapters 01 … $2.
make_book() {
    local dir=$work/$1
    mkdir -p "$dir/chapters"
    printf '[book]\ntitle = "Масштаб"\nauthors = ["Автор"]\nlanguage = "ru"\nname = "scale"\n' >"$dir/book.toml"
    for n in $(seq -w 1 "$2"); do
        printf '\n[[chapters]]\nfile = "chapters/%s.md"\n' "$n" >>"$dir/book.toml"
    done
}

# Ten chapters of about $2 bytes in all: the words in their order, over and
# over, as paragraphs of 40 to 160 words with sections, lists, quotes,
# footnotes and listings among them.
make_prose() {
    make_book "$1" 10
    for n in $(seq -w 1 10); do
        awk -v bytes=$(($2 / 10)) -v chapter="$n" -v listings="$work/listings" '
            # Lines break every eleven words, unless that would start a
            # line with a character that opens a block (`-`, `>`, `1.` …).
            function words(count,    i, w, text) {
                for (i = 0; i < count; i++) {
                    w = word[next_word++ % nwords]
                    if (i == 0) text = w
                    else if (i % 11 == 0 && !index(block_openers, substr(w, 1, 1))) text = text "\n" w
                    else text = text " " w
                }
                return text
            }
            function emit(text) { printf "%s", text; written += length(text) }
            BEGIN {
                block_openers = "-*+>#0123456789|=_~`([{<!\"'\''"
                while ((getline line < listings) > 0) {
                    block = block line "\n"
                    if (line ~ /^```/ && !(inside = !inside)) { listing[nlistings++] = block; block = "" }
                }
            }
            { word[nwords++] = $0 }
            END {
                next_word = chapter * 997
                emit("# Глава " chapter "\n\n")
                for (p = 1; written < bytes; p++) {
                    if (p % 12 == 0) emit("## Раздел " p / 12 " " words(4) "\n\n")
                    emit(words(40 + p * 53 % 120) (p % 7 == 0 ? "[^" p "]" : "") "\n\n")
                    if (p % 7 == 0) emit("[^" p "]: " words(25) "\n\n")
                    if (p % 25 == 0 && nlistings) emit(listing[int(p / 25) % nlistings] "\n")
                    if (p % 40 == 0) emit("- " words(12) "\n- " words(9) "\n  - " words(7) "\n\n")
                    if (p % 50 == 0) emit("> " words(30) "\n\n")
                }
            }' "$work/words" >"$work/$1/chapters/$n.md"
    done
}

# The lines on stdin over and over, joined by $2, until $1 bytes are written.
repeat_to() {
    awk -v bytes="$1" -v separator="$2" '
        { line[n++] = $0 }
        END {
            for (i = 0; written < bytes; i++) {
                printf "%s%s", line[i % n], separator
                written += length(line[i % n]) + length(separator)
            }
        }'
}

# One chapter: a heading and the text on stdin.
make_one() {
    make_book "$1" 1
    { printf '# Глава\n\n'; cat; printf '\n'; } >"$work/$1/chapters/1.md"
}

# $2 levels of the opener $3, the word «дно», and the closer $4 as many times.
make_nest() {
    awk -v levels="$2" -v opener="$3" -v closer="$4" 'BEGIN {
        for (i = 0; i < levels; i++) printf "%s", opener
        printf "дно"
        for (i = 0; i < levels; i++) printf "%s", closer
    }' | make_one "$1"
}

generate() {
    case $1 in
        prose-5mb) make_prose "$1" 5000000 ;;
        prose-50mb) make_prose "$1" 50000000 ;;
        word-1m)
            # Lower-case Cyrillic letters (two bytes each: 1 M letters are
            # 2 MB), so that the word is hyphenated, not taken for an acronym.
            grep -oE $'(\xd0[\xb0-\xbf]|\xd1[\x80-\x8f\x91])+' "$work/words" | repeat_to 2000000 '' |
                head -c 2000000 | make_one "$1" ;;
        paragraph-1m)
            # About 1.8 bytes a character in this text: 1 M characters.
            repeat_to 1800000 ' ' <"$work/words" | make_one "$1" ;;
        notes-20k)
            awk 'BEGIN {
                for (i = 1; i <= 20000; i++) printf "Абзац %d со сноской[^%d] и ещё немного текста.\n\n", i, i
                for (i = 1; i <= 20000; i++) printf "[^%d]: Текст сноски %d.\n", i, i
            }' | make_one "$1" ;;
        nest-100k-quotes) make_nest "$1" 100000 '> ' '' ;;
        nest-100k-lists) make_nest "$1" 100000 '- ' '' ;;
        nest-100k-emphasis) make_nest "$1" 100000 '*a ' ' a*' ;;
        *) echo "unknown case: $1 (cases: ${all_cases[*]})" >&2; exit 2 ;;
    esac
}

# $1 divided by $2, with $3 decimals.
ratio() {
    awk -v a="$1" -v b="$2" -v places="$3" 'BEGIN { printf "%.*f", places, a / b }'
}

printf '%-20s %8s %5s %9s %9s %9s\n' case "size MB" exit seconds "CPU s" "peak MB"
declare -A seconds cpu
for name in "${cases[@]}"; do
    generate "$name"
    size=$(cat "$work/$name"/chapters/*.md | wc -c)
    status=0
    if [ -x /usr/bin/time ]; then
        SOURCE_DATE_EPOCH=0 /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
            "$VERSTKA" build "$work/$name" --out "$work/out" -q >/dev/null 2>"$work/stderr" || status=$?
        read -r wall user system peak_kb < <(tail -1 "$work/time")
        cpu[$name]=$(awk -v a="$user" -v b="$system" 'BEGIN { printf "%.2f", a + b }')
        peak=$((peak_kb / 1024))
    else
        start=$(date +%s%N)
        SOURCE_DATE_EPOCH=0 "$VERSTKA" build "$work/$name" --out "$work/out" -q >/dev/null 2>"$work/stderr" || status=$?
        wall=$(ratio "$(($(date +%s%N) - start))" 1000000000 2)
        cpu[$name]=-
        peak=-
    fi
    seconds[$name]=$wall
    printf '%-20s %8s %5s %9s %9s %9s\n' "$name" "$(ratio "$size" 1000000 1)" "$status" "$wall" "${cpu[$name]}" "$peak"
    [ "$status" -le 1 ] || { echo "$name: crashed (exit $status):" >&2; tail -3 "$work/stderr" >&2; }
    [ -n "${KEEP:-}" ] || rm -rf "${work:?}/$name"
    rm -rf "$work/out"
done
if [ -n "${seconds[prose-5mb]:-}" ] && [ -n "${seconds[prose-50mb]:-}" ]; then
    echo "50 MB / 5 MB: $(ratio "${seconds[prose-50mb]}" "${seconds[prose-5mb]}" 1)× the time (goal: at most 12×)"
    if [ "${cpu[prose-5mb]}" != - ]; then
        echo "              $(ratio "${cpu[prose-50mb]}" "${cpu[prose-5mb]}" 1)× the CPU time (steadier on a busy machine)"
    fi
fi
