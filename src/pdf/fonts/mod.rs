//! Fonts: the families of the print edition, loaded once, and shaping.
//!
//! Input: the manifest (the fonts are PT Serif, PT Sans and PT Mono from
//! `fonts/`, built into the binary). Output: a [`FontBook`] that hands out
//! font ids, font bytes for embedding, metrics, and shaped text — rustybuzz
//! with kerning and standard ligatures (none in code), falling back along the
//! font stack for characters a font lacks, each word shaped once (cached).

mod coverage;
mod face;
mod shaping;

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::error::Result;
use crate::manifest::Manifest;

use super::page::Glyph;
pub use coverage::missing_glyphs;
use face::{Face, BUILT_IN};
use shaping::Shaper;
/// A font of the [`FontBook`].
/// The bytes of every font file built into the binary (for SVG text).
pub fn built_in_files() -> impl Iterator<Item = &'static [u8]> {
    BUILT_IN.iter().map(|font| font.data)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub u16);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Body text.
    Serif,
    /// Headings.
    Sans,
    /// Code.
    Mono,
}

/// A family with weight and slant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FontStyle {
    pub family: Family,
    pub bold: bool,
    pub italic: bool,
}

/// Vertical metrics in points at a given size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VerticalMetrics {
    pub ascender: f32,
    pub descender: f32,
    pub cap_height: f32,
    pub x_height: f32,
}

/// Text shaped in one or more fonts (more than one when glyphs fell back).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shaped {
    pub runs: Vec<ShapedRun>,
    /// The total advance in points.
    pub width: f32,
}

impl Shaped {
    /// The glyphs of bytes `range` of the shaped text, as the whole text set
    /// them — kerning across the cut kept — or `None` when a cut falls inside
    /// a cluster (a ligature over it), where the parts must be shaped apart.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Option<Shaped> {
        let mut sliced = Shaped::default();
        let mut run_start = 0;
        for run in &self.runs {
            let run_end = run_start + run.text.len();
            let (start, end) = (range.start.max(run_start), range.end.min(run_end));
            if start < end {
                let local = start - run_start..end - run_start;
                let part = run.slice(local)?;
                sliced.width += part.width;
                sliced.runs.push(part);
            }
            run_start = run_end;
        }
        Some(sliced)
    }
}

impl ShapedRun {
    /// [`Shaped::slice`] within one run.
    fn slice(&self, range: std::ops::Range<usize>) -> Option<ShapedRun> {
        let at_cluster = |offset: usize| offset == 0 || offset == self.text.len() || self.starts_cluster(offset);
        if !at_cluster(range.start) || !at_cluster(range.end) {
            return None;
        }
        let (start, end) = (u32::try_from(range.start).ok()?, u32::try_from(range.end).ok()?);
        let glyphs: Vec<Glyph> = self
            .glyphs
            .iter()
            .filter(|glyph| (start..end).contains(&glyph.cluster))
            .map(|glyph| Glyph { cluster: glyph.cluster - start, ..*glyph })
            .collect();
        let width = glyphs.iter().map(|glyph| glyph.x_advance).sum();
        let text = self.text.get(range)?.to_string();
        Some(ShapedRun { font: self.font, glyphs, text, width })
    }

    /// Whether a cluster begins at byte `offset`: a glyph's cluster is the
    /// first byte of the characters it draws, so no glyph starting there
    /// means a ligature spans it.
    fn starts_cluster(&self, offset: usize) -> bool {
        u32::try_from(offset).is_ok_and(|offset| self.glyphs.iter().any(|glyph| glyph.cluster == offset))
    }
}

/// Consecutive glyphs of one font; `cluster`s are byte offsets into `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapedRun {
    pub font: FontId,
    pub glyphs: Vec<Glyph>,
    pub text: String,
    pub width: f32,
}

/// Every font the print edition uses.
pub struct FontBook {
    faces: Vec<Face>,
    shaper: Shaper,
    cache: RefCell<ShapeCache>,
    slices: RefCell<SliceCache>,
}

/// Parts of shaped words ([`FontBook::word_part`]), by the address of the
/// word's shaping in the [`ShapeCache`] (which holds it, and so its
/// address, for good) and the part's byte range.
type SliceCache = FxHashMap<(usize, usize, usize), Option<WordPart>>;

/// A part of a word: as cut from the word shaped whole, and as shaped on its own.
pub type WordPart = (Rc<Shaped>, Rc<Shaped>);

/// Shaped text per style and size (as `f32` bits; a paragraph uses a few),
/// then per text: a hit needs no allocation.
type ShapeCache = Vec<((FontStyle, u32), FxHashMap<Box<str>, Rc<Shaped>>)>;

impl FontBook {
    /// Loads the fonts (built in, or the book's overrides).
    pub fn load(manifest: &Manifest) -> Result<FontBook> {
        let _ = manifest; // The manifest has no font overrides yet.
        FontBook::built_in()
    }

    /// The fonts built into the binary.
    pub fn built_in() -> Result<FontBook> {
        let faces = BUILT_IN.iter().map(Face::parse).collect::<Result<Vec<_>>>()?;
        Ok(FontBook { faces, shaper: Shaper::default(), cache: RefCell::default(), slices: RefCell::default() })
    }

    /// The font that best matches `style` (code has no italic: it stays upright).
    pub fn font(&self, style: FontStyle) -> FontId {
        let index = match style.family {
            Family::Serif => 0,
            Family::Sans => 4,
            Family::Mono => return FontId(8 + u16::from(style.bold)),
        };
        FontId(index + 2 * u16::from(style.bold) + u16::from(style.italic))
    }

