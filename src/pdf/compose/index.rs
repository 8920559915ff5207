//! The print index («Предметный указатель»), set after the body once every
//! anchor's page is known: the title as a chapter's, then two columns of
//! entries under their group letters. An entry is its term and its pages,
//! consecutive pages as a range (`42–44`), each number a link to the first
//! occurrence on its page; subentries are indented an em, runover lines two.

use rustc_hash::FxHashMap;

use crate::document::{IndexEntry, IndexGroup, Inline, Link, LinkTarget, Occurrence, SubjectIndex};
use crate::manifest::Manifest;
use crate::pdf::fonts::{Family, FontBook, FontStyle};
use crate::pdf::page::Role;
use crate::pdf::paragraph::{self, Paragraph, ParagraphStyle};

use super::blocks::Setter;
use super::galley::{Destination, Mark, Slab};
use super::pages::{Draft, Grid};

/// The index's type, as a share of the body's: smaller, as indexes are set.
const SIZE: f32 = 0.9;
/// The gap between the two columns, in ems of the index's type.
const GUTTER: f32 = 1.5;
/// How far runover lines are indented, in ems: deeper than any subentry,
/// so they never read as one.
const RUNOVER: f32 = 2.0;

/// Each anchor's page (its folio), by chapter and id.
pub type AnchorPages<'a> = FxHashMap<(usize, &'a str), u32>;

/// The index's pages, the first a recto, each with the entry it begins at
/// or within (counted from 0 over every group, subentries not counted).
pub fn pages(
    setter: &Setter,
    manifest: &Manifest,
    index: &SubjectIndex,
    pages: &AnchorPages,
    russian: bool,
) -> Vec<(Draft, usize)> {
    let layout = setter.layout;
    let size = SIZE * layout.font_size;
    let leading = (SIZE * layout.leading).round();
    let column = (layout.measure - GUTTER * size) / 2.0;
    let title = title(setter, &index.title);
    let title_height: f32 = title.iter().map(|slab| slab.height).sum::<f32>() + 2.0 * layout.leading;
    // The entries' measure: a runover line's.
    let style = ParagraphStyle::ragged(column - RUNOVER * size, setter.serif(false, false), size, leading);
    let entries: Vec<&IndexEntry> = index
        .groups
        .iter()
        .flat_map(|group| &group.entries)
        .flat_map(|entry| std::iter::once(entry).chain(&entry.subentries))
        .collect();
    let mut paragraphs = entry_paragraphs(setter, manifest, &entries, pages, &style, russian).into_iter();
    // Each slab's entry, in order.
    let mut entry_of = Vec::new();
    let mut slabs = Vec::new();
    let mut first_entry = 0;
    for group in &index.groups {
        for (entry, lines) in group_slabs(setter, group, &mut paragraphs, &style, column) {
            entry_of.push(first_entry + entry);
            slabs.push(lines);
        }
        first_entry += group.entries.len();
    }
    let mut columns = fill_columns(slabs, layout.height - title_height, layout.height);
    balance_last_page(&mut columns);
    let mut drafts: Vec<(Draft, usize)> = Vec::new();
    let mut set = 0;
    for (n, column_slabs) in columns.into_iter().enumerate() {
        let page = n / 2;
        if drafts.len() <= page {
            let entry = if page == 0 { 0 } else { entry_of.get(set).copied().unwrap_or(0) };
            drafts.push((Draft::default(), entry));
        }
        set += column_slabs.len();
        let x = layout.left(page % 2 == 0) + if n % 2 == 1 { column + GUTTER * size } else { 0.0 };
        let top = layout.top + if page == 0 { title_height } else { 0.0 };
        drafts[page].0.stack(column_slabs, x, top, Grid::NONE);
    }
    if drafts.is_empty() {
        drafts.push((Draft::default(), 0));
    }
    drafts[0].0.stack(title, layout.left(true), layout.top, Grid::NONE);
    drafts
}

