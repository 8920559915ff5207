//! Breakpoints → lines of placed glyph runs: glue set to the line's
//! adjustment ratio, a hyphen where a soft hyphen was taken, runs of one
//! font merged (justified spaces become space glyphs with their set width,
//! so copied text keeps its spaces), ragged lines shifted for their alignment.

use std::rc::Rc;

use super::config::Config;
use super::items::{hang, Content, Item, Items, Kind, Piece, INFINITE_PENALTY};
use super::linebreak::{line_start, Sums};
use super::{Align, Fit, Line, LineLink, LineLinkTarget, LinePhrase, Strike, LOOSE_SPACE};
use crate::pdf::fonts::{FontBook, FontId, ShapedRun};
use crate::pdf::page::{Glyph, Tag, TextRun};

/// The lines between consecutive `breaks`.
pub fn lines(items: &Items, breaks: &[usize], config: &Config, fonts: &FontBook) -> Vec<Line> {
    let mut start = 0;
    // Items after the last line's break: where this line's anchors may stand.
    let mut after_last_break = 0;
    let mut lines = Vec::with_capacity(breaks.len());
    for (number, &end) in breaks.iter().enumerate() {
        let last = number + 1 == breaks.len();
        let hang = if config.breaking.hanging_punctuation && !last { hang(&items.items, end) } else { 0.0 };
        let mut set = line(&items.items[start..=end], hang, items, config, fonts);
        if !last && breaks_between_words(&items.items[end]) {
            end_with_space(&mut set);
        } else if !last && !set.hyphenated {
            keep_real_hyphen(&mut set);
        }
        // An anchor before a word the break discarded space before goes with that word.
        set.anchors = items
            .anchors
            .iter()
            .filter(|(at, _)| *at >= after_last_break && (*at <= end || last))
            .map(|(_, id)| id.clone())
            .collect();
        lines.push(set);
        after_last_break = end + 1;
        start = line_start(&items.items, end);
    }
    lines
}

/// Sets one line; `items` ends with the item broken at, whose last glyph
/// may `hang` into the margin; `paragraph` has the links and phrases its
/// pieces point at.
fn line(items: &[Item], hang: f32, paragraph: &Items, config: &Config, fonts: &FontBook) -> Line {
    let Some((end, body)) = items.split_last() else {
        return Line::default();
    };
    let hyphen = match (&end.kind, &end.content) {
        (Kind::Penalty { .. }, Content::Text(piece)) => Some(piece),
        _ => None,
    };
    // The part of a word before a break taken inside it, cut from the word
    // shaped whole, is set as shaped on its own: without the kerning with
    // the letter that went to the next line (the break's width has it).
    let broken = broken_word(body, end);
    let (ratio, fit) = ratio(body, end, hang, config);
    let mut builder = LineBuilder {
        fonts,
        config,
        targets: &paragraph.links,
        languages: &paragraph.phrases,
        x: 0.0,
        run_end: f32::NAN,
        open_link: None,
        open_phrase: None,
        open_strike: None,
        run_owner: (None, None),
        line: Line::default(),
    };
    let mut widest_space: f32 = 0.0;
    for (index, item) in body.iter().enumerate() {
        match (&item.kind, &item.content) {
            (Kind::Box, Content::Text(piece)) => match &broken {
                Some(part) if index + 1 == body.len() => builder.text(part),
                _ => builder.text(piece),
            },
            (Kind::Glue { stretch, shrink, .. }, content) => {
                let width = item.width + if ratio > 0.0 { ratio * stretch } else { ratio * shrink };
                match content {
                    Content::Space(c) => {
                        widest_space = widest_space.max(width);
                        builder.space(*c, width)
                    }
                    _ => builder.x += width,
                }
            }
            (Kind::Box, _) => builder.x += item.width,
            (Kind::Penalty { .. }, _) => {}
        }
    }
    if let Some(piece) = hyphen {
        builder.break_hyphen(piece);
    }
    let mut line = builder.line;
    line.width = builder.x;
    line.hyphenated = hyphen.is_some();
    line.hang = hang;
    let overfull = line.width - hang > config.style.measure + OVERFULL_TOLERANCE;
    let loose = fit == Fit::Loose || widest_space > LOOSE_SPACE * config.style.size;
    line.fit = match (overfull, loose) {
        (true, _) => Fit::Overfull,
        (false, true) => Fit::Loose,
        (false, false) => Fit::Good,
    };
    align(&mut line, config);
    line
}

/// How far past the measure a line may end before it is overfull, in points
/// (rounding in the shaper, not a line a reader would see stick out).
const OVERFULL_TOLERANCE: f32 = 0.1;

