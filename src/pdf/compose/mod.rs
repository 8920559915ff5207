//! Composition: the book's blocks → pages of positioned glyph runs, rules,
//! images and links.
//!
//! Input: the finished [`Book`] and the [`FontBook`]. Output: a
//! [`page::Document`](Document) for the writer. The pipeline:
//!
//! 1. [`geometry`]: `[pdf]` → trim, mirrored margins, text block, body size;
//! 2. [`blocks`] (with [`listing`], [`table`], [`figure`], [`footnotes`]):
//!    each chapter → a galley of unbreakable slabs;
//! 3. [`pages`]: galleys → pages (keeps, widows and orphans, footnotes),
//!    every chapter from a recto, a blank verso where needed;
//! 4. [`index`]: the subject index after the body, with the pages of its
//!    anchors; [`frontmatter`]: title page, imprint, contents with the body's folios;
//! 5. [`running`]: running heads and folios;
//! 6. [`resolve`]: links and bookmarks → page numbers, now that all are known.
//!
//! Along the way every setter records the logical structure ([`structure`]):
//! the front matter's part, and a section per chapter; and every slab of
//! text where it begins in the model ([`galley::Start`]), so each page knows
//! where it begins: the document's [`PageMap`], for the e-book's page list.
//!
//! The body is set before the front matter, so the contents know every page
//! number in one pass; destinations are resolved only at the end, so forward
//! references need no second pass either.

mod blocks;
mod callout;
mod caption;
mod figure;
mod footnotes;
mod frontmatter;
mod galley;
mod geometry;
mod index;
mod listing;
mod pages;
mod problems;
mod resolve;
mod running;
mod structure;
mod table;
pub(crate) mod text;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::document::{is_label, is_russian, Book, FrontPage, PageMap, PageStart, Position, PrintPage};
use crate::error::{Error, Result};
use crate::highlight::Theme;

use super::fonts::FontBook;
use super::page::{Document, Element, PageLabel, Role, StructurePart};
use blocks::Setter;
use frontmatter::Entry;
use galley::{Destination, Target};
use geometry::Layout;
use pages::Draft;
use problems::Problems;
use running::Head;
use structure::Structure;

/// The largest size, in points, `image` is set at as a figure in this
/// book: in the body's measure and text block (in a list or a quote it is
/// set narrower). A page the manifest cannot make is an error.
pub fn largest_figure_size(manifest: &crate::manifest::Manifest, image: &crate::document::Image) -> Result<(f32, f32)> {
    let layout = Layout::new(manifest)?;
    Ok(figure::placed_size(figure::natural_size(image), layout.measure, layout.height))
}

/// Lays the whole book out on pages.
pub fn compose(book: &Book, fonts: &FontBook) -> Result<Document> {
    compose_keeping(book, fonts, &mut KeptChapters::default())
}

/// Chapters set by one layout of a book, for the next: a chapter without
/// page references is set the same way again (every chapter is paged on
/// its own, from a recto), so a layout repeated for the numbers of page
/// references sets only the chapters that hold them anew.
#[derive(Default)]
pub struct KeptChapters {
    /// By chapter: whether it may be kept, and once set, its pages.
    chapters: Vec<(bool, Option<ComposedChapter>)>,
}

impl KeptChapters {
    /// Keeps the chapters of `book` that hold no page reference.
    pub fn without_page_references(book: &Book) -> KeptChapters {
        KeptChapters { chapters: book.chapters.iter().map(|c| (!c.has_page_references(), None)).collect() }
    }

    fn get(&self, chapter: usize) -> Option<&ComposedChapter> {
        self.chapters.get(chapter).and_then(|(_, kept)| kept.as_ref())
    }

    /// Keeps a copy of each chapter of `set` that may be kept and is not yet.
    fn keep(&mut self, set: &[ComposedChapter]) {
        for ((keep, kept), chapter) in self.chapters.iter_mut().zip(set) {
            if *keep && kept.is_none() {
                *kept = Some(chapter.clone());
            }
        }
    }
}

