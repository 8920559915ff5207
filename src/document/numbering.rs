//! Numbers and cross-references, once every chapter is read.
//!
//! Labelled listings, figures and tables are numbered per chapter («6.2»:
//! the chapter's place in the book, then the block's among its kind); with
//! `[book] number-sections` chapters and their `##` sections are numbered
//! too, the number written into the heading's text so that contents,
//! outline, navigation and running heads all show it. Then every
//! `@lst:name`, `@fig:name`, `@tbl:name` and `@sec:name` of the prose
//! becomes a link whose text is the number — or, for an unnumbered
//! section, its title in quotes — so Russian prose declines the noun
//! itself: «в листинге @lst:arena». A page reference, `@pg:lst:arena`,
//! becomes a link holding a [`PageNumber`], whose folio the print layout
//! sets ([`Book::set_page_numbers`]). A reference to an unknown label is an
//! error at its line; `\@lst:arena` is text. Callouts without a title of
//! their own get their kind's, in the chapter's language («Внимание»,
//! «Warning»).

use std::collections::HashMap;

use super::model::*;
use crate::error::{Error, LineIndex, Location, Result};

/// What a label names: where, and what a reference to it reads.
#[derive(Debug, Clone)]
struct Target {
    chapter: usize,
    /// The reference's text: «6.2», or «Арены» for an unnumbered section.
    text: String,
    /// Where the label is given, for the error about a second of that name.
    place: Location,
}

/// Numbers the book's captions (and sections, if asked), then turns its
/// references into links.
pub(super) fn number_and_refer(book: &mut Book) -> Result<()> {
    let number_sections = book.manifest.book.number_sections;
    let mut labels = HashMap::new();
    let mut errors = Vec::new();
    for (index, chapter) in book.chapters.iter_mut().enumerate() {
        let number = index + 1;
        title_callouts(chapter);
        let section_numbers = match number_sections {
            true => number_sections_of(chapter, number),
            false => HashMap::new(),
        };
        let mut targets = number_captions(chapter, index, number);
        targets.extend(section_targets(chapter, index, &section_numbers));
        for (label, target) in targets {
            match labels.get(&label) {
                Some(Target { place, .. }) => errors.push(repeated(&label, &target.place, place)),
                None => _ = labels.insert(label, target),
            }
        }
    }
    for chapter in &mut book.chapters {
        errors.extend(refer(chapter, &labels));
    }
    Error::all(errors)
}

fn repeated(label: &str, place: &Location, first: &Location) -> Error {
    Error::book(place.clone(), format!("the label `{label}` is given twice (first at {first})"))
        .with_help("give each listing, figure, table and section a label of its own")
}

/// Gives each callout without a title of its own its kind's, in the chapter's language.
fn title_callouts(chapter: &mut Chapter) {
    let language = chapter.language.clone();
    chapter.for_each_block_mut(&mut |block| {
        if let BlockKind::Callout(callout) = &mut block.kind {
            if callout.title.is_empty() {
                callout.title = vec![Inline::Text(callout.kind.title(&language).to_string())];
            }
        }
    });
}

/// «6» before the chapter's title, «6.2» before each `##` heading's text;
/// the numbers by heading id.
fn number_sections_of(chapter: &mut Chapter, number: usize) -> HashMap<String, String> {
    let mut sections = 0;
    let mut numbers = HashMap::new();
    chapter.title = format!("{number}\u{a0}{}", chapter.title);
    chapter.for_each_block_mut(&mut |block| {
        let BlockKind::Heading(heading) = &mut block.kind else { return };
        let prefix = match heading.level {
            1 if numbers.is_empty() => number.to_string(),
            2 => {
                sections += 1;
                format!("{number}.{sections}")
            }
            _ => return,
        };
        heading.content.insert(0, Inline::Text(format!("{prefix}\u{a0}")));
        numbers.insert(heading.id.clone(), prefix);
    });
    numbers
}

