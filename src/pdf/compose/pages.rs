//! Page breaking: a chapter's galley → pages.
//!
//! Like TeX's page builder: slabs are stacked until the next one (with the
//! footnotes it references) no longer fits, and the page is cut where the
//! total cost is least — the break's own cost (a widow, an orphan, a short
//! listing split, an introduction parted from its listing: [`WIDOW`],
//! [`SPLIT_LISTING`], [`INTRODUCTION`]) plus the badness of the lines left
//! empty at the foot, growing with their square. Headings and what
//! `keep_with_next` holds never part. Slabs never stretch, so the slack of
//! a short page stays at its foot; a recto then ends on its verso's line
//! if that costs less ([`MISMATCH`]), so facing pages end together. Space
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

/// The badness of a page whose foot is empty, per body line squared: one
/// line costs 100, two 400, four 1600.
const SHORT_PAGE: f32 = 100.0;
/// A widow (a paragraph's last line alone at a page's head) or an orphan
/// (its first line alone at a foot), or a table's row parted so: taken
/// only when the page would otherwise end four lines short.
pub const WIDOW: f32 = 1500.0;
/// A listing of at most [`super::listing::UNSPLIT_LINES`] lines split
/// across pages: rather than end a page over three lines short.
pub const SPLIT_LISTING: f32 = 1000.0;
/// The line introducing a listing (ending with a colon) at the foot of a
/// page, the listing on the next.
pub const INTRODUCTION: f32 = 800.0;
/// A recto ending on another line than its verso: more than a line short
/// on both, so a spread one line short (which Russian practice allows)
/// beats a page one line short facing a full one; less than two lines
/// short, so a page far short is never matched.
const MISMATCH: f32 = 150.0;
/// The line the badness counts in where there is no grid.
const NOMINAL_LINE: f32 = 12.0;

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
///
/// The first page is a recto; a verso's cut is chosen with the recto
/// facing it, so that the two end on one line when that costs least.
pub fn paginate(slabs: &[Slab], notes: &[Vec<Slab>], room: Room) -> Vec<Cut> {
    let mut cuts: Vec<Cut> = Vec::new();
    let mut begun = vec![false; notes.len()];
    let mut carried = Vec::new();
    let mut start = 0;
    // Where the verso facing the page being filled ends.
    let mut facing: Option<f32> = None;
    while start < slabs.len() || !carried.is_empty() {
        let page = Page { slabs, notes, begun: &begun, room, sink: cuts.is_empty() };
        let verso = cuts.len() % 2 == 1;
        let (cut, rest, bottom) = if verso {
            page.fill_verso(start, carried)
        } else {
            let fill = page.fill(start, carried, facing);
            page.finish(start, &fill, fill.best())
        };
        facing = verso.then_some(bottom);
        for part in cut.notes.iter().chain(&rest) {
            begun[part.number - 1] = true;
        }
        start = cut.slabs.end;
        carried = rest;
        cuts.push(cut);
    }
    cuts
}

/// A place to end a page: after slab `end - 1`, with the first `kept`
/// notes of the page's queue.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    end: usize,
    kept: usize,
    /// Where the slabs end.
    used: f32,
    /// The foot of the page's content, notes included.
    bottom: f32,
    /// The break's cost and the page's badness.
    cost: f32,
}

/// The ways to end one page.
struct Fill {
    candidates: Vec<Candidate>,
    /// The notes the page's slabs refer to, in order.
    queue: Vec<NotePart>,
    /// Where to cut when no candidate is allowed.
    overflowed: Candidate,
}

impl Fill {
    /// The candidate of least cost (the fuller page among equals), or the overflow.
    fn best(&self) -> Candidate {
        let least =
            self.candidates.iter().copied().reduce(|best, next| if next.cost <= best.cost { next } else { best });
        least.unwrap_or(self.overflowed)
    }
}

/// One page being filled.
struct Page<'a> {
    slabs: &'a [Slab],
    notes: &'a [Vec<Slab>],
    /// Whether each note has been begun on an earlier page (it is set once).
    begun: &'a [bool],
    room: Room,
    /// The chapter's first page, lowered by the sink.
    sink: bool,
}

