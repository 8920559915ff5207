//! Finding phrases in a run of words: each word in one of its forms, the
//! words of a phrase separated by nothing but spaces.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::forms::Phrase;

/// A word of the text, as the matcher sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'a> {
    /// As written (soft hyphens and all).
    pub raw: &'a str,
    /// [`super::forms::normalize`]d.
    pub norm: Cow<'a, str>,
    /// Only spaces stand between this word and the one before it.
    pub joined: bool,
}

/// Phrases to look for, each with what a match of it means to the caller.
pub struct Matcher<T> {
    phrases: Vec<(Phrase, T)>,
    /// The phrases whose first word has this form (normalized, or exact for code).
    by_first_word: FxHashMap<String, Vec<usize>>,
}

impl<T> Default for Matcher<T> {
    fn default() -> Self {
        Matcher { phrases: Vec::new(), by_first_word: FxHashMap::default() }
    }
}

impl<T: Copy> Matcher<T> {
    pub fn add(&mut self, phrase: Phrase, target: T) {
        let id = self.phrases.len();
        for form in &phrase.words[0] {
            self.by_first_word.entry(form.clone()).or_default().push(id);
        }
        self.phrases.push((phrase, target));
    }

    /// The code phrases and their targets (looked for inside inline code).
    pub fn code_phrases(&self) -> impl Iterator<Item = (&str, T)> {
        self.phrases.iter().filter(|(p, _)| p.exact).filter_map(|(p, t)| Some((p.words[0].iter().next()?.as_str(), *t)))
    }

    /// Every match in `tokens`: the index of its first token and its target.
    pub fn find(&self, tokens: &[Token]) -> Vec<(usize, T)> {
        let mut found = Vec::new();
        for (at, token) in tokens.iter().enumerate() {
            let candidates = [token.norm.as_ref(), token.raw].map(|key| self.by_first_word.get(key));
            for &id in candidates.into_iter().flatten().flatten() {
                if !found.contains(&(at, id)) && self.matches_at(&self.phrases[id].0, &tokens[at..]) {
                    found.push((at, id));
                }
            }
        }
        found.into_iter().map(|(at, id)| (at, self.phrases[id].1)).collect()
    }

    fn matches_at(&self, phrase: &Phrase, tokens: &[Token]) -> bool {
        tokens.len() >= phrase.words.len()
            && phrase.words.iter().zip(tokens).enumerate().all(|(k, (forms, token))| {
                (k == 0 || token.joined)
                    && if phrase.exact { forms.contains(token.raw) } else { forms.contains(token.norm.as_ref()) }
            })
    }
}

/// Whether `code` holds `term` as a whole: not inside a longer identifier
/// (`Allocator` is in `std.mem.Allocator`, not in `Allocators`).
pub fn code_contains(code: &str, term: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(term)
        .any(|(at, _)| !code[..at].ends_with(is_ident) && !code[at + term.len()..].starts_with(is_ident))
}

#[cfg(test)]
mod tests {
    use super::super::forms::{normalized, words};
    use super::*;

    fn tokens(text: &str) -> Vec<Token<'_>> {
        let mut end = 0;
        words(text)
            .map(|(at, raw)| {
                let joined = end > 0 && text[end..at].chars().all(char::is_whitespace);
                end = at + raw.len();
                Token { raw, norm: normalized(raw), joined }
            })
            .collect()
    }

    #[test]
    fn phrases_match_in_any_form_but_not_across_punctuation() {
        let mut matcher = Matcher::default();
        matcher.add(Phrase::of_words("динамический/A память/F").unwrap(), 1);
        matcher.add(Phrase::of_words("память/F").unwrap(), 2);
        matcher.add(Phrase::of_code("GeneralPurposeAllocator"), 3);
        let text = "О динамической памяти. Динамический, память; GeneralPurposeAllocator generalpurposeallocator";
        let found = matcher.find(&tokens(text));
        assert_eq!(found, [(1, 1), (2, 2), (4, 2), (5, 3)]);
    }

    #[test]
    fn code_terms_are_whole_identifiers() {
        assert!(code_contains("std.heap.GeneralPurposeAllocator(.{}){}", "GeneralPurposeAllocator"));
        assert!(!code_contains("Allocators", "Allocator"));
        assert!(code_contains("std.mem.Allocator", "mem.Allocator"));
    }
}
