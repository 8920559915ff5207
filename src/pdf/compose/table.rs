//! Tables: columns sized to their content within the measure, cell text
//! wrapped and aligned as the Markdown says, rules in the booktabs manner
//! (heavy above and below, light under the header), one slab per row so a
//! long table breaks between rows. A row no page can hold is set a slab per
//! line, so its cells continue on the next page below the repeated header.

use std::ops::Range;

use std::rc::Rc;

use crate::document::{plain_text, Alignment, Inline, Table};
use crate::error::Result;
use crate::pdf::page::{Color, Item, Role, Tag};
use crate::pdf::paragraph::Align;

use super::blocks::{Frame, Setter};
use super::galley::{holds_together, keep_lines_together, Slab, Start};
use super::pages::WIDOW;
use super::structure::tag_items;

/// Space between a cell's edge and its text.
const PADDING: f32 = 4.0;
const HEAVY: f32 = 0.8;
const LIGHT: f32 = 0.4;
/// A header taller than this share of the text block is not repeated on
/// the pages a table continues on: it would crowd out the rows.
const REPEATED_HEADER_SHARE: f32 = 0.25;

/// Sets `table`, from line `line` of the chapter; a table whose columns
/// are too narrow to hold a letter is an error there.
pub fn table(setter: &Setter, table: &Table, frame: Frame, line: usize) -> Result<Vec<Slab>> {
    let Some(columns) = Columns::new(setter, table, frame) else { return Ok(Vec::new()) };
    columns.check_width(line)?;
    let page = setter.layout.height;
    let structure = setter.structure;
    let mut header = structure.within(Role::THead, |_| columns.row(&table.header, true, page));
    header.iter_mut().for_each(|band| band.keep_with_next = true);
    if let Some(first) = header.first_mut() {
        first.items.push(columns.rule(0.0, HEAVY));
    }
    if let Some(last) = header.last_mut() {
        last.items.push(columns.rule(last.height, LIGHT));
    }
    // Continued on another page, a table repeats its header there.
    let repeated = match &header[..] {
        [only] if only.height <= REPEATED_HEADER_SHARE * page => {
            // Read once, where the table starts.
            let mut items = only.items.clone();
            tag_items(&mut items, Tag::Artifact);
            Some(Rc::new(Slab { items, height: only.height, ..Slab::default() }))
        }
        _ => None,
    };
    let room = page - repeated.as_ref().map_or(0.0, |header| header.height);
    let mut rows: Vec<Slab> = Vec::new();
    structure.within(Role::TBody, |_| {
        for (i, cells) in table.rows.iter().enumerate() {
            let mut bands = columns.row(cells, false, room);
            if let Some(last) = bands.last_mut() {
                last.break_cost = if holds_together(i, table.rows.len(), 2) { WIDOW } else { 0.0 };
            }
            let start = Some(Start { path: vec![u32::try_from(i + 1).unwrap_or(u32::MAX)], offset: 0 });
            rows.extend(bands.into_iter().map(|band| Slab { repeat: repeated.clone(), start: start.clone(), ..band }));
        }
    });
    // Broken between rows, the part on the page closes with the bottom rule.
    let closing = Rc::new(Slab { items: vec![columns.rule(0.0, HEAVY)], ..Slab::default() });
    if let Some((last, others)) = rows.split_last_mut() {
        others.iter_mut().for_each(|row| row.close = Some(closing.clone()));
        last.items.push(columns.rule(last.height, HEAVY));
    } else if let Some(last) = header.last_mut() {
        last.items.push(columns.rule(last.height, HEAVY));
        last.keep_with_next = false;
    }
    Ok(header.into_iter().chain(rows).collect())
}

/// A table's columns, resolved once for all its rows.
struct Columns<'a> {
    setter: &'a Setter<'a>,
    /// The width each column's content asks for, padding included.
    natural: Vec<f32>,
    widths: Vec<f32>,
    alignments: Vec<Align>,
    /// The table's frame at the table's type size.
    frame: Frame,
}

