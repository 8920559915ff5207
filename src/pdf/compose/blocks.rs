//! Body blocks → slabs: the chapter title, headings, paragraphs, lists,
//! quotes, listings, tables, figures and thematic breaks of one chapter.
//!
//! Every block is set in a [`Frame`] (left edge, measure, type size), so
//! nesting — a list in a quote in a list item — is a narrower frame.
//! Vertical space between blocks is the larger of the space below the one
//! and above the other, carried as the next slab's `space_before`.

use std::path::Path;

use crate::document::{plain_text, Block, BlockKind, Chapter, Heading, Inline, List};
use crate::error::{Error, Location, Result};
use crate::highlight::Theme;
use crate::pdf::fonts::{Family, FontBook, FontStyle};
use crate::pdf::page::{Color, Item, Role, Tag};
use crate::pdf::paragraph::{self, Align, Paragraph, ParagraphStyle};

use super::caption::{self, Side};
use super::galley::{Destination, Mark, Slab, Start};
use super::geometry::Layout;
use super::pages::{EPSILON, INTRODUCTION};
use super::problems::Problems;
use super::structure::{tag_items, Structure};
use super::text::{baseline, label, line_slabs};
use super::{callout, figure, listing, table};

/// The tallest heading set as one slab, as a share of the text block.
const MAX_HEADING_SLAB: f32 = 0.25;

/// The chapter title's size and leading.
const TITLE: (f32, f32) = (20.0, 24.0);

/// A chapter set as one column, with its footnotes set apart.
#[derive(Debug, Clone, Default)]
pub struct Galley {
    pub slabs: Vec<Slab>,
    /// Footnote `n` is `notes[n - 1]`: its lines, so that a long note can
    /// continue on the next page.
    pub notes: Vec<Vec<Slab>>,
}

/// Where and in what size a block is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Left edge relative to the text block.
    pub x: f32,
    pub measure: f32,
    pub size: f32,
    pub leading: f32,
}

/// Sets the blocks of one chapter.
pub struct Setter<'a> {
    pub fonts: &'a FontBook,
    pub layout: &'a Layout,
    pub theme: &'a Theme,
    /// The chapter's index, for links and marks.
    pub chapter: usize,
    /// The file the text comes from, for errors: the chapter's, or
    /// `book.toml` for the front matter.
    pub source: &'a Path,
    /// The logical structure of the part being set.
    pub structure: &'a Structure,
    /// Lines set badly, as warnings.
    pub problems: &'a Problems,
}

