//! Spelling of the prose: Hunspell dictionaries (Russian and US English,
//! shipped in `dictionaries/` and built into verstka) through `spellbook`,
//! plus the book's own word list.
//!
//! Only prose is read — not code, inline code, URLs or HTML, nor a phrase
//! in a language other than Russian or English (`<span lang="de">`), as a
//! chapter in one is not checked. A word is right
//! if either dictionary or the book's list knows it; a hyphenated word also if
//! each part is known (`HTTP-запроса`). Unknown words are warnings with up to
//! three suggestions from the dictionary of the word's script.
//!
//! Input: the loaded book. Output: diagnostics.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use spellbook::Dictionary;

use super::cache;
use super::prose::{words, Locator};
use crate::diagnostic::{Category, Diagnostic};
use crate::document::prose_text;
use crate::document::{Book, Chapter, Foreign, Inline, Link};
use crate::error::Location;
use crate::manifest::Refusal;

const RU_AFF: &str = include_str!("../../dictionaries/ru_RU.aff");
const RU_DIC: &str = include_str!("../../dictionaries/ru_RU.dic");
const EN_AFF: &str = include_str!("../../dictionaries/en_US.aff");
const EN_DIC: &str = include_str!("../../dictionaries/en_US.dic");

/// How many corrections a warning offers.
const SUGGESTIONS: usize = 3;

/// The dictionaries a book is checked against.
struct Dictionaries {
    russian: Dictionary,
    english: Dictionary,
}

/// Checks the spelling of every Russian or English chapter of `book`.
pub fn check(book: &Book) -> Vec<Diagnostic> {
    let chapters: Vec<&Chapter> = book.chapters.iter().filter(|c| is_checked_language(&c.language)).collect();
    if chapters.is_empty() {
        return Vec::new();
    }
    let mut dictionaries = match Dictionaries::built_in() {
        Ok(dictionaries) => dictionaries,
        Err(message) => return vec![Diagnostic::error(Category::Spelling, Location::default(), message)],
    };
    let word_list = book.manifest.root.join(&book.manifest.check.dictionary);
    let (word_list_text, mut diagnostics) = match read_word_list(book, &word_list) {
        Ok(text) => (text, Vec::new()),
        Err(diagnostic) => (String::new(), vec![diagnostic]),
    };
    diagnostics.extend(dictionaries.add_word_list(&word_list, &word_list_text));
    let unknown = unknown_words(&dictionaries, &chapters);
    let suggestions: Vec<Vec<String>> =
        unknown.par_iter().map(|(word, _)| dictionaries.cached_suggestions(word, &word_list_text)).collect();
    for ((word, places), suggestions) in unknown.iter().zip(suggestions) {
        for location in places {
            diagnostics.push(warning(word, location.clone(), &suggestions, &word_list));
        }
    }
    diagnostics
}

/// The book's word list; a missing one is empty (the book has no words of its
/// own), one the book may not read is an error.
fn read_word_list(book: &Book, path: &Path) -> Result<String, Diagnostic> {
    let refused = |message: String, help: &str| {
        Diagnostic::error(Category::Book, Location::file(path), message).with_help(help.to_string())
    };
    match book.manifest.files.read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(|text| crate::manifest::without_bom(&text).to_string())
            .map_err(|_| refused("the word list is not valid UTF-8".into(), "save it as UTF-8")),
        Err(Refusal::NotFound) => Ok(String::new()),
        Err(refusal) => Err(refused(format!("the word list {refusal}"), refusal.help())),
    }
}

fn is_checked_language(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    primary.eq_ignore_ascii_case("ru") || primary.eq_ignore_ascii_case("en")
}

/// The prose of `inlines` (see [`prose_text`]) with each phrase in a
/// language the dictionaries do not know read as a space.
fn checked_prose(inlines: &[Inline], text: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Foreign(phrase) if !is_checked_language(&phrase.lang) => text.push(' '),
            Inline::Emphasis(content)
            | Inline::Strong(content)
            | Inline::Strikethrough(content)
            | Inline::Link(Link { content, .. })
            | Inline::Foreign(Foreign { content, .. }) => checked_prose(content, text),
            leaf => text.push_str(&prose_text(std::slice::from_ref(leaf))),
        }
    }
}

/// Each unknown word and where it stands.
fn unknown_words(dictionaries: &Dictionaries, chapters: &[&Chapter]) -> BTreeMap<String, Vec<Location>> {
    let mut unknown: BTreeMap<String, Vec<Location>> = BTreeMap::new();
    for chapter in chapters {
        let mut locator = Locator::new(&chapter.source);
        chapter.for_each_inline_run(&mut |_, inlines, line| {
            locator.seek_line(line);
            let mut text = String::new();
            checked_prose(inlines, &mut text);
            for word in words(&text) {
                let (line, column) = locator.locate(word);
                // One letter is a word (в, к, я) or part of an abbreviation (т. е.).
                if word.chars().nth(1).is_some() && !dictionaries.knows(word) {
                    unknown.entry(word.to_string()).or_default().push(Location::at(&chapter.path, line, column));
                }
            }
        });
    }
    unknown
}

fn warning(word: &str, location: Location, suggestions: &[String], word_list: &Path) -> Diagnostic {
    let add = format!("if it is right, add it to {}", word_list.display());
    let help = match suggestions {
        [] => add,
        _ => {
            let quoted: Vec<String> = suggestions.iter().map(|s| format!("«{s}»")).collect();
            format!("did you mean {}? {add}", quoted.join(", "))
        }
    };
    Diagnostic::warning(Category::Spelling, location, format!("unknown word «{word}»")).with_help(help)
}

