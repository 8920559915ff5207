//! The cover's typography: the front set from the title, subtitle and
//! authors, the back's text and barcode, the spine's line — as page items,
//! so the same front is drawn into the PDF and rasterised for the store.
//!
//! Everything keeps inside a panel's margin, which is at least the safety
//! margin; only the background reaches the trim, the folds and the bleed.

use crate::error::{Error, Location, Result};
use crate::manifest::{BookMeta, Isbn, POINTS_PER_MM};
use crate::pdf::compose::text;
use crate::pdf::fonts::{Family, FontBook, FontStyle};
use crate::pdf::page::{Color, Item};

use super::barcode;
use super::spread::SPINE_MARGIN_MM;

const SANS: FontStyle = FontStyle { family: Family::Sans, bold: false, italic: false };
const SANS_BOLD: FontStyle = FontStyle { family: Family::Sans, bold: true, italic: false };
const SERIF: FontStyle = FontStyle { family: Family::Serif, bold: false, italic: false };

/// The largest title, as a share of the panel's width (53 pt on 170 mm).
const TITLE_SHARE: f32 = 0.11;
/// The title shrinks until its longest word fits and it takes at most this many lines.
const TITLE_LINES: usize = 4;
/// Below this no type shrinks further, in points.
const SMALLEST: f32 = 8.0;
/// The spine's type: at most this size, and no smaller than the smallest readable on a shelf.
const SPINE_LARGEST: f32 = 12.0;
const SPINE_SMALLEST: f32 = 6.0;
/// The back's text: size and leading, in points.
const BACK_SIZE: f32 = 10.5;
const BACK_LEADING: f32 = 14.0;

/// One panel of the cover (the back or the front), in the spread's points.
#[derive(Debug, Clone, Copy)]
pub struct Panel {
    /// The panel's left trim edge or fold.
    pub x: f32,
    pub width: f32,
    pub height: f32,
    /// Type keeps this far from the panel's edges: the safety margin, or
    /// more where the design wants it.
    pub margin: f32,
}

impl Panel {
    /// A panel with the design's margin: a tenth of its width, at least `safety`.
    pub fn new(x: f32, width: f32, height: f32, safety: f32) -> Panel {
        Panel { x, width, height, margin: (0.1 * width).max(safety) }
    }

    fn measure(&self) -> f32 {
        self.width - 2.0 * self.margin
    }
}

/// The typographic front: the authors at the head, the title a third of the
/// way down under a short rule, the subtitle below it.
pub fn front(fonts: &FontBook, meta: &BookMeta, panel: Panel, ink: Color) -> Vec<Item> {
    let mut items = Vec::new();
    let left = panel.x + panel.margin;
    let measure = panel.measure();
    let scale = panel.width / (170.0 * POINTS_PER_MM);

    let author_size = 15.0 * scale;
    let author_cap = fonts.metrics(fonts.font(SANS), author_size).cap_height;
    let mut y = panel.margin + author_cap;
    for line in wrap(fonts, &meta.authors.join(", "), SANS, author_size, measure) {
        items.extend(text::runs(fonts.shape(&line, SANS, author_size), author_size, left, y, ink));
        y += 1.25 * author_size;
    }

    let size = title_size(fonts, &meta.title, panel.width * TITLE_SHARE, measure);
    let leading = 1.08 * size;
    let cap = fonts.metrics(fonts.font(SANS_BOLD), size).cap_height;
    let top = (0.3 * panel.height).max(y + size);
    items.push(Item::Rect { x: left, y: top - 0.9 * size, width: 0.2 * measure, height: 0.12 * size, color: ink });
    let mut y = top + cap;
    for line in wrap(fonts, &meta.title, SANS_BOLD, size, measure) {
        items.extend(text::runs(fonts.shape(&line, SANS_BOLD, size), size, left, y, ink));
        y += leading;
    }

    if let Some(subtitle) = &meta.subtitle {
        let size = 16.0 * scale;
        y += 0.6 * leading;
        for line in wrap(fonts, subtitle, SERIF, size, measure) {
            items.extend(text::runs(fonts.shape(&line, SERIF, size), size, left, y, ink));
            y += 1.3 * size;
        }
    }
    items
}

/// The largest title size up to `largest` at which its longest word fits
/// the measure and it takes at most [`TITLE_LINES`] lines.
fn title_size(fonts: &FontBook, title: &str, largest: f32, measure: f32) -> f32 {
    let mut size = largest;
    while size > SMALLEST {
        let widest = title.split_whitespace().map(|word| fonts.shape(word, SANS_BOLD, size).width).fold(0.0, f32::max);
        if widest <= measure && wrap(fonts, title, SANS_BOLD, size, measure).len() <= TITLE_LINES {
            break;
        }
        size = (size * 0.94).max(SMALLEST);
    }
    size
}

