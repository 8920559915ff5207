//! The print edition never drops text: footnotes, table cells, listings,
//! lists, quotes, headings and words longer than a page or a line are set
//! whole, every word inside the trim box and in order. The words are
//! numbered (`f0001 f0002 …`) so a missing one shows; the PDF is read back
//! with lopdf and compared on letters and digits only, so hyphens at line
//! ends and spaces do not count.

use std::time::Duration;

use super::{Book, MANIFEST};

#[path = "../common/pdf_text.rs"]
#[allow(dead_code, reason = "each test crate uses part of the shared reader")]
mod pdf_text;

/// What one case may take in a debug build on a busy machine: these books
/// set in well under a second, so more means a blow-up.
const TIME_LIMIT: Duration = Duration::from_secs(10);

/// `count` words `<prefix>0001 …`, from `first`.
fn words(prefix: char, first: usize, count: usize) -> Vec<String> {
    (first..first + count).map(|n| format!("{prefix}{n:04}")).collect()
}

/// `count` sentences of five numbered words each.
fn sentences(prefix: char, count: usize) -> String {
    let words = words(prefix, 1, 5 * count);
    words.chunks(5).map(|sentence| format!("{}.", sentence.join(" "))).collect::<Vec<_>>().join(" ")
}

/// The numbered words of `prefix` in `text`, in order: the letter and four
/// digits, read from the letters and digits alone.
fn numbered(text: &str, prefix: char) -> Vec<String> {
    let chars: Vec<char> = text.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 5 <= chars.len() {
        if chars[i] == prefix && chars[i + 1..i + 5].iter().all(char::is_ascii_digit) {
            found.push(chars[i..i + 5].iter().collect());
            i += 5;
        } else {
            i += 1;
        }
    }
    found
}

/// Builds the PDF of a book whose first chapter is `chapter` and checks
/// that the numbered words of each prefix come back `copies` times, in
/// order, all inside the trim box, within the time limit.
#[track_caller]
fn assert_every_word_comes_back(chapter: &str, prefixes: &[(char, usize)]) {
    let book = Book::with(MANIFEST, chapter);
    let run = book.build(&["--format", "pdf"]);
    run.assert_no_crash();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.elapsed < TIME_LIMIT, "{:?} for one chapter", run.elapsed);
    let doc = lopdf::Document::load(book.out().join("proba.pdf")).expect("lopdf reads the PDF");
    let (outside, _) = pdf_text::runs_outside_the_trim_box(&doc);
    assert!(outside.is_empty(), "{} runs outside the trim box, the first {:?}", outside.len(), outside.first());
    let text = pdf_text::all_lines(&doc).join("\n");
    for &(prefix, copies) in prefixes {
        let expected = numbered(chapter, prefix);
        let expected: Vec<String> = std::iter::repeat_n(expected, copies).flatten().collect();
        let got = numbered(&text, prefix);
        let first_difference = expected.iter().zip(&got).position(|(e, g)| e != g).unwrap_or(got.len());
        assert!(
            got == expected,
            "`{prefix}`: {} of {} words come back; the first difference at {first_difference}: {:?} instead of {:?}",
            got.len(),
            expected.len(),
            got.get(first_difference),
            expected.get(first_difference),
        );
    }
}

#[test]
fn a_footnote_longer_than_a_page_continues_on_the_next_pages() {
    let text = words('p', 1, 400).join(" ");
    let chapter =
        format!("# Глава\n\n{text}[^long] {}\n\n[^long]: {}\n", words('w', 1, 300).join(" "), sentences('f', 200));
    assert_every_word_comes_back(&chapter, &[('p', 1), ('w', 1), ('f', 1)]);
}

#[test]
fn two_long_footnotes_on_one_line_follow_each_other() {
    let chapter = format!(
        "# Глава\n\nТекст[^a] со сносками[^b].\n\n{}\n\n[^a]: {}\n\n[^b]: {}\n",
        words('p', 1, 600).join(" "),
        sentences('f', 120),
        sentences('g', 120)
    );
    assert_every_word_comes_back(&chapter, &[('p', 1), ('f', 1), ('g', 1)]);
}

#[test]
fn a_table_cell_taller_than_a_page_continues_on_the_next_pages() {
    let cell = words('w', 1, 3000).join(" ");
    let rows: String = (1..=40).map(|n| format!("| c{n:04} | x{n:04} |\n")).collect();
    let chapter = format!("# Глава\n\n| Имя | Значение |\n|---|---|\n| {cell} | x0000 |\n{rows}");
    assert_every_word_comes_back(&chapter, &[('w', 1), ('c', 1), ('x', 1)]);
}

#[test]
fn a_table_header_taller_than_a_page_is_set_once_and_whole() {
    let header = words('h', 1, 2000).join(" ");
    let rows: String = (1..=40).map(|n| format!("| c{n:04} | x{n:04} |\n")).collect();
    assert_every_word_comes_back(
        &format!("# Глава\n\n| {header} | Значение |\n|---|---|\n{rows}"),
        &[('h', 1), ('c', 1)],
    );
}