impl Page<'_> {
    /// The top of the page: below the sink on the chapter's first, below a
    /// table's repeated header where one continues.
    fn top(&self, start: usize) -> f32 {
        let sink = if self.sink { self.room.sink } else { 0.0 };
        let header = self.slabs.get(start).and_then(|slab| slab.repeat.as_ref());
        sink + header.map_or(0.0, |header| header.height)
    }

    /// The height of a body line, the unit of badness.
    fn line(&self) -> f32 {
        if self.room.grid.step > 0.0 {
            self.room.grid.step
        } else {
            NOMINAL_LINE
        }
    }

    /// The badness of a page whose content ends at `bottom`.
    fn badness(&self, bottom: f32) -> f32 {
        let short = ((self.room.height - bottom) / self.line()).max(0.0);
        SHORT_PAGE * short * short
    }

    /// A verso, cut where it and the recto facing it cost least together.
    /// Only cuts that cost the verso less than a mismatch more than its
    /// best can be worth it: the recto gains at most that.
    fn fill_verso(&self, start: usize, carried: Vec<NotePart>) -> (Cut, Vec<NotePart>, f32) {
        let fill = self.fill(start, carried, None);
        let mut choice = fill.best();
        let limit = choice.cost + MISMATCH;
        let mut least = f32::INFINITY;
        for candidate in fill.candidates.iter().filter(|candidate| candidate.cost <= limit) {
            let (cut, rest, bottom) = self.finish(start, &fill, *candidate);
            let verso_begun: Vec<bool> = self.begun_after(&cut, &rest);
            let recto = Page { begun: &verso_begun, sink: false, ..*self };
            let facing = if cut.slabs.end < self.slabs.len() { Some(bottom) } else { None };
            let total = candidate.cost + recto.fill(cut.slabs.end, rest, facing).best().cost;
            if total < least - EPSILON || (total <= least + EPSILON && candidate.end >= choice.end) {
                (least, choice) = (total, *candidate);
            }
        }
        self.finish(start, &fill, choice)
    }

    /// Which notes are begun once `cut` is set and `rest` carried over.
    fn begun_after(&self, cut: &Cut, rest: &[NotePart]) -> Vec<bool> {
        let mut begun = self.begun.to_vec();
        for part in cut.notes.iter().chain(rest) {
            begun[part.number - 1] = true;
        }
        begun
    }

    /// The page cut at `choice`: the slabs, the notes at its foot, the note
    /// lines left for the next page, and where its content ends.
    fn finish(&self, start: usize, fill: &Fill, choice: Candidate) -> (Cut, Vec<NotePart>, f32) {
        let queue = fill.queue[..choice.kept].to_vec();
        let (notes, rest) =
            self.split_notes(queue, self.room.height - choice.used - self.room.separator, choice.end == start);
        (Cut { slabs: start..choice.end, notes }, rest, choice.bottom)
    }

    /// Fills the page from `slabs[start]`, with the footnote lines
    /// `carried` over from the page before at the foot, then the notes the
    /// page begins; returns every place a break is allowed with its cost —
    /// plus, for a recto, the cost of ending elsewhere than the verso
    /// `facing` it, which ends at that height.
    ///
    /// A note goes whole on the page of its first reference, the reference
    /// moving on if it must; it is split only after an overflow — lines
    /// carried over, a note no page can hold with its reference, a page's
    /// first slab with notes taller than the room — and then continues.
    fn fill(&self, start: usize, carried: Vec<NotePart>, facing: Option<f32>) -> Fill {
        let (slabs, room) = (self.slabs, self.room);
        let top = self.top(start);
        let continued = !carried.is_empty();
        let carried_parts = carried.len();
        let mut queue = carried;
        let mut used = top;
        let mut queued = if continued { room.separator + self.heights(&queue) } else { 0.0 };
        let mut candidates = Vec::new();
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
            let last = end == slabs.len();
            if !slab.keep_with_next || last {
                let bottom = used + queued;
                let cost = if last {
                    0.0
                } else {
                    let mismatch = facing.map_or(0.0, |facing| {
                        let lines = (facing - bottom).abs() / self.line();
                        if lines > EPSILON {
                            MISMATCH
                        } else {
                            0.0
                        }
                    });
                    slab.break_cost + self.badness(bottom) + mismatch
                };
                candidates.push(Candidate { end, kept: queue.len(), used, bottom, cost });
            }
        }
        // With no allowed break on the page, a keep rule must give way where
        // the page overflowed — unless notes carried over took the room:
        // then the slabs wait for the next page, which has it all.
        let overflowed = if continued {
            Candidate { end: start, kept: carried_parts, used: top, bottom: room.height, cost: 0.0 }
        } else {
            Candidate { end, kept: queue.len(), used, bottom: room.height, cost: 0.0 }
        };
        Fill { candidates, queue, overflowed }
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
        merge_backgrounds(&mut self.items);
        y
    }
}

