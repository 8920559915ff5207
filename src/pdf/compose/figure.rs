//! Figures: an image scaled to fit the measure (and at most 60 % of the
//! text block's height), centred, with its alt text as a caption below.

use std::path::Path;

use crate::document::{Image, Inline};
use crate::pdf::page::Item;
use crate::pdf::paragraph::Align;

use super::blocks::{Frame, Setter};
use super::galley::Slab;

/// Pixels per inch assumed for an image's natural size.
const PPI: f32 = 150.0;

pub fn figure(setter: &Setter, image: &Image, frame: Frame) -> Vec<Slab> {
    let max_height = 0.6 * setter.layout.height;
    let (width, height) = match pixel_size(&image.path) {
        Some((w, h)) => fit(w as f32 * 72.0 / PPI, h as f32 * 72.0 / PPI, frame.measure, max_height),
        None => fit(frame.measure, 0.75 * frame.measure, frame.measure, max_height),
    };
    let mut slab = Slab::new(height);
    slab.keep_with_next = true;
    let x = frame.x + (frame.measure - width) / 2.0;
    slab.items.push(Item::Image { path: image.path.clone(), x, y: 0.0, width, height });
    let mut slabs = vec![slab];
    // The alt text is the caption, as in the EPUB; the title stands in when there is none.
    let caption = if image.alt.is_empty() { &image.title } else { &image.alt };
    if !caption.is_empty() {
        let size = (frame.size - 1.5).max(7.0);
        let caption_frame = Frame { size, leading: size * 1.25, ..frame };
        let mut style = setter.text_style(caption_frame, 0.0);
        style.align = Align::Center;
        style.font.italic = true;
        let mut lines = setter.lines(&[Inline::Text(caption.clone())], style, frame.x);
        if let Some(first) = lines.first_mut() {
            first.space_before = 0.4 * frame.leading;
        }
        slabs.append(&mut lines);
    }
    if let Some(last) = slabs.last_mut() {
        last.keep_with_next = false;
    }
    slabs
}

/// Scales (width, height) down, keeping the aspect, to fit the box.
pub fn fit(width: f32, height: f32, max_width: f32, max_height: f32) -> (f32, f32) {
    let scale = (max_width / width).min(max_height / height).min(1.0);
    (width * scale, height * scale)
}

/// Width and height in pixels of a PNG or JPEG file (the formats print
/// takes), read from its header.
pub fn pixel_size(path: &Path) -> Option<(u32, u32)> {
    let data = std::fs::read(path).ok()?;
    let (width, height) = png_size(&data).or_else(|| jpeg_size(&data))?;
    (width > 0 && height > 0).then_some((width, height))
}

fn png_size(data: &[u8]) -> Option<(u32, u32)> {
    if !data.starts_with(b"\x89PNG\r\n\x1a\n") || data.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |at: usize| Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?));
    Some((be(16)?, be(20)?))
}

fn jpeg_size(data: &[u8]) -> Option<(u32, u32)> {
    if !data.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let be = |at: usize| Some(u32::from(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?)));
    let mut at = 2;
    loop {
        while *data.get(at)? != 0xFF {
            at += 1;
        }
        let marker = *data.get(at + 1)?;
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            return Some((be(at + 7)?, be(at + 5)?));
        }
        at += 2 + be(at + 2)? as usize;
    }
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

    #[test]
    fn header_sizes_are_read() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(640u32.to_be_bytes());
        png.extend(480u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((640, 480)));
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 17, 8, 0, 120, 0, 160];
        assert_eq!(jpeg_size(&jpeg), Some((160, 120)));
        assert_eq!(jpeg_size(&[0xFF, 0xD8, 0xFF]), None);
        assert_eq!(png_size(b"not an image"), None);
    }
}