impl Setter<'_> {
    /// The body frame: the whole measure at the body size.
    pub fn body(&self) -> Frame {
        Frame { x: 0.0, measure: self.layout.measure, size: self.layout.font_size, leading: self.layout.leading }
    }

    /// The chapter: its title (the leading `#` heading, or the manifest's), its blocks, its notes.
    pub fn chapter(&self, chapter: &Chapter) -> Result<Galley> {
        let (heading, blocks) = match chapter.blocks.split_first() {
            Some((Block { kind: BlockKind::Heading(h), .. }, rest)) if h.level == 1 => (Some(h), rest),
            _ => (None, &chapter.blocks[..]),
        };
        let mut slabs = self.chapter_title(chapter, heading);
        // The title begins the chapter: its heading, the first block; a
        // title from the manifest begins where the first block does.
        if heading.is_none() {
            slabs.iter_mut().for_each(|slab| slab.start = None);
        }
        Start::nest(&mut slabs, 0);
        let mut body = self.blocks(blocks, self.body())?;
        for start in body.iter_mut().filter_map(|slab| slab.start.as_mut()) {
            start.path[0] += u32::from(heading.is_some());
        }
        if let Some(first) = body.first_mut() {
            first.space_before = first.space_before.max(2.0 * self.layout.leading);
        }
        slabs.append(&mut body);
        let mut notes = Vec::with_capacity(chapter.footnotes.len());
        for note in &chapter.footnotes {
            let (element, lines) = super::footnotes::note(self, note)?;
            // Read where the text first refers to it, not at the chapter's end.
            if let Some(reference) = first_reference(&slabs, note.number) {
                self.structure.adopt(element, reference);
            }
            notes.push(lines);
        }
        Ok(Galley { slabs, notes })
    }

    fn chapter_title(&self, chapter: &Chapter, heading: Option<&Heading>) -> Vec<Slab> {
        let text = [Inline::Text(chapter.title.clone())];
        let content = heading.map_or(&text[..], |h| &h.content[..]);
        let (size, leading) = TITLE;
        let style = self.heading_style(size, leading, self.layout.measure);
        let mut slabs = self.lines(content, style, 0.0, self.structure.heading(1));
        slabs.iter_mut().for_each(|slab| slab.keep_with_next = true);
        if let Some(first) = slabs.first_mut() {
            first.marks.push(Mark {
                destination: Destination::Chapter(self.chapter),
                outline: Some((1, chapter.title.clone())),
            });
            if let Some(h) = heading {
                first.marks.push(Mark { destination: Destination::Heading(self.chapter, h.id.clone()), outline: None });
            }
        }
        slabs
    }

    /// Sets `blocks` in `frame`, spacing them.
    pub fn blocks(&self, blocks: &[Block], frame: Frame) -> Result<Vec<Slab>> {
        let mut slabs: Vec<Slab> = Vec::new();
        let mut space_below: f32 = 0.0;
        // A frame's first paragraph is not indented, like one after a heading.
        let mut unindented = true;
        let mut after_heading = false;
        // A heading on the grid holds its space to the next line of text.
        let on_grid = frame.leading == self.layout.leading;
        for (index, block) in blocks.iter().enumerate() {
            let next = blocks.get(index + 1);
            let mut set = self.block(block, frame, unindented)?;
            Start::nest(&mut set, index);
            let is_heading = matches!(block.kind, BlockKind::Heading(_));
            let (above, below) = match &block.kind {
                BlockKind::Heading(_) if on_grid => (0.0, 0.0),
                BlockKind::Paragraph(_) | BlockKind::List(_) if on_grid && after_heading => (0.0, 0.0),
                kind => spacing(kind, frame),
            };
            if let Some(first) = set.first_mut() {
                // A heading right under another keeps only the space it holds.
                first.space_before = if is_heading && on_grid {
                    if after_heading {
                        0.0
                    } else {
                        first.space_before
                    }
                } else {
                    first.space_before.max(above.max(space_below))
                };
            }
            // A heading is followed by at least two lines on its page: a
            // one-line block keeps with the text after it, if there is any.
            match (after_heading, is_heading, set.as_mut_slice()) {
                (true, false, [only]) => {
                    only.keep_with_next = next.is_some_and(|next| !matches!(next.kind, BlockKind::Heading(_)))
                }
                (true, false, [first, ..]) => first.keep_with_next = true,
                _ => {}
            }
            // The line that introduces a listing (it ends with a colon)
            // goes to the listing's page with it, unless that costs more.
            if introduces_listing(block, next) {
                if let Some(last) = set.last_mut() {
                    last.break_cost = last.break_cost.max(INTRODUCTION);
                }
            }
            // A heading with no text of its own has nothing to keep with: a
            // run of empty sections may break between its headings.
            if opens_empty_section(block, next) {
                if let Some(last) = set.last_mut() {
                    last.keep_with_next = false;
                }
            }
            if !set.is_empty() {
                space_below = below;
                after_heading = is_heading;
                unindented = after_heading;
            }
            slabs.append(&mut set);
        }
        Ok(slabs)
    }

    fn block(&self, block: &Block, frame: Frame, unindented: bool) -> Result<Vec<Slab>> {
        self.problems.at(block.line);
        Ok(match &block.kind {
            BlockKind::Heading(heading) => self.heading(heading, frame),
            BlockKind::Paragraph(content) => {
                let indent = if unindented { 0.0 } else { 1.4 * frame.size };
                self.lines(content, self.text_style(frame, indent), frame.x, self.structure.element(Role::P))
            }
            BlockKind::List(list) => self.list(list, frame)?,
            BlockKind::Quote(blocks) => self.quote(blocks, frame)?,
            BlockKind::Code(code) => {
                let mut slabs = match &code.caption {
                    Some(c) => caption::caption(self, c, frame, Side::Above),
                    None => Vec::new(),
                };
                let tag = self.structure.element(Role::Code);
                let mut lines = listing::listing(code, frame.measure, self.theme, self.fonts, self.structure, tag);
                lines.iter_mut().for_each(|slab| slab.shift(frame.x, 0.0));
                slabs.append(&mut lines);
                slabs
            }
            BlockKind::Table(t) => self.structure.within(Role::Table, |_| {
                let mut slabs = match &t.caption {
                    Some(c) => caption::caption(self, c, frame, Side::Above),
                    None => Vec::new(),
                };
                slabs.append(&mut table::table(self, t, frame, block.line)?);
                Ok::<_, Error>(slabs)
            })?,
            BlockKind::Figure(image) => figure::figure(self, image, frame),
            BlockKind::Callout(c) => self.structure.within(Role::Div, |_| callout::callout(self, c, frame))?,
            BlockKind::Rule => vec![self.asterism(frame)],
            BlockKind::Html(_) => Vec::new(),
        })
    }

    /// Content at `line` of the source that cannot be set, as an error there.
    pub fn error(&self, line: usize, message: String, help: String) -> Error {
        Error::book(Location::at(self.source, line, 0), message).with_help(help)
    }

    /// A thematic break: three asterisks, an em and a half apart, centred.
    fn asterism(&self, frame: Frame) -> Slab {
        let mut slab = Slab::new(frame.leading);
        let y = baseline(frame.size, frame.leading);
        let centre = frame.x + frame.measure / 2.0;
        for step in [-1.5, 0.0, 1.5] {
            let x = centre + step * frame.size;
            slab.items.extend(label(self.fonts, "*", self.serif(false, false), frame.size, x, y, 0.5).0);
        }
        slab
    }

    /// A section heading in the sans; it keeps with what follows (see
    /// [`opens_empty_section`] for the exception).
    fn heading(&self, heading: &Heading, frame: Frame) -> Vec<Slab> {
        let level = heading.level.max(2);
        let (size, leading) = match level {
            2 => (13.0, 16.0),
            3 => (11.0, 14.0),
            _ => (frame.size, frame.leading),
        };
        let style = self.heading_style(size, leading, frame.measure);
        let mut slabs = self.lines(&heading.content, style, frame.x, self.structure.heading(level));
        slabs.iter_mut().for_each(|slab| slab.keep_with_next = true);
        if let Some(first) = slabs.first_mut() {
            let outline = (level <= 3).then(|| (level, plain_text(&heading.content)));
            first.marks.push(Mark { destination: Destination::Heading(self.chapter, heading.id.clone()), outline });
        }
        let (above, below) = heading_spacing(level, frame);
        if frame.leading != self.layout.leading || slabs.is_empty() {
            return slabs;
        }
        // No slab may be taller than a page: a heading of a page's worth
        // of lines stays a slab a line.
        if slabs.len() as f32 * leading > MAX_HEADING_SLAB * self.layout.height {
            slabs[0].space_before = above;
            return slabs;
        }
        vec![on_the_grid(slabs, size, leading, above + below, frame)]
    }

    /// A list: labels hang in the indent, items are blocks in a narrower frame.
    fn list(&self, list: &List, frame: Frame) -> Result<Vec<Slab>> {
        let labels: Vec<String> = match list.start {
            Some(start) => (0..list.items.len() as u64).map(|i| format!("{}.", start + i)).collect(),
            None => vec![if frame.x == 0.0 { "•" } else { "–" }.to_string(); list.items.len()],
        };
        let style = self.serif(false, false);
        let widest = labels.iter().map(|l| self.fonts.shape(l, style, frame.size).width).fold(0.0, f32::max);
        let indent = (widest + 0.5 * frame.size).max(1.4 * frame.size);
        let inner = self.indented(frame, indent);
        let mut slabs = Vec::new();
        let structure = self.structure;
        structure.within(Role::L, |_| {
            for (item_index, (item, text)) in list.items.iter().zip(labels).enumerate() {
                let set = structure.within(Role::LI, |_| {
                    let tag = structure.element(Role::Lbl);
                    structure.within(Role::LBody, |_| self.blocks(item, inner)).map(|set| (tag, set))
                });
                let (tag, mut set) = set?;
                Start::nest(&mut set, item_index);
                if let Some(first) = set.first_mut() {
                    let y = first_baseline(first, frame);
                    let x = inner.x - 0.5 * frame.size;
                    let mut label = label(self.fonts, &text, style, frame.size, x, y, 1.0).0;
                    tag_items(&mut label, tag);
                    first.items.append(&mut label);
                }
                slabs.append(&mut set);
            }
            Ok(slabs)
        })
    }

    /// `frame` a point smaller, for quotes and callouts.
    pub fn smaller(&self, frame: Frame, indent: f32) -> Frame {
        let size = (frame.size - 1.0).max(7.0);
        Frame { size, leading: size * 1.25, ..self.indented(frame, indent) }
    }

    /// A block quote: indented, a size smaller, with a thin rule on the left.
    fn quote(&self, blocks: &[Block], frame: Frame) -> Result<Vec<Slab>> {
        let inner = self.smaller(frame, 1.5 * frame.size);
        let mut slabs = self.structure.within(Role::BlockQuote, |_| self.blocks(blocks, inner))?;
        let x = frame.x + 0.5 * frame.size;
        for slab in &mut slabs {
            let color = Color::grey(0.6);
            slab.items.push(Item::Line { x1: x, y1: 0.0, x2: x, y2: slab.height, thickness: 0.6, color });
        }
        Ok(slabs)
    }

    /// `frame` indented by `indent` and narrower, but never under eight ems
    /// nor past the text block's right edge: absurdly deep nesting stops
    /// indenting rather than set one letter a line or run off the page.
    fn indented(&self, frame: Frame, indent: f32) -> Frame {
        let measure = narrower(frame.measure, indent, frame.size);
        let x = (frame.x + indent).min(self.layout.measure - measure);
        Frame { x, measure, ..frame }
    }

    /// Lays out inline content, the content of `tag`, and returns its lines
    /// as slabs at `x`. Lines at the body leading go on the grid.
    pub fn lines(&self, content: &[Inline], style: ParagraphStyle, x: f32, tag: Tag) -> Vec<Slab> {
        self.slabs(paragraph::layout(content, &style, self.fonts), &style, x, tag)
    }

    /// The lines of a paragraph laid out in `style` (by [`paragraph::layout`])
    /// as slabs at `x`, the content of `tag`.
    pub fn slabs(&self, paragraph: Paragraph, style: &ParagraphStyle, x: f32, tag: Tag) -> Vec<Slab> {
        let (size, leading) = (style.size, style.leading);
        self.problems.note(self.source, &paragraph.lines);
        let mut slabs = line_slabs(paragraph.lines, x, size, leading, self.chapter, tag, self.structure);
        let on_grid = leading == self.layout.leading;
        slabs.iter_mut().for_each(|slab| slab.on_grid = on_grid);
        slabs
    }

    /// Justified, hyphenated body text in `frame`.
    pub fn text_style(&self, frame: Frame, indent: f32) -> ParagraphStyle {
        ParagraphStyle {
            measure: frame.measure,
            font: self.serif(false, false),
            size: frame.size,
            leading: frame.leading,
            indent,
            align: Align::Justify,
            hyphenate: true,
            color: Color::BLACK,
        }
    }

    pub fn heading_style(&self, size: f32, leading: f32, measure: f32) -> ParagraphStyle {
        ParagraphStyle::ragged(measure, FontStyle { family: Family::Sans, bold: true, italic: false }, size, leading)
    }

    pub fn serif(&self, bold: bool, italic: bool) -> FontStyle {
        FontStyle { family: Family::Serif, bold, italic }
    }
}

