//! Page content: composed items → content stream bytes.
//!
//! A glyph run becomes `Tf`, `Tm` and one `TJ` array of CIDs; the numbers
//! between glyphs move the viewer's pen (which advances by the `/W` width)
//! to where shaping and justification put the next glyph, so kerning and
//! stretched spaces come out exactly. Grey colours are written as DeviceGray
//! so black text prints on the black plate only; in the print file every
//! colour is, as its luminance ([`pdfx::luminance`]); the cover spread
//! keeps its colours for the press ([`Colours::Press`]).
//!
//! Every item is marked content (ISO 32000-1, 14.6): the content of a
//! structure element gets the next marked-content id of the page, and the
//! page's list of them says whose content each is; the rest is marked as an
//! artifact. Consecutive items of one element or artifact share a sequence,
//! and no sequence crosses a text object's bounds.
//!
//! The stream is encoded here rather than through printpdf's `Op`s: printpdf
//! turns every glyph into an object of its own and serialises it through
//! lopdf, which made up 40 % of building a 170-page book's PDF; writing the
//! bytes directly puts a run's glyphs in one hex string.

use crate::error::{Error, Result};
use crate::pdf::fonts::FontId;
use crate::pdf::page::{Color, ElementId, Item, Page, StructurePart, Tag, TextRun};
use crate::pdf::pdfx;
use crate::pdf::Edition;

use super::codes::{Assigned, GlyphCodes};
use super::images::Images;
use super::metadata::text_string;
use super::packing::write_object;
use super::Space;

/// Gives every glyph of the pages its code, in page order, so that the codes
/// (and so the bytes) do not depend on which thread writes which page.
pub(crate) fn assign_codes(pages: &[Page], codes: &mut GlyphCodes) -> Result<()> {
    for page in pages {
        for item in page.items.iter().filter(|item| !is_empty(item)) {
            let (Item::Text(run) | Item::TextDown(run)) = item else { continue };
            let font = codes.font(run.font)?;
            for (glyph, text) in run.glyphs.iter().zip(glyph_texts(run)) {
                font.code(glyph.id, text)?;
            }
        }
    }
    Ok(())
}

/// How a page's colours are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Colours {
    /// Greys as DeviceGray, colours as DeviceRGB (the reader's PDF).
    #[default]
    Device,
    /// Every colour as its grey, DeviceGray (the print file).
    Grey,
    /// For a press, in colour (the cover spread, PDF/X-4): greys as tints of
    /// the black plate (DeviceCMYK `0 0 0 k`, where DeviceGray would go), so
    /// black type and the barcode print on one plate; colours in sRGB
    /// ([`pdfx::SRGB`]), which the RIP separates by the output intent.
    Press,
}

impl Colours {
    pub fn of(edition: Edition) -> Colours {
        match edition {
            Edition::Reader => Colours::Device,
            Edition::Print(_) => Colours::Grey,
            Edition::Cover(_) => Colours::Press,
        }
    }
}

/// A page's content stream, and the element each marked-content id
/// (the index) holds content of.
pub(crate) struct PageContent {
    pub bytes: Vec<u8>,
    pub marked: Vec<ElementId>,
}

/// The content stream of `page`, once [`assign_codes`] has run over it;
/// `structure` names the elements the items are tagged with.
pub(crate) fn page(
    page: &Page,
    space: &Space,
    codes: &Assigned,
    images: &Images,
    structure: &[StructurePart],
    colours: Colours,
) -> Result<PageContent> {
    let mut stream = Stream { colours, ..Stream::default() };
    for item in page.items.iter().filter(|item| !is_empty(item)) {
        let text = matches!(item, Item::Text(_) | Item::TextDown(_));
        if stream.in_text != text {
            stream.end_marked();
            stream.text_mode(text);
        }
        stream.mark(item.tag(), structure)?;
        match item {
            Item::Text(run) => stream.text_run(run, space, codes, false)?,
            Item::TextDown(run) => stream.text_run(run, space, codes, true)?,
            Item::Rect { x, y, width, height, color } => {
                stream.fill(*color);
                stream.numbers(&[space.x(*x), space.y(y + height), *width, *height]);
                stream.op("re f");
            }
            Item::Line { x1, y1, x2, y2, thickness, color } => {
                stream.stroke(*color, *thickness);
                stream.numbers(&[space.x(*x1), space.y(*y1)]);
                stream.op("m");
                stream.numbers(&[space.x(*x2), space.y(*y2)]);
                stream.op("l S");
            }
            Item::Image { path, x, y, width, height, .. } => {
                stream.op("q");
                stream.numbers(&[*width, 0.0, 0.0, *height, space.x(*x), space.y(y + height)]);
                stream.op("cm");
                stream.name(&images.id(path)?.0);
                stream.op("Do Q");
            }
        }
    }
    stream.end_marked();
    stream.text_mode(false);
    Ok(PageContent { bytes: stream.bytes, marked: stream.marked })
}

