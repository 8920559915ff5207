//! Soft hyphens (U+00AD) at the break points of long prose words.
//!
//! Both editions rely on them: the EPUB writes them for the reading system,
//! the PDF line breaker treats each as a place it may break with a hyphen.
//! Words shorter than six letters, compounds (their hyphen is the break),
//! URLs, e-mail addresses and identifiers get none.

use super::letters::{is_letter, is_letter_or_digit};
use rustc_hash::FxHashMap;

use super::hyphenate::Hyphenator;
use super::run::is_raw_token;
use crate::document::Inline;

/// The fewest letters a word needs to get soft hyphens.
const MIN_WORD_LETTERS: usize = 6;

const SOFT_HYPHEN: char = '\u{AD}';

/// Inserts soft hyphens, remembering the break points of the words seen:
/// a book repeats its words, and a lookup is cheaper than the patterns.
pub(super) struct SoftHyphens<'a> {
    hyphenator: &'a Hyphenator,
    /// Language tag → word → its break points.
    known: FxHashMap<String, FxHashMap<String, Vec<usize>>>,
}

impl<'a> SoftHyphens<'a> {
    pub fn new(hyphenator: &'a Hyphenator) -> Self {
        SoftHyphens { hyphenator, known: FxHashMap::default() }
    }

    /// Inserts soft hyphens into every text node of `inlines`, text in the
    /// language of BCP 47 tag `language` (a foreign phrase's in its own).
    pub fn insert(&mut self, inlines: &mut [Inline], language: &str) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => *text = self.hyphenate_text(text, language),
                Inline::Emphasis(content) | Inline::Strong(content) | Inline::Strikethrough(content) => {
                    self.insert(content, language)
                }
                Inline::Link(link) => self.insert(&mut link.content, language),
                // A phrase in another language breaks by its own patterns.
                Inline::Foreign(foreign) => self.insert(&mut foreign.content, &foreign.lang),
                _ => {}
            }
        }
    }

    fn hyphenate_text(&mut self, text: &str, language: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 4);
        for piece in text.split_inclusive(char::is_whitespace) {
            let token = piece.trim_end_matches(char::is_whitespace);
            let not_alphanumeric = |c: char| !is_letter_or_digit(c);
            let core_start = token.len() - token.trim_start_matches(not_alphanumeric).len();
            let core = token[core_start..].trim_end_matches(not_alphanumeric);
            out.push_str(&token[..core_start]);
            if is_raw_token(token) {
                out.push_str(core);
            } else {
                self.push_hyphenated(&mut out, core, language);
            }
            out.push_str(&piece[core_start + core.len()..]);
        }
        out
    }

    /// Pushes `core` (a token without its punctuation) with soft hyphens in its
    /// words; `создание/удаление` is two words, `std.mem` or `x86` none.
    fn push_hyphenated(&mut self, out: &mut String, core: &str, language: &str) {
        let is_word = |part: &str| !part.is_empty() && part.chars().all(|c| is_letter(c) || c == '-');
        if !core.split('/').all(is_word) {
            out.push_str(core);
            return;
        }
        for (n, word) in core.split('/').enumerate() {
            if n > 0 {
                out.push('/');
            }
            let mut done = 0;
            for &at in self.break_points(word, language) {
                if !word[..at].ends_with('-') {
                    out.push_str(&word[done..at]);
                    out.push(SOFT_HYPHEN);
                    done = at;
                }
            }
            out.push_str(&word[done..]);
        }
    }

    /// The break points of a word long enough to get soft hyphens.
    fn break_points(&mut self, word: &str, language: &str) -> &[usize] {
        if word.chars().count() < MIN_WORD_LETTERS {
            return &[];
        }
        if !self.known.contains_key(language) {
            self.known.insert(language.to_string(), FxHashMap::default());
        }
        let known = self.known.get_mut(language).expect("inserted above");
        if !known.contains_key(word) {
            known.insert(word.to_string(), self.hyphenator.break_points(word, language));
        }
        &known[word]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::HyphenationConfig;

    fn shy(text: &str) -> String {
        let hyphenator = Hyphenator::new(&HyphenationConfig::default()).expect("dictionaries");
        SoftHyphens::new(&hyphenator).hyphenate_text(text, "ru").replace(SOFT_HYPHEN, "|")
    }

    #[test]
    fn long_words_get_soft_hyphens() {
        assert_eq!(shy("(программирования, «память»)"), "(про|грам|ми|ро|ва|ния, «па|мять»)");
        assert_eq!(shy("создание/удаление"), "со|зда|ние/уда|ле|ние");
        assert_eq!(shy("пример\u{a0}allocator"), "при|мер\u{a0}al|lo|ca|tor");
    }

    #[test]
    fn a_foreign_phrase_breaks_by_its_own_language() {
        let hyphenator = Hyphenator::new(&HyphenationConfig::default()).expect("dictionaries");
        let text = |t: &str| Inline::Text(t.into());
        let phrase = |lang: &str| {
            Inline::Foreign(crate::document::Foreign { lang: lang.into(), content: vec![text("Speicherverwaltung")] })
        };
        let mut inlines = vec![text("память "), phrase("de"), text(" allocator")];
        SoftHyphens::new(&hyphenator).insert(&mut inlines, "ru");
        let shown = crate::document::plain_text(&inlines).replace(SOFT_HYPHEN, "|");
        assert_eq!(shown, "па|мять Speicherverwaltung al|lo|ca|tor", "no German patterns: no breaks");
        let mut inlines = vec![phrase("en")];
        SoftHyphens::new(&hyphenator).insert(&mut inlines, "de");
        assert_ne!(crate::document::plain_text(&inlines), "Speicherverwaltung", "an English phrase in German text");
    }

    #[test]
    fn others_get_none() {
        for text in [
            "кот и пес",
            "веб-сервер",
            "std.mem.Allocator",
            "https://ziglang.org/documentation",
            "x86_64",
            "GeneralPurposeAllocator",
            "ziglang.org/download",
            "ivan@example.com",
        ] {
            assert_eq!(shy(text), text);
        }
    }
}