/// The element whose text first refers to footnote `number`.
fn first_reference(slabs: &[Slab], number: usize) -> Option<Tag> {
    let slab = slabs.iter().find(|slab| slab.notes.contains(&number))?;
    slab.items.iter().map(Item::tag).find(|tag| matches!(tag, Tag::Element(_)))
}

/// A measure `indent` narrower, but never under eight ems.
fn narrower(measure: f32, indent: f32, size: f32) -> f32 {
    (measure - indent).max(measure.min(8.0 * size))
}

/// The baseline of a slab's first line: a listing's (which opens with its
/// background) or a text line's of `frame`.
fn first_baseline(slab: &Slab, frame: Frame) -> f32 {
    match slab.items.first() {
        Some(Item::Rect { .. }) => listing::FIRST_BASELINE,
        _ => baseline(frame.size, frame.leading),
    }
}

/// A heading's `lines` (of type `size` on `leading`) as one slab on the
/// body grid: whole body lines of space above it, then whole lines holding
/// the heading and the space below it, so the grid adds nothing. Of the
/// space from the text above's last baseline to the text below's first —
/// `space` plus the heading, rounded up to whole lines — two thirds go
/// above the heading and one third below (Russian practice: a heading
/// belongs to the text it opens).
fn on_the_grid(lines: Vec<Slab>, size: f32, leading: f32, space: f32, frame: Frame) -> Slab {
    let step = frame.leading;
    let count = lines.len() as f32;
    let heading = (count - 1.0) * leading;
    let total = ((space + heading + leading) / step - EPSILON).ceil() * step;
    let below = (total - heading) / 3.0;
    // The heading's first baseline within its slab, measured like a body line's.
    let body_baseline = baseline(frame.size, step);
    let last = body_baseline - below;
    // The slab and the space above it fill the lines between the two
    // baselines; the text above takes a line of its own.
    let room = total - step;
    let height = ((0.8 * size - last + heading) / step - EPSILON).ceil().max(1.0) * step;
    let first = height + last - heading;
    let mut slab = Slab::new(height);
    slab.absorb(Slab::stacked(lines), 0.0, first - baseline(size, leading));
    Slab { space_before: (room - height).max(0.0), keep_with_next: true, on_grid: true, ..slab }
}

