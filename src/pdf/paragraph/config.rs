//! The paragraph's settings, resolved once from its style and fonts so no
//! phase re-reads them.

use super::linebreak::Params;
use super::{Align, ParagraphStyle};
use crate::pdf::fonts::{Family, FontBook, FontStyle};

/// Inline code is set this much smaller than the text around it (PT Mono is wide).
const CODE_SCALE: f32 = 0.9;
/// Footnote marks: size and rise relative to the text size.
const MARK_SCALE: f32 = 0.62;
const MARK_RISE: f32 = 0.36;

/// Everything the phases of [`super::layout`] need.
#[derive(Debug, Clone)]
pub struct Config {
    pub style: ParagraphStyle,
    /// Interword glue: the font's space, stretching by ½ and shrinking by ⅓ of it.
    pub space: Glue,
    /// Inline code: its font size.
    pub code_size: f32,
    /// Footnote marks: font size and (negative: upwards) baseline shift.
    pub mark_size: f32,
    pub mark_rise: f32,
    /// A break at a soft hyphen (U+00AD), which then shows a hyphen (TeX `\hyphenpenalty`).
    pub hyphen_penalty: i32,
    /// A break after a hyphen written in the text (TeX `\exhyphenpenalty`).
    pub explicit_hyphen_penalty: i32,
    /// A break inside a URL or code after `/ - _ # ? & = ; :` or before `.`.
    pub url_penalty: i32,
    /// A break between any two characters of an item wider than the measure.
    pub last_resort_penalty: i32,
    /// Knuth–Plass parameters.
    pub breaking: Params,
}

/// A glue's natural width, stretch and shrink in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glue {
    pub width: f32,
    pub stretch: f32,
    pub shrink: f32,
}

impl Config {
    pub fn resolve(style: &ParagraphStyle, fonts: &FontBook) -> Config {
        let (space, _, _) = fonts.space(style.font, style.size);
        let justified = style.align == Align::Justify;
        let space = Glue {
            width: space,
            // Ragged lines keep their spaces natural; the line end stretches instead.
            stretch: if justified { space / 2.0 } else { 0.0 },
            shrink: if justified { space / 3.0 } else { 0.0 },
        };
        let em = style.size;
        Config {
            style: style.clone(),
            space,
            code_size: style.size * CODE_SCALE,
            mark_size: style.size * MARK_SCALE,
            mark_rise: -style.size * MARK_RISE,
            hyphen_penalty: 50,
            explicit_hyphen_penalty: 50,
            url_penalty: 100,
            last_resort_penalty: 5000,
            breaking: Params {
                measure: style.measure,
                line_end_stretch: if justified { 0.0 } else { 3.0 * em },
                // Small: a large one hides how loose lines get, and the last
                // pass measures looseness uncapped anyway.
                emergency_stretch: em,
                // Ten times TeX's: Russian practice avoids a hyphen before the last line.
                final_hyphen_demerits: 50_000.0,
                // Russian practice: the last line at least half as long again as the indent.
                short_last_line: 1.5 * style.indent.max(em),
                short_last_line_demerits: 10_000.0,
                hanging_punctuation: justified,
                ..Params::default()
            },
        }
    }

    /// The style of inline code.
    pub fn code_style(&self, bold: bool) -> FontStyle {
        FontStyle { family: Family::Mono, bold, italic: false }
    }
}
