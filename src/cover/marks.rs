//! The print shop's marks and boxes on the written spread: MediaBox and
//! CropBox the whole sheet (trim, bleed and slug), BleedBox the trim plus
//! the bleed, TrimBox the trimmed cover; crop marks at the four corners and
//! dashed fold marks at the spine's two folds, head and foot, all in the slug —
//! outside the bleed, so a trim that wanders never shows them — in the
//! registration colour (`/Separation /All`, on every plate).
//!
//! [`finish`] is the one function that knows this. The registration colour
//! and the boxes' rectangles are the print file's ([`crate::pdf::pdfx`]);
//! its crop marks are drawn for one page of the book's trim, not a spread
//! with folds, so the marks themselves are drawn here.

use lopdf::{dictionary, Object, Stream};

use super::spread::Spread;
use crate::error::{Error, Result};
use crate::pdf::pdfx::{rectangle, registration_colour};

/// The marks' line width in points.
const HAIRLINE: f32 = 0.25;
/// Marks start this far outside the bleed, in points (1 mm).
const GAP: f32 = 72.0 / 25.4;

/// The spread's PDF with its boxes set and its marks drawn.
pub fn finish(pdf: &[u8], spread: &Spread) -> Result<Vec<u8>> {
    let failed = |e: lopdf::Error| Error::render("cover", format!("cannot finish the cover's PDF: {e}"));
    let mut doc = lopdf::Document::load_mem(pdf).map_err(failed)?;
    let page = *doc.get_pages().values().next().ok_or_else(|| Error::render("cover", "the cover has no page"))?;
    let (outside, slug) = (spread.bleed + spread.slug, spread.slug);
    let (right, top) = (spread.width() + 2.0 * outside, spread.height + 2.0 * outside);
    let color_space = doc.add_object(registration_colour());
    let marks = doc.add_object(Stream::new(lopdf::Dictionary::new(), marks(spread).into_bytes()));
    let resources = doc.get_dictionary(page).and_then(|d| d.get(b"Resources")).and_then(Object::as_reference).ok();
    if let Some(resources) = resources.and_then(|id| doc.get_dictionary_mut(id).ok()) {
        resources.set("ColorSpace", dictionary! { "Registration" => color_space });
    }
    let dict = doc.get_dictionary_mut(page).map_err(failed)?;
    dict.set("BleedBox", rectangle(slug, slug, right - slug, top - slug));
    dict.set("TrimBox", rectangle(outside, outside, right - outside, top - outside));
    let contents = match dict.remove(b"Contents") {
        Some(Object::Array(mut streams)) => {
            streams.push(marks.into());
            streams
        }
        Some(content) => vec![content, marks.into()],
        None => vec![marks.into()],
    };
    dict.set("Contents", contents);
    let mut bytes = Vec::with_capacity(pdf.len() + 1024);
    doc.save_to(&mut bytes).map_err(|e| Error::render("cover", format!("cannot write the cover's PDF: {e}")))?;
    Ok(bytes)
}

/// The marks' content stream, in PDF space (origin at the sheet's corner).
fn marks(spread: &Spread) -> String {
    let outside = spread.bleed + spread.slug;
    let (right, top) = (spread.width() + 2.0 * outside, spread.height + 2.0 * outside);
    let (near, far) = (spread.slug - GAP, 0.0);
    let mut ops = format!("q /Artifact BMC /Registration CS 1 SCN {HAIRLINE} w\n");
    let (trim_left, trim_right) = (outside, right - outside);
    let (trim_bottom, trim_top) = (outside, top - outside);
    // Crop marks: each trim line continued into the slug at both its ends.
    for y in [trim_bottom, trim_top] {
        ops += &format!("{far} {y} m {near} {y} l {} {y} m {} {y} l\n", right - near, right - far);
    }
    for x in [trim_left, trim_right] {
        ops += &format!("{x} {far} m {x} {near} l {x} {} m {x} {} l\n", top - near, top - far);
    }
    // Fold marks, dashed: the spine's folds, head and foot.
    ops += "S [2 1] 0 d\n";
    for fold in [spread.spine_left(), spread.front_left()] {
        let x = outside + fold;
        ops += &format!("{x} {far} m {x} {near} l {x} {} m {x} {} l\n", top - near, top - far);
    }
    ops += "S EMC Q\n";
    ops
}
