//! The printed page `[pdf]` describes: the trim, the margins with their
//! defaults resolved, and the ranges every number of `[pdf]` must keep, so
//! that the print edition is checked here, at the lines that set it, with
//! the same values the PDF stage lays out.

use std::ops::RangeInclusive;

use super::spans::Spans;
use super::PdfConfig;
use crate::error::Error;

/// Points in a millimetre.
pub const POINTS_PER_MM: f32 = 72.0 / 25.4;

/// Body type sizes, in points: smaller is unreadable, larger is a poster.
const FONT_SIZES: RangeInclusive<f32> = 5.0..=30.0;
/// Leading as a multiple of the font size: less and lines overlap.
const LEADINGS: RangeInclusive<f32> = 1.0..=3.0;
/// Bleed, in millimetres (print shops ask for 3 to 5).
const BLEEDS: RangeInclusive<f32> = 0.0..=10.0;
/// Each margin, in millimetres.
const MARGINS: RangeInclusive<f32> = 0.0..=100.0;
/// The narrowest text block, in ems of the body type: narrower, and a line
/// holds a word or two.
const MIN_MEASURE_EMS: f32 = 20.0;
/// The fewest body lines a text block may hold.
const MIN_LINES: f32 = 10.0;
/// The largest page side PDF allows (200 inches), in points.
const MAX_SIDE: f32 = 14_400.0;

/// The trimmed page and its margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    /// At the spine.
    pub inner: f32,
    /// At the fore-edge.
    pub outer: f32,
    pub top: f32,
    pub bottom: f32,
}

impl PdfConfig {
    /// The page, each margin left out proportional to the trim; `None` if
    /// `trim` is not a page size.
    pub fn page(&self) -> Option<Page> {
        let (width, height) = parse_trim(&self.trim)?;
        let margin = |value: Option<f32>, share: f32, of: f32| value.map_or(share * of, |mm| mm * POINTS_PER_MM);
        Some(Page {
            width,
            height,
            inner: margin(self.margins.inner, 0.13, width),
            outer: margin(self.margins.outer, 0.105, width),
            top: margin(self.margins.top, 0.075, height),
            bottom: margin(self.margins.bottom, 0.092, height),
        })
    }
}

impl Page {
    /// The text block's width.
    pub fn measure(&self) -> f32 {
        self.width - self.inner - self.outer
    }

    /// How many whole body lines of this leading the text block holds.
    pub fn lines(&self, leading: f32) -> f32 {
        ((self.height - self.top - self.bottom) / leading).floor()
    }
}

/// `"170x240mm"`, `"6 × 9 in"`, `"a4"` → width and height in points.
pub fn parse_trim(trim: &str) -> Option<(f32, f32)> {
    let trim = trim.trim().to_ascii_lowercase();
    let named = match trim.as_str() {
        "a4" => Some((210.0, 297.0)),
        "a5" => Some((148.0, 210.0)),
        "b5" => Some((176.0, 250.0)),
        _ => None,
    };
    if let Some((w, h)) = named {
        return Some((w * POINTS_PER_MM, h * POINTS_PER_MM));
    }
    let number = trim.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let scale = match &trim[number.len()..] {
        "mm" | "" => POINTS_PER_MM,
        "cm" => 10.0 * POINTS_PER_MM,
        "in" => 72.0,
        "pt" => 1.0,
        _ => return None,
    };
    let (w, h) = number.split_once(['x', '×'])?;
    let w: f32 = w.trim().parse().ok()?;
    let h: f32 = h.trim().parse().ok()?;
    let valid = |v: f32| v.is_finite() && v > 0.0 && v * scale <= MAX_SIDE;
    (valid(w) && valid(h)).then_some((w * scale, h * scale))
}

/// Every problem with `[pdf]`'s numbers and page, each at the value at fault.
pub(super) fn check(config: &PdfConfig, spans: &Spans) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut out_of = |key: &str, value: f32, range: RangeInclusive<f32>, unit: &str, help: &str| {
        if !range.contains(&value) {
            let message = format!("`{key}` is {value} {unit}; use {} to {}", range.start(), range.end());
            errors.push(Error::book(spans.location(key), message).with_help(help));
        }
    };
    out_of("pdf.font-size", config.font_size, FONT_SIZES, "pt", "body text is usually 9 to 12 pt");
    if FONT_SIZES.contains(&config.font_size) {
        let leadings = LEADINGS.start() * config.font_size..=LEADINGS.end() * config.font_size;
        out_of(
            "pdf.leading",
            config.leading,
            leadings,
            "pt",
            "the leading is the font size up to three times it; 1.2 times is usual",
        );
    }
    out_of("pdf.bleed", config.bleed, BLEEDS, "mm", "print shops ask for 3 mm, some for 5");
    let margins = &config.margins;
    for (key, value) in
        [("inner", margins.inner), ("outer", margins.outer), ("top", margins.top), ("bottom", margins.bottom)]
    {
        if let Some(value) = value {
            out_of(
                &format!("pdf.margins.{key}"),
                value,
                MARGINS,
                "mm",
                "margins are millimetres; see the README's «[pdf]»",
            );
        }
    }
    let page = config.page();
    if page.is_none() {
        errors.push(
            Error::book(spans.location("pdf.trim"), format!("`pdf.trim` is `{}`, not a page size", config.trim))
                .with_help("write a named size (a4, a5, b5) or width x height with a unit: \"170x240mm\", \"6x9in\""),
        );
    }
    // The text block is measured with sane numbers only.
    let Some(page) = page.filter(|_| errors.is_empty()) else {
        return errors;
    };
    let measure = page.measure();
    if measure < MIN_MEASURE_EMS * config.font_size {
        let at = spans.first_set(&["pdf.margins.inner", "pdf.margins.outer", "pdf.trim", "pdf.font-size"]);
        let message = format!(
            "the text block is {:.0} mm wide, narrower than {MIN_MEASURE_EMS} ems of {} pt type ({:.0} mm)",
            measure / POINTS_PER_MM,
            config.font_size,
            MIN_MEASURE_EMS * config.font_size / POINTS_PER_MM,
        );
        errors.push(
            Error::book(at, message)
                .with_help("make the inner and outer margins narrower, the page wider or the type smaller"),
        );
    }
    let lines = page.lines(config.leading).max(0.0);
    if lines < MIN_LINES {
        let at = spans.first_set(&["pdf.margins.top", "pdf.margins.bottom", "pdf.trim", "pdf.leading"]);
        let message =
            format!("the text block holds {lines} lines of {} pt leading; a page needs {MIN_LINES}", config.leading);
        errors.push(
            Error::book(at, message)
                .with_help("make the top and bottom margins smaller, the page taller or the leading tighter"),
        );
    }
    errors
}
