//! Fonts: the families of the print edition, loaded once, and shaping.
//!
//! (Issue 7 fills this in: loading from `fonts/` embedded in the binary,
//! fallback, rustybuzz shaping with a cache.)

use crate::error::Result;
use crate::manifest::Manifest;

use super::page::Glyph;

/// A font of the [`FontBook`].
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

/// Consecutive glyphs of one font; `cluster`s are byte offsets into `text`.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapedRun {
    pub font: FontId,
    pub glyphs: Vec<Glyph>,
    pub text: String,
    pub width: f32,
}

/// Every font the print edition uses.
pub struct FontBook {}

impl FontBook {
    /// Loads the fonts (built in, or the book's overrides).
    pub fn load(manifest: &Manifest) -> Result<FontBook> {
        let _ = manifest;
        Err(crate::Error::render("PDF", "fonts are not implemented yet"))
    }

    /// The font that best matches `style`.
    pub fn font(&self, style: FontStyle) -> FontId {
        let _ = style;
        unimplemented!("issue 7")
    }

    /// The font file's bytes, for embedding.
    pub fn data(&self, font: FontId) -> &[u8] {
        let _ = font;
        unimplemented!("issue 7")
    }

    /// The PostScript name, for the PDF font dictionary.
    pub fn postscript_name(&self, font: FontId) -> &str {
        let _ = font;
        unimplemented!("issue 7")
    }

    pub fn metrics(&self, font: FontId, size: f32) -> VerticalMetrics {
        let _ = (font, size);
        unimplemented!("issue 7")
    }

    /// Shapes `text` in `style` at `size` points (cached; ligatures off for Mono).
    pub fn shape(&self, text: &str, style: FontStyle, size: f32) -> Shaped {
        let _ = (text, style, size);
        unimplemented!("issue 7")
    }
}
