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
use crate::document::{unprintable_images, Book};
use crate::error::{Error, Result};

/// Renders `book` as the bytes of a PDF file, with warnings about what it
/// could not show as written.
pub fn render(book: &Book) -> Result<Warned<Vec<u8>>> {
    Error::all(unprintable_images(book))?;
    let fonts = fonts::FontBook::load(&book.manifest)?;
    let warnings = fonts::missing_glyphs(book, &fonts);
    let document = compose::compose(book, &fonts)?;
    Ok(Warned::new(writer::write(&document, &fonts, book)?, warnings))
}
