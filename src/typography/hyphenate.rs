//! The hyphenation service: where a word may break at the end of a line.
//!
//! Liang's patterns from the `hyphenation` crate (the Russian and US English
//! dictionaries are embedded in the binary and loaded once per process), the
//! book's own exceptions over them, and the Russian rules on top: at least
//! two letters on each side, never a break right before ъ, ь or й, no breaks
//! in words with digits, in abbreviations (`HTTP`), identifiers
//! (`GeneralPurposeAllocator`, `snake_case`, `std.mem`) or URLs, and a
//! compound word (`веб-сервер`) breaks at its hyphen only.

use std::collections::HashMap;
use std::sync::OnceLock;

use hyphenation::{Hyphenator as _, Language, Load, Standard};

use crate::document::is_russian;
use crate::error::{Error, Result};
use crate::manifest::{parse_exception, HyphenationConfig};

/// The fewest letters a line may end or start with inside a word.
const MIN_LETTERS: usize = 2;

/// The fewest letters each part of a compound needs for a break at its hyphen.
const MIN_COMPOUND_PART: usize = 3;

/// Letters that never start the second half of a broken word.
const NEVER_AFTER_BREAK: &[char] = &['ъ', 'ь', 'й', 'Ъ', 'Ь', 'Й'];

struct Dictionaries {
    russian: Standard,
    english: Standard,
}

/// The embedded dictionaries, loaded on first use.
fn dictionaries() -> Result<&'static Dictionaries> {
    static DICTIONARIES: OnceLock<std::result::Result<Dictionaries, String>> = OnceLock::new();
    let load = |language| Standard::from_embedded(language).map_err(|e| format!("{language}: {e}"));
    DICTIONARIES
        .get_or_init(|| Ok(Dictionaries { russian: load(Language::Russian)?, english: load(Language::EnglishUS)? }))
        .as_ref()
        .map_err(|message| Error::render("hyphenation", format!("cannot load the embedded dictionary {message}")))
}

/// Finds break points in words. Cheap to create: the dictionaries are shared.
pub struct Hyphenator {
    dictionaries: &'static Dictionaries,
    /// Lower-case word → the character counts before each of its breaks.
    exceptions: HashMap<String, Vec<usize>>,
}

/// Which dictionary a word needs.
#[derive(Clone, Copy)]
enum Script {
    Cyrillic,
    Latin,
}

impl Hyphenator {
    /// The service with the book's exceptions (the manifest stage refused
    /// any that is not a word with hyphens at its breaks).
    pub fn new(config: &HyphenationConfig) -> Result<Hyphenator> {
        let exceptions = config.exceptions.iter().filter_map(|entry| parse_exception(entry)).collect();
        Ok(Hyphenator { dictionaries: dictionaries()?, exceptions })
    }

    /// The byte offsets in `word` where it may break, in order: the line
    /// ends with `word[..at]` plus a hyphen — none is added after a `-`. In
    /// Russian and English text (`language` is the BCP 47 tag of the text
    /// around the word) Cyrillic words use the Russian dictionary and Latin
    /// ones the English; other languages get no breaks. A compound breaks
    /// only after its hyphens; soft hyphens already in the word are its breaks.
    pub fn break_points(&self, word: &str, language: &str) -> Vec<usize> {
        if word.contains('\u{AD}') {
            return word.match_indices('\u{AD}').map(|(i, _)| i).collect();
        }
        if let Some(breaks) = self.exception(word) {
            return char_offsets(word, breaks);
        }
        if word.contains('-') {
            return compound_breaks(word);
        }
        if !(is_russian(language) || is_english(language)) || is_abbreviation_or_identifier(word) {
            return Vec::new();
        }
        let dictionary = match script(word) {
            Some(Script::Cyrillic) => &self.dictionaries.russian,
            Some(Script::Latin) => &self.dictionaries.english,
            None => return Vec::new(),
        };
        let breaks = dictionary.hyphenate(word).breaks;
        breaks.into_iter().filter(|&at| allowed_break(word, at)).collect()
    }

    /// The book's breaks for `word`, if it is one of the exceptions.
    fn exception(&self, word: &str) -> Option<&Vec<usize>> {
        if self.exceptions.is_empty() {
            return None;
        }
        self.exceptions.get(&word.to_lowercase())
    }
}

/// Whether a BCP 47 tag names English (`en`, `en-GB`, …).
pub(super) fn is_english(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    primary.eq_ignore_ascii_case("en")
}

/// The byte offsets of the given character counts.
fn char_offsets(word: &str, counts: &[usize]) -> Vec<usize> {
    let offsets: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    counts.iter().filter_map(|&count| offsets.get(count).copied()).collect()
}

/// The breaks right after each hyphen whose parts are both long enough.
fn compound_breaks(word: &str) -> Vec<usize> {
    let parts: Vec<&str> = word.split('-').collect();
    let long = |part: &&str| part.chars().count() >= MIN_COMPOUND_PART && script(part).is_some();
    if !parts.iter().all(long) {
        return Vec::new();
    }
    word.match_indices('-').map(|(i, _)| i + 1).collect()
}