/// The chapter's `{#sec:name}` headings as targets: their number, or
/// their title in the chapter's quotes.
fn section_targets(chapter: &Chapter, index: usize, numbers: &HashMap<String, String>) -> Vec<(String, Target)> {
    let mut targets = Vec::new();
    chapter.for_each_block(&mut |block| {
        let BlockKind::Heading(heading) = &block.kind else { return };
        if !heading.id.starts_with("sec:") {
            return;
        }
        let text = numbers.get(&heading.id).cloned().unwrap_or_else(|| {
            let title = plain_text(&heading.content);
            if is_russian(&chapter.language) {
                format!("«{title}»")
            } else {
                format!("“{title}”")
            }
        });
        let place = Location::at(&chapter.path, block.line, 0);
        targets.push((heading.id.clone(), Target { chapter: index, text, place }));
    });
    targets
}

/// Numbers the labelled captions of `chapter`; their labels and targets.
fn number_captions(chapter: &mut Chapter, index: usize, number: usize) -> Vec<(String, Target)> {
    let mut counts: HashMap<CaptionKind, usize> = HashMap::new();
    let (language, chapter_path) = (chapter.language.clone(), chapter.path.clone());
    let mut labels = Vec::new();
    chapter.for_each_block_mut(&mut |block| {
        let caption = match &mut block.kind {
            BlockKind::Code(code) => code.caption.as_mut(),
            BlockKind::Table(table) => table.caption.as_mut(),
            BlockKind::Figure(image) => image.caption.as_mut(),
            _ => None,
        };
        let Some(caption) = caption else { return };
        let Some(label) = caption.label.clone() else { return };
        let count = counts.entry(caption.kind).or_default();
        *count += 1;
        let text = format!("{number}.{count}");
        caption.set_number(text.clone(), &language);
        labels.push((label, Target { chapter: index, text, place: Location::at(&chapter_path, block.line, 0) }));
    });
    labels
}

/// The reference kinds: `@lst:`, `@fig:`, `@tbl:`, `@sec:`.
const PREFIXES: [&str; 4] = ["lst:", "fig:", "tbl:", "sec:"];

/// Whether `id` (of a heading or a captioned block) is a label references
/// name — `lst:arena`, `sec:arenas` —, not a slug or an index anchor.
pub fn is_label(id: &str) -> bool {
    PREFIXES.iter().any(|prefix| id.starts_with(prefix))
}

/// What makes a reference a page reference: `@pg:lst:arena`.
const PAGE: &str = "pg:";

/// Turns the references of `chapter` into links; the unknown ones are errors.
fn refer(chapter: &mut Chapter, labels: &HashMap<String, Target>) -> Vec<Error> {
    let mut errors = Vec::new();
    let path = chapter.path.clone();
    let source = std::mem::take(&mut chapter.source);
    let mut columns = Columns { source: &source, lines: None, cursor: (0, 0) };
    chapter.for_each_inline_run_at_mut(&mut |_, inlines, line| {
        if !inlines.iter().any(may_refer) {
            return;
        }
        let mut lookup = |reference: &str, line| {
            let (column, escaped) = columns.of(line, reference);
            match labels.get(reference.strip_prefix(PAGE).unwrap_or(reference)) {
                _ if escaped => Ok(None),
                Some(target) => Ok(Some((target.clone(), column))),
                None => Err(unknown(&path, line, column, reference)),
            }
        };
        refer_in(inlines, &mut { line }, &mut lookup, &mut errors);
    });
    chapter.source = source;
    errors
}

/// Whether `inline` may hold a reference: text with an `@`, or emphasis.
fn may_refer(inline: &Inline) -> bool {
    match inline {
        Inline::Text(text) => text.contains('@'),
        Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => c.iter().any(may_refer),
        Inline::Foreign(foreign) => foreign.content.iter().any(may_refer),
        _ => false,
    }
}

/// A reference's target and column; `None` for one escaped as `\@lst:name`.
type Lookup<'a> = dyn FnMut(&str, usize) -> std::result::Result<Option<(Target, usize)>, Error> + 'a;

