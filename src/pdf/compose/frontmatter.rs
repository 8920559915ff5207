//! Front matter: the title page, the imprint on its back, and the contents
//! («Содержание») — chapter and section titles with dot leaders to
//! right-aligned page numbers, every entry a link to its page.

use crate::document::{Book, Inline};
use crate::error::{Error, Result};
use crate::manifest::BookMeta;
use crate::pdf::fonts::{Family, FontStyle};
use crate::pdf::page::{Color, Glyph, Item, Role, Tag, TextRun};
use crate::pdf::paragraph::{Align, ParagraphStyle};

use super::blocks::Setter;
use super::galley::{Destination, Mark, PendingLink, Slab, Target};
use super::pages::{paginate, Draft, Grid, Room, EPSILON};
use super::structure::tag_items;
use super::text::label;

/// One line of the contents.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// 1 for a chapter, 2 for a section.
    pub level: u8,
    pub title: String,
    pub destination: Destination,
    /// The printed page number.
    pub folio: String,
}

/// The title of the contents in the book's language, also its running head and bookmark.
pub fn contents_title(book: &Book) -> &'static str {
    if crate::document::is_russian(&book.manifest.book.language) {
        "Содержание"
    } else {
        "Contents"
    }
}
/// Distance between leader dots, in ems.
const LEADER_PITCH: f32 = 0.5;

/// The title page and the imprint; text they cannot hold is an error
/// naming `book.toml`.
pub fn title_pages(setter: &Setter, book: &Book) -> Result<[Draft; 2]> {
    Ok([title_page(setter, &book.manifest.book)?, imprint_page(setter, book)?])
}

/// The error for a front-matter page whose text, `what` from `keys` of
/// `book.toml`, runs past the text block.
fn too_long(setter: &Setter, what: &str, keys: &str) -> Error {
    setter.error(0, format!("{what} run past the page"), format!("shorten {keys}"))
}

/// `text` centred on the measure, the content of `tag`.
fn centred(setter: &Setter, text: &str, font: FontStyle, size: f32, leading: f32, tag: Tag) -> Vec<Slab> {
    let style = ParagraphStyle {
        measure: setter.layout.measure,
        font,
        size,
        leading,
        indent: 0.0,
        align: Align::Center,
        hyphenate: false,
        color: Color::BLACK,
    };
    setter.lines(&[Inline::Text(text.to_string())], style, 0.0, tag)
}

/// The title page: authors at the head, the title a little above the
/// middle, translators below it, the year at the foot; each goes lower if
/// what stands above it reaches down that far.
fn title_page(setter: &Setter, meta: &BookMeta) -> Result<Draft> {
    let layout = setter.layout;
    let sans = |bold| FontStyle { family: Family::Sans, bold, italic: false };
    let gap = layout.leading;
    let mut draft = Draft::default();
    let x = layout.left(true);
    let structure = setter.structure;
    let authors = centred(setter, &meta.authors.join(", "), sans(false), 13.0, 16.0, structure.element(Role::P));
    let mut y = draft.stack(authors, x, layout.top, Grid::NONE);
    let title_y = (layout.top + 0.28 * layout.height).max(y + gap);
    let title = centred(setter, &meta.title, sans(true), 26.0, 30.0, structure.heading(1));
    y = draft.stack(title, x, title_y, Grid::NONE);
    if let Some(subtitle) = &meta.subtitle {
        let subtitle = centred(setter, subtitle, setter.serif(false, true), 14.0, 17.0, structure.element(Role::P));
        y = draft.stack(subtitle, x, y + 12.0, Grid::NONE);
    }
    if !meta.translators.is_empty() {
        let by = if crate::document::is_russian(&meta.language) { "Перевод" } else { "Translated by" };
        let line = format!("{by}: {}", meta.translators.join(", "));
        let translators_y = (layout.top + 0.62 * layout.height).max(y + gap);
        let line = centred(setter, &line, setter.serif(false, false), 11.0, 14.0, structure.element(Role::P));
        y = draft.stack(line, x, translators_y, Grid::NONE);
    }
    if let Some(year) = meta.date.as_deref().and_then(|d| d.get(..4)) {
        let year_y = (layout.bottom() - 14.0).max(y + gap);
        let year = centred(setter, year, setter.serif(false, false), 11.0, 14.0, structure.element(Role::P));
        y = draft.stack(year, x, year_y, Grid::NONE);
    }
    if y > layout.bottom() + EPSILON {
        let what = "the title page's title, subtitle, authors and translators";
        return Err(too_long(setter, what, "`book.title`, `subtitle`, `authors` or `translators`"));
    }
    Ok(draft)
}

