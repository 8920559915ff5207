//! Page breaking: a chapter's galley → pages.
//!
//! Like TeX's page builder with `\raggedbottom`: slabs are stacked until the
//! next one (with the footnotes it references) no longer fits, and the page
//! is cut at the last place a keep rule allows. Slabs never stretch, so
//! when a keep rule wins the slack stays at the bottom of the page. Space
//! above a slab is dropped at the top of a page; the chapter's first page
//! starts lower, below the sink.

use std::ops::Range;

use super::blocks::Galley;
use super::galley::{Mark, PendingLink, Slab};
use super::geometry::Layout;
use crate::pdf::page::Item;

/// Tolerance for rounding when adding up line heights.
const EPSILON: f32 = 0.01;

/// Which slabs and footnotes make one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    pub slabs: Range<usize>,
    /// The footnotes set at the bottom of the page, in order.
    pub notes: Vec<usize>,
}

/// The vertical room a page offers.
#[derive(Debug, Clone, Copy)]
pub struct Room {
    /// The text block's height.
    pub height: f32,
    /// Space left empty above the first page's first slab (the chapter sink).
    pub sink: f32,
    /// Space the footnote separator takes above the first note.
    pub separator: f32,
}

/// Cuts `slabs` into pages; `note_height(n)` is the height of footnote `n`.
pub fn paginate(slabs: &[Slab], note_height: impl Fn(usize) -> f32, room: Room) -> Vec<Cut> {
    let mut cuts: Vec<Cut> = Vec::new();
    let mut start = 0;
    while start < slabs.len() {
        let sink = if cuts.is_empty() { room.sink } else { 0.0 };
        let top = sink + slabs[start].repeat.as_ref().map_or(0.0, |header| header.height);
        let set_before = |n: &usize| cuts.iter().any(|cut| cut.notes.contains(n));
        let cut = fill_page(slabs, start, top, &note_height, &set_before, room);
        start = cut.slabs.end;
        cuts.push(cut);
    }
    cuts
}

/// Fills one page from `slabs[start]`, cutting at the last allowed break.
/// A footnote is set once, on the page of its first reference.
fn fill_page(
    slabs: &[Slab],
    start: usize,
    top: f32,
    note_height: &impl Fn(usize) -> f32,
    set_before: &impl Fn(&usize) -> bool,
    room: Room,
) -> Cut {
    let mut used = top;
    let mut notes: Vec<usize> = Vec::new();
    let mut notes_height = 0.0;
    let mut best: Option<(usize, usize)> = None;
    let mut end = start;
    while end < slabs.len() {
        let slab = &slabs[end];
        let space = if end == start { 0.0 } else { slab.space_before };
        let new_notes: Vec<usize> =
            slab.notes.iter().copied().filter(|n| !notes.contains(n) && !set_before(n)).collect();
        let mut extra: f32 = new_notes.iter().map(|&n| note_height(n)).sum();
        if notes.is_empty() && !new_notes.is_empty() {
            extra += room.separator;
        }
        if end > start && used + space + slab.height + notes_height + extra > room.height + EPSILON {
            break;
        }
        used += space + slab.height;
        notes_height += extra;
        notes.extend(new_notes);
        end += 1;
        if !slab.keep_with_next || end == slabs.len() {
            best = Some((end, notes.len()));
        }
    }
    // With no allowed break on the page, a keep rule must give way where the page overflowed.
    let (end, kept_notes) = best.unwrap_or((end, notes.len()));
    notes.truncate(kept_notes);
    Cut { slabs: start..end, notes }
}

/// Space above a chapter title, as a share of the text block's height.
const SINK: f32 = 0.2;

/// A chapter's pages, the first a recto with the title below the sink.
pub fn chapter_pages(galley: Galley, layout: &Layout) -> Vec<Draft> {
    let room = Room { height: layout.height, sink: sink(layout), separator: super::footnotes::SEPARATOR };
    let cuts = paginate(&galley.slabs, |n| galley.notes.get(n.wrapping_sub(1)).map_or(0.0, |note| note.height), room);
    let mut notes: Vec<Option<Slab>> = galley.notes.into_iter().map(Some).collect();
    let mut slabs = galley.slabs.into_iter();
    let last = cuts.len().saturating_sub(1);
    cuts.into_iter()
        .enumerate()
        .map(|(i, cut)| {
            let x = layout.left(i % 2 == 0);
            let sink = if i == 0 { room.sink } else { 0.0 };
            let mut page: Vec<Slab> = slabs.by_ref().take(cut.slabs.len()).collect();
            if let Some(header) = page.first().and_then(|first| first.repeat.clone()) {
                page.insert(0, Slab { keep_with_next: true, ..(*header).clone() });
            }
            if let Some(footer) = page.last().and_then(|last| last.close.clone()) {
                page.push((*footer).clone());
            }
            let notes: Vec<Slab> =
                cut.notes.iter().filter_map(|&n| notes.get_mut(n.wrapping_sub(1)).and_then(Option::take)).collect();
            let notes_height =
                notes.iter().map(|n| n.height).sum::<f32>() + if notes.is_empty() { 0.0 } else { room.separator };
            let free = room.height - sink - stacked_height(&page) - notes_height;
            let stretch = if i == last { 0.0 } else { stretch(&page, free, layout.leading) };
            let mut draft = Draft::default();
            draft.stack(page, x, layout.top + sink, stretch);
            super::footnotes::place(&mut draft, notes, x, layout.bottom(), layout.measure);
            draft
        })
        .collect()
}