/// Rewrites the references in `inlines`, counting source lines from `line`.
/// The run is rebuilt once, so a paragraph of many references stays linear.
fn refer_in(inlines: &mut Vec<Inline>, line: &mut usize, lookup: &mut Lookup, errors: &mut Vec<Error>) {
    let old = std::mem::take(inlines);
    inlines.reserve(old.len());
    for inline in old {
        match inline {
            Inline::Text(text) if text.contains('@') => {
                for piece in split_references(&text) {
                    match piece {
                        Piece::Text(t) => push_text(inlines, &t),
                        Piece::Reference(label) => match lookup(&label, *line) {
                            Ok(Some((target, column))) => {
                                // «листинг 6.2»: the noun and its number stay on one line.
                                if let Some(Inline::Text(before)) = inlines.last_mut() {
                                    if before.ends_with(' ') {
                                        before.pop();
                                        before.push('\u{a0}');
                                    }
                                }
                                inlines.push(link(&label, target, *line, column));
                            }
                            Ok(None) => push_text(inlines, &format!("@{label}")),
                            Err(error) => {
                                errors.push(error);
                                push_text(inlines, &format!("@{label}"));
                            }
                        },
                    }
                }
            }
            Inline::SoftBreak | Inline::HardBreak => {
                *line += 1;
                inlines.push(inline);
            }
            Inline::Emphasis(mut content) => {
                refer_in(&mut content, line, lookup, errors);
                inlines.push(Inline::Emphasis(content));
            }
            Inline::Strong(mut content) => {
                refer_in(&mut content, line, lookup, errors);
                inlines.push(Inline::Strong(content));
            }
            Inline::Strikethrough(mut content) => {
                refer_in(&mut content, line, lookup, errors);
                inlines.push(Inline::Strikethrough(content));
            }
            Inline::Foreign(mut foreign) => {
                refer_in(&mut foreign.content, line, lookup, errors);
                inlines.push(Inline::Foreign(foreign));
            }
            // A link's text is the author's; a reference inside it would nest links.
            other => inlines.push(other),
        }
    }
}

/// Appends `text` to the run, to the text before it if there is one.
fn push_text(inlines: &mut Vec<Inline>, text: &str) {
    match inlines.last_mut() {
        Some(Inline::Text(before)) => before.push_str(text),
        _ if text.is_empty() => {}
        _ => inlines.push(Inline::Text(text.to_string())),
    }
}

/// Finds the columns of references in the source, in reading order: each
/// search starts where the last one on that line ended, so a line of many
/// references is read once.
struct Columns<'a> {
    source: &'a str,
    /// Made at the first reference: most chapters have none.
    lines: Option<LineIndex<'a>>,
    /// The line searched last, and the byte where its next search starts.
    cursor: (usize, usize),
}

impl Columns<'_> {
    /// The column of `@label` on `line` (0 if not found there), and whether
    /// it is escaped, `\@label`: text, not a reference.
    fn of(&mut self, line: usize, label: &str) -> (usize, bool) {
        let source = self.source;
        let lines = self.lines.get_or_insert_with(|| LineIndex::new(source));
        let Some(line_start) = lines.line_start(line) else { return (0, false) };
        let from = if self.cursor.0 == line { self.cursor.1 } else { line_start };
        let end = lines.line_start(line + 1).unwrap_or(source.len());
        let needle = format!("@{label}");
        match source.get(from..end).and_then(|text| text.find(&needle)) {
            Some(at) => {
                self.cursor = (line, from + at + needle.len());
                let escaped = source[..from + at].ends_with('\\');
                (lines.line_column(from + at).1, escaped)
            }
            None => (0, false),
        }
    }
}

/// The link a reference becomes: to the target, its text the target's
/// number, or for a page reference (`pg:lst:name`) its page's.
fn link(reference: &str, target: Target, line: usize, column: usize) -> Inline {
    let (content, label) = match reference.strip_prefix(PAGE) {
        Some(label) => (Inline::PageNumber(PageNumber { label: label.to_string(), folio: None }), label),
        None => (Inline::Text(target.text), reference),
    };
    Inline::Link(Link {
        target: LinkTarget::Internal { chapter: target.chapter, anchor: Some(label.to_string()) },
        url: format!("#{label}"),
        title: String::new(),
        content: vec![content],
        line,
        column,
    })
}

fn unknown(path: &std::path::Path, line: usize, column: usize, reference: &str) -> Error {
    let label = reference.strip_prefix(PAGE).unwrap_or(reference);
    Error::book(Location::at(path, line, column), format!("reference to `@{reference}`, but no label `{label}` in the book"))
        .with_help("label a listing ```{#lst:name}, a figure ![…](…){#fig:name}, a table `: … {#tbl:name}` or a heading {#sec:name}; a literal @ is written \\@")
}

#[derive(Debug, PartialEq)]
enum Piece {
    Text(String),
    Reference(String),
}

