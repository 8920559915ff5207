//! Page items → pixels with tiny-skia, for the store cover: rectangles
//! filled, glyphs drawn from their outlines in the font files (the same
//! shaped runs the PDF gets), anti-aliased, encoded as an RGB PNG.

use std::collections::btree_map::{BTreeMap, Entry};
use std::io::Write;

use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};
use ttf_parser::{Face, GlyphId, OutlineBuilder};

use crate::error::{Error, Result};
use crate::pdf::fonts::{FontBook, FontId};
use crate::pdf::page::{Color, Item, TextRun};

/// `items` (in points, y down) drawn at `scale` pixels a point on a
/// `width` × `height` canvas, as PNG bytes.
pub fn png(items: &[Item], fonts: &FontBook, width: u32, height: u32, scale: f32) -> Result<Vec<u8>> {
    let failed = |what: &str| Error::render("cover", format!("store cover: {what}"));
    let mut pixmap = Pixmap::new(width, height).ok_or_else(|| failed("no canvas of that size"))?;
    let mut faces: BTreeMap<FontId, Face<'_>> = BTreeMap::new();
    for item in items {
        match item {
            Item::Rect { x, y, width, height, color } => {
                let rect = Rect::from_xywh(x * scale, y * scale, width * scale, height * scale)
                    .ok_or_else(|| failed("a rectangle of no size"))?;
                pixmap.fill_rect(rect, &paint(*color), Transform::identity(), None);
            }
            Item::Text(run) => {
                let face = match faces.entry(run.font) {
                    Entry::Occupied(face) => face.into_mut(),
                    Entry::Vacant(slot) => {
                        slot.insert(Face::parse(fonts.data(run.font), 0).map_err(|e| failed(&format!("font: {e}")))?)
                    }
                };
                draw_run(&mut pixmap, face, run, scale);
            }
            other => return Err(failed(&format!("cannot draw {other:?}"))),
        }
    }
    encode(&pixmap).map_err(|e| failed(&e.to_string()))
}

fn paint(color: Color) -> Paint<'static> {
    let mut paint = Paint::default();
    let byte = |value: f32| (value.clamp(0.0, 1.0) * 255.0).round() as u8;
    paint.set_color_rgba8(byte(color.r), byte(color.g), byte(color.b), 255);
    paint.anti_alias = true;
    paint
}

/// One glyph run, each glyph its outline at its shaped position.
fn draw_run(pixmap: &mut Pixmap, face: &Face<'_>, run: &TextRun, scale: f32) {
    let units = scale * run.size / f32::from(face.units_per_em());
    let paint = paint(run.color);
    let mut pen = run.x;
    for glyph in &run.glyphs {
        let mut outline = Outline(PathBuilder::new());
        face.outline_glyph(GlyphId(glyph.id), &mut outline);
        if let Some(path) = outline.0.finish() {
            let (x, y) = ((pen + glyph.x_offset) * scale, (run.y - glyph.y_offset) * scale);
            // Font units are y up; the canvas is y down.
            let transform = Transform::from_row(units, 0.0, 0.0, -units, x, y);
            pixmap.fill_path(&path, &paint, FillRule::Winding, transform, None);
        }
        pen += glyph.x_advance;
    }
}

struct Outline(PathBuilder);

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }

    fn close(&mut self) {
        self.0.close();
    }
}

/// The canvas as an 8-bit RGB PNG (it is opaque: the background fills it),
/// written a row at a time.
fn encode(pixmap: &Pixmap) -> std::result::Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // The best level took 0.15 s for a cover the balanced one packs as small (50 KB) in a few ms.
    encoder.set_compression(png::Compression::Balanced);
    let mut writer = encoder.write_header()?;
    let mut stream = writer.stream_writer()?;
    let mut row = Vec::with_capacity(3 * pixmap.width() as usize);
    for pixels in pixmap.data().chunks_exact(4 * pixmap.width() as usize) {
        row.clear();
        row.extend(pixels.chunks_exact(4).flat_map(|pixel| [pixel[0], pixel[1], pixel[2]]));
        stream.write_all(&row)?;
    }
    stream.finish()?;
    writer.finish()?;
    Ok(bytes)
}