/// The last piece of `body` as shaped on its own, when the line breaks
/// right after it inside a word (at a hyphenation point, a hyphen, a URL break).
fn broken_word(body: &[Item], end: &Item) -> Option<Piece> {
    if breaks_between_words(end) {
        return None;
    }
    match body.last() {
        Some(Item { kind: Kind::Box, content: Content::Text(piece), .. }) => {
            let alone = piece.broken.as_ref()?;
            Some(Piece { shaped: Rc::clone(alone), ..piece.clone() })
        }
        _ => None,
    }
}

/// Whether a break at `item` falls between words (at a space, or a forced
/// break), rather than inside one.
fn breaks_between_words(item: &Item) -> bool {
    match item.kind {
        Kind::Glue { .. } => true,
        Kind::Penalty { cost, .. } => cost <= -INFINITE_PENALTY,
        Kind::Box => false,
    }
}

/// A line broken after a word's own hyphen (`что-|нибудь`): the hyphen
/// stands for U+2010, which text extraction keeps, where a `-` ending a
/// line is taken for a hyphenation break and dropped (`чтонибудь`).
fn keep_real_hyphen(line: &mut Line) {
    if let Some(run) = line.runs.last_mut().filter(|run| run.text.ends_with('-')) {
        run.text.pop();
        run.text.push('\u{2010}');
    }
}

/// Makes the line's last glyph stand for its text and a space: the space
/// the break took reads and copies out, so the last word of a line and the
/// first of the next stay two words.
fn end_with_space(line: &mut Line) {
    if let Some(run) = line.runs.last_mut() {
        run.text.push(' ');
    }
}

/// The adjustment ratio justification sets the glue to (0 for ragged lines
/// and for lines whose glue cannot reach the measure), and whether the line
/// had to be set loose for it.
fn ratio(body: &[Item], end: &Item, hang: f32, config: &Config) -> (f32, Fit) {
    if config.style.align != Align::Justify {
        return (0.0, Fit::Good);
    }
    let mut sums = Sums::default();
    body.iter().for_each(|item| sums.add(item));
    if matches!(end.kind, Kind::Penalty { .. }) {
        sums.width += end.width;
    }
    sums.width -= hang;
    let ratio = sums.ratio(config.style.measure);
    // Nothing to stretch on a line that falls short: it cannot be justified.
    let fit = if ratio == f32::INFINITY { Fit::Loose } else { Fit::Good };
    if ratio.is_finite() {
        (ratio.max(-1.0), fit)
    } else {
        (0.0, fit)
    }
}

/// Shifts a ragged line to its alignment.
fn align(line: &mut Line, config: &Config) {
    let slack = config.style.measure - line.width;
    let shift = match config.style.align {
        Align::Justify | Align::Left => return,
        Align::Center => slack / 2.0,
        Align::Right => slack,
    };
    line.runs.iter_mut().for_each(|run| run.x += shift);
    line.links.iter_mut().for_each(|link| link.x += shift);
    line.strikes.iter_mut().for_each(|strike| strike.x += shift);
}

struct LineBuilder<'a> {
    fonts: &'a FontBook,
    config: &'a Config,
    targets: &'a [LineLinkTarget],
    /// The language of each of the paragraph's foreign phrases.
    languages: &'a [String],
    /// The pen position.
    x: f32,
    /// Where the last run ends (a run continues only from there).
    run_end: f32,
    /// The link the last box belonged to, as an index into `line.links`.
    open_link: Option<(usize, usize)>,
    /// The foreign phrase the last box belonged to, as an index into `line.phrases`.
    open_phrase: Option<(usize, usize)>,
    /// The paragraph link and foreign phrase the last run belongs to: a run
    /// holds one link's text or none, one phrase's or none, so each can be
    /// tagged apart.
    run_owner: (Option<usize>, Option<usize>),
    /// The strike the last box belonged to, as an index into `line.strikes`.
    open_strike: Option<usize>,
    line: Line,
}