impl<'a> Columns<'a> {
    /// Columns sized to the widest cell of each; `None` for a table without any.
    fn new(setter: &'a Setter<'a>, table: &Table, frame: Frame) -> Option<Columns<'a>> {
        let size = (frame.size - 1.5).max(7.0);
        let frame = Frame { size, leading: size * 1.22, ..frame };
        let columns = table.alignments.len().max(table.header.len());
        if columns == 0 {
            return None;
        }
        let shape = |text: &str, bold| setter.fonts.shape(text, setter.serif(bold, false), size).width;
        // A cell's text on one line, and its widest word (which cannot break but by hyphenation).
        let width = |cell: &Vec<Inline>, bold| shape(&plain_text(cell), bold);
        let word = |cell: &Vec<Inline>, bold| {
            let text = plain_text(cell).replace('\u{AD}', "");
            text.split([' ', '\t', '\n']).map(|word| shape(word, bold)).fold(0.0, f32::max)
        };
        // A point to spare: a cell exactly as wide as its text must not break it.
        let column = |c: usize, width: &dyn Fn(&Vec<Inline>, bool) -> f32| {
            let header = table.header.get(c).map_or(0.0, |cell| width(cell, true));
            let body = table.rows.iter().filter_map(|row| row.get(c)).map(|cell| width(cell, false));
            body.fold(header, f32::max) + 2.0 * PADDING + 1.0
        };
        let natural: Vec<f32> = (0..columns).map(|c| column(c, &width)).collect();
        let least: Vec<f32> = (0..columns).map(|c| column(c, &word)).collect();
        let widths = column_widths(&least, &natural, frame.measure);
        let alignments = (0..columns).map(|c| align(table.alignments.get(c).copied())).collect();
        Some(Columns { setter, natural, widths, alignments, frame })
    }

    /// Fails if a column had to be squeezed so narrow that its letters would
    /// print over the next column's.
    fn check_width(&self, line: usize) -> Result<()> {
        let frame = self.frame;
        let too_narrow = |(&width, &natural): (&f32, &f32)| width < natural && width - 2.0 * PADDING < frame.size;
        let Some(column) = self.widths.iter().zip(&self.natural).position(too_narrow) else { return Ok(()) };
        let mm = |points: f32| points * 25.4 / 72.0;
        let fitting = (frame.measure / (2.0 * PADDING + frame.size)).floor();
        let message = format!(
            "this table's {} columns do not fit the {:.0} mm measure: column {} would be {:.1} mm wide, too narrow for a letter",
            self.widths.len(),
            mm(frame.measure),
            column + 1,
            mm(self.widths[column]),
        );
        let help =
            format!("split it into tables of at most {fitting} columns, or shorten the text of its widest cells");
        Err(self.setter.error(line, message, help))
    }

    /// A rule across the table at `y`.
    fn rule(&self, y: f32, thickness: f32) -> Item {
        let (x1, x2) = (self.frame.x, self.frame.x + self.frame.measure);
        Item::Line { x1, y1: y, x2, y2: y, thickness, color: Color::BLACK }
    }

    /// A row as slabs: one if a page's `room` can hold it, else one a line,
    /// two lines at least on each side of a page break.
    fn row(&self, cells: &[Vec<Inline>], bold: bool, room: f32) -> Vec<Slab> {
        let cells = self.setter.structure.within(Role::TR, |_| self.cell_lines(cells, bold));
        let count = cells.iter().map(Vec::len).max().unwrap_or(0);
        let leading = self.frame.leading;
        let whole = band(&cells, 0..count, (PADDING, PADDING), leading);
        if whole.height <= room {
            return vec![whole];
        }
        let mut bands: Vec<Slab> = (0..count)
            .map(|i| {
                let pad = |edge: usize| if i == edge { PADDING } else { 0.0 };
                band(&cells, i..i + 1, (pad(0), pad(count - 1)), leading)
            })
            .collect();
        keep_lines_together(&mut bands, 2);
        bands
    }

    /// Each cell's text as lines, moved to its column and inside the
    /// padding; a bold row's cells are its columns' headers.
    fn cell_lines(&self, cells: &[Vec<Inline>], bold: bool) -> Vec<Vec<Slab>> {
        let frame = self.frame;
        let mut x = frame.x;
        let mut set = Vec::new();
        for ((cell, width), align) in cells.iter().zip(&self.widths).zip(&self.alignments) {
            let cell_frame = Frame { x: 0.0, measure: (width - 2.0 * PADDING).max(frame.size), ..frame };
            let mut style = self.setter.text_style(cell_frame, 0.0);
            style.align = *align;
            style.font.bold = bold;
            // A header is as wide as its widest word (if the measure allows): it never hyphenates.
            style.hyphenate = !bold;
            let tag = self.setter.structure.element(if bold { Role::TH } else { Role::TD });
            let mut lines = self.setter.lines(cell, style, 0.0, tag);
            lines.iter_mut().for_each(|line| line.shift(x + PADDING, 0.0));
            set.push(lines);
            x += width;
        }
        set
    }
}