/// `text` split at its references: `@lst:name` (the `@` not inside a word,
/// as in an e-mail address), also in pandoc's brackets `[@lst:name]`.
fn split_references(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = text;
    let mut plain = String::new();
    while let Some(at) = rest.find('@') {
        let before = &rest[..at];
        let after = &rest[at + 1..];
        let starts_word = !before.ends_with(|c: char| c.is_alphanumeric() || c == '_');
        let label = starts_word.then(|| reference_label(after)).flatten();
        let Some(label) = label else {
            plain.push_str(&rest[..at + 1]);
            rest = after;
            continue;
        };
        // `[@lst:name]`: the brackets go with the reference.
        let bracketed = before.ends_with('[') && after[label.len()..].starts_with(']');
        plain.push_str(if bracketed { &before[..before.len() - 1] } else { before });
        pieces.push(Piece::Text(std::mem::take(&mut plain)));
        pieces.push(Piece::Reference(label.to_string()));
        rest = &after[label.len() + usize::from(bracketed)..];
    }
    plain.push_str(rest);
    pieces.push(Piece::Text(plain));
    pieces
}

/// `lst:name` (or `pg:lst:name`) at the start of `text`, without trailing punctuation.
fn reference_label(text: &str) -> Option<&str> {
    let page = if text.starts_with(PAGE) { PAGE.len() } else { 0 };
    let prefix = PREFIXES.iter().find(|p| text[page..].starts_with(*p))?;
    let end = text.find(|c: char| !(c.is_alphanumeric() || "_-:.".contains(c))).unwrap_or(text.len());
    let label = text[..end].trim_end_matches(['.', ':']);
    (label.len() > page + prefix.len()).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(label: &str) -> Piece {
        Piece::Reference(label.into())
    }

    fn text(t: &str) -> Piece {
        Piece::Text(t.into())
    }

    #[test]
    fn references_are_found_in_prose() {
        assert_eq!(
            split_references("в листинге @lst:arena."),
            [text("в листинге "), reference("lst:arena"), text(".")]
        );
        assert_eq!(
            split_references("(см. [@fig:heap], @tbl:a-b_c: и @sec:x)"),
            [
                text("(см. "),
                reference("fig:heap"),
                text(", "),
                reference("tbl:a-b_c"),
                text(": и "),
                reference("sec:x"),
                text(")")
            ]
        );
        assert_eq!(split_references("user@lst:x @lst: @foo:x @pg:x"), [text("user@lst:x @lst: @foo:x @pg:x")]);
        assert_eq!(split_references("с. @pg:sec:a."), [text("с. "), reference("pg:sec:a"), text(".")]);
    }
}

#[cfg(test)]
mod book_tests {
    use crate::document::{load, plain_text, Block, BlockKind, Book, Inline, LinkTarget, PageNumber};
    use crate::manifest::Manifest;

    /// The book of `chapters` (file name, Markdown), with `book` lines added to `[book]`.
    fn book(book: &str, chapters: &[(&str, &str)]) -> crate::error::Result<Book> {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = format!("[book]\ntitle = \"К\"\nauthors = [\"А\"]\n{book}\n");
        for (file, markdown) in chapters {
            std::fs::write(dir.path().join(file), markdown).unwrap();
            manifest.push_str(&format!("[[chapters]]\nfile = \"{file}\"\n"));
        }
        std::fs::write(dir.path().join("book.toml"), manifest).unwrap();
        load(Manifest::load(dir.path()).unwrap())
    }

    fn paragraph(blocks: &[Block], index: usize) -> &[Inline] {
        let BlockKind::Paragraph(inlines) = &blocks[index].kind else { panic!("{:?}", blocks[index]) };
        inlines
    }

    const FIRST: &str = "# Первая\n\n```{#lst:a .zig caption=\"Первый\"}\nx;\n```\n\n```zig {#lst:b}\ny;\n```\n\n## Раздел {#sec:part}\n";
    const SECOND: &str = "# Вторая\n\nСм. листинг @lst:b,\nраздел @sec:part и [@lst:a].\n";