/// The index's title, set as the contents' and bookmarked.
fn title(setter: &Setter, text: &str) -> Vec<Slab> {
    let font = FontStyle { family: Family::Sans, bold: true, italic: false };
    let style = ParagraphStyle {
        align: crate::pdf::paragraph::Align::Center,
        ..ParagraphStyle::ragged(setter.layout.measure, font, 16.0, 20.0)
    };
    let mut slabs = setter.lines(&[Inline::Text(text.to_string())], style, 0.0, setter.structure.heading(1));
    if let Some(first) = slabs.first_mut() {
        first.marks.push(Mark { destination: Destination::Index, outline: Some((1, text.to_string())) });
    }
    slabs
}

/// Each entry's and subentry's paragraph, laid out in two halves side by
/// side, the second with a font book of its own (a font book's caches are
/// not shared between threads). The page numbers are most of the work, so
/// each half has about as many occurrences.
fn entry_paragraphs(
    setter: &Setter,
    manifest: &Manifest,
    entries: &[&IndexEntry],
    pages: &AnchorPages,
    style: &ParagraphStyle,
    russian: bool,
) -> Vec<Paragraph> {
    let half = entries.iter().map(|entry| entry.occurrences.len() + 1).sum::<usize>() / 2;
    let mut before = 0;
    let split = entries
        .iter()
        .position(|entry| {
            before += entry.occurrences.len() + 1;
            before > half
        })
        .unwrap_or(entries.len());
    let (first, second) = entries.split_at(split);
    let lay_out = |entries: &[&IndexEntry], fonts: &FontBook| -> Vec<Paragraph> {
        let content = |entry| entry_content(entry, pages, russian);
        entries.iter().map(|entry| paragraph::layout(&content(entry), style, fonts)).collect()
    };
    let mut second_laid = None;
    let mut laid = rayon::in_place_scope(|scope| {
        // The built-in fonts parsed for `setter` already: loading them again succeeds.
        scope.spawn(|_| second_laid = FontBook::load(manifest).ok().map(|fonts| lay_out(second, &fonts)));
        lay_out(first, setter.fonts)
    });
    laid.extend(second_laid.unwrap_or_else(|| lay_out(second, setter.fonts)));
    laid
}

/// A group's letter and its entries, a slab a line, each with its entry
/// in the group (the letter's: the first); `paragraphs` are the entries'
/// (and subentries'), in order, in `style`.
fn group_slabs(
    setter: &Setter,
    group: &IndexGroup,
    paragraphs: &mut impl Iterator<Item = Paragraph>,
    style: &ParagraphStyle,
    column: f32,
) -> Vec<(usize, Slab)> {
    let (size, leading) = (style.size, style.leading);
    let font = FontStyle { family: Family::Sans, bold: true, italic: false };
    let heading = ParagraphStyle::ragged(column, font, size, leading);
    let mut slabs = setter.lines(&[Inline::Text(group.letter.clone())], heading, 0.0, setter.structure.heading(2));
    for slab in &mut slabs {
        slab.keep_with_next = true;
    }
    if let Some(first) = slabs.first_mut() {
        first.space_before = leading;
    }
    let mut slabs: Vec<(usize, Slab)> = slabs.into_iter().map(|slab| (0, slab)).collect();
    // One paragraph was laid out for each entry and subentry.
    let mut entry_slabs =
        |indent| entry_slabs(setter, paragraphs.next().expect("a paragraph for each entry"), style, indent);
    for (n, entry) in group.entries.iter().enumerate() {
        let mut lines = entry_slabs(0.0);
        for _ in &entry.subentries {
            lines.extend(entry_slabs(size));
        }
        // An entry's lines stay together up to its first subentry.
        let count = lines.len().min(3);
        for line in &mut lines[..count.saturating_sub(1)] {
            line.keep_with_next = true;
        }
        slabs.extend(lines.into_iter().map(|line| (n, line)));
    }
    slabs
}

/// One entry's lines: the first at `indent` (0, or an em for a subentry),
/// runovers [`RUNOVER`] ems in.
fn entry_slabs(setter: &Setter, paragraph: Paragraph, style: &ParagraphStyle, indent: f32) -> Vec<Slab> {
    let runover = RUNOVER * style.size;
    let mut lines = setter.slabs(paragraph, style, runover, setter.structure.element(Role::P));
    if let Some(first) = lines.first_mut() {
        first.shift(indent - runover, 0.0);
    }
    lines
}

