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

use crate::document::Book;
use crate::error::Result;

/// Renders `book` as the bytes of a PDF file.
pub fn render(book: &Book) -> Result<Vec<u8>> {
    let fonts = fonts::FontBook::load(&book.manifest)?;
    let document = compose::compose(book, &fonts)?;
    writer::write(&document, &fonts, book)
}