/// The height of slabs stacked on a page: their own, and the space between them.
fn stacked_height(slabs: &[Slab]) -> f32 {
    slabs.iter().map(|s| s.height).sum::<f32>() + slabs.iter().skip(1).map(|s| s.space_before).sum::<f32>()
}

/// How much to stretch the spaces between blocks so the page ends at the
/// bottom margin (TeX's `\flushbottom`): the free room as a share of those
/// spaces. Room of a line or more means a keep rule won — then, as when the
/// spaces would have to more than double, the slack stays at the bottom.
pub fn stretch(slabs: &[Slab], free: f32, line: f32) -> f32 {
    let spaces: f32 = slabs.iter().skip(1).map(|s| s.space_before).sum();
    if free <= 0.0 || free >= line || free > spaces {
        return 0.0;
    }
    free / spaces
}

/// The chapter sink, rounded to whole body lines.
fn sink(layout: &Layout) -> f32 {
    (SINK * layout.height / layout.leading).round() * layout.leading
}

/// A composed page before folios are known and links resolved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub items: Vec<Item>,
    pub links: Vec<PendingLink>,
    /// Places on the page and their y.
    pub marks: Vec<(Mark, f32)>,
}

impl Draft {
    /// Puts `slab` on the page with its top-left corner at (x, y).
    pub fn place(&mut self, mut slab: Slab, x: f32, y: f32) {
        slab.shift(x, y);
        self.items.append(&mut slab.items);
        self.links.append(&mut slab.links);
        self.marks.extend(slab.marks.into_iter().map(|mark| (mark, y)));
    }