/// `term, 12, 15–17, см. other`.
fn entry_content(entry: &IndexEntry, pages: &AnchorPages, russian: bool) -> Vec<Inline> {
    let mut content =
        vec![if entry.code { Inline::Code(entry.term.clone()) } else { Inline::Text(entry.term.clone()) }];
    for (label, occurrence) in page_ranges(&entry.occurrences, pages) {
        content.push(Inline::Text(", ".into()));
        content.push(Inline::Link(Link {
            target: LinkTarget::Internal { chapter: occurrence.chapter, anchor: Some(occurrence.anchor.clone()) },
            url: String::new(),
            title: String::new(),
            content: vec![Inline::Text(label)],
            line: 0,
            column: 0,
        }));
    }
    if let Some(see) = &entry.see {
        content.push(Inline::Text(", ".into()));
        content.push(Inline::Emphasis(vec![Inline::Text(if russian { "см.\u{a0}" } else { "see\u{a0}" }.into())]));
        content.push(Inline::Text(see.clone()));
    }
    content
}

/// The pages of `occurrences` as labels — `12`, or `15–17` for consecutive
/// pages — each with the first occurrence on its first page.
fn page_ranges<'a>(occurrences: &'a [Occurrence], pages: &AnchorPages) -> Vec<(String, &'a Occurrence)> {
    let mut by_page: Vec<(u32, &Occurrence)> =
        occurrences.iter().filter_map(|o| pages.get(&(o.chapter, o.anchor.as_str())).map(|&page| (page, o))).collect();
    by_page.sort_by_key(|(page, _)| *page);
    by_page.dedup_by_key(|(page, _)| *page);
    let mut ranges: Vec<(u32, u32, &Occurrence)> = Vec::new();
    for (page, occurrence) in by_page {
        match ranges.last_mut() {
            Some((_, last, _)) if *last + 1 == page => *last = page,
            _ => ranges.push((page, page, occurrence)),
        }
    }
    ranges
        .into_iter()
        .map(|(first, last, occurrence)| {
            let label = if first == last { first.to_string() } else { format!("{first}–{last}") };
            (label, occurrence)
        })
        .collect()
}

/// `slabs` cut into columns: the first two `first` high (below the title),
/// the rest `height`; a slab that keeps with the next never ends a column.
fn fill_columns(slabs: Vec<Slab>, first: f32, height: f32) -> Vec<Vec<Slab>> {
    let mut columns: Vec<Vec<Slab>> = vec![Vec::new()];
    let mut used = 0.0;
    for slab in slabs {
        let room = if columns.len() <= 2 { first } else { height };
        let column = columns.last_mut().expect("one column at least");
        let needed = if column.is_empty() { slab.height } else { slab.space_before + slab.height };
        if used + needed > room && !column.is_empty() {
            // Take the slabs that keep with this one along.
            let kept = column.iter().rev().take_while(|s| s.keep_with_next).count().min(column.len() - 1);
            let carried: Vec<Slab> = column.split_off(column.len() - kept);
            used = 0.0;
            let mut next = Vec::new();
            for slab in carried {
                used += if next.is_empty() { slab.height } else { slab.space_before + slab.height };
                next.push(slab);
            }
            columns.push(next);
        }
        let column = columns.last_mut().expect("one column at least");
        used += if column.is_empty() { slab.height } else { slab.space_before + slab.height };
        column.push(slab);
    }
    columns.retain(|column| !column.is_empty());
    columns
}

