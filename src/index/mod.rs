//! The index stage: the subject index's terms found in the book.
//!
//! Reads the index file (`index.txt` beside `book.toml`, see [`entries`]),
//! expands each term to its word forms by the dictionaries' affix rules
//! ([`forms`]), finds every occurrence in the prose — and in inline code for
//! code terms — and every `<!-- index: … -->` marker, puts an
//! [`Inline::Anchor`](crate::document::Inline::Anchor) at each
//! ([`occurrences`]), and sorts the entries by the book language's
//! collation into letter groups ([`collation`]).
//!
//! Runs after typography (the anchors split text the typography has
//! finished with) and before the editions, which read [`Book::index`].
//! Input: a [`Book`]. Output: the same book with anchors and its index, and
//! the entries that occur nowhere (for `check`); or errors at the index
//! file's or a chapter's lines.

pub mod collation;
pub mod entries;
pub mod forms;
pub mod matcher;
mod occurrences;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::document::{is_russian, Book, IndexEntry, Occurrence, SubjectIndex};
use crate::error::{Error, Location, Result};
use crate::manifest::Refusal;
use collation::Collation;
use entries::{EntryLine, Term};
use forms::Phrase;
use matcher::Matcher;

/// An entry of the index file found nowhere in the book.
#[derive(Debug, Clone, PartialEq)]
pub struct Unused {
    /// The term (`арена`, or `арена; на стеке` for a subentry).
    pub term: String,
    pub location: Location,
}

/// Finds the index's terms in `book`, anchors them and sets [`Book::index`];
/// a book without an index file is left as it is.
pub fn apply(book: &mut Book) -> Result<Vec<Unused>> {
    let path = book.manifest.root.join(&book.manifest.index.file);
    let Some(text) = read_index_file(book, &path)? else { return Ok(Vec::new()) };
    let lines = entries::parse(&text).map_err(|errors| {
        Error::Many(
            errors
                .into_iter()
                .map(|(line, message)| {
                    Error::book(Location::at(&path, line, 1), message)
                        .with_help("see the README's «The subject index» for the lines an index file holds")
                })
                .collect(),
        )
    })?;
    let mut registry = Registry::default();
    for line in &lines {
        registry.add_line(line);
    }
    let matcher = registry.matcher();
    let found: Vec<_> =
        book.chapters.par_iter_mut().map(|chapter| occurrences::place_anchors(chapter, &matcher)).collect();
    let mut errors = Vec::new();
    for (chapter, found) in found.into_iter().enumerate() {
        errors.extend(found.errors);
        for (target, anchor) in found.occurrences {
            registry.add_occurrence(target, Occurrence { chapter, anchor });
        }
        for (line, anchor) in found.markers {
            let target = registry.add_marker(&line);
            registry.add_occurrence(target, Occurrence { chapter, anchor });
        }
    }
    errors.extend(registry.dangling_references(&lines, &path));
    Error::all(errors)?;
    let unused = registry.unused(&path);
    let title = book.manifest.index.title.clone().unwrap_or_else(|| default_title(&book.manifest.book.language));
    let groups = Collation::new(&book.manifest.book.language)?.groups(registry.into_used_entries());
    book.index = Some(SubjectIndex { title, groups });
    Ok(unused)
}

/// The index's title when the manifest gives none.
fn default_title(language: &str) -> String {
    if is_russian(language) { "Предметный указатель" } else { "Index" }.to_string()
}

/// The index file's text; `None` if there is none.
fn read_index_file(book: &Book, path: &Path) -> Result<Option<String>> {
    match book.manifest.files.read(path) {
        Ok(bytes) => {
            String::from_utf8(bytes).map(|text| Some(crate::manifest::without_bom(&text).to_string())).map_err(|_| {
                Error::book(Location::file(path), "the index file is not valid UTF-8").with_help("save it as UTF-8")
            })
        }
        Err(Refusal::NotFound) => Ok(None),
        Err(refusal) => {
            Err(Error::book(Location::file(path), format!("the index file {refusal}")).with_help(refusal.help()))
        }
    }
}

/// An entry, and a subentry of it.
type Target = (usize, Option<usize>);

/// The entries as the lines and markers name them, merged by term.
#[derive(Default)]
struct Registry {
    entries: Vec<IndexEntry>,
    keys: HashMap<String, usize>,
    subentry_keys: HashMap<(usize, String), usize>,
    phrases: Vec<(Phrase, Target)>,
}