/// [`compose`], taking the chapters `kept` holds from a layout before and
/// keeping there those it may keep.
pub fn compose_keeping(book: &Book, fonts: &FontBook, kept: &mut KeptChapters) -> Result<Document> {
    let layout = Layout::new(&book.manifest)?;
    let theme = Theme::print(book.manifest.highlight.print_colors);
    let front_structure = Structure::new(0, None);
    let front_problems = Problems::default();
    let setter = |chapter| Setter {
        fonts,
        layout: &layout,
        theme: &theme,
        chapter,
        source: &book.manifest.path,
        structure: &front_structure,
        problems: &front_problems,
    };
    // Every chapter starts on a recto, so each is paged on its own, side by
    // side; shaping caches are not shared between threads, so each worker
    // loads its own font book (the same fonts, so the same font ids).
    // Few, large batches: each batch loads a font book with an empty cache.
    let batch = book.chapters.len().div_ceil(2 * rayon::current_num_threads()).max(1);
    let mut chapters: Vec<ComposedChapter> = book
        .chapters
        .par_iter()
        .enumerate()
        .with_min_len(batch)
        .map_init(
            || FontBook::load(&book.manifest),
            |worker_fonts, (i, chapter)| {
                if let Some(set) = kept.get(i) {
                    return Ok(set.clone());
                }
                let fonts = worker_fonts.as_ref().map_err(|e| Error::render("PDF", e))?;
                let structure = chapter_structure(book, i);
                let (source, problems) = (&chapter.path, Problems::default());
                let setter = Setter {
                    fonts,
                    layout: &layout,
                    theme: &theme,
                    chapter: i,
                    source,
                    structure: &structure,
                    problems: &problems,
                };
                let drafts = pages::chapter_pages(setter.chapter(chapter)?, &layout);
                Ok(ComposedChapter { drafts, structure: structure.finish(), warnings: problems.into_warnings() })
            },
        )
        .collect::<Result<_>>()?;
    kept.keep(&chapters);
    let mut warnings: Vec<Diagnostic> = chapters.iter_mut().flat_map(|c| std::mem::take(&mut c.warnings)).collect();
    let (chapters, chapter_structures): (Vec<_>, Vec<_>) =
        chapters.into_iter().map(|c| (c.drafts, c.structure)).unzip();
    let mut body = body_sheets(book, chapters);
    let index_structure = part_structure(book.chapters.len(), None);
    if let Some(subject) = &book.index {
        let setter = Setter { structure: &index_structure, ..setter(0) };
        index_sheets(&setter, book, subject, &mut body);
    }
    let front = front_sheets(&setter(0), book, &contents_entries(&body))?;
    let labels = (1..=front.len() as u32).map(PageLabel::Roman).chain((1..).map(PageLabel::Arabic));
    let mut page_map = PageMap::default();
    let drafts = front
        .into_iter()
        .chain(body)
        .zip(labels)
        .enumerate()
        .map(|(index, (sheet, label))| {
            page_map.pages.push(PrintPage { folio: folio(label), start: sheet.start.clone() });
            for (mark, _) in &sheet.draft.marks {
                if let Destination::Heading(_, id) = &mark.destination {
                    if is_label(id) {
                        page_map.labels.entry(id.clone()).or_insert(index);
                    }
                }
            }
            (sheet.finish(index % 2 == 0, label, &layout, &setter(0)), label)
        })
        .collect();
    let index_part = book.index.is_some().then(|| index_structure.finish());
    let structure = std::iter::once(front_structure.finish()).chain(chapter_structures).chain(index_part).collect();
    warnings.extend(front_problems.into_warnings());
    Ok(Document { page_map, warnings, ..resolve::document(layout.paper, drafts, structure) })
}

/// Chapter `index`'s structure: one section, in the chapter's language
/// where that is not the book's; part 0 is the front matter.
fn chapter_structure(book: &Book, index: usize) -> Structure {
    let language = &book.chapters[index].language;
    let lang = (*language != book.manifest.book.language).then(|| language.clone());
    part_structure(index, lang)
}

/// The structure of the part after the `index`th: one section.
fn part_structure(index: usize, lang: Option<String>) -> Structure {
    let section = Element { lang, ..Element::new(Role::Sect, None) };
    Structure::new(u32::try_from(index + 1).unwrap_or(u32::MAX), Some(section))
}

/// A chapter set on its pages, with its part of the structure and the
/// warnings about its lines.
#[derive(Clone)]
struct ComposedChapter {
    drafts: Vec<Draft>,
    structure: StructurePart,
    warnings: Vec<Diagnostic>,
}

/// The subject index's pages after the body's, from a recto.
fn index_sheets(setter: &Setter, book: &Book, subject: &crate::document::SubjectIndex, body: &mut Vec<Sheet>) {
    let mut anchor_pages = index::AnchorPages::default();
    for (number, sheet) in (1..).zip(body.iter()) {
        for (mark, _) in &sheet.draft.marks {
            if let galley::Destination::Heading(chapter, id) = &mark.destination {
                anchor_pages.entry((*chapter, id.as_str())).or_insert(number);
            }
        }
    }
    let russian = is_russian(&book.manifest.book.language);
    let pages = index::pages(setter, &book.manifest, subject, &anchor_pages, russian);
    // The blank verso before the index ends the text.
    let last = book.chapters.len().saturating_sub(1);
    let end = PageStart::Text(Position::chapter_end(last, book.chapters.get(last).map_or(0, |c| c.blocks.len())));
    if body.len() % 2 == 1 {
        body.push(Sheet::bare(end));
    }
    let heads = [book.manifest.book.title.clone(), subject.title.clone()];
    for (i, (draft, entry)) in pages.into_iter().enumerate() {
        let role = if i == 0 { running::Role::Opening } else { running::Role::Running };
        body.push(Sheet { draft, role, heads: heads.clone(), start: PageStart::Index(entry) });
    }
}

