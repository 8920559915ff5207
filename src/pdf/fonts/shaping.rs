//! Shaping with rustybuzz: fallback across the font stack, then one
//! rustybuzz call per run of characters a font covers.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rustybuzz::ttf_parser::Tag;
use rustybuzz::{Feature, Script, ShapePlan, UnicodeBuffer};

use super::face::Face;
use super::{Family, FontId, Shaped, ShapedRun};
use crate::pdf::page::Glyph;

/// Shape plans per font and script (building one is slow), and the buffer
/// rustybuzz reuses between calls.
#[derive(Default)]
pub(super) struct Shaper {
    plans: RefCell<HashMap<(FontId, Script), Rc<ShapePlan>>>,
    buffer: RefCell<Option<UnicodeBuffer>>,
}

impl Shaper {
    /// Shapes `text` at `size` points, each character in the first font of
    /// `stack` that has it.
    pub fn shape(&self, faces: &[Face], stack: &[FontId], text: &str, size: f32) -> Shaped {
        let mut shaped = Shaped::default();
        for (font, range) in self.fallback_runs(faces, stack, text) {
            let run = self.shape_run(faces, font, &text[range], size);
            shaped.width += run.width;
            shaped.runs.push(run);
        }
        shaped
    }

    /// Splits `text` into maximal runs of one font each.
    fn fallback_runs(&self, faces: &[Face], stack: &[FontId], text: &str) -> Vec<(FontId, std::ops::Range<usize>)> {
        let mut runs: Vec<(FontId, std::ops::Range<usize>)> = Vec::new();
        for (start, c) in text.char_indices() {
            let end = start + c.len_utf8();
            let font = match runs.last() {
                // Marks and joiners stay with the character they modify.
                Some(&(font, _)) if is_combining(c) => font,
                _ => self.font_for(faces, stack, c),
            };
            match runs.last_mut() {
                Some((last, range)) if *last == font => range.end = end,
                _ => runs.push((font, start..end)),
            }
        }
        runs
    }

    /// The first font of the stack that has `c`; when none has it, the
    /// first, whose empty box prints ([`super::missing_glyphs`] warns of it).
    fn font_for(&self, faces: &[Face], stack: &[FontId], c: char) -> FontId {
        stack.iter().copied().find(|font| faces[usize::from(font.0)].covers(c)).unwrap_or(stack[0])
    }

    fn shape_run(&self, faces: &[Face], font: FontId, text: &str, size: f32) -> ShapedRun {
        let face = &faces[usize::from(font.0)];
        let mut buffer = self.buffer.borrow_mut().take().unwrap_or_default();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let plan = self.plan(face, font, &buffer);
        let output = rustybuzz::shape_with_plan(&face.shaper, &plan, buffer);
        let scale = size * face.unit;
        let glyphs: Vec<Glyph> = output
            .glyph_infos()
            .iter()
            .zip(output.glyph_positions())
            .map(|(info, position)| Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                cluster: info.cluster,
                x_advance: position.x_advance as f32 * scale,
                x_offset: position.x_offset as f32 * scale,
                y_offset: position.y_offset as f32 * scale,
            })
            .collect();
        *self.buffer.borrow_mut() = Some(output.clear());
        let width = glyphs.iter().map(|glyph| glyph.x_advance).sum();
        ShapedRun { font, glyphs, text: text.to_string(), width }
    }

    fn plan(&self, face: &Face, font: FontId, buffer: &UnicodeBuffer) -> Rc<ShapePlan> {
        let script = buffer.script();
        let mut plans = self.plans.borrow_mut();
        let plan = plans.entry((font, script)).or_insert_with(|| {
            let features = features(face.style.family);
            Rc::new(ShapePlan::new(
                &face.shaper,
                buffer.direction(),
                Some(script),
                buffer.language().as_ref(),
                &features,
            ))
        });
        Rc::clone(plan)
    }
}

/// Kerning and standard ligatures are the fonts' defaults; code turns ligatures off
/// so that every character stays visible as typed.
fn features(family: Family) -> Vec<Feature> {
    match family {
        Family::Mono => [b"liga", b"clig", b"dlig", b"calt"]
            .into_iter()
            .map(|tag| Feature::new(Tag::from_bytes(tag), 0, ..))
            .collect(),
        Family::Serif | Family::Sans => Vec::new(),
    }
}

/// Combining marks and joiners, which belong with the previous character.
pub(super) fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}