/// The last page's slabs shared between its two columns as evenly as a
/// cut allowed by keep-with-next can, the left the longer of two equal
/// choices. The new columns are no taller than the old, so they fit where
/// those did.
fn balance_last_page(columns: &mut Vec<Vec<Slab>>) {
    let on_last = if columns.len().is_multiple_of(2) { 2 } else { 1 };
    if columns.len() < on_last {
        return;
    }
    let slabs: Vec<Slab> = columns.split_off(columns.len() - on_last).into_iter().flatten().collect();
    let cuts = (1..=slabs.len()).filter(|&cut| cut == slabs.len() || !slabs[cut - 1].keep_with_next);
    // The shorter taller column wins; then the longer left one.
    let cut = cuts
        .min_by(|&a, &b| {
            let (left_a, right_a) = (column_height(&slabs[..a]), column_height(&slabs[a..]));
            let (left_b, right_b) = (column_height(&slabs[..b]), column_height(&slabs[b..]));
            left_a.max(right_a).total_cmp(&left_b.max(right_b)).then(left_b.total_cmp(&left_a))
        })
        .unwrap_or(slabs.len());
    let mut left = slabs;
    let right = left.split_off(cut);
    columns.push(left);
    if !right.is_empty() {
        columns.push(right);
    }
}

/// The height of slabs stacked in a column: the first one's space before is dropped.
fn column_height(slabs: &[Slab]) -> f32 {
    slabs.iter().enumerate().map(|(i, slab)| if i == 0 { slab.height } else { slab.space_before + slab.height }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_pages_make_ranges_each_linked_to_its_first_occurrence() {
        let occurrence = |n: usize| Occurrence { chapter: 0, anchor: format!("ix-{n}") };
        let occurrences: Vec<Occurrence> = (1..=7).map(occurrence).collect();
        let anchors: Vec<(String, u32)> =
            [(1, 12), (2, 12), (3, 15), (4, 16), (5, 17), (6, 20), (7, 3)].map(|(n, p)| (format!("ix-{n}"), p)).into();
        let pages: AnchorPages = anchors.iter().map(|(anchor, page)| ((0, anchor.as_str()), *page)).collect();
        let ranges: Vec<(String, String)> =
            page_ranges(&occurrences, &pages).into_iter().map(|(label, o)| (label, o.anchor.clone())).collect();
        let expected = [("3", "ix-7"), ("12", "ix-1"), ("15–17", "ix-3"), ("20", "ix-6")];
        assert_eq!(ranges, expected.map(|(l, a)| (l.to_string(), a.to_string())));
    }

    #[test]
    fn columns_fill_to_their_height_and_keep_headings_with_entries() {
        let slab = |keep| Slab { keep_with_next: keep, ..Slab::new(10.0) };
        let slabs = vec![slab(false), slab(false), slab(true), slab(false), slab(false)];
        let heights: Vec<usize> = fill_columns(slabs, 30.0, 40.0).iter().map(Vec::len).collect();
        assert_eq!(heights, [2, 3], "the heading (third) goes over with its entry");
    }

    #[test]
    fn the_last_page_is_balanced_the_left_column_no_shorter() {
        let slab = |keep| Slab { keep_with_next: keep, ..Slab::new(10.0) };
        // Two full pages' worth of four columns of 4, then a page of 4 + 1.
        let mut columns = fill_columns((0..21).map(|_| slab(false)).collect(), 40.0, 40.0);
        assert_eq!(columns.iter().map(Vec::len).collect::<Vec<_>>(), [4, 4, 4, 4, 4, 1]);
        balance_last_page(&mut columns);
        assert_eq!(columns.iter().map(Vec::len).collect::<Vec<_>>(), [4, 4, 4, 4, 3, 2]);

        // One column alone on its page is shared; a heading stays with its entry.
        let mut columns = vec![vec![slab(false), slab(true), slab(false), slab(false), slab(false)]];
        balance_last_page(&mut columns);
        assert_eq!(columns.iter().map(Vec::len).collect::<Vec<_>>(), [3, 2]);
        let mut columns = vec![vec![slab(false), slab(false), slab(true), slab(false)]];
        balance_last_page(&mut columns);
        assert_eq!(columns.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2]);
        let mut columns = vec![vec![slab(false), slab(true), slab(true), slab(false)]];
        balance_last_page(&mut columns);
        assert_eq!(columns.iter().map(Vec::len).collect::<Vec<_>>(), [1, 3], "no cut after a heading");
    }
}
