//! A run of inline content seen as one line of characters.
//!
//! Quotes open in one text node and close in another, after inline code or
//! inside emphasis; a short word ends a line and its space is a soft break.
//! So the rules do not work on text nodes one by one: [`Run`] lays the whole
//! run out as characters, each remembering the leaf it came from, with one
//! stand-in character for every leaf that is not prose. The rules edit the
//! characters (replace or delete, never insert) and [`Run::finish`] writes
//! them back into their leaves.

use super::letters::is_letter_or_digit;
use crate::document::{Inline, Link};

/// Stands for inline code, images and autolinks: word-like, never changed.
pub(super) const OPAQUE: char = '\u{E000}';
/// Stands for footnote references and raw HTML: the rules look through it.
pub(super) const INVISIBLE: char = '\u{E001}';
/// A line break in the source: a space to the reader.
pub(super) const SOFT_BREAK: char = '\n';
/// A forced line break.
pub(super) const HARD_BREAK: char = '\u{2028}';
pub(super) const NBSP: char = '\u{A0}';

/// What may follow a URL or an address in prose without being part of it.
const CLOSING_PUNCTUATION: &str = "\"'»“”)]},.;:!?…";

#[derive(Debug, Clone, Copy)]
struct Slot {
    ch: char,
    /// Index of the leaf the character belongs to.
    leaf: usize,
    /// Part of a URL or an e-mail address: no rule may touch it.
    raw: bool,
    /// Removed by a rule; gone at the next [`Run::compact`].
    deleted: bool,
}

/// The characters of one run of inline content, and the leaves they go back to.
pub(super) struct Run<'a> {
    leaves: Vec<&'a mut Inline>,
    slots: Vec<Slot>,
}

impl<'a> Run<'a> {
    pub fn new(inlines: &'a mut [Inline]) -> Self {
        let mut leaves = Vec::new();
        collect_leaves(inlines, &mut leaves);
        let mut slots = Vec::new();
        for (leaf, inline) in leaves.iter().enumerate() {
            let mut push = |ch| slots.push(Slot { ch, leaf, raw: false, deleted: false });
            match &**inline {
                Inline::Text(text) => text.chars().for_each(push),
                Inline::SoftBreak => push(SOFT_BREAK),
                Inline::HardBreak => push(HARD_BREAK),
                Inline::Code(_) | Inline::Image(_) | Inline::Link(_) => push(OPAQUE),
                _ => push(INVISIBLE),
            }
        }
        let mut run = Run { leaves, slots };
        run.mark_raw_tokens();
        run
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// The character at `i`, or `None` past either end.
    pub fn get(&self, i: usize) -> Option<char> {
        self.slots.get(i).map(|slot| slot.ch)
    }

    /// The character before `i`, looking through footnote references and HTML.
    pub fn before(&self, i: usize) -> Option<char> {
        self.slots[..i.min(self.len())].iter().rev().map(|slot| slot.ch).find(|&ch| ch != INVISIBLE)
    }

    /// The character after `i`, looking through footnote references and HTML.
    pub fn after(&self, i: usize) -> Option<char> {
        self.slots.iter().skip(i + 1).map(|slot| slot.ch).find(|&ch| ch != INVISIBLE)
    }

    /// Whether the character at `i` belongs to a URL or an e-mail address.
    pub fn is_raw(&self, i: usize) -> bool {
        self.slots.get(i).is_some_and(|slot| slot.raw)
    }

    pub fn set(&mut self, i: usize, ch: char) {
        self.slots[i].ch = ch;
    }

    /// Makes the breakable space at `i` (a space or a soft break) non-breaking.
    pub fn glue(&mut self, i: usize) {
        if matches!(self.get(i), Some(' ' | SOFT_BREAK)) {
            self.set(i, NBSP);
        }
    }

    /// Marks the character at `i` for removal; it stays readable (and
    /// counted) until [`Run::compact`], so a rule's indices stay valid.
    pub fn delete(&mut self, i: usize) {
        self.slots[i].deleted = true;
    }

    /// Drops the characters marked by [`Run::delete`]. Every rule that
    /// deletes calls it before it returns.
    pub fn compact(&mut self) {
        self.slots.retain(|slot| !slot.deleted);
    }

    /// The characters from `start` while `keep` holds: the end of that stretch.
    pub fn scan(&self, start: usize, keep: impl Fn(char) -> bool) -> usize {
        start + self.slots[start.min(self.len())..].iter().take_while(|slot| keep(slot.ch)).count()
    }

    /// Where the stretch of characters for which `keep` holds, ending just before `end`, starts.
    pub fn scan_back(&self, end: usize, keep: impl Fn(char) -> bool) -> usize {
        end - self.slots[..end].iter().rev().take_while(|slot| keep(slot.ch)).count()
    }

    /// The characters in `range` as a string.
    pub fn text(&self, range: std::ops::Range<usize>) -> String {
        self.slots[range].iter().map(|slot| slot.ch).collect()
    }

    /// Writes the characters back into their leaves. A soft break that became a
    /// non-breaking space becomes a text node holding it.
    pub fn finish(self) {
        let mut texts = vec![String::new(); self.leaves.len()];
        for slot in &self.slots {
            texts[slot.leaf].push(slot.ch);
        }
        for (leaf, text) in self.leaves.into_iter().zip(texts) {
            match leaf {
                Inline::Text(old) => *old = text,
                Inline::SoftBreak if text == NBSP.to_string() => *leaf = Inline::Text(text),
                _ => {}
            }
        }
    }

    /// Marks whitespace-separated tokens that are URLs or e-mail addresses.
    /// The punctuation around the token (`"https://…",`) stays prose.
    fn mark_raw_tokens(&mut self) {
        let mut start = 0;
        while start < self.len() {
            let end = self.scan(start, |ch| !ch.is_whitespace());
            // Every URL and address has one of these: most words are not copied out.
            let may_be_raw = self.slots[start..end].iter().any(|slot| matches!(slot.ch, ':' | '@' | '.'));
            if may_be_raw && is_raw_token(&self.text(start..end)) {
                let first = self.scan(start, |ch| !is_letter_or_digit(ch)).min(end);
                let last = self.scan_back(end, |ch| CLOSING_PUNCTUATION.contains(ch)).max(first);
                self.slots[first..last].iter_mut().for_each(|slot| slot.raw = true);
            }
            start = end + 1;
        }
    }
}

/// The leaves of a run in reading order: everything but the containers
/// (emphasis, strong, strikethrough, links, foreign phrases), whose content is walked instead.
/// An autolink (`<https://…>`) is a leaf: its text is its URL.
fn collect_leaves<'a>(inlines: &'a mut [Inline], out: &mut Vec<&'a mut Inline>) {
    for inline in inlines {
        if matches!(inline, Inline::Link(link) if is_autolink(link)) {
            out.push(inline);
            continue;
        }
        match inline {
            Inline::Emphasis(content) | Inline::Strong(content) | Inline::Strikethrough(content) => {
                collect_leaves(content, out)
            }
            Inline::Link(link) => collect_leaves(&mut link.content, out),
            // A foreign phrase is read on in the surrounding text: its
            // punctuation and spacing are the paragraph's.
            Inline::Foreign(foreign) => collect_leaves(&mut foreign.content, out),
            leaf => out.push(leaf),
        }
    }
}