impl Registry {
    fn add_line(&mut self, line: &EntryLine) {
        let entry = self.entry(&line.term, line.line);
        if let Some(see) = &line.see {
            self.entries[entry].see = Some(see.clone());
            return;
        }
        self.add_phrase(line.term.phrase.clone(), (entry, None));
        if let Some(subentry) = &line.subentry {
            let target = (entry, Some(self.subentry(entry, subentry, line.line)));
            self.add_phrase(subentry.phrase.clone(), target);
        }
    }

    /// The entry (and subentry) a marker names, made if the file has none.
    fn add_marker(&mut self, line: &EntryLine) -> Target {
        let entry = self.entry(&line.term, 0);
        (entry, line.subentry.as_ref().map(|subentry| self.subentry(entry, subentry, 0)))
    }

    fn entry(&mut self, term: &Term, line: usize) -> usize {
        *self.keys.entry(term.key()).or_insert_with(|| {
            self.entries.push(new_entry(term, line));
            self.entries.len() - 1
        })
    }

    fn subentry(&mut self, entry: usize, term: &Term, line: usize) -> usize {
        let subentries = &mut self.entries[entry].subentries;
        *self.subentry_keys.entry((entry, term.key())).or_insert_with(|| {
            subentries.push(new_entry(term, line));
            subentries.len() - 1
        })
    }

    fn add_phrase(&mut self, phrase: Phrase, target: Target) {
        if !self.phrases.iter().any(|(p, t)| *t == target && *p == phrase) {
            self.phrases.push((phrase, target));
        }
    }

    fn matcher(&self) -> Matcher<Target> {
        let mut matcher = Matcher::default();
        for (phrase, target) in &self.phrases {
            matcher.add(phrase.clone(), *target);
        }
        matcher
    }

    fn add_occurrence(&mut self, (entry, subentry): Target, occurrence: Occurrence) {
        let entry = &mut self.entries[entry];
        let occurrences = match subentry {
            Some(subentry) => &mut entry.subentries[subentry].occurrences,
            None => &mut entry.occurrences,
        };
        if occurrences.last() != Some(&occurrence) {
            occurrences.push(occurrence);
        }
    }

    /// A see-reference to a term the index does not have is an error at its line.
    fn dangling_references(&self, lines: &[EntryLine], path: &Path) -> Vec<Error> {
        lines
            .iter()
            .filter_map(|line| {
                let see = line.see.as_ref()?;
                let known = Term::parse(see).is_ok_and(|term| self.keys.contains_key(&term.key()));
                (!known).then(|| {
                    Error::book(
                        Location::at(path, line.line, 1),
                        format!("«{}» refers to «{see}», which the index does not have", line.term.text),
                    )
                    .with_help(format!("add a line for «{see}» or fix the reference"))
                })
            })
            .collect()
    }

    /// The entries and subentries of the file that occur nowhere.
    fn unused(&self, path: &Path) -> Vec<Unused> {
        let mut unused = Vec::new();
        let at = |line| Location::at(path, line, 1);
        for entry in &self.entries {
            if entry.see.is_none() && entry.occurrences.is_empty() && entry.line > 0 {
                unused.push(Unused { term: entry.term.clone(), location: at(entry.line) });
            }
            for subentry in entry.subentries.iter().filter(|s| s.occurrences.is_empty() && s.line > 0) {
                unused.push(Unused { term: format!("{}; {}", entry.term, subentry.term), location: at(subentry.line) });
            }
        }
        unused
    }

    /// The entries with something to show: occurrences, a reference or subentries that have some.
    fn into_used_entries(self) -> Vec<IndexEntry> {
        self.entries
            .into_iter()
            .filter_map(|mut entry| {
                entry.subentries.retain(|subentry| !subentry.occurrences.is_empty());
                let shown = entry.see.is_some() || !entry.occurrences.is_empty() || !entry.subentries.is_empty();
                shown.then_some(entry)
            })
            .collect()
    }
}

fn new_entry(term: &Term, line: usize) -> IndexEntry {
    IndexEntry {
        term: term.text.clone(),
        code: term.code,
        occurrences: Vec::new(),
        see: None,
        subentries: Vec::new(),
        line,
    }
}
