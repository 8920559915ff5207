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

use crate::document::{Book, ImageFormat};
use crate::error::{Error, Location, Result};
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
}

/// Renders `book` as the bytes of each PDF edition, in the order given,
/// from one layout.
pub fn render(book: &Book, editions: &[Edition]) -> Result<Vec<Vec<u8>>> {
    Error::all(unprintable_images(book))?;
    if editions.iter().any(|edition| matches!(edition, Edition::Print(_))) {
        let findings = preflight::images(book)?;
        Error::all(findings.iter().filter(|f| f.is_error).map(preflight::Finding::to_error).collect())?;
    }
    let fonts = fonts::FontBook::load(&book.manifest)?;
    let document = compose::compose(book, &fonts)?;
    // One after the other: the font book's caches are not shared between
    // threads (the writer spreads each file's pages over them itself).
    editions.iter().map(|&edition| writer::write(&document, &fonts, book, edition)).collect()
}

/// Whether the PDF editions can show an image of `format`.
fn can_print(format: ImageFormat) -> bool {
    matches!(format, ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Svg)
}

/// Every image the PDF editions cannot show, as an error at its line
/// (`render` stops on them before any work is done; `check` reports them):
/// GIF, a CMYK JPEG, an SVG usvg cannot read or with a raster image inside.
pub fn unprintable_images(book: &Book) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut svg_options = None;
    for chapter in &book.chapters {
        chapter.for_each_image(&mut |image, line| {
            let format = image.format;
            if format == ImageFormat::Svg {
                let options = svg_options.get_or_insert_with(writer::svg_options);
                let parsed = crate::manifest::read_regular_file(&image.path)
                    .map_err(|refusal| refusal.to_string())
                    .and_then(|bytes| writer::parse_svg(&bytes, options).map(drop));
                if let Err(why) = parsed {
                    errors.push(
                        Error::book(Location::at(&chapter.path, line, 0), format!("image `{}`: {why}", image.src))
                            .with_help(
                                "open it in a browser or Inkscape to see what is wrong, and save it again as plain SVG",
                            ),
                    );
                }
            } else if format == ImageFormat::Jpeg && is_cmyk_jpeg(&image.path) {
                errors.push(
                    Error::book(
                        Location::at(&chapter.path, line, 0),
                        format!(
                            "image `{}` is a CMYK JPEG, made for one press: the PDF editions take grey or RGB",
                            image.src
                        ),
                    )
                    .with_help("save it as an RGB or greyscale JPEG; the print file turns colour into grey itself"),
                );
            } else if !can_print(format) {
                let message =
                    format!("image `{}`: the PDF editions take PNG, JPEG and SVG, not {}", image.src, format.name());
                errors.push(
                    Error::book(Location::at(&chapter.path, line, 0), message)
                        .with_help("convert it to PNG, or build the EPUB alone: --format epub"),
                );
            }
        });
    }
    errors
}

/// Whether the file is a JPEG of four components (CMYK or YCCK).
fn is_cmyk_jpeg(path: &std::path::Path) -> bool {
    crate::manifest::read_regular_file(path).ok().and_then(|bytes| writer::jpeg_components(&bytes)) == Some(4)
}
