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
//!   ToUnicode, outline, links, metadata, page labels).

pub mod compose;
pub mod fonts;
pub mod page;
pub mod paragraph;
pub mod writer;

use crate::diagnostic::Warned;
use crate::document::{unprintable_images, Book, PageMap};
use crate::error::{Error, Result};

/// Renders `book` as the bytes of a PDF file, with warnings about what it
/// could not show as written.
pub fn render(book: &Book) -> Result<Warned<Vec<u8>>> {
    let typeset = typeset(book)?;
    Ok(Warned::new(typeset.output.write(book)?, typeset.warnings))
}

/// The print edition laid out on pages, not yet written.
pub struct Typeset {
    document: page::Document,
}

/// Lays `book` out on pages: all the typesetting, none of the writing; with
/// warnings about what the pages cannot show as written.
pub fn typeset(book: &Book) -> Result<Warned<Typeset>> {
    Error::all(unprintable_images(book))?;
    let fonts = fonts::FontBook::load(&book.manifest)?;
    let warnings = fonts::missing_glyphs(book, &fonts);
    let document = compose::compose(book, &fonts)?;
    Ok(Warned::new(Typeset { document }, warnings))
}

impl Typeset {
    /// Where each page begins in the book.
    pub fn page_map(&self) -> &PageMap {
        &self.document.page_map
    }

    /// The bytes of the PDF file. The fonts are loaded again (the same
    /// fonts, so the same ids): a font book's caches stay on one thread,
    /// and the writing may run on another, beside the EPUB.
    pub fn write(&self, book: &Book) -> Result<Vec<u8>> {
        writer::write(&self.document, &fonts::FontBook::load(&book.manifest)?, book)
    }
}