/// The imprint: a catalogue-style description at the foot of the title's verso.
fn imprint_page(setter: &Setter, book: &Book) -> Result<Draft> {
    let meta = &book.manifest.book;
    let russian = crate::document::is_russian(&meta.language);
    let mut text = vec![format!("{}. {}", meta.authors.join(", "), meta.title)];
    if let Some(subtitle) = &meta.subtitle {
        text[0].push_str(&format!(": {subtitle}"));
    }
    if !meta.translators.is_empty() {
        let by = if russian { "пер." } else { "transl." };
        text[0].push_str(&format!(" / {by} {}", meta.translators.join(", ")));
    }
    if let Some(year) = meta.date.as_deref().and_then(|d| d.get(..4)) {
        text[0].push_str(&format!(". — {year}"));
    }
    text[0].push('.');
    text.extend(meta.description.clone());
    if let Some(imprint) = &book.manifest.pdf.imprint {
        text.extend(imprint.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")));
    }
    text.push(if russian { "Свёрстано программой verstka." } else { "Typeset with verstka." }.to_string());
    let (size, leading) = (8.5, 11.0);
    let frame = super::blocks::Frame { x: 0.0, measure: setter.layout.measure, size, leading };
    let mut slabs = Vec::new();
    for paragraph in text.iter().filter(|p| !p.trim().is_empty()) {
        let tag = setter.structure.element(Role::P);
        // Ragged right: a short measure of small type justified opens wide spaces.
        let style = ParagraphStyle { align: Align::Left, ..setter.text_style(frame, 0.0) };
        let mut lines = setter.lines(&[Inline::Text(paragraph.clone())], style, 0.0, tag);
        if let (Some(first), false) = (lines.first_mut(), slabs.is_empty()) {
            first.space_before = 0.5 * leading;
        }
        slabs.append(&mut lines);
    }
    let height: f32 = slabs.iter().enumerate().map(|(i, s)| s.height + if i > 0 { s.space_before } else { 0.0 }).sum();
    let layout = setter.layout;
    if height > layout.height + EPSILON {
        let what = "the imprint's title, authors, description and `pdf.imprint` text";
        return Err(too_long(setter, what, "`pdf.imprint` or `book.description`"));
    }
    let mut draft = Draft::default();
    draft.stack(slabs, layout.left(false), layout.bottom() - height, Grid::NONE);
    Ok(draft)
}

/// The contents, cut into pages; the first page is a recto.
pub fn contents(setter: &Setter, title: &str, entries: &[Entry]) -> Vec<Draft> {
    let layout = setter.layout;
    let heading = FontStyle { family: Family::Sans, bold: true, italic: false };
    let structure = setter.structure;
    let mut slabs = centred(setter, title, heading, 16.0, 20.0, structure.heading(1));
    slabs.iter_mut().for_each(|slab| slab.keep_with_next = true);
    if let Some(first) = slabs.first_mut() {
        first.marks.push(Mark { destination: Destination::Contents, outline: Some((1, title.to_string())) });
    }
    let toc = structure.within(Role::TOC, |_| {
        entries.iter().map(|entry| entry_slabs(setter, entry, structure.element(Role::TOCI))).collect::<Vec<_>>()
    });
    for (i, (entry, mut lines)) in entries.iter().zip(toc).enumerate() {
        if let Some(first) = lines.first_mut() {
            first.space_before = if entry.level == 1 { 0.6 * layout.leading } else { 0.0 };
        }
        // A chapter's line stays with its first section's.
        if let Some(last) = lines.last_mut() {
            last.keep_with_next = entry.level == 1 && entries.get(i + 1).is_some_and(|next| next.level > 1);
        }
        slabs.append(&mut lines);
    }
    if let Some(first_entry) = slabs.iter_mut().find(|slab| !slab.links.is_empty()) {
        first_entry.space_before = 1.5 * layout.leading;
    }
    let room = Room { height: layout.height, sink: 0.0, separator: 0.0, grid: Grid::NONE };
    let cuts = paginate(&slabs, &[], room);
    let mut slabs = slabs.into_iter();
    cuts.iter()
        .enumerate()
        .map(|(i, cut)| {
            let mut draft = Draft::default();
            draft.stack(slabs.by_ref().take(cut.slabs.len()), layout.left(i % 2 == 0), layout.top, Grid::NONE);
            draft
        })
        .collect()
}

/// An entry, the content of `tag`: its title wrapped short of the page
/// number, a slab a line so that a title longer than a page goes on over
/// the next, every line a link; dot leaders (artifacts) from the last line
/// to the number.
fn entry_slabs(setter: &Setter, entry: &Entry, tag: Tag) -> Vec<Slab> {
    let layout = setter.layout;
    let (size, leading) = (layout.font_size, layout.leading);
    let font = if entry.level == 1 {
        FontStyle { family: Family::Sans, bold: true, italic: false }
    } else {
        setter.serif(false, false)
    };
    let indent = if entry.level == 1 { 0.0 } else { 1.5 * size };
    let number_room = 3.0 * size;
    let style = ParagraphStyle::ragged(layout.measure - indent - number_room, font, size, leading);
    let paragraph = crate::pdf::paragraph::layout(&[Inline::Text(entry.title.clone())], &style, setter.fonts);
    let last_width = paragraph.lines.last().map_or(0.0, |line| line.width);
    let mut lines =
        super::text::line_slabs(paragraph.lines, indent, size, leading, setter.chapter, tag, setter.structure);
    if lines.is_empty() {
        lines.push(Slab::new(leading));
    }
    for line in &mut lines {
        let target = Target::Place(entry.destination.clone());
        let (width, height, text) = (layout.measure, line.height, entry.title.clone());
        line.links.push(PendingLink { x: 0.0, y: 0.0, width, height, target, tag, text });
    }
    if let Some(last) = lines.last_mut() {
        // The title and its folio read as two words.
        if let Some(Item::Text(run)) = last.items.last_mut() {
            run.text.push(' ');
        }
        let baseline = super::text::baseline(size, leading);
        let (mut number, number_width) = label(setter.fonts, &entry.folio, font, size, layout.measure, baseline, 1.0);
        tag_items(&mut number, tag);
        last.items.append(&mut number);
        let from = indent + last_width + 0.4 * size;
        let to = layout.measure - number_width - 0.4 * size;
        last.items.extend(leaders(setter, from, to, baseline, size));
    }
    lines
}

/// Dots on a grid of [`LEADER_PITCH`] ems between `from` and `to`, so leaders of all entries line up.
fn leaders(setter: &Setter, from: f32, to: f32, baseline: f32, size: f32) -> Option<Item> {
    let pitch = LEADER_PITCH * size;
    let positions = leader_positions(from, to, pitch);
    let dot = setter.fonts.shape(".", setter.serif(false, false), size).runs.into_iter().next()?;
    let glyph = *dot.glyphs.first()?;
    let glyphs: Vec<Glyph> =
        (0..positions.len()).map(|i| Glyph { cluster: i as u32, x_advance: pitch, ..glyph }).collect();
    (!glyphs.is_empty()).then(|| {
        Item::Text(TextRun {
            font: dot.font,
            size,
            x: positions[0],
            y: baseline,
            text: ".".repeat(glyphs.len()),
            glyphs,
            color: Color::BLACK,
            tag: Tag::Artifact,
        })
    })
}

/// The x of each leader dot: multiples of `pitch` inside [from, to).
pub fn leader_positions(from: f32, to: f32, pitch: f32) -> Vec<f32> {
    let first = (from / pitch).ceil() as i64;
    let last = ((to - pitch) / pitch).floor() as i64;
    (first..=last).map(|k| k as f32 * pitch).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leader_dots_sit_on_a_common_grid() {
        assert_eq!(leader_positions(9.0, 30.0, 5.0), [10.0, 15.0, 20.0, 25.0]);
        assert_eq!(leader_positions(10.0, 29.0, 5.0), [10.0, 15.0, 20.0]);
        assert!(leader_positions(28.0, 30.0, 5.0).is_empty());
        assert!(leader_positions(40.0, 30.0, 5.0).is_empty());
    }
}
