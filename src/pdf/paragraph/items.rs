//! Inline content → boxes, glue and penalties.
//!
//! Words are shaped into boxes; spaces become interword glue (U+00A0 and
//! U+202F unbreakable); soft hyphens (U+00AD) become flagged penalties that
//! show a hyphen only when taken; a hyphen between letters is a flagged break
//! without an added hyphen; URLs and code may break after `/ - _ # ? & = ; :`
//! and before `.` (as the Chicago Manual breaks URLs); as a last resort, when nothing else fits, a non-breaking
//! space or, in a piece wider than the measure, any character boundary may break.

use std::rc::Rc;

use unicode_segmentation::UnicodeSegmentation;

use super::config::{Config, Glue};
use super::LineLinkTarget;
use crate::document::Inline;
use crate::pdf::fonts::{FontBook, FontStyle, Shaped};

/// A penalty this high forbids a break; this low forces one.
pub const INFINITE_PENALTY: i32 = 10_000;

/// One element of the Knuth–Plass list.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The natural width in points (for a penalty: the width added when broken at).
    pub width: f32,
    pub kind: Kind,
    pub content: Content,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Box,
    /// `fill` is TeX's `fil` stretch, which beats any finite stretch.
    Glue {
        stretch: f32,
        shrink: f32,
        fill: f32,
        breakable: bool,
    },
    /// `flagged`: a hyphenation break (consecutive ones are limited);
    /// `last_resort`: legal only in the last pass (inside an unbreakable
    /// stretch wider than the measure).
    Penalty {
        cost: i32,
        flagged: bool,
        last_resort: bool,
    },
}

/// What an item draws.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Nothing: the indent, the last line's fill, plain penalties.
    Empty,
    /// Shaped text: a box, or the hyphen of a soft-hyphen penalty.
    Text(Piece),
    /// An interword space and the character it stands for.
    Space(char),
}

/// Shaped text with its size, baseline shift and link.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub shaped: Rc<Shaped>,
    pub size: f32,
    /// Baseline shift (negative: up).
    pub rise: f32,
    /// Index into the paragraph's link targets.
    pub link: Option<usize>,
    /// Index into the paragraph's foreign phrases.
    pub phrase: Option<usize>,
    /// The footnote this piece is the reference mark of.
    pub footnote: Option<usize>,
    /// Inside `~~strikethrough~~`.
    pub struck: bool,
    /// For a part cut from a word shaped whole, before a break inside the
    /// word: the part shaped on its own, as it is set when the word breaks
    /// there (the penalty's width carries the difference).
    pub broken: Option<Rc<Shaped>>,
    /// Where the piece's text starts in the paragraph's text, in bytes: see
    /// [`Position`](crate::document::Position)'s offset.
    pub offset: usize,
}

impl Item {
    pub fn penalty(cost: i32, flagged: bool) -> Item {
        Item { width: 0.0, kind: Kind::Penalty { cost, flagged, last_resort: false }, content: Content::Empty }
    }

    /// A break inside what should not break, for when nothing else fits.
    pub fn last_resort(cost: i32) -> Item {
        Item { width: 0.0, kind: Kind::Penalty { cost, flagged: false, last_resort: true }, content: Content::Empty }
    }

    pub fn is_box(&self) -> bool {
        self.kind == Kind::Box
    }

    /// A break the typography stage proposed, which draws a hyphen.
    pub fn is_soft_hyphen(&self) -> bool {
        matches!(self.kind, Kind::Penalty { flagged: true, .. }) && self.width > 0.0
    }
}

