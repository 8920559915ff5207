//! Image preflight for the print file: what a print shop's preflight would
//! reject, found before the shop sees it, at the image's Markdown line.
//!
//! - **Resolution**: the effective pixels per inch at the size the figure
//!   is set at (the body's measure and 60 % of the text block at most, see
//!   [`compose::largest_figure_size`]) — under `[print] warn-ppi` (300) a
//!   warning, under `min-ppi` (150) an error.
//!
//! `build` runs it when it writes the print file (errors stop it), `check`
//! when the book has a `[print]` table. What no PDF can show at all — a CMYK JPEG, a GIF — is
//! [`super::unprintable_images`]'s; colour needs no finding: the print
//! file has every image in grey ([`super::pdfx::luminance`]).

use crate::document::{BlockKind, Book, Image, ImageFormat};
use crate::error::{Error, Location, Result};
use crate::manifest::PrintConfig;

use super::compose;

/// One finding about an image.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// An error stops the print file; a warning does not.
    pub is_error: bool,
    pub location: Location,
    pub message: String,
    /// What to do about it.
    pub help: String,
}

impl Finding {
    /// The finding as an error of the book (for an error finding).
    pub fn to_error(&self) -> Error {
        Error::book(self.location.clone(), self.message.clone()).with_help(self.help.clone())
    }

    /// The warning as a compiler prints it, with its help line.
    pub fn warning_text(&self) -> String {
        format!("{}: warning: {}\n  help: {}", self.location, self.message, self.help)
    }
}

/// Every finding about the book's figures, in reading order.
pub fn images(book: &Book) -> Result<Vec<Finding>> {
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
fn resolution(book: &Book, config: &PrintConfig, image: &Image, location: &Location) -> Result<Option<Finding>> {
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
    Ok(Some(Finding {
        is_error,
        location: location.clone(),
        message: format!(
            "image `{}` prints at {ppi:.0} ppi ({} px across {:.0} mm), under the {threshold:.0} ppi of `[print] {key}`",
            image.src,
            pixels.0,
            width / 72.0 * 25.4,
        ),
        help: format!("use an image at least {wanted:.0} px wide, or a vector figure (SVG)"),
    }))
}