    #[test]
    fn labelled_blocks_are_numbered_per_chapter_and_referred_to() {
        let book = book("", &[("a.md", FIRST), ("b.md", SECOND)]).unwrap();
        let BlockKind::Code(first) = &book.chapters[0].blocks[1].kind else { panic!() };
        let caption = first.caption.as_ref().unwrap();
        assert_eq!((caption.number.as_deref(), caption.lead.as_deref()), (Some("1.1"), Some("Листинг\u{a0}1.1. ")));
        let BlockKind::Code(second) = &book.chapters[0].blocks[2].kind else { panic!() };
        assert_eq!(second.caption.as_ref().unwrap().lead.as_deref(), Some("Листинг\u{a0}1.2"));
        let inlines = paragraph(&book.chapters[1].blocks, 1);
        assert_eq!(plain_text(inlines), "См. листинг\u{a0}1.2, раздел\u{a0}«Раздел» и\u{a0}1.1.");
        let Inline::Link(link) = &inlines[1] else { panic!("{inlines:?}") };
        assert_eq!(link.target, LinkTarget::Internal { chapter: 0, anchor: Some("lst:b".into()) });
        let Inline::Link(section) = &inlines[5] else { panic!("{inlines:?}") };
        assert_eq!((section.line, section.column), (4, 8));
    }

    #[test]
    fn numbered_sections_carry_their_numbers_everywhere() {
        let book = book("number-sections = true", &[("a.md", FIRST), ("b.md", SECOND)]).unwrap();
        assert_eq!(book.chapters[1].title, "2\u{a0}Вторая");
        let BlockKind::Heading(section) = &book.chapters[0].blocks[3].kind else { panic!() };
        assert_eq!(plain_text(&section.content), "1.1\u{a0}Раздел");
        assert!(plain_text(paragraph(&book.chapters[1].blocks, 1)).contains("раздел\u{a0}1.1 и"));
    }

    #[test]
    fn english_chapters_get_english_titles() {
        let chapter = format!("{FIRST}\n> [!CAUTION]\n> Text.\n\nSee @sec:part.\n");
        let book = book("language = \"en\"", &[("a.md", &chapter)]).unwrap();
        let BlockKind::Code(first) = &book.chapters[0].blocks[1].kind else { panic!() };
        assert_eq!(first.caption.as_ref().unwrap().lead.as_deref(), Some("Listing\u{a0}1.1: "));
        let BlockKind::Callout(callout) = &book.chapters[0].blocks[4].kind else { panic!() };
        assert_eq!(plain_text(&callout.title), "Caution");
        assert_eq!(plain_text(paragraph(&book.chapters[0].blocks, 5)), "See\u{a0}“Раздел”.");
    }

    #[test]
    fn page_references_link_to_their_target_and_escaped_ones_are_text() {
        let second = "# Вторая\n\nНа с. @pg:lst:b, \\@lst:b и \\@pg:lst:a, `@lst:b`, me@lst:b.\n";
        let loaded = book("", &[("a.md", FIRST), ("b.md", second)]).unwrap();
        let inlines = paragraph(&loaded.chapters[1].blocks, 1);
        let Inline::Link(link) = &inlines[1] else { panic!("{inlines:?}") };
        assert_eq!(link.target, LinkTarget::Internal { chapter: 0, anchor: Some("lst:b".into()) });
        assert_eq!(link.content, [Inline::PageNumber(PageNumber { label: "lst:b".into(), folio: None })]);
        assert_eq!((link.line, link.column), (3, 7));
        assert_eq!(plain_text(inlines), "На с.\u{a0}?, @lst:b и @pg:lst:a, @lst:b, me@lst:b.");
        let error = book("", &[("a.md", FIRST), ("b.md", "Текст\nс. @pg:lst:нет.\n")]).unwrap_err().to_string();
        assert!(error.contains("b.md:2:4: error: reference to `@pg:lst:нет`, but no label `lst:нет`"), "{error}");
    }

    #[test]
    fn unknown_and_repeated_labels_are_errors_at_their_lines() {
        let second = format!("{SECOND}\nИ ещё @fig:нет.\n\n```{{#lst:a}}\nz;\n```\n");
        let error = book("", &[("a.md", FIRST), ("b.md", &second)]).unwrap_err().to_string();
        assert!(
            error.contains("b.md:6:7: error: reference to `@fig:нет`, but no label `fig:нет` in the book"),
            "{error}"
        );
        assert!(error.contains("b.md:8: error: the label `lst:a` is given twice (first at "), "{error}");
        assert!(error.contains("a.md:3)"), "{error}");
    }
}
