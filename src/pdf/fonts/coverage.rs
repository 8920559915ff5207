//! Characters the print edition cannot show: those no font of the book has a
//! glyph for (an emoji, a rare script). The shaper prints them as the font's
//! empty box; this pass tells the user where, before anyone sees the proof.
//!
//! Input: the book and its fonts. Output: one warning per character and
//! chapter, at the line of the first block that has it.

use std::collections::BTreeMap;

use super::FontBook;
use crate::diagnostic::{Category, Diagnostic};
use crate::document::{plain_text, BlockKind, Book, Chapter};
use crate::error::Location;

/// A warning for each character of `book` that no font of `fonts` has.
pub fn missing_glyphs(book: &Book, fonts: &FontBook) -> Vec<Diagnostic> {
    book.chapters.iter().flat_map(|chapter| missing_in_chapter(chapter, fonts)).collect()
}

fn missing_in_chapter(chapter: &Chapter, fonts: &FontBook) -> Vec<Diagnostic> {
    // Each character with the first line it is on.
    let mut missing: BTreeMap<char, usize> = BTreeMap::new();
    let mut note = |text: &str, line: usize| {
        for c in text.chars().filter(|&c| !fonts.prints(c)) {
            let first = missing.entry(c).or_insert(line);
            *first = (*first).min(line);
        }
    };
    chapter.for_each_inline_run(&mut |_, inlines, line| note(&plain_text(inlines), line));
    chapter.for_each_block(&mut |block| {
        if let BlockKind::Code(code) = &block.kind {
            note(&code.text, block.line);
        }
    });
    let mut warnings: Vec<Diagnostic> = missing
        .into_iter()
        .map(|(c, line)| {
            Diagnostic::warning(
                Category::Fonts,
                Location::at(&chapter.path, line, 0),
                format!("no font has a glyph for {c:?} (U+{:04X}): the PDF shows an empty box", u32::from(c)),
            )
            .with_help("the fonts are PT Serif, PT Sans and PT Mono: write the character another way")
        })
        .collect();
    warnings.sort_by_key(|warning| warning.location.line);
    warnings
}
