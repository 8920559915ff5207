//! Translation status: sections with nothing under their heading, empty
//! chapters, and a per-chapter progress table (words, listings, sections).
//!
//! A section is empty when nothing but headings (and HTML comments, the usual
//! «to translate» notes) stands between its heading and the next heading of
//! the same or a higher level.
//!
//! Input: the loaded book. Output: warnings and one [`ChapterStatus`] per chapter.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Serialize;

use super::prose::words;
use crate::diagnostic::{Category, Diagnostic};
use crate::document::{is_comment, plain_text, prose_text, Block, BlockKind, Book, Chapter};
use crate::error::Location;

/// One row of the progress report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChapterStatus {
    /// The chapter file as given (book folder joined).
    pub file: PathBuf,
    pub title: String,
    /// Words of prose (headings, paragraphs, lists, tables, footnotes).
    pub words: usize,
    /// Code blocks, of any language.
    pub listings: usize,
    /// Headings.
    pub sections: usize,
    /// Headings with nothing under them.
    pub empty_sections: usize,
    /// How often each preferred term of `[check.terms]` occurs (any form).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub terms: BTreeMap<String, usize>,
}

/// The status of every chapter, and a warning for each empty section or chapter.
pub fn check(book: &Book) -> (Vec<Diagnostic>, Vec<ChapterStatus>) {
    let mut diagnostics = Vec::new();
    let mut statuses = Vec::new();
    for chapter in &book.chapters {
        let empty = empty_sections(&chapter.blocks);
        if chapter.blocks.iter().all(|b| !is_content(b)) {
            diagnostics.push(
                Diagnostic::warning(
                    Category::Status,
                    Location::file(&chapter.path),
                    format!("chapter «{}» is empty", chapter.title),
                )
                .with_help("translate it, or take it out of book.toml until it is ready"),
            );
        } else {
            diagnostics.extend(empty.iter().map(|(block, title)| {
                Diagnostic::warning(
                    Category::Status,
                    Location::at(&chapter.path, block.line, 1),
                    format!("section «{title}» is empty"),
                )
                .with_help("translate it, or remove the heading")
            }));
        }
        statuses.push(ChapterStatus {
            file: chapter.path.clone(),
            title: chapter.title.clone(),
            words: word_count(chapter),
            listings: chapter.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Code(_))).count(),
            sections: chapter.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Heading(_))).count(),
            empty_sections: empty.len(),
            terms: BTreeMap::new(),
        });
    }
    (diagnostics, statuses)
}

/// The headings (with their text) whose sections hold no content.
fn empty_sections(blocks: &[Block]) -> Vec<(&Block, String)> {
    let mut empty = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let BlockKind::Heading(heading) = &block.kind else { continue };
        let section = blocks[index + 1..].iter().take_while(|b| match &b.kind {
            BlockKind::Heading(next) => next.level > heading.level,
            _ => true,
        });
        if !section.into_iter().any(is_content) {
            empty.push((block, plain_text(&heading.content)));
        }
    }
    empty
}

/// Whether a block is something a reader reads: not a heading, not an HTML comment.
fn is_content(block: &Block) -> bool {
    match &block.kind {
        BlockKind::Heading(_) => false,
        BlockKind::Html(html) => !is_comment(html),
        _ => true,
    }
}

fn word_count(chapter: &Chapter) -> usize {
    let mut count = 0;
    chapter.for_each_inline_run(&mut |_, inlines, _| count += words(&prose_text(inlines)).count());
    count
}

/// The progress report as an aligned table, with a total row; a column for
/// each preferred term of the term base.
pub fn table(statuses: &[ChapterStatus]) -> String {
    let terms: Vec<&String> = statuses.first().map(|s| s.terms.keys().collect()).unwrap_or_default();
    let mut header: Vec<String> = ["chapter", "words", "listings", "sections", "empty"].map(String::from).to_vec();
    header.extend(terms.iter().map(|term| term.to_string()));
    let total = ChapterStatus {
        file: PathBuf::from("total"),
        title: String::new(),
        words: statuses.iter().map(|s| s.words).sum(),
        listings: statuses.iter().map(|s| s.listings).sum(),
        sections: statuses.iter().map(|s| s.sections).sum(),
        empty_sections: statuses.iter().map(|s| s.empty_sections).sum(),
        terms: terms
            .iter()
            .map(|&term| (term.clone(), statuses.iter().map(|s| s.terms.get(term).copied().unwrap_or(0)).sum()))
            .collect(),
    };
    let rows: Vec<Vec<String>> = std::iter::once(header)
        .chain(statuses.iter().chain([&total]).map(|s| {
            let mut row = vec![
                s.file.display().to_string(),
                s.words.to_string(),
                s.listings.to_string(),
                s.sections.to_string(),
                s.empty_sections.to_string(),
            ];
            row.extend(terms.iter().map(|&term| s.terms.get(term).copied().unwrap_or(0).to_string()));
            row
        }))
        .collect();
    let columns = rows[0].len();
    let widths: Vec<usize> =
        (0..columns).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for row in &rows {
        let _ = write!(out, "{:<width$}", row[0], width = widths[0]);
        for (cell, width) in row.iter().zip(&widths).skip(1) {
            let _ = write!(out, "  {cell:>width$}");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Heading, Inline};

    fn heading(level: u8, text: &str, line: usize) -> Block {
        let content = vec![Inline::Text(text.into())];
        Block { kind: BlockKind::Heading(Heading { level, id: text.into(), content }), line }
    }

    fn paragraph(text: &str, line: usize) -> Block {
        Block { kind: BlockKind::Paragraph(vec![Inline::Text(text.into())]), line }
    }

    #[test]
    fn a_section_is_empty_when_only_headings_follow_it() {
        let blocks = vec![
            heading(1, "Глава", 1),
            paragraph("Текст.", 3),
            heading(2, "Пустой", 5),
            heading(2, "Родитель", 7),
            heading(3, "Ребёнок", 9),
            paragraph("Текст.", 11),
            heading(2, "С комментарием", 13),
            Block { kind: BlockKind::Html("<!-- перевести -->\n".into()), line: 15 },
        ];
        let empty: Vec<(usize, String)> = empty_sections(&blocks).into_iter().map(|(b, t)| (b.line, t)).collect();
        assert_eq!(empty, [(5, "Пустой".to_string()), (13, "С комментарием".to_string())]);
    }

    #[test]
    fn the_table_aligns_numbers_and_totals_them() {
        let status = |file: &str, words| ChapterStatus {
            file: file.into(),
            title: String::new(),
            words,
            listings: 1,
            sections: 2,
            empty_sections: 0,
            terms: BTreeMap::new(),
        };
        let table = table(&[status("a.md", 5), status("глава.md", 120)]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "chapter   words  listings  sections  empty");
        assert_eq!(lines[1], "a.md          5         1         2      0");
        assert_eq!(lines[2], "глава.md    120         1         2      0");
        assert_eq!(lines[3], "total       125         2         4      0");
    }

    #[test]
    fn preferred_terms_get_a_column_each() {
        let status = |file: &str, count| ChapterStatus {
            file: file.into(),
            title: String::new(),
            words: 10,
            listings: 0,
            sections: 1,
            empty_sections: 0,
            terms: BTreeMap::from([("аллокатор".to_string(), count)]),
        };
        let table = table(&[status("a.md", 3), status("b.md", 4)]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "chapter  words  listings  sections  empty  аллокатор");
        assert_eq!(lines[3], "total       20         0         2      0          7");
    }
}