    /// The font file's bytes, for embedding.
    pub fn data(&self, font: FontId) -> &[u8] {
        self.face(font).data
    }

    /// The PostScript name, for the PDF font dictionary.
    pub fn postscript_name(&self, font: FontId) -> &str {
        &self.face(font).postscript_name
    }

    /// The style `font` was loaded as.
    pub fn style(&self, font: FontId) -> FontStyle {
        self.face(font).style
    }

    /// Ascender, descender (negative: below the baseline), cap and x-height.
    pub fn metrics(&self, font: FontId, size: f32) -> VerticalMetrics {
        let face = self.face(font);
        let scale = size * face.unit;
        let shaper = &face.shaper;
        let ascender = f32::from(shaper.ascender()) * scale;
        VerticalMetrics {
            ascender,
            descender: f32::from(shaper.descender()) * scale,
            cap_height: shaper.capital_height().map_or(ascender * 0.7, |h| f32::from(h) * scale),
            x_height: shaper.x_height().map_or(ascender * 0.5, |h| f32::from(h) * scale),
        }
    }

    /// The advance of a space in `style` at `size` points, and its glyph.
    pub fn space(&self, style: FontStyle, size: f32) -> (f32, FontId, u16) {
        let font = self.font(style);
        let face = self.face(font);
        (face.space_advance * face.unit * size, font, face.space_glyph)
    }

    /// The space glyph of `font` (for interword glue drawn in that font).
    pub fn space_glyph(&self, font: FontId) -> u16 {
        self.face(font).space_glyph
    }

    /// Whether some font of the book can show `c` (spaces, controls and
    /// joiners need no glyph).
    pub fn prints(&self, c: char) -> bool {
        c.is_whitespace() || self.faces.iter().any(|face| face.covers(c))
    }

    /// The glyph `font` draws `c` with, unshaped (for spaces set apart from words).
    pub fn glyph(&self, font: FontId, c: char) -> Option<u16> {
        let face = self.face(font);
        match c {
            ' ' => Some(face.space_glyph),
            '\u{A0}' => face.no_break_space_glyph,
            _ => face.shaper.glyph_index(c).map(|glyph| glyph.0),
        }
    }

    /// Shapes `text` in `style` at `size` points (cached; ligatures off for Mono).
    pub fn shape(&self, text: &str, style: FontStyle, size: f32) -> Shaped {
        Shaped::clone(&self.shape_shared(text, style, size))
    }

    /// [`FontBook::shape`] without copying the cached result.
    pub fn shape_shared(&self, text: &str, style: FontStyle, size: f32) -> Rc<Shaped> {
        let key = (style, size.to_bits());
        let mut cache = self.cache.borrow_mut();
        let index = match cache.iter().position(|(cached, _)| *cached == key) {
            Some(index) => index,
            None => {
                cache.push((key, FxHashMap::default()));
                cache.len() - 1
            }
        };
        let texts = &mut cache[index].1;
        if let Some(shaped) = texts.get(text) {
            return Rc::clone(shaped);
        }
        let shaped = Rc::new(self.shaper.shape(&self.faces, &self.stack(style), text, size));
        texts.insert(text.into(), Rc::clone(&shaped));
        shaped
    }

    /// Bytes `range` of a word `whole` from [`FontBook::shape_shared`] at
    /// `size`: cut from it ([`Shaped::slice`]), and as shaped on its own;
    /// `None` where a ligature spans a cut. Cached: a book sets the same
    /// words again and again.
    pub fn word_part(&self, whole: &Rc<Shaped>, range: std::ops::Range<usize>, size: f32) -> Option<WordPart> {
        let key = (Rc::as_ptr(whole) as usize, range.start, range.end);
        if let Some(part) = self.slices.borrow().get(&key) {
            return part.clone();
        }
        let part = whole.slice(range).map(|cut| {
            let alone = self.without_end_kerning(&cut, size);
            (Rc::new(cut), Rc::new(alone))
        });
        self.slices.borrow_mut().insert(key, part.clone());
        part
    }

    /// A part cut from a word as shaped on its own, without shaping it
    /// again: it differs only in its last glyph, which loses its kerning
    /// with the glyph after the cut and takes its own advance.
    fn without_end_kerning(&self, cut: &Shaped, size: f32) -> Shaped {
        let mut alone = cut.clone();
        let Some(run) = alone.runs.last_mut() else { return alone };
        let face = self.face(run.font);
        let ends_with_mark = run.text.chars().next_back().is_some_and(shaping::is_combining);
        if let (Some(glyph), false) = (run.glyphs.last_mut(), ends_with_mark) {
            let own = face.shaper.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph.id));
            let own = own.map_or(glyph.x_advance, |advance| f32::from(advance) * size * face.unit);
            let change = own - glyph.x_advance;
            glyph.x_advance = own;
            run.width += change;
            alone.width += change;
        }
        alone
    }

    /// The fallback order for `style`: the font itself, then the same weight
    /// and slant in the other families, then everything else.
    fn stack(&self, style: FontStyle) -> Vec<FontId> {
        let variant = |family| FontStyle { family, ..style };
        let mut stack = vec![self.font(style)];
        let preferred = [Family::Serif, Family::Sans, Family::Mono].map(|family| self.font(variant(family)));
        let everything = (0..self.faces.len()).filter_map(|index| u16::try_from(index).ok()).map(FontId);
        for font in preferred.into_iter().chain(everything) {
            if !stack.contains(&font) {
                stack.push(font);
            }
        }
        stack
    }

    fn face(&self, font: FontId) -> &Face {
        &self.faces[usize::from(font.0)]
    }
}

#[cfg(test)]
mod tests;