/// The back: its text from the head of the panel, and the ISBN's barcode at
/// its foot by the spine. The text must fit above the barcode: none is dropped.
pub fn back(
    fonts: &FontBook,
    text: Option<(&str, &Location)>,
    isbn: Option<(&Isbn, &str)>,
    panel: Panel,
    ink: Color,
) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    let left = panel.x + panel.margin;
    let mut floor = panel.height - panel.margin;
    if let Some((isbn, label)) = isbn {
        let (width, height) = barcode::size(fonts);
        let (x, y) = (panel.x + panel.width - panel.margin - width, panel.height - panel.margin - height);
        items.extend(barcode::draw(fonts, isbn, label, x, y)?);
        floor = y - BACK_LEADING;
    }
    let Some((text, location)) = text else { return Ok(items) };
    let cap = fonts.metrics(fonts.font(SERIF), BACK_SIZE).cap_height;
    let mut y = panel.margin + cap;
    let mut lines = 0;
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        for line in wrap(fonts, paragraph, SERIF, BACK_SIZE, panel.measure()) {
            items.extend(text::runs(fonts.shape(&line, SERIF, BACK_SIZE), BACK_SIZE, left, y, ink));
            y += BACK_LEADING;
            lines += 1;
        }
        y += BACK_LEADING / 2.0;
    }
    if y - BACK_LEADING * 1.5 > floor {
        let room = ((floor - panel.margin) / BACK_LEADING).floor().max(0.0);
        let message = format!("the back's text takes {lines} lines; the back has room for {room}");
        return Err(Error::book(location.clone(), message)
            .with_help("shorten `cover.back`: nothing is left out of a cover, and it has no second page"));
    }
    Ok(items)
}

/// The spine's line, turned to read from top to bottom and centred both
/// ways, in the largest size up to [`SPINE_LARGEST`] that keeps it
/// [`SPINE_MARGIN_MM`] from each fold and the safety margin from the trim;
/// `None` if it would have to be smaller than [`SPINE_SMALLEST`].
pub fn spine(
    fonts: &FontBook,
    parts: &[(String, bool)],
    x: f32,
    width: f32,
    height: f32,
    safety: f32,
    ink: Color,
) -> Option<Vec<Item>> {
    let style = |bold: bool| if bold { SANS_BOLD } else { SANS };
    let metrics = fonts.metrics(fonts.font(SANS_BOLD), 1.0);
    let across = width - 2.0 * SPINE_MARGIN_MM * POINTS_PER_MM;
    let length =
        |size: f32| -> f32 { parts.iter().map(|(text, bold)| fonts.shape(text, style(*bold), size).width).sum() };
    let mut size = SPINE_LARGEST.min(across / (metrics.ascender - metrics.descender));
    let along = height - 2.0 * safety;
    if length(size) > along {
        size *= along / length(size);
    }
    if size < SPINE_SMALLEST {
        return None;
    }
    // The capitals' middle on the spine's middle; the tops of the letters toward the front.
    let baseline = x + width / 2.0 - metrics.cap_height * size / 2.0;
    let mut pen = (height - length(size)) / 2.0;
    let mut items = Vec::new();
    for (text, bold) in parts {
        let shaped = fonts.shape(text, style(*bold), size);
        let advance = shaped.width;
        items.extend(text::runs(shaped, size, 0.0, 0.0, ink).into_iter().map(|item| match item {
            Item::Text(run) => Item::TextDown(crate::pdf::page::TextRun { x: baseline, y: pen + run.x, ..run }),
            other => other,
        }));
        pen += advance;
    }
    Some(items)
}

/// `text`'s lines in `style` at `size`, broken between words to fit `width`
/// (a word wider than that stands alone on its line), never after a word
/// of one or two letters (`в Zig`) nor before a dash.
pub fn wrap(fonts: &FontBook, text: &str, style: FontStyle, size: f32, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for unit in unbreakable_units(text) {
        let candidate = if line.is_empty() { unit.clone() } else { format!("{line} {unit}") };
        if !line.is_empty() && fonts.shape(&candidate, style, size).width > width {
            lines.push(std::mem::replace(&mut line, unit));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The words of `text` grouped where no line may break: a short word with
/// the word after it, a dash with the word before it.
fn unbreakable_units(text: &str) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    let mut glue_next = false;
    for word in text.split_whitespace() {
        let dash = matches!(word, "—" | "–");
        match units.last_mut() {
            Some(last) if glue_next || dash => {
                last.push(' ');
                last.push_str(word);
            }
            _ => units.push(word.to_string()),
        }
        glue_next = word.chars().count() <= 2 && word.chars().all(char::is_alphabetic);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_and_dashes_keep_to_their_neighbours() {
        assert_eq!(unbreakable_units("Аллокаторы в Zig"), ["Аллокаторы", "в Zig"]);
        assert_eq!(unbreakable_units("память — это и ресурс"), ["память —", "это", "и ресурс"]);
        let fonts = FontBook::built_in().unwrap();
        let width = fonts.shape("Аллокаторы в", SANS_BOLD, 20.0).width;
        assert_eq!(wrap(&fonts, "Аллокаторы в Zig", SANS_BOLD, 20.0, width), ["Аллокаторы", "в Zig"]);
    }
}
