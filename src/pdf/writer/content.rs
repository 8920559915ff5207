//! Page content: composed items → printpdf operations.
//!
//! A glyph run becomes `Tf`, `Tm` and one `TJ` array of CIDs; the numbers
//! between glyphs move the viewer's pen (which advances by the `/W` width)
//! to where shaping and justification put the next glyph, so kerning and
//! stretched spaces come out exactly. Grey colours are written as DeviceGray
//! so black text prints on the black plate only.

use printpdf::{
    Codepoint, Color as PdfColor, Greyscale, Line as PdfLine, LinePoint, Op, PaintMode, PdfFontHandle, PdfPage, Point,
    Pt, Rect as PdfRect, Rgb, TextItem, TextMatrix, XObjectTransform,
};

use crate::error::Result;
use crate::pdf::fonts::FontId;
use crate::pdf::page::{Color, Document, Item, Page, TextRun};

use super::codes::GlyphCodes;
use super::images::Images;
use super::{links, round, Space};

/// Every page of `document` as a printpdf page.
pub(crate) fn pages(
    document: &Document,
    space: &Space,
    codes: &mut GlyphCodes,
    images: &Images,
) -> Result<Vec<PdfPage>> {
    let size = (Pt(space.media_width()).into(), Pt(space.media_height()).into());
    let mut pages = Vec::with_capacity(document.pages.len());
    for page in &document.pages {
        let mut ops = page_ops(page, space, codes, images)?;
        links::add(&mut ops, &page.links, space, document.pages.len())?;
        pages.push(PdfPage::new(size.0, size.1, ops));
    }
    Ok(pages)
}

/// What the content stream has set so far, to write each state change once.
#[derive(Default)]
struct State {
    font: Option<(FontId, f32)>,
    fill: Option<Color>,
    stroke: Option<(Color, f32)>,
    in_text: bool,
}

impl State {
    fn text(&mut self, ops: &mut Vec<Op>, inside: bool) {
        if self.in_text != inside {
            ops.push(if inside { Op::StartTextSection } else { Op::EndTextSection });
            self.in_text = inside;
        }
    }

    fn fill(&mut self, ops: &mut Vec<Op>, color: Color) {
        if self.fill != Some(color) {
            ops.push(Op::SetFillColor { col: pdf_color(color) });
            self.fill = Some(color);
        }
    }
}

fn page_ops(page: &Page, space: &Space, codes: &mut GlyphCodes, images: &Images) -> Result<Vec<Op>> {
    let mut ops = Vec::new();
    let mut state = State::default();
    for item in &page.items {
        state.text(&mut ops, matches!(item, Item::Text(_)));
        match item {
            Item::Text(run) => text_run(run, space, codes, &mut state, &mut ops)?,
            Item::Rect { x, y, width, height, color } => {
                state.fill(&mut ops, *color);
                let rect = PdfRect {
                    mode: Some(PaintMode::Fill),
                    ..PdfRect::from_xywh(Pt(space.x(*x)), Pt(space.y(y + height)), Pt(*width), Pt(*height))
                };
                ops.push(Op::DrawRectangle { rectangle: rect });
            }
            Item::Line { x1, y1, x2, y2, thickness, color } => {
                if state.stroke != Some((*color, *thickness)) {
                    ops.push(Op::SetOutlineColor { col: pdf_color(*color) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                    state.stroke = Some((*color, *thickness));
                }
                let point =
                    |x: f32, y: f32| LinePoint { p: Point { x: Pt(space.x(x)), y: Pt(space.y(y)) }, bezier: false };
                let line = PdfLine { points: vec![point(*x1, *y1), point(*x2, *y2)], is_closed: false };
                ops.push(Op::DrawLine { line });
            }
            Item::Image { path, x, y, width, height } => {
                let transform = XObjectTransform {
                    translate_x: Some(Pt(space.x(*x))),
                    translate_y: Some(Pt(space.y(y + height))),
                    scale_x: Some(*width),
                    scale_y: Some(*height),
                    ..XObjectTransform::default()
                };
                ops.push(Op::UseXobject { id: images.id(path)?, transform });
            }
        }
    }
    state.text(&mut ops, false);
    Ok(ops)
}

/// One glyph run: a `Tm` and a `TJ` for each stretch of glyphs on one
/// vertical offset (marks raised by the shaper start a new stretch).
fn text_run(run: &TextRun, space: &Space, codes: &mut GlyphCodes, state: &mut State, ops: &mut Vec<Op>) -> Result<()> {
    if run.glyphs.is_empty() || run.size <= 0.0 {
        return Ok(());
    }
    let font = codes.font(run.font)?;
    if state.font != Some((run.font, run.size)) {
        let handle = PdfFontHandle::External(printpdf::FontId(font.resource.clone()));
        ops.push(Op::SetFont { font: handle, size: Pt(run.size) });
        state.font = Some((run.font, run.size));
    }
    state.fill(ops, run.color);

    let texts = glyph_texts(run);
    let em = 1000.0 / run.size;
    // Where shaping puts each glyph's pen position, relative to the run start.
    let mut pen = 0.0f32;
    let mut start = 0;
    while start < run.glyphs.len() {
        let rise = run.glyphs[start].y_offset;
        let origin = pen + run.glyphs[start].x_offset;
        let matrix = [1.0, 0.0, 0.0, 1.0, space.x(run.x + origin), round(space.y(run.y) + rise)];
        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Raw(matrix) });

        let mut codepoints: Vec<Codepoint> = Vec::new();
        // Where the viewer's pen is, in thousandths of an em from `origin`.
        let mut viewer = 0.0f32;
        let mut index = start;
        while index < run.glyphs.len() && run.glyphs[index].y_offset == rise {
            let glyph = run.glyphs[index];
            let wanted = (pen + glyph.x_offset - origin) * em;
            let kern = ((viewer - wanted) * 10.0).round() / 10.0;
            // (Zero for a stretch's first glyph: `Tm` put the pen there.)
            if let Some(previous) = codepoints.last_mut().filter(|_| kern != 0.0) {
                previous.offset = kern;
                viewer -= kern;
            }
            codepoints.push(Codepoint::new(font.code(glyph.id, texts[index])?, 0.0));
            viewer += font.width(glyph.id);
            pen += glyph.x_advance;
            index += 1;
        }
        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(codepoints)] });
        start = index;
    }
    Ok(())
}

/// The text each glyph stands for: its cluster's slice of the run's text for
/// the first glyph of a cluster, nothing for the others.
fn glyph_texts(run: &TextRun) -> Vec<&str> {
    let mut bounds: Vec<u32> = run.glyphs.iter().map(|g| g.cluster).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut previous = None;
    run.glyphs
        .iter()
        .map(|glyph| {
            if previous.replace(glyph.cluster) == Some(glyph.cluster) {
                return "";
            }
            let next = bounds.partition_point(|b| *b <= glyph.cluster);
            let end = bounds.get(next).map_or(run.text.len(), |b| *b as usize);
            run.text.get(glyph.cluster as usize..end).unwrap_or("")
        })
        .collect()
}

fn pdf_color(color: Color) -> PdfColor {
    if color.r == color.g && color.g == color.b {
        PdfColor::Greyscale(Greyscale { percent: color.r, icc_profile: None })
    } else {
        PdfColor::Rgb(Rgb { r: color.r, g: color.g, b: color.b, icc_profile: None })
    }
}
