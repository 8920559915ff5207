//! The galley: a chapter set as one long column of unbreakable slabs (lines,
//! listing lines, table rows — or their lines, for a row taller than a
//! page — images) before it is cut into pages. None is taller than a page.
//!
//! Slab contents are positioned relative to the slab's top-left corner at the
//! text block's left edge; links point at [`Destination`]s that are resolved
//! once every page is known.

use std::rc::Rc;

use super::pages::WIDOW;
use crate::pdf::page::{Item, Tag, TextRun};

/// One unbreakable piece of the column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Slab {
    /// Space above the slab; dropped when the slab opens a page.
    pub space_before: f32,
    pub height: f32,
    pub items: Vec<Item>,
    pub links: Vec<PendingLink>,
    /// Places defined at the slab's top (headings, the chapter start).
    pub marks: Vec<Mark>,
    /// Footnotes referenced in the slab, by their number in the chapter.
    pub notes: Vec<usize>,
    /// Forbid a page break after this slab (headings, the line after a
    /// heading, a figure and its caption, the rows of a table's header).
    pub keep_with_next: bool,
    /// What a page break after this slab costs when `keep_with_next` does
    /// not forbid it: a widow or an orphan, a short listing split, the line
    /// introducing a listing left behind (the page builder's costs, in
    /// [`super::pages`]); 0 for a free break.
    pub break_cost: f32,
    /// A line of body text: its top goes on the page's grid of body lines,
    /// so lines register from page to page whatever stands between them.
    pub on_grid: bool,
    /// Set above this slab when it opens a page: a table's header row.
    pub repeat: Option<Rc<Slab>>,
    /// Set below this slab when it ends a page: a split table's closing rule.
    pub close: Option<Rc<Slab>>,
    /// Where the slab's text begins in the blocks being set.
    pub start: Option<Start>,
}

/// A place in the blocks being set: a path of blocks relative to them and
/// a byte offset into the text of the last (see [`Position`]). Each level
/// of nesting puts its own index in front, up to the chapter's blocks.
///
/// [`Position`]: crate::document::Position
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Start {
    pub path: Vec<u32>,
    pub offset: usize,
}

impl Start {
    /// Where `slabs` begin, as set from item or block `index` of the
    /// blocks around: slabs without a start of their own begin at its start.
    pub fn nest(slabs: &mut [Slab], index: usize) {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        for slab in slabs {
            let start = slab.start.get_or_insert_with(Start::default);
            start.path.insert(0, index);
        }
    }
}

impl Slab {
    /// An empty slab of `height`.
    pub fn new(height: f32) -> Slab {
        Slab { height, ..Slab::default() }
    }

    /// Takes `other`'s contents into this slab, moved by (dx, dy).
    pub fn absorb(&mut self, mut other: Slab, dx: f32, dy: f32) {
        other.shift(dx, dy);
        self.items.append(&mut other.items);
        self.links.append(&mut other.links);
        self.marks.append(&mut other.marks);
        self.notes.append(&mut other.notes);
    }

    /// `slabs` stacked into one, each below the space above it (but the first's).
    pub fn stacked(slabs: impl IntoIterator<Item = Slab>) -> Slab {
        let mut slab = Slab::new(0.0);
        for (i, part) in slabs.into_iter().enumerate() {
            let y = slab.height + if i == 0 { 0.0 } else { part.space_before };
            slab.height = y + part.height;
            slab.absorb(part, 0.0, y);
        }
        slab
    }

    /// Moves everything in the slab by (dx, dy).
    pub fn shift(&mut self, dx: f32, dy: f32) {
        for item in &mut self.items {
            shift_item(item, dx, dy);
        }
        for link in &mut self.links {
            link.x += dx;
            link.y += dy;
        }
    }
}