/// Whether `block` is a heading whose section has no text: the next block
/// is a heading of the same or a higher rank, or there is none.
fn opens_empty_section(block: &Block, next: Option<&Block>) -> bool {
    let BlockKind::Heading(heading) = &block.kind else { return false };
    match next.map(|next| &next.kind) {
        None => true,
        Some(BlockKind::Heading(next)) => next.level.max(2) <= heading.level.max(2),
        Some(_) => false,
    }
}

/// Whether `block` is a paragraph ending with a colon right before a listing.
fn introduces_listing(block: &Block, next: Option<&Block>) -> bool {
    let BlockKind::Paragraph(content) = &block.kind else { return false };
    matches!(next.map(|next| &next.kind), Some(BlockKind::Code(_))) && plain_text(content).trim_end().ends_with(':')
}

/// Space above and below a block in `frame`, in points. A list inside a
/// list item gets none: the lines after any space go down to the grid, so
/// a quarter line would open a whole one.
fn spacing(kind: &BlockKind, frame: Frame) -> (f32, f32) {
    let lines = |above: f32, below: f32| (above * frame.leading, below * frame.leading);
    let nested = frame.x > 0.0;
    match kind {
        BlockKind::Heading(h) => heading_spacing(h.level, frame),
        BlockKind::Paragraph(_) | BlockKind::Html(_) => lines(0.0, 0.0),
        BlockKind::List(_) if nested => lines(0.0, 0.0),
        BlockKind::List(_) => lines(0.25, 0.25),
        BlockKind::Quote(_) | BlockKind::Code(_) | BlockKind::Rule => lines(0.5, 0.5),
        BlockKind::Table(_) | BlockKind::Figure(_) | BlockKind::Callout(_) => lines(0.75, 0.75),
    }
}

