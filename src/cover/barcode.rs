//! The ISBN's EAN-13 barcode (ISO/IEC 15420), drawn as vectors: bars as
//! filled rectangles, the digits below them, `ISBN …` above, on a white
//! panel holding the quiet zones. `barcoders` says which modules are bars;
//! the drawing is ours.

use barcoders::sym::ean13::EAN13;

use crate::error::{Error, Result};
use crate::manifest::{Isbn, POINTS_PER_MM};
use crate::pdf::compose::text;
use crate::pdf::fonts::{Family, FontBook, FontStyle};
use crate::pdf::page::{Color, Item};

/// The narrowest bar: 0.33 mm is the symbol at 100 % (the nominal size).
const MODULE: f32 = 0.33 * POINTS_PER_MM;
/// The modules of an EAN-13 symbol, guards included.
const MODULES: usize = 95;
/// Light modules a reader needs before and after the bars.
const QUIET_LEFT: f32 = 11.0;
const QUIET_RIGHT: f32 = 7.0;
/// The bars' height at 100 %, and how far the guard bars reach below them.
const BAR_HEIGHT: f32 = 22.85 * POINTS_PER_MM;
const GUARD_EXTENSION: f32 = 5.0 * MODULE;
/// The white panel's margin above the `ISBN` line and below the digits.
const PADDING: f32 = 1.5 * POINTS_PER_MM;
/// The `ISBN …` line above the bars, in points.
const LABEL_SIZE: f32 = 8.5;
/// Modules where the guard bars are (left, centre, right).
const GUARDS: [std::ops::Range<usize>; 3] = [0..3, 45..50, 92..95];
/// PT Mono stands in for OCR-B, which verstka does not ship.
const DIGITS: FontStyle = FontStyle { family: Family::Mono, bold: false, italic: false };
const LABEL: FontStyle = FontStyle { family: Family::Sans, bold: false, italic: false };

/// The 95 modules of the ISBN's symbol, 1 for a bar.
pub fn modules(isbn: &Isbn) -> Result<Vec<u8>> {
    let symbol =
        EAN13::new(isbn.ean()).map_err(|e| Error::render("cover", format!("EAN-13 of {}: {e}", isbn.ean())))?;
    let modules = symbol.encode();
    if modules.len() != MODULES {
        return Err(Error::render("cover", format!("EAN-13 has {} modules, not {MODULES}", modules.len())));
    }
    Ok(modules)
}

/// The barcode's panel, in points: quiet zones, bars, label and digits.
pub fn size(fonts: &FontBook) -> (f32, f32) {
    let width = (QUIET_LEFT + MODULES as f32 + QUIET_RIGHT) * MODULE;
    let (label, _) = label_metrics(fonts);
    (width, PADDING + label + BAR_HEIGHT + digits_drop(fonts) + PADDING)
}

/// How far below the bars the digits' baseline is: a module's gap and a digit's height.
fn digits_drop(fonts: &FontBook) -> f32 {
    MODULE + fonts.metrics(fonts.font(DIGITS), digit_size(fonts)).cap_height
}

/// The `ISBN …` line's height and its baseline below the panel's top padding.
fn label_metrics(fonts: &FontBook) -> (f32, f32) {
    let metrics = fonts.metrics(fonts.font(LABEL), LABEL_SIZE);
    (metrics.cap_height + 0.6 * LABEL_SIZE, metrics.cap_height)
}

/// The digits' size: a digit fills six of the seven modules of its place.
fn digit_size(fonts: &FontBook) -> f32 {
    let advance = fonts.shape("0", DIGITS, 1.0).width;
    6.0 * MODULE / advance.max(0.1)
}