/// How far a line broken at `index` may let its last glyph hang into the
/// margin: a share of the glyph's advance, by character (as pdfTeX's
/// margin kerning does, with values near the microtype package's).
pub fn hang(items: &[Item], index: usize) -> f32 {
    let piece = match (&items[index].kind, &items[index].content) {
        (Kind::Penalty { .. }, Content::Text(hyphen)) => Some(hyphen),
        _ => index.checked_sub(1).and_then(|before| match &items[before].content {
            Content::Text(piece) if items[before].is_box() => Some(piece),
            _ => None,
        }),
    };
    let Some(run) = piece.and_then(|piece| piece.shaped.runs.last()) else {
        return 0.0;
    };
    let Some(glyph) = run.glyphs.last() else {
        return 0.0;
    };
    let share = match run.text.get(glyph.cluster as usize..).and_then(|text| text.chars().next()) {
        Some('.' | ',' | '-' | '\u{2010}') => 0.5,
        Some(':' | ';') => 0.4,
        Some('–') => 0.3,
        Some('»' | '“' | '”' | '"' | '\'' | ')' | '…') => 0.25,
        Some('—') => 0.2,
        Some('!' | '?') => 0.1,
        _ => 0.0,
    };
    share * glyph.x_advance
}

/// The items of a paragraph and the link targets its pieces point at.
#[derive(Debug, Default)]
pub struct Items {
    pub items: Vec<Item>,
    pub links: Vec<LineLinkTarget>,
    /// The language of each phrase in another language, in reading order.
    pub phrases: Vec<String>,
    /// The index's anchors, each with the item it stands before.
    pub anchors: Vec<(usize, String)>,
}

/// The style of a stretch of inline content.
#[derive(Debug, Clone, Copy)]
struct Span {
    font: FontStyle,
    size: f32,
    link: Option<usize>,
    phrase: Option<usize>,
    code: bool,
    /// Inline code short enough (at most [`SHORT_CODE`] of the measure) to
    /// stay whole on one line: `const s = "строка";` split over two lines
    /// reads as two pieces of code. A line before it may be loose instead.
    whole: bool,
    struck: bool,
}

/// The widest inline code kept whole, as a share of the measure.
const SHORT_CODE: f32 = 0.4;

impl Span {
    /// Shaped text in this span, on the baseline.
    fn piece(&self, shaped: Rc<Shaped>, offset: usize) -> Piece {
        let Span { size, link, phrase, struck, .. } = *self;
        Piece { size, rise: 0.0, link, phrase, footnote: None, struck, shaped, broken: None, offset }
    }
}

/// Turns `content` into items, ending with TeX's `\parfillskip` and a forced break.
pub fn collect(content: &[Inline], config: &Config, fonts: &FontBook) -> Items {
    let mut collector = Collector { config, fonts, out: Items::default(), text_before: 0 };
    if config.style.indent > 0.0 {
        collector.push(Item { width: config.style.indent, kind: Kind::Box, content: Content::Empty });
    }
    let (font, size) = (config.style.font, config.style.size);
    let span = Span { font, size, link: None, phrase: None, code: false, whole: false, struck: false };
    collector.inlines(content, span);
    collector.finish();
    collector.out
}

struct Collector<'a> {
    config: &'a Config,
    fonts: &'a FontBook,
    out: Items,
    /// The bytes of text in the inlines before the one being collected.
    text_before: usize,
}

/// A break inside a word: before byte `at` of the word without its marks,
/// the next part starting at byte `next_in_word` of the word as written.
struct WordBreak {
    at: usize,
    next_in_word: usize,
    item: Item,
}

impl WordBreak {
    fn new(text: &str, next_in_word: usize, item: Item) -> WordBreak {
        WordBreak { at: text.len(), next_in_word, item }
    }
}