#[test]
fn a_table_cell_citing_a_long_footnote_keeps_both() {
    let cell = words('w', 1, 1500).join(" ");
    let chapter =
        format!("# Глава\n\n| Имя | Значение |\n|---|---|\n| {cell}[^n] | x0001 |\n\n[^n]: {}\n", sentences('f', 200));
    assert_every_word_comes_back(&chapter, &[('w', 1), ('x', 1), ('f', 1)]);
}

#[test]
fn a_listing_of_500_lines_is_set_whole() {
    let lines: String = words('l', 1, 500).iter().map(|word| format!("const {word} = 1;\n")).collect();
    assert_every_word_comes_back(&format!("# Глава\n\n```zig\n{lines}```\n"), &[('l', 1)]);
}

/// As deep as a book may nest (64 levels; deeper is an error at its line).
#[test]
fn a_list_nested_as_deep_as_allowed_stays_on_the_page() {
    let items: String =
        words('n', 1, 64).iter().enumerate().map(|(depth, word)| format!("{}- {word}\n", "  ".repeat(depth))).collect();
    assert_every_word_comes_back(&format!("# Глава\n\n{items}"), &[('n', 1)]);
}

#[test]
fn a_blockquote_of_300_sentences_continues_on_the_next_pages() {
    assert_every_word_comes_back(&format!("# Глава\n\n> {}\n", sentences('q', 300)), &[('q', 1)]);
}

#[test]
fn a_footnote_of_a_listing_a_list_a_quote_and_a_table_is_set_whole() {
    let code: String = words('l', 1, 150).iter().map(|word| format!("    const {word} = 1;\n")).collect();
    let list: String = words('n', 1, 60).iter().map(|word| format!("    - {word}\n")).collect();
    let table = format!("    | Имя | Значение |\n    |---|---|\n    | {} | x0001 |\n", words('w', 1, 1500).join(" "));
    let chapter = format!(
        "# Глава\n\nТекст[^n].\n\n[^n]: Вот код:\n\n    ```\n{code}    ```\n\n{list}\n    > {}\n\n{table}",
        sentences('q', 80)
    );
    assert_every_word_comes_back(&chapter, &[('l', 1), ('n', 1), ('q', 1), ('w', 1), ('x', 1)]);
}

#[test]
fn a_heading_longer_than_a_page_is_set_whole_in_the_text_and_the_contents() {
    let chapter = format!("# Глава\n\n## {}\n\nТекст.\n", words('h', 1, 600).join(" "));
    assert_every_word_comes_back(&chapter, &[('h', 2)]);
}

#[test]
fn words_and_urls_longer_than_a_line_are_broken_not_cut() {
    // The word is split between letters, so it stays on the first page:
    // a folio between the halves of a split number would hide it.
    let word: String = words('v', 1, 150).concat();
    let url = format!("https://example.com/{}", words('u', 1, 400).join("/"));
    assert_every_word_comes_back(&format!("# Глава\n\n{word}.\n\nСм. <{url}>.\n"), &[('u', 1), ('v', 1)]);
}

#[test]
fn a_footnote_cited_only_from_a_footnote_is_set_after_it() {
    let chapter = "# Глава\n\nТекст[^a].\n\n[^a]: f0001 f0002[^b].\n\n[^b]: g0001 g0002.\n";
    assert_every_word_comes_back(chapter, &[('f', 1), ('g', 1)]);
}

#[test]
fn a_table_too_wide_for_a_letter_a_column_fails_at_its_line() {
    let header: String = (1..=60).map(|n| format!("столбец {n}|")).collect();
    let row: String = (1..=60).map(|n| format!("ячейка с текстом {n}|")).collect();
    let chapter = format!("# Глава\n\nТекст.\n\n|{header}\n|{}\n|{row}\n", "---|".repeat(60));
    let book = Book::with(MANIFEST, &chapter);
    let run = book.assert_build_fails("chapters/01.md:5: error: this table's 60 columns do not fit");
    assert!(run.stderr.contains("help: split it into tables of at most"), "{}", run.stderr);
}

#[test]
fn a_title_page_too_long_for_its_page_fails_naming_book_toml() {
    let authors: Vec<String> = words('a', 1, 400).iter().map(|author| format!("\"{author}\"")).collect();
    let manifest = MANIFEST.replace(r#"authors = ["Автор"]"#, &format!("authors = [{}]", authors.join(", ")));
    let book = Book::with(&manifest, "# Глава\n\nТекст.\n");
    let run = book.assert_build_fails("book.toml: error: the title page's title, subtitle, authors and translators");
    assert!(run.stderr.contains("help: shorten `book.title`"), "{}", run.stderr);
}

#[test]
fn an_imprint_too_long_for_its_page_fails_naming_book_toml() {
    let manifest = format!("{MANIFEST}\n[pdf]\nimprint = \"\"\"{}\"\"\"\n", sentences('m', 400));
    let book = Book::with(&manifest, "# Глава\n\nТекст.\n");
    book.assert_build_fails("book.toml: error: the imprint's title, authors, description and `pdf.imprint` text");
}
