//! The PDF edition: the finished model → a print-ready PDF typeset by our
//! own engine.
//!
//! ```text
//! fonts ─► paragraph ─► compose ─► writer
//! (load,   (inline →    (blocks →   (page::Document →
//!  shape)   lines)       pages)      printpdf bytes)
//! ```
//!
//! - [`fonts`]: the font families from `fonts/`, shaping with rustybuzz, a cache;
//! - [`paragraph`]: inline content → boxes, glue, penalties → Knuth–Plass lines;
//! - [`compose`]: the book's blocks → pages: geometry, front matter, contents,
//!   headings, listings, footnotes, running heads;
//! - [`page`]: what compose hands the writer: pages of positioned glyph runs,
//!   rules and links, plus the outline;
//! - [`writer`]: page descriptions → PDF bytes with printpdf (subset fonts,
//!   ToUnicode, outline, links, metadata, page labels);
//! - [`pdfx`]: what makes a print file PDF/X-4 (boxes, crop marks, output
//!   intent, identification), for any document writer;
//! - [`preflight`]: the print file's image checks, shared with `check`.
//!
//! One layout makes both PDF editions ([`Edition`]): the same pages, written
//! twice.

pub mod compose;
pub mod fonts;
pub mod page;
pub mod paragraph;
pub mod pdfx;
pub mod preflight;
pub mod writer;

use crate::diagnostic::Warned;
use crate::document::{Book, PageMap};
use crate::error::{Error, Result};
use crate::manifest::Press;

/// The PDFs one layout makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// For readers: links, outline, colour listings if the book asks, the
    /// trimmed page alone.
    Reader,
    /// For the print shop: PDF/X-4 for this press, grey, bleed and crop
    /// marks, no annotations.
    Print(Press),
    /// The cover spread ([`crate::cover`]) for this press: PDF/X-4 in its
    /// colours (sRGB for the RIP to separate, greys on the black plate),
    /// bleed, crop and fold marks.
    Cover(Press),
}

/// Renders `book` as the bytes of each PDF edition, in the order given,
/// from one layout, with warnings about what it could not show as written.
pub fn render(book: &mut Book, editions: &[Edition]) -> Result<Warned<Vec<Vec<u8>>>> {
    let printing = editions.iter().any(|edition| matches!(edition, Edition::Print(_)));
    let preflight = if printing { preflight::print_file(book)? } else { Vec::new() };
    let mut typeset = typeset(book)?;
    let files = editions.iter().map(|&edition| typeset.output.write(book, edition)).collect::<Result<_>>()?;
    typeset.warnings.extend(preflight);
    Ok(Warned::new(files, typeset.warnings))
}

/// The print edition laid out on pages, not yet written.
pub struct Typeset {
    document: page::Document,
}

/// Lays `book` out on pages: all the typesetting, none of the writing; with
/// warnings about what the pages cannot show as written.
///
/// A book with page references (`@pg:lst:arena`) is laid out again until
/// they settle, as LaTeX is run again: the first layout sets them as
/// «?», each next one with the folios the one before found, until a layout
/// finds the folios it showed — or after [`LAYOUTS`] layouts, whose last
/// then shows the numbers of the one before it, and each reference still
/// wrong is a warning. The folios found last are left in the model, for
/// the e-book. A book without page references is laid out once; a layout
/// after the first sets anew only the chapters that hold page references.
pub fn typeset(book: &mut Book) -> Result<Warned<Typeset>> {
    Error::all(preflight::unprintable_images(book))?;
    let fonts = fonts::FontBook::load(&book.manifest)?;
    let mut warnings = fonts::missing_glyphs(book, &fonts);
    let mut kept = compose::KeptChapters::without_page_references(book);
    let mut document = compose::compose_keeping(book, &fonts, &mut kept)?;
    let mut layouts = 1;
    loop {
        let changed = book.set_page_numbers(&document.page_map);
        if changed.is_empty() {
            break;
        }
        if layouts == LAYOUTS {
            warnings.extend(changed.iter().map(unsettled));
            break;
        }
        document = compose::compose_keeping(book, &fonts, &mut kept)?;
        layouts += 1;
    }
    warnings.append(&mut document.warnings);
    Ok(Warned::new(Typeset { document }, warnings))
}

/// The most layouts page references may take to settle. Two are the rule
/// (a placeholder, then the numbers); more are needed when the numbers'
/// widths move targets to other pages (a thousand references in one
/// chapter to the next, whose start their widths move, take four).
pub const LAYOUTS: usize = 5;

/// The warning about a page reference that did not settle.
fn unsettled(reference: &crate::document::ChangedPageNumber) -> crate::diagnostic::Diagnostic {
    let location = crate::error::Location::at(&reference.path, reference.line, reference.column);
    let message = format!(
        "the page reference `@pg:{}` reads «{}» in the PDF, but its target is on page {}: the page numbers did not settle after {LAYOUTS} layouts",
        reference.label,
        reference.was.as_deref().unwrap_or(crate::document::PageNumber::UNKNOWN),
        reference.now,
    );
    crate::diagnostic::Diagnostic::warning(crate::diagnostic::Category::Layout, location, message)
        .with_help("a number's width moves its target between pages: reword the sentence around the reference or its target (the e-book has the right number)")
}

impl Typeset {
    /// Where each page begins in the book.
    pub fn page_map(&self) -> &PageMap {
        &self.document.page_map
    }

    /// How many pages the edition has (the cover's spine is as thick as they are).
    pub fn pages(&self) -> usize {
        self.document.pages.len()
    }

    /// The bytes of one PDF edition. The fonts are loaded again (the same
    /// fonts, so the same ids): a font book's caches stay on one thread,
    /// and the writing may run on another, beside the EPUB.
    pub fn write(&self, book: &Book, edition: Edition) -> Result<Vec<u8>> {
        writer::write(&self.document, &fonts::FontBook::load(&book.manifest)?, book, edition)
    }
}