/// A glyph run that draws nothing.
fn is_empty(item: &Item) -> bool {
    matches!(item, Item::Text(run) | Item::TextDown(run) if run.glyphs.is_empty() || run.size <= 0.0)
}

/// A content stream being written, and the state it has set so far (to
/// write each change once).
#[derive(Default)]
struct Stream {
    bytes: Vec<u8>,
    in_text: bool,
    font: Option<(FontId, f32)>,
    fill: Option<Color>,
    stroke: Option<(Color, f32)>,
    /// What the open marked-content sequence holds.
    open: Option<Tag>,
    /// The element of each marked-content id given so far.
    marked: Vec<ElementId>,
    /// The elements whose `/ActualText` the page has given.
    replaced: Vec<ElementId>,
    colours: Colours,
}

impl Stream {
    fn op(&mut self, operator: &str) {
        self.bytes.extend_from_slice(operator.as_bytes());
        self.bytes.push(b'\n');
    }

    fn name(&mut self, name: &str) {
        self.bytes.push(b'/');
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.push(b' ');
    }

    fn numbers(&mut self, numbers: &[f32]) {
        for number in numbers {
            write_number(&mut self.bytes, *number);
            self.bytes.push(b' ');
        }
    }

    /// Opens a marked-content sequence for `tag`, unless one is open for it.
    fn mark(&mut self, tag: Tag, structure: &[StructurePart]) -> Result<()> {
        if self.open == Some(tag) {
            return Ok(());
        }
        self.end_marked();
        match tag {
            Tag::Artifact => self.op("/Artifact BMC"),
            Tag::Header => self.op("/Artifact <</Type /Pagination /Subtype /Header>> BDC"),
            Tag::Footer => self.op("/Artifact <</Type /Pagination /Subtype /Footer>> BDC"),
            Tag::Element(id) => {
                let element = structure
                    .get(id.part as usize)
                    .and_then(|part| part.elements.get(id.index as usize))
                    .ok_or_else(|| Error::render("PDF", format!("content of a missing structure element {id:?}")))?;
                self.name(element.role.name());
                self.bytes.extend_from_slice(b"<</MCID ");
                write_decimal(&mut self.bytes, self.marked.len() as u64);
                if let Some(text) = &element.actual_text {
                    self.actual_text(id, text);
                }
                self.op(">> BDC");
                self.marked.push(id);
            }
        }
        self.open = Some(tag);
        Ok(())
    }

    /// `/ActualText`: the element's text on its first sequence, nothing on
    /// the others, so extraction gives the text once, where it begins. (On
    /// the sequence itself, not nested in it: poppler drops the rest of a
    /// line after an `/ActualText` inside another sequence, and reads it on
    /// `Span`s only.)
    fn actual_text(&mut self, id: ElementId, text: &str) {
        let first = !self.replaced.contains(&id);
        self.bytes.extend_from_slice(b" /ActualText ");
        write_object(&mut self.bytes, &text_string(if first { text } else { "" }));
        if first {
            self.replaced.push(id);
        }
    }

    fn end_marked(&mut self) {
        if self.open.take().is_some() {
            self.op("EMC");
        }
    }

    fn text_mode(&mut self, inside: bool) {
        if self.in_text != inside {
            self.op(if inside { "BT" } else { "ET" });
            self.in_text = inside;
        }
    }

    fn fill(&mut self, color: Color) {
        if self.fill != Some(color) {
            self.color(color, ["g", "rg", "k", "cs", "sc"]);
            self.fill = Some(color);
        }
    }