impl LineBuilder<'_> {
    fn text(&mut self, piece: &Piece) {
        self.line.offset.get_or_insert(piece.offset);
        let start = self.x;
        let runs_before = self.line.runs.len();
        for run in &piece.shaped.runs {
            self.append(run, piece);
        }
        // The piece's first glyph went into a new run, or on in the last one.
        let first_run = if self.line.runs.len() > runs_before { runs_before } else { runs_before.saturating_sub(1) };
        self.link(piece, start, first_run);
        self.phrase(piece, first_run);
        self.strike(piece, start);
        if let Some(number) = piece.footnote {
            self.line.footnotes.push(number);
        }
    }

    /// The hyphen a hyphenation break draws. It stands for `-`, which
    /// text extraction (poppler's `pdftotext`, as TeX's output has taught
    /// it) takes at a line's end for a break and joins the word across:
    /// U+00AD, the tagged-PDF spelling, it prints as is and splits the word.
    /// A real hyphen ending a line is kept apart ([`keep_real_hyphen`]).
    fn break_hyphen(&mut self, piece: &Piece) {
        self.text(piece);
    }

    fn append(&mut self, shaped: &ShapedRun, piece: &Piece) {
        let run = self.run(shaped.font, piece.size, piece.rise, (piece.link, piece.phrase));
        let offset = u32::try_from(run.text.len()).unwrap_or(u32::MAX);
        run.text.push_str(&shaped.text);
        run.glyphs.extend(shaped.glyphs.iter().map(|glyph| Glyph { cluster: glyph.cluster + offset, ..*glyph }));
        self.x += shaped.width;
        self.run_end = self.x;
    }

    /// The run to append to at the pen: the last one if it matches, else a new one.
    fn run(&mut self, font: FontId, size: f32, rise: f32, owner: (Option<usize>, Option<usize>)) -> &mut TextRun {
        let continues = self.run_owner == owner
            && self
                .line
                .runs
                .last()
                .is_some_and(|run| run.font == font && run.size == size && run.y == rise && self.run_end == self.x);
        if !continues {
            self.run_owner = owner;
            let color = self.config.style.color;
            let (glyphs, text, tag) = (Vec::new(), String::new(), Tag::default());
            let run = TextRun { font, size, x: self.x, y: rise, glyphs, text, color, tag };
            self.line.runs.push(run);
        }
        let last = self.line.runs.len() - 1;
        &mut self.line.runs[last]
    }

    /// A space: a glyph of the current run with the set width, so the text
    /// keeps its spaces; between runs just a gap.
    fn space(&mut self, c: char, width: f32) {
        if let Some(run) = self.line.runs.last_mut().filter(|_| self.run_end == self.x) {
            let id = self.fonts.glyph(run.font, c).unwrap_or_else(|| self.fonts.space_glyph(run.font));
            let cluster = u32::try_from(run.text.len()).unwrap_or(u32::MAX);
            run.glyphs.push(Glyph { id, cluster, x_advance: width, x_offset: 0.0, y_offset: 0.0 });
            run.text.push(c);
            self.run_end += width;
        }
        self.x += width;
    }

    /// Extends the open strike over a struck piece (and the spaces before
    /// it), or starts one.
    fn strike(&mut self, piece: &Piece, start: f32) {
        match (piece.struck, self.open_strike) {
            (true, Some(index)) => {
                let strike = &mut self.line.strikes[index];
                strike.width = self.x - strike.x;
            }
            (true, None) => {
                self.line.strikes.push(Strike { x: start, width: self.x - start, size: piece.size });
                self.open_strike = Some(self.line.strikes.len() - 1);
            }
            (false, _) => self.open_strike = None,
        }
    }

    /// Extends the open link over a piece of the same link, or starts one.
    fn link(&mut self, piece: &Piece, start: f32, first_run: usize) {
        let runs = first_run..self.line.runs.len();
        match (piece.link, self.open_link) {
            (Some(target), Some((open, index))) if target == open => {
                let area = &mut self.line.links[index];
                if start > area.x + area.width {
                    area.text.push(' ');
                }
                area.text.extend(piece_text(piece));
                area.width = self.x - area.x;
                area.runs.end = runs.end;
            }
            (Some(target), _) => {
                let text = piece_text(piece).collect();
                let (x, width, to) = (start, self.x - start, self.targets[target].clone());
                let area = LineLink { x, width, target: to, text, runs };
                self.line.links.push(area);
                self.open_link = Some((target, self.line.links.len() - 1));
            }
            (None, _) => self.open_link = None,
        }
    }

    /// Extends the open foreign phrase over a piece of the same phrase, or starts one.
    fn phrase(&mut self, piece: &Piece, first_run: usize) {
        let end = self.line.runs.len();
        match (piece.phrase, self.open_phrase) {
            (Some(phrase), Some((open, index))) if phrase == open => self.line.phrases[index].runs.end = end,
            (Some(phrase), _) => {
                let lang = self.languages[phrase].clone();
                self.line.phrases.push(LinePhrase { phrase, lang, runs: first_run..end });
                self.open_phrase = Some((phrase, self.line.phrases.len() - 1));
            }
            (None, _) => self.open_phrase = None,
        }
    }
}

/// A piece's text as read: without soft hyphens.
fn piece_text(piece: &Piece) -> impl Iterator<Item = char> + '_ {
    piece.shaped.runs.iter().flat_map(|run| run.text.chars()).filter(|&c| c != '\u{AD}')
}