/// Moves one drawing item by (dx, dy).
pub fn shift_item(item: &mut Item, dx: f32, dy: f32) {
    match item {
        Item::Text(TextRun { x, y, .. })
        | Item::TextDown(TextRun { x, y, .. })
        | Item::Rect { x, y, .. }
        | Item::Image { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
        Item::Line { x1, y1, x2, y2, .. } => {
            *x1 += dx;
            *x2 += dx;
            *y1 += dy;
            *y2 += dy;
        }
    }
}

/// The height of `slabs` stacked as [`Slab::stacked`] stacks them, after each one.
pub fn running_heights(slabs: &[Slab]) -> impl Iterator<Item = f32> + '_ {
    slabs.iter().enumerate().scan(0.0, |height, (i, slab)| {
        *height = *height + if i == 0 { 0.0 } else { slab.space_before } + slab.height;
        Some(*height)
    })
}

/// The height of `slabs` stacked as [`Slab::stacked`] stacks them.
pub fn stacked_height(slabs: &[Slab]) -> f32 {
    running_heights(slabs).last().unwrap_or(0.0)
}

/// A link whose destination page is not known yet.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingLink {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub target: Target,
    /// The element the link's text is in.
    pub tag: Tag,
    /// The link's text.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    Uri(String),
    Place(Destination),
}

/// A place in the book a link or a bookmark can point at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Destination {
    /// The start of a chapter (by index).
    Chapter(usize),
    /// A heading of a chapter, or an anchor of the subject index, by its id
    /// (unique in the chapter).
    Heading(usize, String),
    /// A footnote of a chapter, by its number.
    Note(usize, usize),
    /// The line of the first reference to a footnote, by its number.
    NoteRef(usize, usize),
    /// The table of contents.
    Contents,
    /// The subject index.
    Index,
}

/// A destination defined at a slab's top, perhaps with a bookmark.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub destination: Destination,
    /// Outline level (1 chapter, 2 section, 3 subsection) and title, if bookmarked.
    pub outline: Option<(u8, String)>,
}

/// Makes a page break that leaves fewer than `min` lines on one side —
/// after slab `min - 1` or before the last `min` — cost a widow's or an
/// orphan's [`WIDOW`]; the others are free.
pub fn keep_lines_together(slabs: &mut [Slab], min: usize) {
    let count = slabs.len();
    for (i, slab) in slabs.iter_mut().enumerate() {
        slab.keep_with_next = false;
        slab.break_cost = if holds_together(i, count, min) { WIDOW } else { 0.0 };
    }
}

/// Whether a page break after unit `i` of `count` (a line, a table row)
/// would leave fewer than `min` of them on one side.
pub fn holds_together(i: usize, count: usize, min: usize) -> bool {
    let above = i + 1;
    above < count && (above < min || count - above < min)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keeps(n: usize, min: usize) -> Vec<bool> {
        let mut slabs = vec![Slab::new(1.0); n];
        keep_lines_together(&mut slabs, min);
        assert!(slabs.iter().all(|s| !s.keep_with_next), "a widow is a cost, not a rule");
        slabs.iter().map(|s| s.break_cost > 0.0).collect()
    }

    #[test]
    fn breaks_leave_two_lines_on_each_side() {
        assert_eq!(keeps(1, 2), [false]);
        assert_eq!(keeps(3, 2), [true, true, false]);
        assert_eq!(keeps(4, 2), [true, false, true, false]);
        assert_eq!(keeps(6, 2), [true, false, false, false, true, false]);
    }

    #[test]
    fn shifting_moves_items_and_links() {
        let mut slab = Slab::new(10.0);
        slab.items.push(Item::Line { x1: 0.0, y1: 1.0, x2: 5.0, y2: 1.0, thickness: 0.5, color: Default::default() });
        let target = Target::Uri("u".into());
        slab.links.push(PendingLink {
            x: 1.0,
            y: 2.0,
            width: 3.0,
            height: 4.0,
            target,
            tag: Tag::Artifact,
            text: "u".into(),
        });
        slab.shift(10.0, 20.0);
        assert_eq!(
            slab.items[0],
            Item::Line { x1: 10.0, y1: 21.0, x2: 15.0, y2: 21.0, thickness: 0.5, color: Default::default() }
        );
        assert_eq!((slab.links[0].x, slab.links[0].y), (11.0, 22.0));
    }
}