/// Space above and below a heading of `level`, before the grid rounds it.
fn heading_spacing(level: u8, frame: Frame) -> (f32, f32) {
    let (above, below) = if level <= 2 { (1.5, 0.5) } else { (1.0, 0.35) };
    (above * frame.leading, below * frame.leading)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Heading;

    fn frame(x: f32) -> Frame {
        Frame { x, measure: 300.0, size: 10.5, leading: 13.0 }
    }

    fn kind_heading(level: u8) -> BlockKind {
        BlockKind::Heading(Heading { level, id: "x".into(), content: Vec::new() })
    }

    fn paragraph(text: &str) -> Block {
        Block { kind: BlockKind::Paragraph(vec![Inline::Text(text.to_string())]), line: 1 }
    }

    fn heading(level: u8) -> Block {
        let content = vec![Inline::Text("Раздел".into())];
        Block { kind: BlockKind::Heading(Heading { level, id: "r".into(), content }), line: 1 }
    }

    /// The page of a default book.
    fn layout() -> Layout {
        let toml = "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n[[chapters]]\nfile = \"a.md\"\n";
        let manifest = crate::manifest::Manifest::parse(".".as_ref(), "book.toml".as_ref(), toml).unwrap();
        Layout::new(&manifest).unwrap()
    }

    /// The slabs of `blocks` set in the body frame of a default book.
    fn set(blocks: &[Block]) -> Vec<Slab> {
        let fonts = FontBook::built_in().unwrap();
        let layout = layout();
        let theme = Theme::print(false);
        let structure = Structure::default();
        let (chapter, source) = (0, "a.md".as_ref());
        let problems = Problems::default();
        let setter = Setter {
            fonts: &fonts,
            layout: &layout,
            theme: &theme,
            chapter,
            source,
            structure: &structure,
            problems: &problems,
        };
        setter.blocks(blocks, setter.body()).unwrap()
    }

    fn keeps(slabs: &[Slab]) -> Vec<bool> {
        slabs.iter().map(|s| s.keep_with_next).collect()
    }

    #[test]
    fn headings_of_empty_sections_do_not_hold_the_next_one() {
        let slabs = set(&[heading(2), heading(3), paragraph("Текст."), heading(2), heading(2), heading(3)]);
        assert_eq!(keeps(&slabs), [true, true, false, false, true, false]);
    }

    #[test]
    fn a_heading_keeps_two_lines_with_it_and_the_next_paragraph_is_not_indented() {
        let blocks = [paragraph("Первый."), heading(2), paragraph("Одна строка."), paragraph("Ещё одна.")];
        let slabs = set(&blocks);
        let keeps = keeps(&slabs);
        assert_eq!(keeps, [false, true, true, false]);
        let first_x = |slab: &Slab| match &slab.items[0] {
            Item::Text(run) => run.x,
            other => panic!("{other:?}"),
        };
        assert_eq!(first_x(&slabs[0]), 0.0, "a chapter's first paragraph is flush");
        assert_eq!(first_x(&slabs[2]), 0.0, "so is one after a heading");
        assert!(first_x(&slabs[3]) > 10.0, "others are indented");
        assert!(slabs[1].space_before > slabs[2].space_before);
    }

    #[test]
    fn the_line_introducing_a_listing_keeps_with_it() {
        let code = |text: &str| {
            let code = crate::document::CodeBlock {
                text: text.to_string(),
                lines: vec![crate::document::CodeLine {
                    spans: vec![crate::document::CodeSpan {
                        class: crate::document::TokenClass::Plain,
                        text: text.to_string(),
                    }],
                }],
                ..Default::default()
            };
            Block { kind: BlockKind::Code(code), line: 1 }
        };
        let slabs = set(&[paragraph("Вот так:"), code("x;"), paragraph("Итак."), code("y;")]);
        let costs: Vec<f32> = slabs.iter().map(|slab| slab.break_cost).collect();
        assert_eq!(costs, [INTRODUCTION, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn a_heading_on_the_grid_is_twice_as_far_from_the_text_above_as_from_the_text_below() {
        let step = layout().leading;
        for level in [2, 3] {
            let slabs = set(&[paragraph("Текст."), heading(level), paragraph("Текст.")]);
            let mut draft = super::super::pages::Draft::default();
            draft.stack(slabs, 0.0, 0.0, super::super::pages::Grid { top: 0.0, step });
            let baselines: Vec<f32> = draft
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Text(run) => Some(run.y),
                    _ => None,
                })
                .collect();
            let [text, heading, next] = baselines[..] else { panic!("{baselines:?}") };
            let (above, below) = (heading - text, next - heading);
            assert!((above - 2.0 * below).abs() < 0.01, "level {level}: {above} above, {below} below");
            let lines = (next - text) / step;
            assert!((lines - lines.round()).abs() < 0.01, "level {level}: the text below is on the grid");
        }
    }

    #[test]
    fn headings_have_more_room_above_than_below() {
        for level in 1..=6 {
            let (above, below) = spacing(&kind_heading(level), frame(0.0));
            assert!(above > below && below > 0.0);
        }
        assert_eq!(spacing(&BlockKind::Paragraph(Vec::new()), frame(0.0)), (0.0, 0.0));
        let list = BlockKind::List(List { start: None, items: Vec::new() });
        assert!(spacing(&list, frame(0.0)).0 > 0.0);
        assert_eq!(spacing(&list, frame(14.0)), (0.0, 0.0), "a list in a list item");
    }

    #[test]
    fn deep_nesting_stops_indenting_at_the_right_edge() {
        let mut block = paragraph("Самое дно.");
        for depth in 0..60 {
            let inner = vec![paragraph("Уровень вложенности."), block];
            let kind = match depth % 3 {
                0 => BlockKind::Quote(inner),
                _ => BlockKind::List(List { start: Some(1), items: vec![inner] }),
            };
            block = Block { kind, line: 1 };
        }
        let measure = layout().measure;
        let right_edges = set(&[block]).into_iter().flat_map(|slab| slab.items).filter_map(|item| match item {
            Item::Text(run) => Some(run.x + run.glyphs.iter().map(|g| g.x_advance).sum::<f32>()),
            _ => None,
        });
        let widest = right_edges.fold(0.0, f32::max);
        assert!(widest > measure / 2.0 && widest <= measure + 0.5, "text reaches {widest} in a measure of {measure}");
    }
}
