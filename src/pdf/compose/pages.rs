//! Page breaking: a chapter's galley → pages.
//!
//! Like TeX's page builder with `\raggedbottom`: slabs are stacked until the
//! next one (with the footnotes it references) no longer fits, and the page
//! is cut at the last place a keep rule allows. Slabs never stretch, so
//! when a keep rule wins the slack stays at the bottom of the page. Space
//! above a slab is dropped at the top of a page; the chapter's first page
//! starts lower, below the sink. A footnote too long for the room left
//! continues at the foot of the next page, before that page's own notes,
//! as TeX splits an insertion.
//!
//! Lines of body text sit on a grid: the text block's top plus whole body
//! leadings. After a heading, a listing or a table, the next line of text
//! goes down to the next line of the grid, so lines on the two sides of a
//! leaf register (the print shop's «приводка») and full pages end at the
//! same line.

use std::ops::Range;

use super::blocks::Galley;
use super::galley::{running_heights, stacked_height, Mark, PendingLink, Slab, Start};
use super::geometry::Layout;
use crate::pdf::page::Item;

/// Tolerance for rounding when adding up line heights.
pub const EPSILON: f32 = 0.01;

/// Which slabs and footnote lines make one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Cut {
    pub slabs: Range<usize>,
    /// The footnotes set at the bottom of the page, in order: the rest of a
    /// note begun on the page before comes first, as in TeX.
    pub notes: Vec<NotePart>,
}

/// The lines of footnote `number` set on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct NotePart {
    pub number: usize,
    pub lines: Range<usize>,
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
    /// The grid of body lines, from the text block's top.
    pub grid: Grid,
}

/// Where lines of body text go: `top` plus whole multiples of `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    pub top: f32,
    /// The body leading; 0 for no grid.
    pub step: f32,
}

impl Grid {
    pub const NONE: Grid = Grid { top: 0.0, step: 0.0 };

    /// Where `slab` goes when the space above it ends at `y`: there, or for
    /// a slab on the grid the first line of the grid at or below it.
    pub fn place(self, y: f32, slab: &Slab) -> f32 {
        if !slab.on_grid || self.step <= 0.0 {
            return y;
        }
        self.top + ((y - self.top) / self.step - EPSILON).ceil() * self.step
    }
}

/// Cuts `slabs` into pages; footnote `n` is `notes[n - 1]`, as lines.
pub fn paginate(slabs: &[Slab], notes: &[Vec<Slab>], room: Room) -> Vec<Cut> {
    let mut cuts: Vec<Cut> = Vec::new();
    let mut begun = vec![false; notes.len()];
    let mut carried = Vec::new();
    let mut start = 0;
    while start < slabs.len() || !carried.is_empty() {
        let sink = if cuts.is_empty() { room.sink } else { 0.0 };
        let header = slabs.get(start).and_then(|slab| slab.repeat.as_ref());
        let top = sink + header.map_or(0.0, |header| header.height);
        let page = Page { slabs, notes, begun: &begun, room };
        let (cut, rest) = page.fill(start, top, carried);
        for part in cut.notes.iter().chain(&rest) {
            begun[part.number - 1] = true;
        }
        start = cut.slabs.end;
        carried = rest;
        cuts.push(cut);
    }
    cuts
}

/// One page being filled.
struct Page<'a> {
    slabs: &'a [Slab],
    notes: &'a [Vec<Slab>],
    /// Whether each note has been begun on an earlier page (it is set once).
    begun: &'a [bool],
    room: Room,
}