/// The barcode's items with the panel's top-left corner at (x, y); `label`
/// is the ISBN as written (`978-5-0000-0000-7`), hyphens and all.
pub fn draw(fonts: &FontBook, isbn: &Isbn, label: &str, x: f32, y: f32) -> Result<Vec<Item>> {
    let modules = modules(isbn)?;
    let (width, height) = size(fonts);
    let mut items = vec![Item::Rect { x, y, width, height, color: Color::grey(1.0) }];
    let (label_height, label_baseline) = label_metrics(fonts);
    let bars_left = x + QUIET_LEFT * MODULE;
    let (label_items, _) = text::label(
        fonts,
        &format!("ISBN {}", label.trim()),
        LABEL,
        LABEL_SIZE,
        bars_left + MODULES as f32 * MODULE / 2.0,
        y + PADDING + label_baseline,
        0.5,
    );
    items.extend(label_items);
    let bars_top = y + PADDING + label_height;
    for (start, end) in bars(&modules) {
        let guard = GUARDS.iter().any(|range| range.contains(&start));
        items.push(Item::Rect {
            x: bars_left + start as f32 * MODULE,
            y: bars_top,
            width: (end - start) as f32 * MODULE,
            height: BAR_HEIGHT + if guard { GUARD_EXTENSION } else { 0.0 },
            color: Color::BLACK,
        });
    }
    // The digits hang from the bars' foot, between the guards' extensions.
    let size = digit_size(fonts);
    let baseline = bars_top + BAR_HEIGHT + digits_drop(fonts);
    for (index, digit) in isbn.ean().chars().enumerate() {
        // The first digit stands in the quiet zone, the others each under its seven modules.
        let centre = match index {
            0 => -4.0,
            1..=6 => 3.0 + 7.0 * (index - 1) as f32 + 3.5,
            _ => 50.0 + 7.0 * (index - 7) as f32 + 3.5,
        };
        let (digit_items, _) =
            text::label(fonts, &digit.to_string(), DIGITS, size, bars_left + centre * MODULE, baseline, 0.5);
        items.extend(digit_items);
    }
    Ok(items)
}

/// Runs of bars as module ranges `start..end`.
fn bars(modules: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (index, module) in modules.iter().chain([&0]).enumerate() {
        match (start, *module == 1) {
            (None, true) => start = Some(index),
            (Some(from), false) => {
                runs.push((from, index));
                start = None;
            }
            _ => {}
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::IsbnReading;

    fn isbn(text: &str) -> Isbn {
        let IsbnReading::Valid(isbn) = Isbn::read(text) else { panic!("{text}") };
        isbn
    }

    /// The symbol by the standard's tables, independently of `barcoders`:
    /// L, G and R codes, the first digit choosing the left half's parities.
    fn by_the_standard(digits: &str) -> String {
        const L: [&str; 10] = [
            "0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011", "0110111",
            "0001011",
        ];
        const PARITY: [&str; 10] =
            ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"];
        let digits: Vec<usize> = digits.chars().map(|c| c.to_digit(10).unwrap() as usize).collect();
        let invert = |code: &str| code.chars().map(|c| if c == '0' { '1' } else { '0' }).collect::<String>();
        let mut symbol = String::from("101");
        for (digit, parity) in digits[1..7].iter().zip(PARITY[digits[0]].chars()) {
            let left = L[*digit];
            // G is R reversed; R is L inverted.
            symbol += &if parity == 'L' { left.to_string() } else { invert(left).chars().rev().collect() };
        }
        symbol += "01010";
        for digit in &digits[7..] {
            symbol += &invert(L[*digit]);
        }
        symbol + "101"
    }

    #[test]
    fn the_bars_are_the_standards_for_the_isbn() {
        for text in ["urn:isbn:978-5-0000-0000-7", "urn:isbn:9780306406157", "urn:isbn:979-10-90636-07-1"] {
            let isbn = isbn(text);
            let modules: String = modules(&isbn).unwrap().iter().map(|m| char::from(b'0' + m)).collect();
            assert_eq!(modules, by_the_standard(&isbn.ean()), "{text}");
        }
    }

    #[test]
    fn the_drawn_rectangles_are_the_modules_and_guards_reach_lower() {
        let fonts = FontBook::built_in().unwrap();
        let isbn = isbn("urn:isbn:978-5-0000-0000-7");
        let items = draw(&fonts, &isbn, "978-5-0000-0000-7", 0.0, 0.0).unwrap();
        let left = QUIET_LEFT * MODULE;
        let mut drawn = vec![b'0'; MODULES];
        let mut heights = Vec::new();
        for item in &items {
            if let Item::Rect { x, width, height, color, .. } = item {
                if *color == Color::BLACK {
                    let from = ((x - left) / MODULE).round() as usize;
                    let to = ((x + width - left) / MODULE).round() as usize;
                    drawn[from..to].fill(b'1');
                    heights.push((from, *height));
                }
            }
        }
        assert_eq!(String::from_utf8(drawn).unwrap(), by_the_standard("9785000000007"));
        let guard = heights.iter().find(|(from, _)| *from == 0).unwrap().1;
        let data = heights.iter().find(|(from, _)| *from == 3 || *from == 4 || *from == 5).unwrap().1;
        assert!(guard > data, "guards {guard} reach below data bars {data}");
        let digits = items.iter().filter(|item| matches!(item, Item::Text(run) if run.text.len() == 1)).count();
        assert_eq!(digits, 13);
    }
}
