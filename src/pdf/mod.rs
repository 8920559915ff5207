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

use crate::document::{Book, ImageFormat};
use crate::error::{Error, Location, Result};

/// Renders `book` as the bytes of a PDF file.
pub fn render(book: &Book) -> Result<Vec<u8>> {
    Ok(render_counted(book)?.0)
}

/// [`render`], with the number of pages it set (the cover's spine is as
/// thick as they are).
pub fn render_counted(book: &Book) -> Result<(Vec<u8>, usize)> {
    Error::all(unprintable_images(book))?;
    let fonts = fonts::FontBook::load(&book.manifest)?;
    let document = compose::compose(book, &fonts)?;
    Ok((writer::write(&document, &fonts, book)?, document.pages.len()))
}

/// The number of pages `book` sets into, laid out but not written (for
/// `check`, which says whether the cover's spine holds its text).
pub fn count_pages(book: &Book) -> Result<usize> {
    let fonts = fonts::FontBook::load(&book.manifest)?;
    Ok(compose::compose(book, &fonts)?.pages.len())
}

/// Whether the print edition can show an image of `format`.
fn can_print(format: ImageFormat) -> bool {
    matches!(format, ImageFormat::Png | ImageFormat::Jpeg)
}

/// Every image the print edition cannot show, as an error at its line
/// (`render` stops on them before any work is done; `check` reports them).
pub fn unprintable_images(book: &Book) -> Vec<Error> {
    let mut errors = Vec::new();
    for chapter in &book.chapters {
        chapter.for_each_image(&mut |image, line| {
            let format = image.format;
            if !can_print(format) {
                let message =
                    format!("image `{}`: the print edition takes PNG and JPEG only, not {}", image.src, format.name());
                errors.push(
                    Error::book(Location::at(&chapter.path, line, 0), message).with_help(
                        "convert it to PNG (SVG: rsvg-convert -d 300), or build the EPUB alone: --format epub",
                    ),
                );
            }
        });
    }
    errors
}
