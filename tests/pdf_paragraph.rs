//! The paragraph engine on random Russian text and on the book's chapter:
//! lines fit the measure, no text is lost or reordered, no line starts with
//! a space or a lone hyphen, and at most two hyphenated lines follow each other.

use std::path::Path;

use proptest::prelude::*;
use verstka::document::{self, plain_text, BlockKind, Inline};
use verstka::manifest::Manifest;
use verstka::pdf::fonts::{Family, FontBook, FontStyle};
use verstka::pdf::paragraph::{layout, Align, Paragraph, ParagraphStyle};

/// Columns narrower than this (about 27 letters) may need a third hyphen in a
/// row when random compounds chain many words with hyphens.
const NARROWEST: f32 = 150.0;
const SERIF: FontStyle = FontStyle { family: Family::Serif, bold: false, italic: false };

thread_local! {
    static FONTS: FontBook = FontBook::built_in().expect("built-in fonts");
}

fn style(measure: f32, align: Align) -> ParagraphStyle {
    ParagraphStyle { align, ..ParagraphStyle::body(measure, SERIF, 10.5, 13.0) }
}

/// Checks every promise of the line breaker; `source` is the plain text.
fn check(paragraph: &Paragraph, source: &str, measure: f32) -> Result<(), TestCaseError> {
    let mut text = String::new();
    let mut hyphens_in_a_row = 0;
    for line in &paragraph.lines {
        let line_text: String = line.runs.iter().map(|run| run.text.as_str()).collect();
        prop_assert!(line.width - line.hang <= measure + 0.01, "overfull: {} > {measure} in {line_text:?}", line.width);
        prop_assert!(line.hang >= 0.0 && line.hang <= 0.3 * 10.5, "hangs {} in {line_text:?}", line.hang);
        prop_assert!(line.runs.iter().all(|run| run.x >= -0.01 && run.x <= measure));
        prop_assert!(!line_text.starts_with([' ', '\u{A0}', '-']), "line starts badly: {line_text:?}");
        prop_assert!(!line_text.contains('\u{AD}'), "soft hyphen printed: {line_text:?}");
        prop_assert!(
            !line.hyphenated || line_text.ends_with('-'),
            "a hyphenated line without its hyphen: {line_text:?}"
        );
        hyphens_in_a_row = if line.hyphenated { hyphens_in_a_row + 1 } else { 0 };
        // In a column a dozen letters wide, a third hyphen may be the only
        // alternative to an overfull line; the breaker then takes it.
        prop_assert!(hyphens_in_a_row <= 2 || measure < NARROWEST, "three hyphenated lines in a row at {measure}");
        let kept = if line.hyphenated { line_text.strip_suffix('-') } else { Some(line_text.as_str()) };
        prop_assert!(kept.is_some(), "a hyphenated line without its hyphen: {line_text:?}");
        text.push_str(kept.unwrap_or_default());
        for run in &line.runs {
            for glyph in &run.glyphs {
                prop_assert!(run.text.is_char_boundary(glyph.cluster as usize));
            }
        }
    }
    // A real hyphen ending a line stands for U+2010, so extraction keeps it.
    let letters = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{AD}')
            .map(|c| if c == '\u{2010}' { '-' } else { c })
            .collect::<String>()
    };
    prop_assert_eq!(letters(&text), letters(source));
    Ok(())
}

/// A Russian word with soft hyphens between letters where `points` says.
fn word() -> impl Strategy<Value = String> {
    let letters: Vec<char> = "абвгдежзийклмнопрстуфхцчшщъыьэюяё".chars().collect();
    (prop::collection::vec(prop::sample::select(letters), 1..16), prop::collection::vec(any::<bool>(), 16)).prop_map(
        |(letters, points)| {
            let mut word = String::new();
            for (index, letter) in letters.iter().enumerate() {
                if index >= 2 && letters.len() - index >= 2 && points[index] {
                    word.push('\u{AD}');
                }
                word.push(*letter);
            }
            word
        },
    )
}

/// Words with punctuation, spaces, non-breaking spaces and compounds.
fn prose() -> impl Strategy<Value = String> {
    let punctuation = prop::sample::select(vec!["", "", "", "", ",", ".", ":", "»", ")"]);
    let separator = prop::sample::select(vec![" ", " ", " ", " ", " ", "\u{A0}", "-", " — "]);
    prop::collection::vec((word(), punctuation, separator), 1..60).prop_map(|words| {
        let mut text = String::new();
        for (word, punctuation, separator) in words {
            text.push_str(&word);
            if separator != "-" {
                text.push_str(punctuation);
            }
            text.push_str(separator);
        }
        text
    })
}

/// A paragraph of prose with some emphasis and inline code.
fn content() -> impl Strategy<Value = Vec<Inline>> {
    let code = prop::sample::select(vec![
        "malloc",
        "std.heap.page_allocator",
        "allocator.alloc(u8, 10)",
        "https://ziglang.org/documentation/master/std/",
    ]);
    let part = prop_oneof![
        6 => prose().prop_map(Inline::Text),
        1 => prose().prop_map(|text| Inline::Emphasis(vec![Inline::Text(text)])),
        1 => code.prop_map(|code| Inline::Code(code.to_string())),
    ];
    prop::collection::vec(part, 1..6)
        .prop_map(|parts| parts.into_iter().flat_map(|part| [part, Inline::Text(" ".to_string())]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn justified_paragraphs_keep_every_promise(content in content(), measure in 60.0f32..420.0) {
        let paragraph = FONTS.with(|fonts| layout(&content, &style(measure, Align::Justify), fonts));
        check(&paragraph, &plain_text(&content), measure)?;
    }

    #[test]
    fn ragged_paragraphs_keep_every_promise(content in content(), measure in 60.0f32..420.0) {
        for align in [Align::Left, Align::Center, Align::Right] {
            let paragraph = FONTS.with(|fonts| layout(&content, &style(measure, align), fonts));
            check(&paragraph, &plain_text(&content), measure)?;
        }
    }
}

#[test]
fn the_books_chapter_sets_without_overfull_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("book");
    let book = document::load(Manifest::load(&root).expect("the book's manifest")).expect("the book");
    let mut all = Vec::new();
    for chapter in &book.chapters {
        chapter.for_each_block(&mut |block| {
            if let BlockKind::Paragraph(content) = &block.kind {
                all.push(content.clone());
            }
        });
    }
    assert!(all.len() >= 10);
    let measure = 125.0 * 72.0 / 25.4;
    FONTS.with(|fonts| {
        for content in &all {
            let paragraph = layout(content, &style(measure, Align::Justify), fonts);
            check(&paragraph, &plain_text(content), measure).expect("the chapter's paragraph");
            let (last, others) = paragraph.lines.split_last().expect("lines");
            assert!(
                others.iter().all(|line| (line.width - line.hang - measure).abs() < 0.01),
                "justified to the measure"
            );
            assert!(last.width <= measure);
        }
    });
}