impl Dictionaries {
    /// The dictionaries built into verstka, parsed in parallel.
    fn built_in() -> Result<Dictionaries, String> {
        let (russian, english) = rayon::join(|| Dictionary::new(RU_AFF, RU_DIC), || Dictionary::new(EN_AFF, EN_DIC));
        let broken = |e| format!("the built-in dictionary does not parse: {e}");
        Ok(Dictionaries { russian: russian.map_err(broken)?, english: english.map_err(broken)? })
    }

    fn knows(&self, word: &str) -> bool {
        let known = |part: &str| self.russian.check(part) || self.english.check(part);
        known(word) || (word.contains('-') && word.split('-').filter(|p| !p.is_empty()).all(known))
    }

    fn for_script(&self, word: &str) -> &Dictionary {
        if word.chars().any(is_cyrillic) {
            &self.russian
        } else {
            &self.english
        }
    }

    /// Suggestions are slow to find (hundreds of milliseconds a word in
    /// Russian), so they are cached by word and the book's word list.
    fn cached_suggestions(&self, word: &str, word_list: &str) -> Vec<String> {
        let name = cache::entry_name(&["verstka-suggestions-1", env!("CARGO_PKG_VERSION"), word_list, word]);
        let entry = cache::root().map(|root| root.join("spelling").join(name));
        if let Some(cached) = entry.as_deref().and_then(cache::read) {
            return cached;
        }
        let suggestions = self.suggest(word);
        if let Some(entry) = entry {
            cache::store(&entry, &suggestions);
        }
        suggestions
    }

    fn suggest(&self, word: &str) -> Vec<String> {
        let mut suggestions = Vec::new();
        self.for_script(word).suggest(word, &mut suggestions);
        suggestions.truncate(SUGGESTIONS);
        suggestions
    }

    /// Adds the book's words: one a line, `#` starts a comment, a word may
    /// carry Hunspell affix flags of its script's dictionary (`аллокатор/K`).
    /// `text` is the list read from `path`; a bad line is a warning.
    fn add_word_list(&mut self, path: &Path, text: &str) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let entry = line.split('#').next().unwrap_or("").trim();
            if entry.is_empty() {
                continue;
            }
            let dictionary = if entry.chars().any(is_cyrillic) { &mut self.russian } else { &mut self.english };
            if let Err(error) = dictionary.add(entry) {
                diagnostics.push(
                    Diagnostic::warning(Category::Spelling, Location::at(path, index + 1, 1), format!("cannot read `{entry}`: {error}"))
                        .with_help("write one word a line, optionally with the affix flags of ru_RU.dic or en_US.dic: `аллокатор/K`"),
                );
            }
        }
        diagnostics
    }
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{52f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parsed once for all tests (it takes a while in a debug build).
    fn dictionaries() -> &'static Dictionaries {
        static DICTIONARIES: std::sync::OnceLock<Dictionaries> = std::sync::OnceLock::new();
        DICTIONARIES.get_or_init(|| Dictionaries::built_in().expect("the built-in dictionaries parse"))
    }

    #[test]
    fn both_languages_and_their_compounds_are_known() {
        let d = dictionaries();
        for word in ["память", "Всё", "жёстко", "allocator", "веб-сервер", "HTTP-запроса"]
        {
            assert!(d.knows(word), "{word}");
        }
        for word in ["главв", "счем", "испольузется", "освождена", "привязяны"] {
            assert!(!d.knows(word), "{word}");
        }
    }

    #[test]
    fn phrases_are_read_in_the_languages_the_dictionaries_know() {
        let text = |t: &str| Inline::Text(t.into());
        let phrase = |lang: &str, word: &str| Inline::Foreign(Foreign { lang: lang.into(), content: vec![text(word)] });
        let inlines = [
            text("это "),
            Inline::Emphasis(vec![phrase("de", "Speicherverwaltung")]),
            text(" и "),
            phrase("en-GB", "allocatr"),
        ];
        let mut prose = String::new();
        checked_prose(&inlines, &mut prose);
        let read: Vec<&str> = words(&prose).collect();
        assert_eq!(read, ["это", "и", "allocatr"]);
    }

    #[test]
    fn suggestions_come_from_the_word_s_script() {
        let d = dictionaries();
        let suggestions = d.suggest("испольузется");
        assert!(suggestions.len() <= SUGGESTIONS);
        assert!(suggestions.iter().any(|s| s == "используется"), "{suggestions:?}");
    }

    #[test]
    fn the_word_list_adds_words_with_their_forms() {
        let folder = tempfile::tempdir().unwrap();
        let list = folder.path().join("dictionary.txt");
        std::fs::write(&list, "# terms\nаллокатор/K  # with all its forms\nZig\nbad/\0\n").unwrap();
        let mut d = Dictionaries::built_in().expect("the built-in dictionaries parse");
        assert!(!d.knows("аллокаторы"));
        let diagnostics = d.add_word_list(&list, &std::fs::read_to_string(&list).unwrap());
        assert!(d.knows("аллокаторы") && d.knows("Аллокатор") && d.knows("Zig"));
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].location, Location::at(&list, 4, 1));
    }
}
