//! The prose of a chapter for the checks that read it: runs of inline
//! content with the line their block starts on, words in them, and the
//! Markdown line and column of each word.
//!
//! The model keeps a line per block, not an offset per word, so a word is
//! found again in the chapter's Markdown source: from its block's line
//! onwards, each next word of the block after the previous one.

use crate::document::Inline;
use crate::error::LineIndex;

/// The prose text of inline content: text and link text, not code, URLs or HTML.
/// Pieces are joined with spaces so words never run together.
pub fn prose_text(inlines: &[Inline]) -> String {
    let mut text = String::new();
    append_prose(inlines, &mut text);
    text
}

fn append_prose(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => append_prose(c, out),
            Inline::Link(link) => append_prose(&link.content, out),
            Inline::Code(_) | Inline::Image(_) | Inline::Html(_) | Inline::FootnoteRef(_) => out.push(' '),
            Inline::Anchor(_) => {}
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
        }
    }
}

/// The words of `text` in order: letters with inner hyphens and apostrophes;
/// tokens holding digits (`UTF-8`, `x86`) are not words.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .map(|token| token.trim_matches(|c: char| is_joiner(c)))
        .filter(|word| word.chars().any(char::is_alphabetic) && !word.chars().any(|c| c.is_numeric()))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_joiner(c) || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Characters that join parts of one word: `веб-сервер`, `don't`.
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '\u{ad}')
}

/// Finds words again in a chapter's Markdown source.
pub struct Locator<'a> {
    source: &'a str,
    lines: LineIndex<'a>,
    cursor: usize,
    /// The line of the last [`Locator::seek_line`].
    line: usize,
}

impl<'a> Locator<'a> {
    pub fn new(source: &'a str) -> Self {
        Locator { source, lines: LineIndex::new(source), cursor: 0, line: 0 }
    }

    /// Starts looking at the beginning of `line` (from 1) — unless the last
    /// run started there too (the cells of a table), which goes on from where it was.
    pub fn seek_line(&mut self, line: usize) {
        if line != self.line {
            self.line = line;
            self.cursor = self.lines.line_start(line).unwrap_or(self.source.len());
        }
    }

    /// The line and column (from 1, in characters) of the next whole-word
    /// occurrence of `word`; column 0 on the current line if not found.
    pub fn locate(&mut self, word: &str) -> (usize, usize) {
        match self.find_whole_word(word) {
            Some(offset) => {
                self.cursor = offset + word.len();
                self.lines.line_column(offset)
            }
            None => (self.lines.line(self.cursor), 0),
        }
    }

    fn find_whole_word(&self, word: &str) -> Option<usize> {
        let mut from = self.cursor;
        while let Some(found) = self.source.get(from..)?.find(word) {
            let start = from + found;
            let end = start + word.len();
            let before = self.source[..start].chars().next_back();
            let after = self.source[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
                return Some(start);
            }
            from = end;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Link;

    #[test]
    fn words_keep_hyphens_and_skip_numbers() {
        let found: Vec<&str> = words("Эта главв — 2 темы: веб-сервер, UTF-8 и «ёлочки»…").collect();
        assert_eq!(found, ["Эта", "главв", "темы", "веб-сервер", "и", "ёлочки"]);
    }

    #[test]
    fn prose_leaves_out_code_and_urls() {
        let inlines = vec![
            Inline::Text("при помощи ".into()),
            Inline::Code("malloc".into()),
            Inline::Text(" и ".into()),
            Inline::Link(Link {
                target: crate::document::LinkTarget::External("https://ziglang.org".into()),
                url: "https://ziglang.org".into(),
                title: String::new(),
                content: vec![Inline::Emphasis(vec![Inline::Text("сайта".into())])],
                line: 1,
                column: 1,
            }),
        ];
        assert_eq!(words(&prose_text(&inlines)).collect::<Vec<_>>(), ["при", "помощи", "и", "сайта"]);
    }

    #[test]
    fn the_locator_finds_whole_words_in_order() {
        let source = "# Глава\n\nЭта главв, и главв `главв`\nещё главв.\n";
        let mut locator = Locator::new(source);
        locator.seek_line(3);
        assert_eq!(locator.locate("главв"), (3, 5));
        assert_eq!(locator.locate("главв"), (3, 14));
        assert_eq!(locator.locate("ещё"), (4, 1));
        assert_eq!(locator.locate("нет"), (4, 0));
        locator.seek_line(1);
        assert_eq!(locator.locate("Глава"), (1, 3));
    }

    #[test]
    fn runs_of_one_line_continue_where_the_last_stopped() {
        let source = "| слово | слово |\n|---|---|\n";
        let mut locator = Locator::new(source);
        locator.seek_line(1);
        assert_eq!(locator.locate("слово"), (1, 3));
        locator.seek_line(1);
        assert_eq!(locator.locate("слово"), (1, 11));
    }
}
