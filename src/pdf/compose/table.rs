//! Tables: columns sized to their content within the measure, cell text
//! wrapped and aligned as the Markdown says, rules in the booktabs manner
//! (heavy above and below, light under the header), one slab per row so a
//! long table breaks between rows.

use std::rc::Rc;

use crate::document::{plain_text, Alignment, Inline, Table};
use crate::pdf::page::{Color, Item};
use crate::pdf::paragraph::Align;

use super::blocks::{Frame, Setter};
use super::galley::{keep_lines_together, Slab};

/// Space between a cell's edge and its text.
const PADDING: f32 = 4.0;
const HEAVY: f32 = 0.8;
const LIGHT: f32 = 0.4;

pub fn table(setter: &Setter, table: &Table, frame: Frame) -> Vec<Slab> {
    let size = (frame.size - 1.5).max(7.0);
    let frame = Frame { size, leading: size * 1.22, ..frame };
    let columns = table.alignments.len().max(table.header.len());
    if columns == 0 {
        return Vec::new();
    }
    let natural: Vec<f32> = (0..columns)
        .map(|c| {
            let width =
                |cell: &Vec<Inline>, bold| setter.fonts.shape(&plain_text(cell), setter.serif(bold, false), size).width;
            let header = table.header.get(c).map_or(0.0, |cell| width(cell, true));
            let body = table.rows.iter().filter_map(|row| row.get(c)).map(|cell| width(cell, false));
            // A point to spare: a cell exactly as wide as its text must not break it.
            body.fold(header, f32::max) + 2.0 * PADDING + 1.0
        })
        .collect();
    let widths = column_widths(&natural, frame.measure);
    let alignments: Vec<Align> = (0..columns).map(|c| align(table.alignments.get(c).copied())).collect();
    let mut header = row(setter, &table.header, &widths, &alignments, frame, true);
    header.keep_with_next = true;
    let rule = |y: f32, thickness: f32| Item::Line {
        x1: frame.x,
        y1: y,
        x2: frame.x + frame.measure,
        y2: y,
        thickness,
        color: Color::BLACK,
    };
    header.items.push(rule(0.0, HEAVY));
    header.items.push(rule(header.height, LIGHT));
    // Continued on another page, a table repeats its header there.
    let repeated = Rc::new(Slab { items: header.items.clone(), height: header.height, ..Slab::default() });
    let mut rows: Vec<Slab> = table
        .rows
        .iter()
        .map(|r| Slab { repeat: Some(repeated.clone()), ..row(setter, r, &widths, &alignments, frame, false) })
        .collect();
    keep_lines_together(&mut rows, 2);
    // Broken between rows, the part on the page closes with the bottom rule.
    let closing = Rc::new(Slab { items: vec![rule(0.0, HEAVY)], ..Slab::default() });
    if let Some((last, others)) = rows.split_last_mut() {
        others.iter_mut().for_each(|row| row.close = Some(closing.clone()));
        last.items.push(rule(last.height, HEAVY));
    } else {
        header.items.push(rule(header.height, HEAVY));
        header.keep_with_next = false;
    }
    std::iter::once(header).chain(rows).collect()
}

/// Natural widths scaled to fill the measure exactly, so wide tables wrap and narrow ones align with the text.
pub fn column_widths(natural: &[f32], measure: f32) -> Vec<f32> {
    let total: f32 = natural.iter().sum();
    if total <= measure {
        let extra = (measure - total) / natural.len() as f32;
        return natural.iter().map(|w| w + extra).collect();
    }
    // Narrow columns keep their width; the wide ones share what is left.
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

fn row(setter: &Setter, cells: &[Vec<Inline>], widths: &[f32], aligns: &[Align], frame: Frame, bold: bool) -> Slab {
    let mut slab = Slab::new(0.0);
    let mut x = frame.x;
    let mut height: f32 = 0.0;
    for ((cell, width), align) in cells.iter().zip(widths).zip(aligns) {
        let cell_frame = Frame { x: 0.0, measure: (width - 2.0 * PADDING).max(frame.size), ..frame };
        let mut style = setter.text_style(cell_frame, 0.0);
        style.align = *align;
        style.font.bold = bold;
        let lines = setter.lines(cell, style, 0.0);
        height = height.max(lines.len() as f32 * frame.leading);
        for (i, line) in lines.into_iter().enumerate() {
            slab.absorb(line, x + PADDING, PADDING + i as f32 * frame.leading);
        }
        x += width;
    }
    slab.height = height.max(frame.leading) + 2.0 * PADDING;
    slab
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_tables_spread_to_the_measure() {
        let widths = column_widths(&[40.0, 60.0], 200.0);
        assert_eq!(widths, [90.0, 110.0]);
    }

    #[test]
    fn wide_tables_squeeze_only_their_wide_columns() {
        let widths = column_widths(&[30.0, 400.0, 200.0], 300.0);
        assert_eq!(widths[0], 30.0);
        assert!((widths.iter().sum::<f32>() - 300.0).abs() < 1e-3);
        assert!(widths[1] > widths[2]);
    }
}
