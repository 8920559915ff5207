//! Figures: an image scaled to fit the measure (and at most 60 % of the
//! text block's height), centred, with its alt text as a caption below —
//! a `Figure` element with that text as `/Alt`, or, with no text at all, an
//! artifact.

use crate::document::{Image, ImageFormat, Inline};
use crate::pdf::page::{Item, Role, Tag};
use crate::pdf::paragraph::Align;

use super::blocks::{Frame, Setter};
use super::caption::Side;
use super::galley::Slab;

/// Pixels per inch assumed for an image's natural size.
const PPI: f32 = 150.0;

/// The share of the text block's height a figure may take.
const MAX_HEIGHT: f32 = 0.6;

pub fn figure(setter: &Setter, image: &Image, frame: Frame) -> Vec<Slab> {
    let (width, height) = placed_size(natural_size(image), frame.measure, setter.layout.height);
    let mut slab = Slab::new(height);
    slab.keep_with_next = true;
    let x = frame.x + (frame.measure - width) / 2.0;
    // The alt text is the caption, as in the EPUB; the title stands in when there is none.
    let caption = if image.alt.is_empty() { &image.title } else { &image.alt };
    let path = image.path.clone();
    if caption.is_empty() {
        // Nothing says what it shows: decoration, which reading skips.
        slab.items.push(Item::Image { path, x, y: 0.0, width, height, tag: Tag::Artifact });
        slab.keep_with_next = false;
        return vec![slab];
    }
    let structure = setter.structure;
    structure.within(Role::Figure, |figure| {
        structure.describe(figure, caption);
        slab.items.push(Item::Image { path, x, y: 0.0, width, height, tag: figure });
        slab.marks.extend(image.caption.as_ref().and_then(|numbered| super::caption::mark(setter, numbered)));
        let mut slabs = vec![slab];
        slabs.append(&mut match &image.caption {
            // Numbered: «Рисунок 6.1. » before the alt text.
            Some(numbered) => super::caption::caption(setter, numbered, frame, Side::Below),
            None => caption_lines(setter, caption, frame),
        });
        if let Some(last) = slabs.last_mut() {
            last.keep_with_next = false;
        }
        slabs
    })
}

/// The caption below the image, centred in italics.
fn caption_lines(setter: &Setter, caption: &str, frame: Frame) -> Vec<Slab> {
    let size = (frame.size - 1.5).max(7.0);
    let caption_frame = Frame { size, leading: size * 1.25, ..frame };
    let mut style = setter.text_style(caption_frame, 0.0);
    style.align = Align::Center;
    style.font.italic = true;
    let tag = setter.structure.element(Role::Caption);
    let mut lines = setter.lines(&[Inline::Text(caption.to_string())], style, frame.x, tag);
    if let Some(first) = lines.first_mut() {
        first.space_before = 0.4 * frame.leading;
    }
    lines
}

/// An image's natural size in points: a raster image's pixels at 150 ppi,
/// an SVG's CSS pixels at 96 to the inch.
pub fn natural_size(image: &Image) -> Option<(f32, f32)> {
    let ppi = if image.format == ImageFormat::Svg { 96.0 } else { PPI };
    image.pixels.map(|(w, h)| (w as f32 * 72.0 / ppi, h as f32 * 72.0 / ppi))
}

/// The size an image of `natural` size is set at in a frame of `measure`,
/// in a text block `block_height` tall: shrunk to the measure and 60 % of
/// the block's height. No size known: the measure wide, three quarters of
/// it tall.
pub fn placed_size(natural: Option<(f32, f32)>, measure: f32, block_height: f32) -> (f32, f32) {
    let max_height = MAX_HEIGHT * block_height;
    match natural {
        Some((w, h)) => fit(w, h, measure, max_height),
        None => fit(measure, 0.75 * measure, measure, max_height),
    }
}

/// Scales (width, height) down, keeping the aspect, to fit the box.
pub fn fit(width: f32, height: f32, max_width: f32, max_height: f32) -> (f32, f32) {
    let scale = (max_width / width).min(max_height / height).min(1.0);
    (width * scale, height * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_shrink_to_fit_but_never_grow() {
        assert_eq!(fit(800.0, 400.0, 400.0, 1000.0), (400.0, 200.0));
        assert_eq!(fit(100.0, 400.0, 400.0, 200.0), (50.0, 200.0));
        assert_eq!(fit(100.0, 50.0, 400.0, 200.0), (100.0, 50.0));
    }
}