    fn stroke(&mut self, color: Color, width: f32) {
        if self.stroke != Some((color, width)) {
            self.color(color, ["G", "RG", "K", "CS", "SC"]);
            self.numbers(&[width]);
            self.op("w");
            self.stroke = Some((color, width));
        }
    }

    /// Sets a colour with the fill's or the stroke's operators: grey, RGB,
    /// CMYK, colour space, colour.
    fn color(&mut self, color: Color, [grey, rgb, cmyk, space, set]: [&str; 5]) {
        let neutral = color.r == color.g && color.g == color.b;
        match self.colours {
            Colours::Grey if !neutral => {
                self.numbers(&[pdfx::luminance([color.r, color.g, color.b])]);
                self.op(grey);
            }
            Colours::Press if neutral => {
                self.numbers(&[0.0, 0.0, 0.0, 1.0 - color.r]);
                self.op(cmyk);
            }
            Colours::Press => {
                self.name(pdfx::SRGB);
                self.op(space);
                self.numbers(&[color.r, color.g, color.b]);
                self.op(set);
            }
            _ if neutral => {
                self.numbers(&[color.r]);
                self.op(grey);
            }
            _ => {
                self.numbers(&[color.r, color.g, color.b]);
                self.op(rgb);
            }
        }
    }

    /// One glyph run: a `Tm` and a `TJ` for each stretch of glyphs on one
    /// vertical offset (marks raised by the shaper start a new stretch);
    /// `down`: turned a quarter clockwise, reading from top to bottom.
    fn text_run(&mut self, run: &TextRun, space: &Space, codes: &Assigned, down: bool) -> Result<()> {
        let font = codes
            .get(&run.font)
            .ok_or_else(|| Error::render("PDF", format!("font {:?} was given no codes", run.font)))?;
        if self.font != Some((run.font, run.size)) {
            self.name(&font.resource);
            self.numbers(&[run.size]);
            self.op("Tf");
            self.font = Some((run.font, run.size));
        }
        self.fill(run.color);

        let texts = glyph_texts(run);
        let em = 1000.0 / run.size;
        // Where shaping puts each glyph's pen position, relative to the run start.
        let mut pen = 0.0f32;
        let mut start = 0;
        while start < run.glyphs.len() {
            let rise = run.glyphs[start].y_offset;
            let origin = pen + run.glyphs[start].x_offset;
            let matrix = if down {
                [0.0, -1.0, 1.0, 0.0, space.x(run.x) + rise, space.y(run.y + origin)]
            } else {
                [1.0, 0.0, 0.0, 1.0, space.x(run.x + origin), space.y(run.y) + rise]
            };
            self.numbers(&matrix);
            self.op("Tm");
            self.bytes.extend_from_slice(b"[<");
            // Where the viewer's pen is, in thousandths of an em from `origin`.
            let mut viewer = 0.0f32;
            let mut index = start;
            while index < run.glyphs.len() && run.glyphs[index].y_offset == rise {
                let glyph = run.glyphs[index];
                let wanted = (pen + glyph.x_offset - origin) * em;
                // Tenths of a thousandth of an em; zero for a stretch's first glyph.
                let kern = ((viewer - wanted) * 10.0).round() / 10.0;
                if kern != 0.0 {
                    self.bytes.extend_from_slice(b"> ");
                    write_number(&mut self.bytes, kern);
                    self.bytes.extend_from_slice(b" <");
                    viewer -= kern;
                }
                write_hex(&mut self.bytes, font.given(glyph.id, texts[index])?);
                viewer += font.width(glyph.id);
                pen += glyph.x_advance;
                index += 1;
            }
            self.bytes.extend_from_slice(b">] TJ\n");
            start = index;
        }
        Ok(())
    }
}