/// Joins backgrounds that continue one another — the lines of a listing's
/// part on one page — into one rectangle: renderers show hairline seams
/// between abutting ones.
fn merge_backgrounds(items: &mut Vec<Item>) {
    let mut open: Option<usize> = None;
    let mut kept: Vec<Item> = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        if let Item::Rect { x, y, width, height, color } = item {
            if let Some(Item::Rect { x: x0, y: y0, width: w0, height: h0, color: c0 }) = open.map(|i| &mut kept[i]) {
                if *x0 == x && *w0 == width && *c0 == color && (*y0 + *h0 - y).abs() < EPSILON {
                    *h0 = y + height - *y0;
                    continue;
                }
            }
            open = Some(kept.len());
        }
        kept.push(item);
    }
    *items = kept;
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

    const GRID: Room = Room { grid: Grid { top: 0.0, step: 1.0 }, ..ROOM };

    /// A listing of `n` lines, as the listing stage marks its breaks.
    fn listing(n: usize) -> Vec<Slab> {
        let mut slabs = lines(n);
        slabs[..n - 1].iter_mut().for_each(|slab| slab.break_cost = slab.break_cost.max(SPLIT_LISTING));
        slabs
    }

    #[test]
    fn a_short_listing_splits_rather_than_leave_a_page_five_lines_short() {
        // 5 lines, then a 6-line listing: moved whole, it would leave 5 lines empty.
        let mut slabs = vec![Slab::new(1.0); 5];
        slabs.extend(listing(6));
        assert_eq!(ranges(&paginate(&slabs, &[], GRID)), [0..9, 9..11], "split 4 + 2");
        // Two lines short is cheaper than a split.
        let mut slabs = vec![Slab::new(1.0); 8];
        slabs.extend(listing(6));
        slabs.extend(vec![Slab::new(1.0); 20]);
        assert_eq!(ranges(&paginate(&slabs, &[], GRID))[0], 0..8);
    }

    #[test]
    fn an_introduction_stays_with_its_listing_unless_the_page_would_end_far_short() {
        let intro = |slabs: &mut Vec<Slab>| slabs.last_mut().unwrap().break_cost = INTRODUCTION;
        // The introduction's line and 4 listing lines would need 5 lines, 1 is left: it goes over.
        let mut slabs = vec![Slab::new(1.0); 9];
        intro(&mut slabs);
        slabs.extend(listing(4));
        assert_eq!(ranges(&paginate(&slabs, &[], GRID)), [0..8, 8..13]);
    }

    #[test]
    fn a_recto_ends_on_the_line_its_verso_ends() {
        let heading = Slab { keep_with_next: true, ..Slab::new(1.0) };
        // The recto is full; the verso ends a line short, its last line
        // being a heading that must go over with the two lines after it.
        let mut slabs = vec![Slab::new(1.0); 19];
        slabs.push(heading);
        slabs.push(Slab { keep_with_next: true, ..Slab::new(1.0) });
        slabs.extend(vec![Slab::new(1.0); 30]);
        let cuts = ranges(&paginate(&slabs, &[], GRID));
        assert_eq!(cuts[..3], [0..10, 10..19, 19..28], "the spread ends a line short on both pages");
        // A verso far short is not matched.
        let mut slabs = vec![Slab::new(1.0); 16];
        slabs.extend(vec![Slab { keep_with_next: true, ..Slab::new(1.0) }; 6]);
        slabs.extend(vec![Slab::new(1.0); 30]);
        assert_eq!(ranges(&paginate(&slabs, &[], GRID))[..3], [0..10, 10..16, 16..26]);
    }

    #[test]
    fn a_listing_part_has_one_background_on_its_page() {
        let color = crate::pdf::page::Color::grey(0.94);
        let line = |y: f32| {
            let mut slab = Slab::new(2.0);
            slab.items.push(Item::Rect { x: 0.0, y: 0.0, width: 50.0, height: 2.0, color });
            slab.items.push(Item::Line { x1: 0.0, y1: 1.0, x2: 5.0, y2: 1.0, thickness: 0.5, color });
            Slab { space_before: y, ..slab }
        };
        let mut draft = Draft::default();
        draft.stack([line(0.0), line(0.0), line(0.0), line(3.0), line(0.0)], 10.0, 100.0, Grid::NONE);
        let rects: Vec<(f32, f32)> = draft
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Rect { y, height, .. } => Some((*y, *height)),
                _ => None,
            })
            .collect();
        assert_eq!(rects, [(100.0, 6.0), (109.0, 4.0)], "a gap starts another background");
        assert_eq!(draft.items.len(), 7, "the lines are kept");
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
