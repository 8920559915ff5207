//! The index's order: the collation of the book's language from the Unicode
//! CLDR, through ICU4X (`icu_collator`, its data compiled in).
//!
//! For Russian that is: digits and symbols first, then Cyrillic, then Latin;
//! «ё» sorts with «е» (it differs only as an accent does, breaking ties);
//! case breaks ties last. Entries are grouped under their first letter,
//! letters the collation holds equal (е and ё) sharing a group.

use std::cmp::Ordering;

use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use icu_locale_core::Locale;

use crate::document::{IndexEntry, IndexGroup};
use crate::error::{Error, Result};

/// Compares terms in the order of one language.
pub struct Collation {
    full: CollatorBorrowed<'static>,
    /// Letters only (no accents, no case): which group a letter opens.
    letters: CollatorBorrowed<'static>,
    /// The heading of the group of digits and symbols.
    symbols: &'static str,
}

impl Collation {
    /// The collation of `language` (a BCP 47 tag); the root collation if ICU4X
    /// has none for it.
    pub fn new(language: &str) -> Result<Collation> {
        let locale: Locale = language.parse().unwrap_or(Locale::UNKNOWN);
        let prefs = CollatorPreferences::from(&locale);
        let collator = |strength| {
            let mut options = CollatorOptions::default();
            options.strength = Some(strength);
            Collator::try_new(prefs, options)
                .map_err(|e| Error::render("index", format!("no collation for `{language}`: {e}")))
        };
        let russian = crate::document::is_russian(language);
        Ok(Collation {
            full: collator(Strength::Tertiary)?,
            letters: collator(Strength::Primary)?,
            symbols: if russian { "Символы" } else { "Symbols" },
        })
    }

    /// The order of two terms; terms the collation holds equal by their text.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.full.compare(a, b).then_with(|| a.cmp(b))
    }

    /// `entries` (and each one's subentries) sorted, grouped by first letter.
    pub fn groups(&self, mut entries: Vec<IndexEntry>) -> Vec<IndexGroup> {
        for entry in &mut entries {
            entry.subentries.sort_by(|a, b| self.compare(&a.term, &b.term));
        }
        entries.sort_by(|a, b| self.compare(&a.term, &b.term));
        let mut groups: Vec<IndexGroup> = Vec::new();
        for entry in entries {
            let letter = entry.term.chars().next().filter(|c| c.is_alphabetic());
            let same = match (groups.last(), letter) {
                (Some(group), Some(letter)) => {
                    group.letter != self.symbols
                        && self.letters.compare(&group.letter, letter.encode_utf8(&mut [0; 4])) == Ordering::Equal
                }
                (Some(group), None) => group.letter == self.symbols,
                (None, _) => false,
            };
            if !same {
                let heading = match letter {
                    Some('ё' | 'Ё') => "Е".to_string(),
                    Some(letter) => base_letter(letter).to_uppercase().collect(),
                    None => self.symbols.to_string(),
                };
                groups.push(IndexGroup { letter: heading, entries: Vec::new() });
            }
            if let Some(group) = groups.last_mut() {
                group.entries.push(entry);
            }
        }
        groups
    }
}

/// A Latin letter without its accents (`é` → `e`); other letters as they are.
fn base_letter(letter: char) -> char {
    match deunicode::deunicode_char(letter) {
        Some(base)
            if ('\u{c0}'..='\u{24f}').contains(&letter)
                && base.len() == 1
                && base.chars().all(|c| c.is_ascii_alphabetic()) =>
        {
            base.chars().next().unwrap_or(letter)
        }
        _ => letter,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(term: &str) -> IndexEntry {
        IndexEntry {
            term: term.into(),
            code: false,
            occurrences: Vec::new(),
            see: None,
            subentries: Vec::new(),
            line: 0,
        }
    }

    #[test]
    fn russian_order_puts_symbols_first_cyrillic_before_latin_and_yo_with_ye() {
        let collation = Collation::new("ru").unwrap();
        let terms =
            ["Zig", "ёлка", "ель", "Ерёма", "@import", "2D", "аллокатор", "Арена", "allocator", "éclair", "еда"];
        let groups = collation.groups(terms.iter().map(|t| entry(t)).collect());
        let shown: Vec<(String, Vec<String>)> =
            groups.iter().map(|g| (g.letter.clone(), g.entries.iter().map(|e| e.term.clone()).collect())).collect();
        let expected = [
            ("Символы", vec!["@import", "2D"]),
            ("А", vec!["аллокатор", "Арена"]),
            ("Е", vec!["еда", "ёлка", "ель", "Ерёма"]),
            ("A", vec!["allocator"]),
            ("E", vec!["éclair"]),
            ("Z", vec!["Zig"]),
        ];
        let expected: Vec<(String, Vec<String>)> =
            expected.iter().map(|(l, e)| (l.to_string(), e.iter().map(|s| s.to_string()).collect())).collect();
        assert_eq!(shown, expected);
    }
}