/// Column widths that fill the measure exactly, so wide tables wrap and
/// narrow ones align with the text, as CSS's automatic table layout sizes
/// them: each column gets at least its `least` width (its widest word, so
/// nothing hyphenates while another column has room to spare) and the rest
/// of the measure in proportion to how much more its `natural` width (its
/// content on one line) asks for.
pub fn column_widths(least: &[f32], natural: &[f32], measure: f32) -> Vec<f32> {
    let total: f32 = natural.iter().sum();
    if total <= measure {
        let extra = (measure - total) / natural.len() as f32;
        return natural.iter().map(|w| w + extra).collect();
    }
    let least: Vec<f32> = least.iter().zip(natural).map(|(&least, &natural)| least.min(natural)).collect();
    let minimum: f32 = least.iter().sum();
    if minimum <= measure {
        let share = (measure - minimum) / (total - minimum);
        return least.iter().zip(natural).map(|(&least, &natural)| least + (natural - least) * share).collect();
    }
    squeezed(natural, measure)
}

/// Widths for a table whose words alone overflow the measure: narrow
/// columns keep their width; the wide ones share what is left.
fn squeezed(natural: &[f32], measure: f32) -> Vec<f32> {
    let fair = measure / natural.len() as f32;
    let narrow: f32 = natural.iter().filter(|&&w| w <= fair).sum();
    let wide: f32 = natural.iter().filter(|&&w| w > fair).sum();
    natural.iter().map(|&w| if w <= fair { w } else { w / wide * (measure - narrow) }).collect()
}

fn align(alignment: Option<Alignment>) -> Align {
    match alignment {
        Some(Alignment::Center) => Align::Center,
        Some(Alignment::Right) => Align::Right,
        _ => Align::Left,
    }
}

/// Lines `lines` of every cell as one slab, with (top, bottom) padding.
fn band(cells: &[Vec<Slab>], lines: Range<usize>, (top, bottom): (f32, f32), leading: f32) -> Slab {
    let mut slab = Slab::new(0.0);
    for cell in cells {
        for (i, line) in cell.iter().enumerate().take(lines.end).skip(lines.start) {
            slab.absorb(line.clone(), 0.0, top + (i - lines.start) as f32 * leading);
        }
    }
    slab.height = (lines.len() as f32 * leading).max(leading) + (top + bottom);
    slab
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_tables_spread_to_the_measure() {
        let widths = column_widths(&[20.0, 30.0], &[40.0, 60.0], 200.0);
        assert_eq!(widths, [90.0, 110.0]);
    }

    #[test]
    fn every_column_holds_its_widest_word_and_shares_the_rest_by_what_it_asks_for() {
        // A header word of 70 in a column of short cells; a long sentence beside it.
        let widths = column_widths(&[70.0, 50.0], &[70.0, 400.0], 300.0);
        assert_eq!(widths[0], 70.0, "no header hyphenates while the other column has room");
        assert!((widths[1] - 230.0).abs() < 1e-3);
        let widths = column_widths(&[40.0, 40.0], &[140.0, 340.0], 300.0);
        assert!((widths[0] - 95.0).abs() < 1e-3 && (widths[1] - 205.0).abs() < 1e-3, "{widths:?}");
    }

    #[test]
    fn wide_tables_squeeze_only_their_wide_columns() {
        let widths = column_widths(&[30.0, 350.0, 150.0], &[30.0, 400.0, 200.0], 300.0);
        assert_eq!(widths[0], 30.0);
        assert!((widths.iter().sum::<f32>() - 300.0).abs() < 1e-3);
        assert!(widths[1] > widths[2]);
    }
}
