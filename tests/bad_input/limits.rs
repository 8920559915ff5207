//! Nesting: 100,000 levels of any construct are an error at the first level
//! past the limit, never a stack overflow; the deepest nesting allowed
//! goes through every stage of both editions and of `check`.

use verstka::document::{MAX_BLOCK_NESTING, MAX_INLINE_NESTING};

use crate::{Book, MANIFEST};

/// Levels in the hostile chapters: a few hundred KB of Markdown.
const HOSTILE_LEVELS: usize = 100_000;

/// `levels` openers, cycling through `openers`, a word, and the closers
/// of the same levels in reverse.
fn nest(openers: &[&str], closers: &[&str], levels: usize) -> String {
    let opening = (0..levels).map(|level| openers[level % openers.len()]);
    let closing = (0..levels).rev().map(|level| closers.get(level % openers.len()).copied().unwrap_or(""));
    opening.chain(["дно"]).chain(closing).collect()
}

/// The column (from 1) of the first of `openers` past `limit` levels, after `prefix`.
fn column_past(prefix: &str, openers: &[&str], limit: usize) -> usize {
    let before: usize = (0..limit).map(|level| openers[level % openers.len()].chars().count()).sum();
    prefix.chars().count() + before + 1
}

/// A book whose chapter is a heading and `line` (line 3).
fn book_with_line(line: &str) -> Book {
    Book::with(MANIFEST, &format!("# Глава\n\n{line}\n"))
}

/// Builds and checks `book`: both fail with the one error `message` at line 3, `column`.
#[track_caller]
fn assert_rejected(book: &Book, column: usize, message: &str) {
    let culprit = format!("book/chapters/01.md:3:{column}: error: {message}");
    let run = book.assert_build_fails(&culprit);
    assert_eq!(run.stderr.matches("error:").count(), 1, "one error for the whole nest:\n{}", run.stderr);
    book.check(&[]).assert_fails(&culprit);
}

fn blocks_message() -> String {
    format!("lists and quotes nested more than {MAX_BLOCK_NESTING} levels deep")
}

fn inlines_message() -> String {
    format!("emphasis, strikethrough, links and images nested more than {MAX_INLINE_NESTING} levels deep")
}

#[test]
fn deep_quotes_and_lists_are_an_error_at_the_first_level_too_many() {
    for openers in [&["> "][..], &["- "], &["1. "], &["> ", "- ", "1. "]] {
        let book = book_with_line(&nest(openers, &[], HOSTILE_LEVELS));
        assert_rejected(&book, column_past("", openers, MAX_BLOCK_NESTING), &blocks_message());
    }
}

#[test]
fn deep_emphasis_strikethrough_and_images_are_an_error_at_the_first_level_too_many() {
    let cases: [(&[&str], &[&str]); 5] = [
        (&["*a "], &[" a*"]),
        (&["**a "], &[" a**"]),
        (&["~~a "], &[" a~~"]),
        // A link cannot hold a link; images hold images.
        (&["![a "], &[" a](i.png)"]),
        (&["*a ", "**b ", "~~c ", "![d "], &[" a*", " b**", " c~~", " d](i.png)"]),
    ];
    for (openers, closers) in cases {
        // The outermost level is a link.
        let prefix = "[";
        let book = book_with_line(&format!("{prefix}{}](https://ziglang.org)", nest(openers, closers, HOSTILE_LEVELS)));
        book.write("chapters/i.png", b"png");
        assert_rejected(&book, column_past(prefix, openers, MAX_INLINE_NESTING - 1), &inlines_message());
    }
}

#[test]
fn links_in_links_and_unclosed_openers_are_text() {
    // A link cannot hold a link: the innermost `[a` is one, the others text.
    let links = nest(&["[a "], &[" a](#)"], HOSTILE_LEVELS);
    // Openers without closers nest nothing; fewer of them say as much.
    let unclosed = "*a ~~b ".repeat(HOSTILE_LEVELS / 10);
    for line in [links, unclosed] {
        let run = book_with_line(&line).build(&[]);
        run.assert_no_crash();
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    }
}

#[test]
fn the_deepest_nesting_allowed_goes_through_both_editions_and_check() {
    let openers = ["*a ", "**b ", "~~c "];
    let closers = [" a*", " b**", " c~~"];
    // The outermost inline level is a link, the innermost an image.
    let inlines = format!("[{}](https://ziglang.org)", nest(&openers, &closers, MAX_INLINE_NESTING - 2))
        .replace("дно", "дно ![схема](i.png)");
    let blocks = "> - ".repeat(MAX_BLOCK_NESTING / 2);
    let chapter = format!(
        "# Глава\n\n## {inlines}\n\n{blocks}{inlines}[^1]\n\n| {inlines} |\n|---|\n| {inlines} |\n\n[^1]: {blocks}{inlines}\n"
    );
    let book = Book::with(MANIFEST, &chapter);
    let png = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/books/full/images/memory.png"));
    book.write("chapters/i.png", &png.unwrap());
    let run = book.build(&[]);
    run.assert_no_crash();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(book.outputs(), ["proba.epub", "proba.pdf"]);
    let run = book.check(&[]);
    run.assert_no_crash();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn phrases_in_other_languages_do_not_nest_and_must_be_closed() {
    let opener = "<span lang=\"en\">a ";
    let run = book_with_line(&nest(&[opener], &[" a</span>"], HOSTILE_LEVELS)).build(&[]);
    let column = opener.chars().count() + 1;
    run.assert_fails(&format!("book/chapters/01.md:3:{column}: error: `<span lang=\"en\">` inside another phrase"));
    let unclosed = book_with_line("Это <span lang=\"en\">memory *allocator*.");
    assert_rejected(&unclosed, 5, "`<span lang=\"en\">` is not closed");
}