/// The text each glyph stands for: its cluster's slice of the run's text.
/// A cluster of as many glyphs as characters (a letter and its combining
/// marks, say) gives each glyph its character, so every glyph maps to
/// Unicode as PDF/A asks; otherwise the first glyph takes the whole slice
/// (a ligature) and the others nothing.
fn glyph_texts(run: &TextRun) -> Vec<&str> {
    // Most runs have a cluster a glyph, in order: each glyph's text ends
    // where the next one's begins.
    if run.glyphs.windows(2).all(|pair| pair[0].cluster < pair[1].cluster) {
        let ends = run.glyphs.iter().skip(1).map(|glyph| glyph.cluster as usize).chain([run.text.len()]);
        return run
            .glyphs
            .iter()
            .zip(ends)
            .map(|(glyph, end)| run.text.get(glyph.cluster as usize..end).unwrap_or(""))
            .collect();
    }
    let mut bounds: Vec<u32> = run.glyphs.iter().map(|g| g.cluster).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut texts = Vec::with_capacity(run.glyphs.len());
    for cluster in run.glyphs.chunk_by(|a, b| a.cluster == b.cluster) {
        let start = cluster[0].cluster;
        let next = bounds.partition_point(|b| *b <= start);
        let end = bounds.get(next).map_or(run.text.len(), |b| *b as usize);
        let text = run.text.get(start as usize..end).unwrap_or("");
        if cluster.len() > 1 && text.chars().count() == cluster.len() {
            texts.extend(text.char_indices().map(|(i, c)| &text[i..i + c.len_utf8()]));
        } else {
            texts.push(text);
            texts.extend(std::iter::repeat_n("", cluster.len() - 1));
        }
    }
    texts
}

/// A number with at most three decimals and no exponent, as PDF wants it.
pub(super) fn write_number(out: &mut Vec<u8>, number: f32) {
    let thousandths = (f64::from(number) * 1000.0).round() as i64;
    if thousandths < 0 {
        out.push(b'-');
    }
    let magnitude = thousandths.unsigned_abs();
    write_decimal(out, magnitude / 1000);
    let mut fraction = magnitude % 1000;
    if fraction != 0 {
        out.push(b'.');
        let mut digits = 3;
        while fraction.is_multiple_of(10) {
            fraction /= 10;
            digits -= 1;
        }
        let start = out.len();
        write_decimal(out, fraction);
        let written = out.len() - start;
        out.splice(start..start, std::iter::repeat_n(b'0', digits - written));
    }
}

/// A whole number in decimal, without `fmt`: a tagged book writes tens of
/// thousands of them.
pub(super) fn write_decimal(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

fn write_hex(out: &mut Vec<u8>, code: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend(code.to_be_bytes().iter().flat_map(|byte| [HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]]));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f32) -> String {
        let mut out = Vec::new();
        write_number(&mut out, value);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_have_no_exponent_and_no_trailing_zeros() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(12.0), "12");
        assert_eq!(number(-0.5), "-0.5");
        assert_eq!(number(680.315), "680.315");
        assert_eq!(number(0.05), "0.05");
        assert_eq!(number(1.007), "1.007");
        assert_eq!(number(1e-7), "0");
        assert_eq!(number(123456789.0), "123456792");
    }

    #[test]
    fn codes_are_four_hex_digits() {
        let mut out = Vec::new();
        write_hex(&mut out, 0x0A1F);
        write_hex(&mut out, 1);
        assert_eq!(out, b"0A1F0001");
    }

    #[test]
    fn a_letter_and_its_mark_map_each_to_its_character_and_a_ligature_to_all() {
        let glyph = |id, cluster| crate::pdf::page::Glyph { id, cluster, x_advance: 5.0, x_offset: 0.0, y_offset: 0.0 };
        // «за́мок»: з, а + U+0301 (two glyphs, one cluster), then an «ﬁ» ligature of two characters.
        let run = TextRun {
            font: FontId(0),
            size: 10.0,
            x: 0.0,
            y: 0.0,
            glyphs: vec![glyph(1, 0), glyph(2, 2), glyph(3, 2), glyph(4, 6)],
            text: "за\u{301}fi".to_string(),
            color: Color::BLACK,
            tag: Tag::Artifact,
        };
        assert_eq!(glyph_texts(&run), ["з", "а", "\u{301}", "fi"]);
        let clustered = TextRun { glyphs: vec![glyph(1, 0), glyph(2, 0), glyph(3, 0)], text: "ab".to_string(), ..run };
        assert_eq!(glyph_texts(&clustered), ["ab", "", ""], "three glyphs for two characters");
    }
}
