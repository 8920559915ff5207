//! Paragraphs: inline content → justified lines.
//!
//! (Issue 7 fills this in: `items → breakpoints → lines`, Knuth–Plass.)

use crate::document::{Inline, LinkTarget};

use super::fonts::{FontBook, FontStyle};
use super::page::{Color, TextRun};

/// Everything the line breaker needs to know about a paragraph's look.
#[derive(Debug, Clone, PartialEq)]
pub struct ParagraphStyle {
    /// Line width in points.
    pub measure: f32,
    /// The base font; emphasis and strong vary it.
    pub font: FontStyle,
    pub size: f32,
    /// Baseline-to-baseline distance in points.
    pub leading: f32,
    /// First-line indent in points (0 after a heading).
    pub indent: f32,
    pub align: Align,
    /// Allow breaks at soft hyphens (U+00AD) placed by the typography stage.
    pub hyphenate: bool,
    pub color: Color,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Justify,
    Left,
    Center,
    Right,
}

/// A paragraph broken into lines.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    pub lines: Vec<Line>,
}

/// One line: runs positioned relative to the line's start (x) and baseline (y = 0).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub runs: Vec<TextRun>,
    /// Clickable spans of the line.
    pub links: Vec<LineLink>,
    /// Footnotes referenced on this line, by number.
    pub footnotes: Vec<usize>,
    /// The line's natural width after justification.
    pub width: f32,
    /// Whether the line ends with a hyphen the breaker added.
    pub hyphenated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LineLink {
    pub x: f32,
    pub width: f32,
    pub target: LineLinkTarget,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LineLinkTarget {
    Link(LinkTarget),
    /// A footnote reference mark, pointing at the note.
    Footnote(usize),
}

/// Breaks `content` into lines.
pub fn layout(content: &[Inline], style: &ParagraphStyle, fonts: &FontBook) -> Paragraph {
    let _ = (content, style, fonts, FontStyle::clone);
    unimplemented!("issue 7")
}