impl Page<'_> {
    /// Fills the page from `slabs[start]` below `top`, cutting at the last
    /// allowed break, with the footnote lines `carried` over from the page
    /// before at the foot, then the notes the page begins. Returns the cut
    /// and the note lines left for the next page.
    ///
    /// A note goes whole on the page of its first reference, the reference
    /// moving on if it must; it is split only after an overflow — lines
    /// carried over, a note no page can hold with its reference, a page's
    /// first slab with notes taller than the room — and then continues.
    fn fill(&self, start: usize, top: f32, carried: Vec<NotePart>) -> (Cut, Vec<NotePart>) {
        let (slabs, room) = (self.slabs, self.room);
        let continued = !carried.is_empty();
        let carried_parts = carried.len();
        let mut queue = carried;
        let mut used = top;
        let mut queued = if continued { room.separator + self.heights(&queue) } else { 0.0 };
        let mut best: Option<(usize, usize, f32)> = None;
        let mut end = start;
        while end < slabs.len() {
            let slab = &slabs[end];
            let space = if end == start { 0.0 } else { slab.space_before };
            let y = room.grid.place(used + space, slab);
            let new = self.new_notes(slab, &queue);
            let mut whole = self.heights(&new);
            if queue.is_empty() && !new.is_empty() {
                whole += room.separator;
            }
            let forced = end == start && !continued;
            if !forced && !self.admits(slab, y + slab.height + queued + whole, &new, continued) {
                break;
            }
            used = y + slab.height;
            queued += whole;
            queue.extend(new);
            end += 1;
            if !slab.keep_with_next || end == slabs.len() {
                best = Some((end, queue.len(), used));
            }
        }
        // With no allowed break on the page, a keep rule must give way where
        // the page overflowed — unless notes carried over took the room:
        // then the slabs wait for the next page, which has it all.
        let overflowed = if continued { (start, carried_parts, top) } else { (end, queue.len(), used) };
        let (end, kept, used) = best.unwrap_or(overflowed);
        queue.truncate(kept);
        let (notes, rest) = self.split_notes(queue, room.height - used - room.separator, end == start);
        (Cut { slabs: start..end, notes }, rest)
    }

    /// Whether `slab` goes on the page when the notes below it would end at
    /// `bottom`: if they fit whole, or after an overflow if the last of its
    /// `new` notes begins here.
    fn admits(&self, slab: &Slab, bottom: f32, new: &[NotePart], continued: bool) -> bool {
        let limit = self.room.height + EPSILON;
        if bottom <= limit {
            return true;
        }
        let may_split = continued || new.iter().any(|part| self.is_long(part, slab));
        may_split && bottom - self.all_but_first_line(new.last()) <= limit
    }

    /// The notes `slab` refers to first, each whole, in order, then the
    /// notes those cite: a note cited only from another is set after it.
    fn new_notes(&self, slab: &Slab, queue: &[NotePart]) -> Vec<NotePart> {
        let mut new: Vec<NotePart> = Vec::new();
        let mut citing = 0;
        let mut numbers = slab.notes.clone();
        loop {
            for number in numbers {
                let known = (1..=self.notes.len()).contains(&number) && !self.begun[number - 1];
                let seen = queue.iter().chain(&new).any(|part| part.number == number);
                if known && !seen {
                    new.push(NotePart { number, lines: 0..self.notes[number - 1].len() });
                }
            }
            let Some(part) = new.get(citing) else { return new };
            numbers = self.lines(part).iter().flat_map(|line| line.notes.iter().copied()).collect();
            citing += 1;
        }
    }

    fn lines(&self, part: &NotePart) -> &[Slab] {
        &self.notes[part.number - 1][part.lines.clone()]
    }

    fn heights(&self, parts: &[NotePart]) -> f32 {
        parts.iter().map(|part| stacked_height(self.lines(part))).sum()
    }

    /// Whether no page could hold the note whole with `slab`, its reference.
    fn is_long(&self, part: &NotePart, slab: &Slab) -> bool {
        stacked_height(self.lines(part)) + self.room.separator + slab.height > self.room.height + EPSILON
    }

    /// The height of a note but its first line: what can go over to the next page.
    fn all_but_first_line(&self, part: Option<&NotePart>) -> f32 {
        part.map_or(0.0, |part| {
            let lines = self.lines(part);
            stacked_height(lines) - lines[0].height
        })
    }

    /// Splits `queue` into the note lines that fit `room` and those that go
    /// over to the next page; a page with no slabs takes one line at least.
    fn split_notes(&self, queue: Vec<NotePart>, room: f32, bare: bool) -> (Vec<NotePart>, Vec<NotePart>) {
        let mut used = 0.0;
        let mut parts = queue.into_iter();
        let mut on_page = Vec::new();
        while let Some(part) = parts.next() {
            let lines = self.lines(&part);
            let height = stacked_height(lines);
            if used + height <= room + EPSILON {
                used += height;
                on_page.push(part);
                continue;
            }
            let mut fit = running_heights(lines).take_while(|h| used + h <= room + EPSILON).count();
            if bare && on_page.is_empty() {
                fit = fit.max(1);
            }
            let split = part.lines.start + fit;
            if fit > 0 {
                on_page.push(NotePart { number: part.number, lines: part.lines.start..split });
            }
            let rest =
                (split < part.lines.end).then_some(NotePart { number: part.number, lines: split..part.lines.end });
            return (on_page, rest.into_iter().chain(parts).collect());
        }
        (on_page, Vec::new())
    }
}