    /// Stacks `slabs` from (x, y) down, dropping the first one's space above
    /// and stretching the others by `stretch` (0: as they are).
    pub fn stack(&mut self, slabs: impl IntoIterator<Item = Slab>, x: f32, mut y: f32, stretch: f32) -> f32 {
        for (i, slab) in slabs.into_iter().enumerate() {
            if i > 0 {
                y += slab.space_before * (1.0 + stretch);
            }
            let height = slab.height;
            self.place(slab, x, y);
            y += height;
        }
        y
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::compose::galley::keep_lines_together;

    const ROOM: Room = Room { height: 10.0, sink: 0.0, separator: 0.5 };

    fn lines(n: usize) -> Vec<Slab> {
        let mut slabs = vec![Slab::new(1.0); n];
        keep_lines_together(&mut slabs, 2);
        slabs
    }

    fn ranges(cuts: &[Cut]) -> Vec<Range<usize>> {
        cuts.iter().map(|c| c.slabs.clone()).collect()
    }

    #[test]
    fn pages_are_filled_to_the_bottom() {
        let cuts = paginate(&vec![Slab::new(1.0); 25], |_| 0.0, ROOM);
        assert_eq!(ranges(&cuts), [0..10, 10..20, 20..25]);
    }

    #[test]
    fn no_widow_and_no_orphan() {
        // 9 lines, then a paragraph of 3: an orphan would be left, so all 3 go over.
        let mut slabs = lines(9);
        slabs.extend(lines(3));
        assert_eq!(ranges(&paginate(&slabs, |_| 0.0, ROOM)), [0..9, 9..12]);
        // 11 lines in one paragraph: a widow would be left, so two lines go over.
        assert_eq!(ranges(&paginate(&lines(11), |_| 0.0, ROOM)), [0..9, 9..11]);
    }

    #[test]
    fn space_above_is_dropped_at_the_top_of_a_page() {
        let mut slabs = vec![Slab::new(1.0); 12];
        for slab in &mut slabs {
            slab.space_before = 1.0;
        }
        // 1 + 4 × 2 = 9, then the next page starts without its space.
        let cuts = paginate(&slabs, |_| 0.0, ROOM);
        assert_eq!(ranges(&cuts), [0..5, 5..10, 10..12]);
    }

    #[test]
    fn the_sink_lowers_only_the_first_page() {
        let room = Room { sink: 4.0, ..ROOM };
        assert_eq!(ranges(&paginate(&vec![Slab::new(1.0); 20], |_| 0.0, room)), [0..6, 6..16, 16..20]);
    }

    #[test]
    fn a_footnote_goes_on_the_page_of_its_reference() {
        let mut slabs = vec![Slab::new(1.0); 12];
        slabs[3].notes = vec![1];
        slabs[8].notes = vec![2, 1];
        let cuts = paginate(&slabs, |n| if n == 1 { 1.5 } else { 2.0 }, ROOM);
        // Page 1: 8 lines + 0.5 rule + 1.5 note 1 = 10, so line 9 with note 2 must wait.
        assert_eq!(cuts[0], Cut { slabs: 0..8, notes: vec![1] });
        // Note 1, referenced again, is not set twice.
        assert_eq!(cuts[1], Cut { slabs: 8..12, notes: vec![2] });
    }

    #[test]
    fn a_keep_chain_moves_whole_and_leaves_slack_at_the_bottom() {
        let mut slabs = vec![Slab::new(1.0); 7];
        let mut listing = vec![Slab::new(1.0); 5];
        listing.iter_mut().for_each(|s| s.keep_with_next = true);
        slabs.extend(listing);
        slabs.push(Slab::new(1.0));
        assert_eq!(ranges(&paginate(&slabs, |_| 0.0, ROOM)), [0..7, 7..13]);
    }

    #[test]
    fn a_repeated_header_takes_room_on_the_page_it_opens() {
        let header = std::rc::Rc::new(Slab::new(2.0));
        let table = |rows: usize| {
            let row = Slab { repeat: Some(header.clone()), ..Slab::new(1.0) };
            std::iter::once(Slab { keep_with_next: true, ..Slab::new(2.0) }).chain(vec![row; rows]).collect::<Vec<_>>()
        };
        // Page 1: the header and 8 rows; page 2 opens with the header again, then the 6 rows left.
        assert_eq!(ranges(&paginate(&table(14), |_| 0.0, ROOM)), [0..9, 9..15]);
        assert_eq!(ranges(&paginate(&table(20), |_| 0.0, ROOM)), [0..9, 9..17, 17..21]);
    }

    #[test]
    fn an_unbreakable_run_longer_than_a_page_still_breaks() {
        let mut slabs = vec![Slab::new(1.0); 15];
        slabs.iter_mut().for_each(|s| s.keep_with_next = true);
        assert_eq!(ranges(&paginate(&slabs, |_| 0.0, ROOM)), [0..10, 10..15]);
        // A single slab taller than the page gets a page of its own.
        assert_eq!(ranges(&paginate(&[Slab::new(30.0), Slab::new(1.0)], |_| 0.0, ROOM)), [0..1, 1..2]);
    }

    #[test]
    fn stacking_places_slabs_and_marks() {
        let mut draft = Draft::default();
        let mut first = Slab::new(2.0);
        first.space_before = 5.0;
        let mut second = Slab::new(1.0);
        second.space_before = 3.0;
        second.marks.push(Mark { destination: super::super::galley::Destination::Chapter(0), outline: None });
        let bottom = draft.stack([first.clone(), second.clone()], 10.0, 100.0, 0.0);
        assert_eq!(bottom, 106.0);
        assert_eq!(draft.marks[0].1, 105.0);
        let mut stretched = Draft::default();
        assert_eq!(stretched.stack([first, second], 10.0, 100.0, 0.5), 107.5);
    }

    #[test]
    fn small_slack_is_spread_between_blocks_and_large_slack_stays_at_the_bottom() {
        let mut slabs = vec![Slab::new(10.0); 4];
        slabs[0].space_before = 7.0;
        slabs[2].space_before = 4.0;
        slabs[3].space_before = 2.0;
        assert_eq!(stacked_height(&slabs), 46.0);
        assert_eq!(stretch(&slabs, 3.0, 13.0), 0.5);
        assert_eq!(stretch(&slabs, 7.0, 13.0), 0.0, "spaces would more than double");
        assert_eq!(stretch(&slabs, 14.0, 13.0), 0.0, "a line or more: a keep rule won");
        assert_eq!(stretch(&slabs, 0.0, 13.0), 0.0);
        assert_eq!(stretch(&vec![Slab::new(10.0); 3], 3.0, 13.0), 0.0, "no spaces to stretch");
    }
}
