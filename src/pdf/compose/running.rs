//! Running heads and folios.
//!
//! A body page carries a running head above the text block — the book's
//! title on a verso, the chapter's on a recto, centred over a hairline —
//! with the folio at the outer edge. A chapter opening has no head, only a
//! folio dropped to the foot of the page; a blank page has neither.

use crate::pdf::fonts::{FontBook, FontStyle};
use crate::pdf::page::{Color, Item, Tag};

use super::geometry::Layout;
use super::pages::Draft;
use super::structure::tag_items;
use super::text::label;

const SIZE: f32 = 9.0;
/// The running head's baseline above the text block, in body leadings.
const HEAD_RAISE: f32 = 1.4;
/// An opening page's folio's baseline below the text block, in body leadings.
const FOLIO_DROP: f32 = 2.0;

/// The margins the heads and folios take (above the text block, below it)
/// with a body `leading`: to the top of the head's letters, to the bottom
/// of the folio's.
pub fn margins_taken(leading: f32) -> (f32, f32) {
    (HEAD_RAISE * leading + SIZE, FOLIO_DROP * leading + 0.3 * SIZE)
}

/// What a page is, as far as its head and folio go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A chapter's (or the contents') first page: folio at the foot.
    Opening,
    /// A page of running text: head and folio at the top.
    Running,
    /// Blank, title and imprint pages: nothing.
    Bare,
}

/// The style of a page's head.
pub struct Head<'a> {
    pub role: Role,
    pub recto: bool,
    /// The folio as printed.
    pub folio: &'a str,
    /// The running head's text.
    pub title: &'a str,
}

/// Adds the head and folio to a page, as pagination artifacts.
pub fn decorate(draft: &mut Draft, head: &Head, layout: &Layout, fonts: &FontBook, serif: FontStyle) {
    let left = layout.left(head.recto);
    let right = left + layout.measure;
    let mut add = |mut items: Vec<Item>, tag: Tag| {
        tag_items(&mut items, tag);
        draft.items.append(&mut items);
    };
    match head.role {
        Role::Bare => {}
        Role::Opening => {
            let y = layout.bottom() + FOLIO_DROP * layout.leading;
            add(label(fonts, head.folio, serif, SIZE, left + layout.measure / 2.0, y, 0.5).0, Tag::Footer);
        }
        Role::Running => {
            let y = layout.top - HEAD_RAISE * layout.leading;
            let (x, anchor) = if head.recto { (right, 1.0) } else { (left, 0.0) };
            let (folio, folio_width) = label(fonts, head.folio, serif, SIZE, x, y, anchor);
            add(folio, Tag::Header);
            let italic = FontStyle { italic: true, ..serif };
            let room = layout.measure - 2.0 * (folio_width + 2.0 * SIZE);
            let title = fit(head.title, room, |t| fonts.shape(t, italic, SIZE).width);
            add(label(fonts, &title, italic, SIZE, left + layout.measure / 2.0, y, 0.5).0, Tag::Header);
            let rule_y = y + 0.5 * layout.leading;
            let color = Color::BLACK;
            draft.items.push(Item::Line { x1: left, y1: rule_y, x2: right, y2: rule_y, thickness: 0.3, color });
        }
    }
}

/// `text` shortened at a word boundary, with an ellipsis, until `width` says it fits `room`.
pub fn fit(text: &str, room: f32, width: impl Fn(&str) -> f32) -> String {
    if width(text) <= room {
        return text.to_string();
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..words.len())
        .rev()
        .map(|n| format!("{}…", words[..n].join(" ").trim_end_matches([',', ':', ';', '.', '—', ' '])))
        .find(|short| width(short) <= room)
        .unwrap_or_else(|| "…".to_string())
}

/// Lower-case roman numerals for front-matter folios.
pub fn roman(mut n: u32) -> String {
    const DIGITS: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        let got: Vec<String> = [1, 2, 4, 9, 14, 40, 99, 1994].into_iter().map(roman).collect();
        assert_eq!(got, ["i", "ii", "iv", "ix", "xiv", "xl", "xcix", "mcmxciv"]);
    }

    #[test]
    fn long_heads_are_cut_at_a_word() {
        let width = |t: &str| t.chars().count() as f32;
        assert_eq!(fit("Аллокаторы", 20.0, width), "Аллокаторы");
        assert_eq!(fit("Динамическая память и аллокаторы", 20.0, width), "Динамическая память…");
        assert_eq!(fit("Динамическая, память", 14.0, width), "Динамическая…");
        assert_eq!(fit("Сверхдлинноеслово", 5.0, width), "…");
    }
}
