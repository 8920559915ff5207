//! Paragraphs: inline content → justified lines.
//!
//! Input: a paragraph's inline content, its [`ParagraphStyle`] and the
//! [`FontBook`]. Output: a [`Paragraph`] of lines of positioned glyph runs,
//! with their links and footnote references. The phases, one module each:
//!
//! - [`items`]: inline content → boxes (shaped words), glue and penalties;
//! - [`linebreak`]: Knuth–Plass total fit → breakpoints;
//! - [`finalize`]: breakpoints → justified lines of placed runs.

mod config;
mod finalize;
pub mod items;
pub mod linebreak;

use crate::document::{Inline, LinkTarget};

use super::fonts::{FontBook, FontStyle};
use super::page::{Color, TextRun};
use config::Config;

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
    /// The stretches of the line in another language.
    pub phrases: Vec<LinePhrase>,
    /// Struck-through spans of the line.
    pub strikes: Vec<Strike>,
    /// Footnotes referenced on this line, by number.
    pub footnotes: Vec<usize>,
    /// The index's anchors on this line (their ids).
    pub anchors: Vec<String>,
    /// The line's natural width after justification.
    pub width: f32,
    /// Whether the line ends with a hyphen the breaker added.
    pub hyphenated: bool,
    /// How far a justified line's last glyph — a hyphen or punctuation —
    /// hangs past the measure (`width` includes it), so the margin looks straight.
    pub hang: f32,
    /// Where the line's text starts in the paragraph's text, in bytes (see
    /// [`Position`](crate::document::Position)); none for a line without text.
    pub offset: Option<usize>,
    /// How the line fills its measure.
    pub fit: Fit,
}

/// How a line fills its measure: what TeX reports as an underfull or
/// overfull box, and verstka as a warning at the paragraph's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fit {
    #[default]
    Good,
    /// A line with a space wider than [`LOOSE_SPACE`], or a justified line
    /// that falls short with no space to stretch: gaps a reader sees.
    Loose,
    /// Wider than the measure even with its spaces shrunk all they can.
    Overfull,
}

/// The widest space, in ems of the paragraph's size, a line may have before
/// it is [`Fit::Loose`]: a gap as wide as an «М» reads as a hole (the
/// breaker's spaces stay under 0.7 em in `book/`).
pub const LOOSE_SPACE: f32 = 1.0;

#[derive(Debug, Clone, PartialEq)]
pub struct LineLink {
    pub x: f32,
    pub width: f32,
    pub target: LineLinkTarget,
    /// The text of the link on this line.
    pub text: String,
    /// The line's runs that hold the link's text (and no other).
    pub runs: std::ops::Range<usize>,
}

/// The part of a phrase in another language on one line.
#[derive(Debug, Clone, PartialEq)]
pub struct LinePhrase {
    /// Which of the paragraph's phrases, in reading order: a phrase broken
    /// over lines is one.
    pub phrase: usize,
    /// Its BCP 47 language tag.
    pub lang: String,
    /// The line's runs that hold the phrase's text (and no other).
    pub runs: std::ops::Range<usize>,
}

/// A stretch of struck-through text: where it starts on the line, how wide
/// it is (spaces between its words included) and the size of its type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Strike {
    pub x: f32,
    pub width: f32,
    pub size: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LineLinkTarget {
    Link(LinkTarget),
    /// A footnote reference mark, pointing at the note.
    Footnote(usize),
}

/// Breaks `content` into lines.
pub fn layout(content: &[Inline], style: &ParagraphStyle, fonts: &FontBook) -> Paragraph {
    let config = Config::resolve(style, fonts);
    let items = items::collect(content, &config, fonts);
    let breaks = linebreak::break_lines(&items.items, &config.breaking);
    Paragraph { lines: finalize::lines(&items, &breaks, &config, fonts) }
}

impl ParagraphStyle {
    /// Justified body text in `font` at `size`/`leading` points, indented by one em.
    pub fn body(measure: f32, font: FontStyle, size: f32, leading: f32) -> ParagraphStyle {
        ParagraphStyle {
            measure,
            font,
            size,
            leading,
            indent: size,
            align: Align::Justify,
            hyphenate: true,
            color: Color::BLACK,
        }
    }

    /// Ragged-right text that never hyphenates (headings, contents lines).
    pub fn ragged(measure: f32, font: FontStyle, size: f32, leading: f32) -> ParagraphStyle {
        ParagraphStyle {
            indent: 0.0,
            align: Align::Left,
            hyphenate: false,
            ..ParagraphStyle::body(measure, font, size, leading)
        }
    }
}

#[cfg(test)]
mod tests;