impl Collector<'_> {
    fn inlines(&mut self, content: &[Inline], span: Span) {
        for inline in content {
            self.inline(inline, span);
        }
    }

    fn inline(&mut self, inline: &Inline, span: Span) {
        match inline {
            Inline::Text(text) => {
                self.text(text, span);
                self.text_before += text.len();
            }
            // Emphasis inside italics turns upright again.
            Inline::Emphasis(content) => {
                self.inlines(content, Span { font: FontStyle { italic: !span.font.italic, ..span.font }, ..span });
            }
            Inline::Strong(content) => {
                self.inlines(content, Span { font: FontStyle { bold: true, ..span.font }, ..span })
            }
            Inline::Strikethrough(content) => self.inlines(content, Span { struck: true, ..span }),
            Inline::Code(code) => {
                let font = self.config.code_style(span.font.bold);
                let size = self.config.code_size;
                let whole = self.fonts.shape_shared(code, font, size).width <= SHORT_CODE * self.config.style.measure;
                self.text(code, Span { font, size, code: true, whole, ..span });
                self.text_before += code.len();
            }
            Inline::Link(link) => {
                self.out.links.push(LineLinkTarget::Link(link.target.clone()));
                let index = Some(self.out.links.len() - 1);
                self.inlines(&link.content, Span { link: index, ..span });
            }
            Inline::Foreign(foreign) => {
                self.out.phrases.push(foreign.lang.clone());
                let index = Some(self.out.phrases.len() - 1);
                self.inlines(&foreign.content, Span { phrase: index, ..span });
            }
            Inline::FootnoteRef(number) => self.footnote_mark(*number, span.phrase),
            Inline::PageNumber(number) => {
                self.text(number.text(), span);
                self.text_before += number.text().len();
            }
            Inline::SoftBreak => self.space(' ', span),
            Inline::HardBreak => self.hard_break(),
            // Images inside a paragraph and raw HTML have no place in print.
            Inline::Anchor(id) => self.out.anchors.push((self.out.items.len(), id.clone())),
            Inline::Image(_) | Inline::Html(_) => {}
        }
    }

    fn push(&mut self, item: Item) {
        self.out.items.push(item);
    }

    fn last_is_box(&self) -> bool {
        self.out.items.last().is_some_and(Item::is_box)
    }

    /// Splits prose at spaces into words and glue.
    fn text(&mut self, text: &str, span: Span) {
        let mut word_start = 0;
        for (index, c) in text.char_indices() {
            if is_space(c) {
                self.word(&text[word_start..index], span, self.text_before + word_start);
                self.space(c, span);
                word_start = index + c.len_utf8();
            }
        }
        self.word(&text[word_start..], span, self.text_before + word_start);
    }

    fn space(&mut self, c: char, span: Span) {
        let glue = self.space_glue(span);
        let after_box = self.last_is_box();
        let (glue, breakable, shown) = match c {
            '\u{A0}' => (glue, false, c),
            _ if span.whole && after_box => (glue, false, ' '),
            '\u{202F}' | '\u{2007}' => (Glue { width: glue.width / 2.0, stretch: 0.0, shrink: 0.0 }, false, c),
            // Spaces collapse, and none starts the paragraph or follows a forced break.
            _ if !after_box => return,
            '\u{2002}'..='\u{200A}' => (glue, true, c),
            _ => (glue, true, ' '),
        };
        // Short code never breaks: a line loose before it reads better than
        // code split in two.
        if !breakable && after_box && !span.whole {
            self.push(Item::last_resort(self.config.last_resort_penalty));
        }
        let kind = Kind::Glue { stretch: glue.stretch, shrink: glue.shrink, fill: 0.0, breakable };
        self.push(Item { width: glue.width, kind, content: Content::Space(shown) });
    }

    /// Interword glue in the span's font: code spaces keep their width.
    fn space_glue(&self, span: Span) -> Glue {
        let base = self.config.space;
        if span.font == self.config.style.font && span.size == self.config.style.size {
            return base;
        }
        let (width, _, _) = self.fonts.space(span.font, span.size);
        let fixed = span.code;
        let scale = if base.width > 0.0 { width / base.width } else { 1.0 };
        Glue {
            width,
            stretch: if fixed { 0.0 } else { base.stretch * scale },
            shrink: if fixed { 0.0 } else { base.shrink * scale },
        }
    }

    /// A word starting `at` in the paragraph's text: pieces between its
    /// break opportunities (none in short code), cut from the word shaped
    /// whole, so that kerning across a break stays where the break is not taken.
    fn word(&mut self, word: &str, span: Span, at: usize) {
        if span.whole || !word.contains(may_break) {
            self.piece(word, span, at);
            return;
        }
        let (text, breaks) = self.breaks(word, span, at);
        if breaks.is_empty() {
            self.piece(&text, span, at);
            return;
        }
        let whole = self.fonts.shape_shared(&text, span.font, span.size);
        let (mut start, mut start_in_word) = (0, 0);
        for WordBreak { at: end, next_in_word, mut item } in breaks {
            // A hyphen in a compound word is a flagged break of no width, which it must keep.
            let explicit = matches!(item.kind, Kind::Penalty { flagged: true, .. }) && item.width == 0.0;
            item.width += self.part(&whole, &text, start..end, span, !explicit, at + start_in_word);
            self.push(item);
            (start, start_in_word) = (end, next_in_word);
        }
        self.part(&whole, &text, start..text.len(), span, false, at + start_in_word);
    }

    /// A word starting `at` without its invisible break marks (soft hyphens,
    /// zero-width spaces), and its breaks.
    fn breaks(&self, word: &str, span: Span, at: usize) -> (String, Vec<WordBreak>) {
        let hyphenate = self.config.style.hyphenate && !span.code;
        let url_like = span.code || word.contains("://") || word.starts_with("www.");
        let url_break = || Item::penalty(self.config.url_penalty, false);
        let mut text = String::with_capacity(word.len());
        let mut breaks: Vec<WordBreak> = Vec::new();
        let mut previous: Option<char> = None;
        let mut chars = word.char_indices().peekable();
        while let Some((index, c)) = chars.next() {
            let next = chars.peek().map(|&(_, next)| next);
            let after = index + c.len_utf8();
            match c {
                '\u{AD}' => {
                    if hyphenate && previous.is_some() && next.is_some() {
                        breaks.push(WordBreak::new(&text, after, self.soft_hyphen(span, at + after)));
                    }
                    continue;
                }
                '\u{200B}' => breaks.push(WordBreak::new(&text, after, Item::penalty(0, false))),
                '-' if !url_like
                    && previous.is_some_and(char::is_alphabetic)
                    && next.is_some_and(char::is_alphabetic) =>
                {
                    text.push(c);
                    breaks.push(WordBreak::new(&text, after, Item::penalty(self.config.explicit_hyphen_penalty, true)));
                }
                '/' | '-' | '_' | '#' | '?' | '&' | '=' | ';' | ':'
                    if url_like && next.is_some_and(|next| !is_url_break(next)) && previous.is_some() =>
                {
                    text.push(c);
                    breaks.push(WordBreak::new(&text, after, url_break()));
                }
                '.' if url_like
                    && text.len() > breaks.last().map_or(0, |b| b.at)
                    && next.is_some_and(|next| !is_url_break(next)) =>
                {
                    breaks.push(WordBreak::new(&text, index, url_break()));
                    text.push(c);
                }
                '/' if previous.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric) => {
                    text.push(c);
                    breaks.push(WordBreak::new(&text, after, url_break()));
                }
                _ => text.push(c),
            }
            previous = Some(c);
        }
        (text, breaks)
    }

    /// Bytes `range` of a word shaped `whole`: cut from it, or shaped on
    /// their own where a ligature spans the cut (or the part is wider than
    /// a line). Returns how much wider a part `before_break` gets when the
    /// word breaks after it: it then loses its kerning with the next letter.
    fn part(
        &mut self,
        whole: &Rc<Shaped>,
        text: &str,
        range: std::ops::Range<usize>,
        span: Span,
        before_break: bool,
        offset: usize,
    ) -> f32 {
        if range.is_empty() {
            return 0.0;
        }
        let part = self.fonts.word_part(whole, range.clone(), span.size);
        let Some((cut, alone)) = part.filter(|(cut, _)| cut.width <= self.room()) else {
            self.piece(&text[range], span, offset);
            return 0.0;
        };
        let mut piece = span.piece(cut, offset);
        let mut widening = 0.0;
        if before_break {
            widening = alone.width - piece.shaped.width;
            piece.broken = Some(alone);
        }
        self.push_text(piece);
        widening
    }

    /// The widest piece a line holds: the measure less the indent and an
    /// em for a hyphen or punctuation after it.
    fn room(&self) -> f32 {
        self.config.style.measure - self.config.style.indent - self.config.style.size
    }

    /// A box of shaped text; one wider than the measure (less the indent and
    /// an em for a hyphen or punctuation after it) may break between any two
    /// characters as a last resort.
    fn piece(&mut self, text: &str, span: Span, offset: usize) {
        if text.is_empty() {
            return;
        }
        let shaped = self.fonts.shape_shared(text, span.font, span.size);
        self.shaped_piece(text, shaped, span, offset);
    }

    /// [`Collector::piece`] with `text` already shaped.
    fn shaped_piece(&mut self, text: &str, shaped: Rc<Shaped>, span: Span, offset: usize) {
        if shaped.width <= self.room() || text.graphemes(true).nth(1).is_none() {
            self.push_text(span.piece(shaped, offset));
            return;
        }
        for (index, grapheme) in text.grapheme_indices(true) {
            let shaped = self.fonts.shape_shared(grapheme, span.font, span.size);
            self.push_text(span.piece(shaped, offset + index));
        }
    }

    /// A box; boxes that touch (a style change inside a word) may part as a
    /// last resort, so no chain of them is unbreakable — but never before
    /// punctuation or a footnote mark.
    fn push_text(&mut self, piece: Piece) {
        let starts_word = piece.footnote.is_none()
            && piece.shaped.runs.first().and_then(|run| run.text.chars().next()).is_some_and(char::is_alphanumeric);
        let touches =
            self.out.items.last().is_some_and(|item| item.is_box() && matches!(item.content, Content::Text(_)));
        if starts_word && touches {
            self.push(Item::last_resort(self.config.last_resort_penalty));
        }
        self.push(Item { width: piece.shaped.width, kind: Kind::Box, content: Content::Text(piece) });
    }

    /// The penalty of a soft hyphen at `at`, which draws a hyphen when taken.
    fn soft_hyphen(&self, span: Span, at: usize) -> Item {
        let shaped = self.fonts.shape_shared("-", span.font, span.size);
        let piece = span.piece(shaped, at);
        let kind = Kind::Penalty { cost: self.config.hyphen_penalty, flagged: true, last_resort: false };
        Item { width: piece.shaped.width, kind, content: Content::Text(piece) }
    }

    /// A superscript number linked to the note, in foreign phrase `phrase`
    /// if it stands in one (so the phrase reads on after it).
    fn footnote_mark(&mut self, number: usize, phrase: Option<usize>) {
        self.out.links.push(LineLinkTarget::Footnote(number));
        let font = FontStyle { bold: false, italic: false, ..self.config.style.font };
        let shaped = self.fonts.shape_shared(&number.to_string(), font, self.config.mark_size);
        let link = Some(self.out.links.len() - 1);
        let size = self.config.mark_size;
        let rise = self.config.mark_rise;
        let offset = self.text_before;
        let footnote = Some(number);
        self.push_text(Piece { size, rise, link, phrase, footnote, struck: false, shaped, broken: None, offset });
    }

    /// TeX's `\hfil\break`.
    fn hard_break(&mut self) {
        self.trim_end();
        self.push(fill());
        self.push(Item::penalty(-INFINITE_PENALTY, false));
    }

    /// No space or forced break ends a paragraph; then `\parfillskip` and the final break.
    fn finish(&mut self) {
        self.trim_end();
        if !self.out.items.iter().any(|item| matches!(item.content, Content::Text(_))) {
            self.out.items.clear();
            return;
        }
        self.push(Item::penalty(INFINITE_PENALTY, false));
        self.push(fill());
        self.push(Item::penalty(-INFINITE_PENALTY, false));
    }

    fn trim_end(&mut self) {
        while self.out.items.last().is_some_and(|item| !item.is_box()) {
            self.out.items.pop();
        }
    }
}

fn fill() -> Item {
    Item {
        width: 0.0,
        kind: Kind::Glue { stretch: 0.0, shrink: 0.0, fill: 1.0, breakable: false },
        content: Content::Empty,
    }
}

/// Spaces become glue; the fonts have no glyphs for the narrow ones, which
/// are drawn as a space glyph of their width.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}')
}

/// Whether a word may break at or around `c` (see [`Collector::breaks`]).
fn may_break(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}') || is_url_break(c)
}

/// Where a URL or code may break: after these, or before a `.`.
fn is_url_break(c: char) -> bool {
    matches!(c, '/' | '-' | '_' | '.' | '#' | '?' | '&' | '=' | ';' | ':')
}