/// Space above a chapter title, as a share of the text block's height.
const SINK: f32 = 0.2;

/// A chapter's pages, the first a recto with the title below the sink.
pub fn chapter_pages(galley: Galley, layout: &Layout) -> Vec<Draft> {
    let grid = Grid { top: 0.0, step: layout.leading };
    let room = Room { height: layout.height, sink: sink(layout), separator: super::footnotes::SEPARATOR, grid };
    let Galley { slabs, notes } = galley;
    let cuts = paginate(&slabs, &notes, room);
    let mut slabs = slabs.into_iter();
    cuts.into_iter()
        .enumerate()
        .map(|(i, cut)| {
            let x = layout.left(i % 2 == 0);
            let sink = if i == 0 { room.sink } else { 0.0 };
            let mut page: Vec<Slab> = slabs.by_ref().take(cut.slabs.len()).collect();
            let start = page.iter().find_map(|slab| slab.start.clone());
            if let Some(header) = page.first().and_then(|first| first.repeat.clone()) {
                page.insert(0, Slab { keep_with_next: true, ..(*header).clone() });
            }
            if let Some(footer) = page.last().and_then(|last| last.close.clone()) {
                page.push((*footer).clone());
            }
            let notes: Vec<Slab> = cut
                .notes
                .iter()
                .map(|part| Slab::stacked(notes[part.number - 1][part.lines.clone()].iter().cloned()))
                .collect();
            let mut draft = Draft { start, ..Draft::default() };
            draft.stack(page, x, layout.top + sink, Grid { top: layout.top, ..grid });
            super::footnotes::place(&mut draft, notes, x, layout.bottom(), layout.measure);
            draft
        })
        .collect()
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
    /// Where the page's text begins in the chapter's blocks; none for a
    /// page without text of its own.
    pub start: Option<Start>,
}

impl Draft {
    /// Puts `slab` on the page with its top-left corner at (x, y).
    pub fn place(&mut self, mut slab: Slab, x: f32, y: f32) {
        slab.shift(x, y);
        self.items.append(&mut slab.items);
        self.links.append(&mut slab.links);
        self.marks.extend(slab.marks.into_iter().map(|mark| (mark, y)));
    }