fn is_autolink(link: &Link) -> bool {
    match link.content.as_slice() {
        [Inline::Text(text)] => *text == link.url || link.url.strip_prefix("mailto:") == Some(text),
        _ => false,
    }
}

/// Whether a whitespace-free token is a URL or an e-mail address, which prose
/// rules must leave as written.
pub(super) fn is_raw_token(token: &str) -> bool {
    let token = token.trim_start_matches(|c: char| !is_letter_or_digit(c));
    token.contains("://") || token.starts_with("www.") || token.starts_with("mailto:") || is_email(token)
}

fn is_email(token: &str) -> bool {
    let Some((user, domain)) = token.split_once('@') else { return false };
    user.ends_with(|c: char| is_letter_or_digit(c))
        && domain.starts_with(|c: char| is_letter_or_digit(c))
        && domain.trim_end_matches(|c: char| !is_letter_or_digit(c)).contains('.')
}

/// Joins neighbouring text nodes and drops empty ones, at every level of `inlines`.
pub(super) fn merge_texts(inlines: &mut Vec<Inline>) {
    let mut merged: Vec<Inline> = Vec::with_capacity(inlines.len());
    for mut inline in inlines.drain(..) {
        match &mut inline {
            Inline::Text(text) if text.is_empty() => continue,
            Inline::Emphasis(content) | Inline::Strong(content) | Inline::Strikethrough(content) => {
                merge_texts(content)
            }
            Inline::Link(link) => merge_texts(&mut link.content),
            Inline::Foreign(foreign) => merge_texts(&mut foreign.content),
            _ => {}
        }
        match (merged.last_mut(), inline) {
            (Some(Inline::Text(previous)), Inline::Text(text)) => previous.push_str(&text),
            (_, inline) => merged.push(inline),
        }
    }
    *inlines = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lays_out_leaves_and_writes_them_back() {
        let mut inlines = vec![
            Inline::Text("в".into()),
            Inline::SoftBreak,
            Inline::Emphasis(vec![Inline::Text("Zig".into())]),
            Inline::Code("a - b".into()),
        ];
        let mut run = Run::new(&mut inlines);
        assert_eq!(run.text(0..run.len()), format!("в{SOFT_BREAK}Zig{OPAQUE}"));
        run.glue(1);
        run.set(2, 'z');
        run.finish();
        merge_texts(&mut inlines);
        assert_eq!(
            inlines,
            vec![
                Inline::Text("в\u{a0}".into()),
                Inline::Emphasis(vec![Inline::Text("zig".into())]),
                Inline::Code("a - b".into()),
            ]
        );
    }

    #[test]
    fn urls_and_addresses_are_raw() {
        for token in
            ["https://ziglang.org/a--b", "(www.example.com)", "ivan@example.ru,", "mailto:a@b.c", "\"https://x.y\""]
        {
            assert!(is_raw_token(token), "{token}");
        }
        for token in ["std.mem.Allocator", "веб-сервер", "@import", "a@b", "1999-2024"] {
            assert!(!is_raw_token(token), "{token}");
        }
    }
}
