//! Image preflight for the print file: what a print shop's preflight would
//! reject, found before the shop sees it, at the image's Markdown line.
//!
//! - **Resolution**: the effective pixels per inch at the size the figure
//!   is set at (the body's measure and 60 % of the text block at most, see
//!   [`compose::largest_figure_size`]) — under `[print] warn-ppi` (300) a
//!   warning, under `min-ppi` (150) an error.
//!
//! `build` runs it when it writes the print file (errors stop it), `check`
//! when the book has a `[print]` table. What no PDF can show at all — a
//! CMYK JPEG, a GIF, a broken SVG — is [`unprintable_images`]' (every PDF
//! build and every `check`); colour needs no finding: the print file has
//! every image in grey ([`super::pdfx::luminance`]).
//!
//! This is the PDF stage's public surface for `check`, which runs it
//! without laying the book out.

use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::document::{BlockKind, Book, Image, ImageFormat};
use crate::error::{Error, Location, Result};
use crate::manifest::PrintConfig;

use super::compose;

/// The print file's preflight as a build needs it: its errors stop the
/// build (all of them reported), its warnings are returned.
pub fn print_file(book: &Book) -> Result<Vec<Diagnostic>> {
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        images(book)?.into_iter().partition(|finding| finding.severity == Severity::Error);
    Error::all(errors.iter().map(Diagnostic::to_error).collect())?;
    Ok(warnings)
}

/// Every finding about the book's figures, in reading order.
pub fn images(book: &Book) -> Result<Vec<Diagnostic>> {
    let config = book.manifest.print_config();
    let mut findings = Vec::new();
    for chapter in &book.chapters {
        let mut figures = Vec::new();
        chapter.for_each_block(&mut |block| {
            if let BlockKind::Figure(image) = &block.kind {
                figures.push((image.clone(), block.line));
            }
        });
        for (image, line) in figures {
            let location = Location::at(&chapter.path, line, 0);
            findings.extend(resolution(book, &config, &image, &location)?);
        }
    }
    Ok(findings)
}

/// The image's effective resolution against the book's thresholds.
fn resolution(book: &Book, config: &PrintConfig, image: &Image, location: &Location) -> Result<Option<Diagnostic>> {
    let Some(pixels) = image.pixels.filter(|_| image.format != ImageFormat::Svg) else { return Ok(None) };
    let (width, _) = compose::largest_figure_size(&book.manifest, image)?;
    let ppi = pixels.0 as f32 / (width / 72.0);
    let (is_error, threshold, key) = if ppi < config.min_ppi {
        (true, config.min_ppi, "min-ppi")
    } else if ppi < config.warn_ppi {
        (false, config.warn_ppi, "warn-ppi")
    } else {
        return Ok(None);
    };
    let inches = width / 72.0;
    let wanted = (threshold * inches).ceil();
    let finding = if is_error { Diagnostic::error } else { Diagnostic::warning };
    let message = format!(
        "image `{}` prints at {ppi:.0} ppi ({} px across {:.0} mm), under the {threshold:.0} ppi of `[print] {key}`",
        image.src,
        pixels.0,
        width / 72.0 * 25.4,
    );
    Ok(Some(
        finding(Category::Image, location.clone(), message)
            .with_help(format!("use an image at least {wanted:.0} px wide, or a vector figure (SVG)")),
    ))
}

/// Whether the PDF editions can show an image of `format`.
fn can_print(format: ImageFormat) -> bool {
    matches!(format, ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Svg)
}

/// Every image the PDF editions cannot show, as an error at its line
/// (the layout stops on them before any work is done; `check` reports them):
/// GIF, a CMYK JPEG, an SVG usvg cannot read or with a raster image inside.
pub fn unprintable_images(book: &Book) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut svg_options = None;
    for chapter in &book.chapters {
        chapter.for_each_image(&mut |image, line| {
            let format = image.format;
            if format == ImageFormat::Svg {
                let options = svg_options.get_or_insert_with(super::writer::svg_options);
                let parsed = crate::manifest::read_regular_file(&image.path)
                    .map_err(|refusal| refusal.to_string())
                    .and_then(|bytes| super::writer::parse_svg(&bytes, options).map(drop));
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
    crate::manifest::read_regular_file(path).ok().and_then(|bytes| super::writer::jpeg_components(&bytes)) == Some(4)
}