    /// Stacks `slabs` from (x, y) down, dropping the first one's space
    /// above and putting those on the grid on its lines.
    pub fn stack(&mut self, slabs: impl IntoIterator<Item = Slab>, x: f32, mut y: f32, grid: Grid) -> f32 {
        for (i, slab) in slabs.into_iter().enumerate() {
            if i > 0 {
                y += slab.space_before;
            }
            y = grid.place(y, &slab);
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

    const ROOM: Room = Room { height: 10.0, sink: 0.0, separator: 0.5, grid: Grid::NONE };

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
        let cuts = paginate(&vec![Slab::new(1.0); 25], &[], ROOM);
        assert_eq!(ranges(&cuts), [0..10, 10..20, 20..25]);
    }

    #[test]
    fn no_widow_and_no_orphan() {
        // 9 lines, then a paragraph of 3: an orphan would be left, so all 3 go over.
        let mut slabs = lines(9);
        slabs.extend(lines(3));
        assert_eq!(ranges(&paginate(&slabs, &[], ROOM)), [0..9, 9..12]);
        // 11 lines in one paragraph: a widow would be left, so two lines go over.
        assert_eq!(ranges(&paginate(&lines(11), &[], ROOM)), [0..9, 9..11]);
    }

    #[test]
    fn space_above_is_dropped_at_the_top_of_a_page() {
        let mut slabs = vec![Slab::new(1.0); 12];
        for slab in &mut slabs {
            slab.space_before = 1.0;
        }
        // 1 + 4 × 2 = 9, then the next page starts without its space.
        let cuts = paginate(&slabs, &[], ROOM);
        assert_eq!(ranges(&cuts), [0..5, 5..10, 10..12]);
    }

    #[test]
    fn the_sink_lowers_only_the_first_page() {
        let room = Room { sink: 4.0, ..ROOM };
        assert_eq!(ranges(&paginate(&vec![Slab::new(1.0); 20], &[], room)), [0..6, 6..16, 16..20]);
    }

    /// Footnotes of `lines` lines each, one high.
    fn notes(lines: &[usize]) -> Vec<Vec<Slab>> {
        lines.iter().map(|&n| vec![Slab::new(1.0); n]).collect()
    }

    fn part(number: usize, lines: Range<usize>) -> NotePart {
        NotePart { number, lines }
    }

    #[test]
    fn a_footnote_goes_on_the_page_of_its_reference() {
        let mut slabs = vec![Slab::new(1.0); 12];
        slabs[3].notes = vec![1];
        slabs[8].notes = vec![2, 1];
        let cuts = paginate(&slabs, &[vec![Slab::new(1.5)], vec![Slab::new(2.0)]], ROOM);
        // Page 1: 8 lines + 0.5 rule + 1.5 note 1 = 10, so line 9 with note 2 must wait.
        assert_eq!(cuts[0], Cut { slabs: 0..8, notes: vec![part(1, 0..1)] });
        // Note 1, referenced again, is not set twice.
        assert_eq!(cuts[1], Cut { slabs: 8..12, notes: vec![part(2, 0..1)] });
    }

    #[test]
    fn a_note_cited_from_a_note_follows_it() {
        let mut slabs = vec![Slab::new(1.0); 3];
        slabs[0].notes = vec![1, 2];
        let mut notes = notes(&[1, 1, 1]);
        notes[0][0].notes = vec![3];
        let cuts = paginate(&slabs, &notes, ROOM);
        assert_eq!(cuts[0].notes, [part(1, 0..1), part(2, 0..1), part(3, 0..1)]);
    }

    #[test]
    fn a_footnote_no_page_can_hold_continues_at_the_foot_of_the_next() {
        let mut slabs = vec![Slab::new(1.0); 12];
        slabs[2].notes = vec![1];
        slabs[4].notes = vec![2];
        let cuts = paginate(&slabs, &notes(&[12, 1]), ROOM);
        // Page 1: 3 lines, the rule, and 6 of the note's 12 lines.
        assert_eq!(cuts[0], Cut { slabs: 0..3, notes: vec![part(1, 0..6)] });
        // Page 2: the rest of note 1 first, then note 2, below the lines that fit.
        assert_eq!(cuts[1], Cut { slabs: 3..5, notes: vec![part(1, 6..12), part(2, 0..1)] });
        assert_eq!(cuts[2], Cut { slabs: 5..12, notes: vec![] });
    }

    #[test]
    fn a_keep_chain_waits_rather_than_break_for_a_note_carried_over() {
        let mut slabs = vec![Slab::new(1.0); 12];
        slabs[0].notes = vec![1];
        slabs[1..6].iter_mut().for_each(|slab| slab.keep_with_next = true);
        let cuts = paginate(&slabs, &notes(&[12]), ROOM);
        assert_eq!(cuts[0], Cut { slabs: 0..1, notes: vec![part(1, 0..8)] });
        // The rest of the note leaves room for 5 lines, the chain is 6 long.
        assert_eq!(cuts[1], Cut { slabs: 1..1, notes: vec![part(1, 8..12)] });
        assert_eq!(cuts[2], Cut { slabs: 1..11, notes: vec![] });
    }

    #[test]
    fn a_footnote_longer_than_pages_fills_pages_of_its_own() {
        let mut slabs = vec![Slab::new(1.0); 8];
        slabs[0].notes = vec![1];
        let cuts = paginate(&slabs, &notes(&[30]), ROOM);
        let parts: Vec<(Range<usize>, Vec<NotePart>)> = cuts.into_iter().map(|c| (c.slabs, c.notes)).collect();
        assert_eq!(
            parts,
            [
                (0..1, vec![part(1, 0..8)]),
                (1..1, vec![part(1, 8..17)]),
                (1..1, vec![part(1, 17..26)]),
                (1..6, vec![part(1, 26..30)]),
                (6..8, vec![]),
            ]
        );
    }

    #[test]
    fn notes_too_tall_for_a_page_with_their_first_reference_are_split() {
        // Two notes of 6 lines on the first line: they cannot both go whole anywhere.
        let mut slabs = vec![Slab::new(1.0); 4];
        slabs[0].notes = vec![1, 2];
        let cuts = paginate(&slabs, &notes(&[6, 6]), ROOM);
        assert_eq!(cuts[0], Cut { slabs: 0..1, notes: vec![part(1, 0..6), part(2, 0..2)] });
        assert_eq!(cuts[1], Cut { slabs: 1..4, notes: vec![part(2, 2..6)] });
    }

    #[test]
    fn a_keep_chain_moves_whole_and_leaves_slack_at_the_bottom() {
        let mut slabs = vec![Slab::new(1.0); 7];
        let mut listing = vec![Slab::new(1.0); 5];
        listing.iter_mut().for_each(|s| s.keep_with_next = true);
        slabs.extend(listing);
        slabs.push(Slab::new(1.0));
        assert_eq!(ranges(&paginate(&slabs, &[], ROOM)), [0..7, 7..13]);
    }

    #[test]
    fn a_repeated_header_takes_room_on_the_page_it_opens() {
        let header = std::rc::Rc::new(Slab::new(2.0));
        let table = |rows: usize| {
            let row = Slab { repeat: Some(header.clone()), ..Slab::new(1.0) };
            std::iter::once(Slab { keep_with_next: true, ..Slab::new(2.0) }).chain(vec![row; rows]).collect::<Vec<_>>()
        };
        // Page 1: the header and 8 rows; page 2 opens with the header again, then the 6 rows left.
        assert_eq!(ranges(&paginate(&table(14), &[], ROOM)), [0..9, 9..15]);
        assert_eq!(ranges(&paginate(&table(20), &[], ROOM)), [0..9, 9..17, 17..21]);
    }

    #[test]
    fn an_unbreakable_run_longer_than_a_page_still_breaks() {
        let mut slabs = vec![Slab::new(1.0); 15];
        slabs.iter_mut().for_each(|s| s.keep_with_next = true);
        assert_eq!(ranges(&paginate(&slabs, &[], ROOM)), [0..10, 10..15]);
        // A single slab taller than the page gets a page of its own.
        assert_eq!(ranges(&paginate(&[Slab::new(30.0), Slab::new(1.0)], &[], ROOM)), [0..1, 1..2]);
    }

    #[test]
    fn stacking_places_slabs_and_marks() {
        let mut draft = Draft::default();
        let mut first = Slab::new(2.0);
        first.space_before = 5.0;
        let mut second = Slab::new(1.0);
        second.space_before = 3.0;
        second.marks.push(Mark { destination: super::super::galley::Destination::Chapter(0), outline: None });
        let bottom = draft.stack([first.clone(), second.clone()], 10.0, 100.0, Grid::NONE);
        assert_eq!(bottom, 106.0);
        assert_eq!(draft.marks[0].1, 105.0);
        // On a grid of 4 from 99, the second slab goes down from 105 to 107.
        let mut on_grid = Draft::default();
        let grid = Grid { top: 99.0, step: 4.0 };
        assert_eq!(on_grid.stack([first, Slab { on_grid: true, ..second }], 10.0, 100.0, grid), 108.0);
        assert_eq!(on_grid.marks[0].1, 107.0);
    }

    #[test]
    fn text_after_a_heading_goes_down_to_the_grid() {
        let grid = Grid { top: 0.0, step: 1.0 };
        let line = Slab { on_grid: true, ..Slab::new(1.0) };
        let heading = Slab { keep_with_next: true, space_before: 0.5, ..Slab::new(1.2) };
        // 3 lines, a heading ending at 4.7, then lines from 5: 5 more fit in 10.
        let mut slabs = vec![line.clone(); 3];
        slabs.push(heading);
        slabs.extend(vec![line.clone(); 8]);
        let room = Room { grid, ..ROOM };
        assert_eq!(ranges(&paginate(&slabs, &[], room)), [0..9, 9..12]);
        assert_eq!(grid.place(4.7, &slabs[4]), 5.0);
        assert_eq!(grid.place(5.0, &slabs[4]), 5.0, "a line already on the grid stays");
        assert_eq!(grid.place(4.7, &slabs[3]), 4.7, "a heading is not on the grid");
    }
}