/// A page with what its head needs to know.
struct Sheet {
    draft: Draft,
    role: running::Role,
    /// The running heads of a verso and of a recto.
    heads: [String; 2],
    /// Where the page begins in the book.
    start: PageStart,
}

/// The folio printed for `label`.
fn folio(label: PageLabel) -> String {
    match label {
        PageLabel::Roman(n) => running::roman(n),
        PageLabel::Arabic(n) => n.to_string(),
        PageLabel::None => String::new(),
    }
}

impl Sheet {
    /// A page with nothing on it but what it begins with.
    fn bare(start: PageStart) -> Sheet {
        Sheet { draft: Draft::default(), role: running::Role::Bare, heads: Default::default(), start }
    }

    /// Adds the running head and folio.
    fn finish(mut self, recto: bool, label: PageLabel, layout: &Layout, setter: &Setter) -> Draft {
        let folio = folio(label);
        let head = Head { role: self.role, recto, folio: &folio, title: &self.heads[usize::from(recto)] };
        running::decorate(&mut self.draft, &head, layout, setter.fonts, setter.serif(false, false));
        self.draft
    }
}

/// The chapters' pages in order, each chapter from a recto.
fn body_sheets(book: &Book, chapters: Vec<Vec<Draft>>) -> Vec<Sheet> {
    let mut sheets = Vec::new();
    let end = |index: usize| Position::chapter_end(index, book.chapters[index].blocks.len());
    for (index, (chapter, drafts)) in book.chapters.iter().zip(chapters).enumerate() {
        if sheets.len() % 2 == 1 {
            // A blank verso: after the chapter before.
            sheets.push(Sheet::bare(PageStart::Text(end(index.saturating_sub(1)))));
        }
        let heads = [book.manifest.book.title.clone(), chapter.title.clone()];
        let starts = page_starts(&drafts, index, end(index));
        for (i, (draft, start)) in drafts.into_iter().zip(starts).enumerate() {
            let role = if i == 0 { running::Role::Opening } else { running::Role::Running };
            sheets.push(Sheet { draft, role, heads: heads.clone(), start: PageStart::Text(start) });
        }
    }
    sheets
}

/// Where each of chapter `chapter`'s pages begins: its first text, or for a
/// page of notes alone where the next page's text (or the chapter's `end`) does.
fn page_starts(drafts: &[Draft], chapter: usize, end: Position) -> Vec<Position> {
    let mut next = end;
    let mut starts: Vec<Position> = drafts
        .iter()
        .rev()
        .map(|draft| {
            if let Some(start) = &draft.start {
                next = Position { chapter, path: start.path.clone(), offset: start.offset };
            }
            next.clone()
        })
        .collect();
    starts.reverse();
    starts
}

/// The contents: chapters and sections of the body, with their folios.
fn contents_entries(body: &[Sheet]) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (index, sheet) in body.iter().enumerate() {
        for (mark, _) in &sheet.draft.marks {
            if let Some((level @ 1..=2, title)) = &mark.outline {
                let destination = mark.destination.clone();
                entries.push(Entry {
                    level: *level,
                    title: title.clone(),
                    destination,
                    folio: (index + 1).to_string(),
                });
            }
        }
    }
    entries
}

/// Title page, imprint, contents, and a blank page if needed so the body starts on a recto.
fn front_sheets(setter: &Setter, book: &Book, entries: &[Entry]) -> Result<Vec<Sheet>> {
    let front = [FrontPage::Title, FrontPage::Imprint].into_iter().map(PageStart::Front);
    let mut sheets: Vec<Sheet> = frontmatter::title_pages(setter, book)?
        .into_iter()
        .zip(front)
        .map(|(draft, start)| Sheet { draft, ..Sheet::bare(start) })
        .collect();
    let title = frontmatter::contents_title(book);
    let heads = [title.to_string(), title.to_string()];
    for (i, draft) in frontmatter::contents(setter, title, entries).into_iter().enumerate() {
        let role = if i == 0 { running::Role::Opening } else { running::Role::Running };
        let entry = if i == 0 { None } else { first_entry(&draft) };
        let start = PageStart::Front(FrontPage::Contents(entry));
        sheets.push(Sheet { draft, role, heads: heads.clone(), start });
    }
    if sheets.len() % 2 == 1 {
        sheets.push(Sheet::bare(PageStart::Front(FrontPage::Blank)));
    }
    Ok(sheets)
}

/// The chapter (and heading) of the first contents entry on a page.
fn first_entry(draft: &Draft) -> Option<(usize, Option<String>)> {
    draft.links.iter().find_map(|link| match &link.target {
        Target::Place(Destination::Chapter(chapter)) => Some((*chapter, None)),
        Target::Place(Destination::Heading(chapter, id)) => Some((*chapter, Some(id.clone()))),
        _ => None,
    })
}

#[cfg(test)]
mod tests;
