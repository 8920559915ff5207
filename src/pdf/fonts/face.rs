//! One loaded font file: its bytes, the parsed face and the few numbers the
//! engine asks for often.

use crate::error::{Error, Result};

use super::{Family, FontStyle};

/// A font file built into the binary.
pub(super) struct BuiltIn {
    pub style: FontStyle,
    pub data: &'static [u8],
}

const fn built_in(family: Family, bold: bool, italic: bool, data: &'static [u8]) -> BuiltIn {
    BuiltIn { style: FontStyle { family, bold, italic }, data }
}

/// The fonts of `fonts/`, in [`super::FontId`] order.
pub(super) const BUILT_IN: [BuiltIn; 10] = [
    built_in(Family::Serif, false, false, include_bytes!("../../../fonts/PTSerif-Regular.ttf")),
    built_in(Family::Serif, false, true, include_bytes!("../../../fonts/PTSerif-Italic.ttf")),
    built_in(Family::Serif, true, false, include_bytes!("../../../fonts/PTSerif-Bold.ttf")),
    built_in(Family::Serif, true, true, include_bytes!("../../../fonts/PTSerif-BoldItalic.ttf")),
    built_in(Family::Sans, false, false, include_bytes!("../../../fonts/PTSans-Regular.ttf")),
    built_in(Family::Sans, false, true, include_bytes!("../../../fonts/PTSans-Italic.ttf")),
    built_in(Family::Sans, true, false, include_bytes!("../../../fonts/PTSans-Bold.ttf")),
    built_in(Family::Sans, true, true, include_bytes!("../../../fonts/PTSans-BoldItalic.ttf")),
    built_in(Family::Mono, false, false, include_bytes!("../../../fonts/PTMono-Regular.ttf")),
    built_in(Family::Mono, true, false, include_bytes!("../../../fonts/PTMono-Bold.ttf")),
];

/// A parsed font with the values shaping and layout need.
pub(super) struct Face {
    pub style: FontStyle,
    pub data: &'static [u8],
    pub shaper: rustybuzz::Face<'static>,
    pub postscript_name: String,
    /// Points per font unit at 1 pt: `1 / units_per_em`.
    pub unit: f32,
    /// The glyph drawn for a space, and its advance in font units.
    pub space_glyph: u16,
    pub space_advance: f32,
    /// The glyph of U+00A0, looked up once: justified lines draw many.
    pub no_break_space_glyph: Option<u16>,
}

impl Face {
    pub fn parse(font: &BuiltIn) -> Result<Face> {
        let broken = |why: &str| Error::render("PDF", format!("the built-in font {:?} {why}", font.style));
        let shaper = rustybuzz::Face::from_slice(font.data, 0).ok_or_else(|| broken("cannot be parsed"))?;
        let postscript_name = shaper
            .names()
            .into_iter()
            .filter(|name| name.name_id == rustybuzz::ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|name| name.to_string())
            .ok_or_else(|| broken("has no PostScript name"))?;
        let space = shaper.glyph_index(' ').ok_or_else(|| broken("has no space"))?;
        let space_advance = f32::from(shaper.glyph_hor_advance(space).unwrap_or(0));
        Ok(Face {
            style: font.style,
            data: font.data,
            unit: 1.0 / shaper.units_per_em() as f32,
            postscript_name,
            space_glyph: space.0,
            space_advance,
            no_break_space_glyph: shaper.glyph_index('\u{A0}').map(|glyph| glyph.0),
            shaper,
        })
    }

    /// Whether the font draws `c` (controls and format characters need no glyph).
    pub fn covers(&self, c: char) -> bool {
        self.shaper.glyph_index(c).is_some() || c.is_control() || is_invisible_format(c)
    }
}

/// Zero-width joiners, marks and the like that shaping consumes without a glyph.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}')
}