/// The script of a word made of letters of one alphabet only.
fn script(word: &str) -> Option<Script> {
    if word.is_empty() {
        None
    } else if word.chars().all(is_cyrillic_letter) {
        Some(Script::Cyrillic)
    } else if word.bytes().all(|b| b.is_ascii_alphabetic()) {
        Some(Script::Latin)
    } else {
        None
    }
}

/// The letters of the Cyrillic block (not its signs and combining marks).
fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, '\u{400}'..='\u{481}' | '\u{48A}'..='\u{4FF}')
}

/// `HTTP`, `GeneralPurposeAllocator`, `iPhone`: capitals after the first letter.
fn is_abbreviation_or_identifier(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase)
}

/// Whether a break `at` (a byte offset) keeps two letters on each side and
/// does not start the next line with ъ, ь or й. Only the letters next to
/// the break are looked at, so a word's breaks cost time linear in its length.
fn allowed_break(word: &str, at: usize) -> bool {
    let (head, tail) = word.split_at(at);
    let enough_before = head.chars().nth_back(MIN_LETTERS - 1).is_some();
    let enough_after = tail.chars().nth(MIN_LETTERS - 1).is_some();
    enough_before && enough_after && !tail.starts_with(NEVER_AFTER_BREAK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hyphenator(exceptions: &[&str]) -> Hyphenator {
        let config =
            HyphenationConfig { exceptions: exceptions.iter().map(|e| e.to_string()).collect(), ..Default::default() };
        Hyphenator::new(&config).expect("valid exceptions")
    }

    /// The word with `-` at its break points.
    fn hyphenated(h: &Hyphenator, word: &str, language: &str) -> String {
        let mut out = word.to_string();
        for at in h.break_points(word, language).into_iter().rev() {
            out.insert(at, '·');
        }
        out
    }

    #[test]
    fn russian_words_break_by_the_dictionary() {
        let h = hyphenator(&[]);
        assert_eq!(hyphenated(&h, "программирования", "ru"), "про·грам·ми·ро·ва·ния");
        assert_eq!(hyphenated(&h, "Динамическая", "ru"), "Ди·на·ми·че·ская");
    }

    #[test]
    fn two_letters_stay_on_each_side() {
        let h = hyphenator(&[]);
        for word in ["аллокатор", "однако", "память", "ресурс", "эффективными", "ясный", "объект"]
        {
            for at in h.break_points(word, "ru") {
                assert!(word[..at].chars().count() >= 2 && word[at..].chars().count() >= 2, "{word} at {at}");
            }
        }
    }

    #[test]
    fn soft_and_short_signs_stay_with_their_letter() {
        let h = hyphenator(&[]);
        for word in ["подъезд", "большой", "разъединение", "сильный", "войлок", "объединить", "районный"]
        {
            for at in h.break_points(word, "ru") {
                assert!(!word[at..].starts_with(NEVER_AFTER_BREAK), "{}", hyphenated(&h, word, "ru"));
            }
        }
    }

    #[test]
    fn no_breaks_in_codes_names_and_addresses() {
        let h = hyphenator(&[]);
        for word in [
            "GeneralPurposeAllocator",
            "HTTP",
            "ЦЕНТРАЛЬНЫЙ",
            "snake_case",
            "std.mem",
            "x86_64",
            "2024",
            "Zig11",
            "https://ziglang.org",
            "ivan@example.com",
            "iPhone",
            "вертолётZig",
        ] {
            assert_eq!(h.break_points(word, "ru"), Vec::<usize>::new(), "{word}");
        }
    }

    #[test]
    fn compounds_break_at_the_hyphen_only() {
        let h = hyphenator(&[]);
        assert_eq!(hyphenated(&h, "веб-сервер", "ru"), "веб-·сервер");
        assert_eq!(hyphenated(&h, "HTTP-запроса", "ru"), "HTTP-·запроса");
        assert_eq!(hyphenated(&h, "что-то", "ru"), "что-то");
        assert_eq!(hyphenated(&h, "из-за", "ru"), "из-за");
    }

    #[test]
    fn english_words_use_the_english_dictionary() {
        let h = hyphenator(&[]);
        assert_eq!(hyphenated(&h, "allocator", "en"), "al·lo·ca·tor");
        assert_eq!(hyphenated(&h, "allocator", "ru"), "al·lo·ca·tor");
        assert_eq!(hyphenated(&h, "allocator", "de"), "allocator");
        assert_eq!(hyphenated(&h, "программирования", "uk"), "программирования");
    }

    #[test]
    fn exceptions_override_the_dictionary() {
        let h = hyphenator(&["алло-ка-тор"]);
        assert_eq!(hyphenated(&h, "аллокатор", "ru"), "алло·ка·тор");
        assert_eq!(hyphenated(&h, "Аллокатор", "ru"), "Алло·ка·тор");
        assert_eq!(hyphenator(&["Аллокатором"]).break_points("аллокатором", "ru"), Vec::<usize>::new());
        assert_eq!(hyphenated(&hyphenator(&["Java-Script"]), "JavaScript", "ru"), "Java·Script");
    }
}
