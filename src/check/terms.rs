//! The translator's term base (`[check.terms]`): every occurrence of a
//! discouraged term, in any of its forms, is a warning naming the preferred
//! one; `--status` counts the preferred terms per chapter. And the subject
//! index's terms that occur nowhere in the book.
//!
//! Terms are read as the index reads its entries (words with affix flags,
//! see [`crate::index::forms`]) and found the same way.
//!
//! Input: the loaded book. Output: diagnostics, and per chapter the count of
//! each preferred term.

use std::collections::BTreeMap;

use super::prose::Locator;
use crate::diagnostic::{Category, Diagnostic};
use crate::document::prose_text;
use crate::document::{Book, Chapter};
use crate::error::Location;
use crate::index::entries::Term;
use crate::index::forms::{normalized, words};
use crate::index::matcher::{Matcher, Token};

/// What a found phrase is in the term base.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Found {
    /// The discouraged term of the rule with this number.
    Discouraged(usize),
    /// The preferred term with this number.
    Preferred(usize),
}

/// The term base's warnings, and per chapter how often each preferred term occurs.
pub fn check(book: &Book) -> (Vec<Diagnostic>, Vec<BTreeMap<String, usize>>) {
    let terms = &book.manifest.check.terms;
    if terms.is_empty() {
        return (Vec::new(), vec![BTreeMap::new(); book.chapters.len()]);
    }
    let mut diagnostics = Vec::new();
    let mut matcher = Matcher::default();
    let mut rules: Vec<(String, String)> = Vec::new();
    let mut preferred: Vec<String> = Vec::new();
    for (discouraged, wanted) in terms {
        let (discouraged, wanted) = match (Term::parse(discouraged), Term::parse(wanted)) {
            (Ok(discouraged), Ok(wanted)) => (discouraged, wanted),
            (Err(message), _) | (_, Err(message)) => {
                diagnostics.push(
                    Diagnostic::error(
                        Category::Terms,
                        Location::file(&book.manifest.path),
                        format!("[check.terms]: {message}"),
                    )
                    .with_help("a term is words, each optionally with affix flags: \"распределитель/K памяти\""),
                );
                continue;
            }
        };
        matcher.add(discouraged.phrase.clone(), Found::Discouraged(rules.len()));
        rules.push((discouraged.text, wanted.text.clone()));
        if !preferred.contains(&wanted.text) {
            matcher.add(wanted.phrase, Found::Preferred(preferred.len()));
            preferred.push(wanted.text);
        }
    }
    let mut counts = Vec::new();
    for chapter in &book.chapters {
        let mut count = BTreeMap::new();
        for term in &preferred {
            count.insert(term.clone(), 0);
        }
        for (found, location) in find(chapter, &matcher) {
            match found {
                Found::Discouraged(rule) => {
                    let (discouraged, wanted) = &rules[rule];
                    diagnostics.push(
                        Diagnostic::warning(
                            Category::Terms,
                            location,
                            format!("«{discouraged}» is a discouraged term"),
                        )
                        .with_help(format!("the book's term base prefers «{wanted}»")),
                    );
                }
                Found::Preferred(term) => *count.entry(preferred[term].clone()).or_default() += 1,
            }
        }
        counts.push(count);
    }
    (diagnostics, counts)
}

/// Every match of `matcher` in the chapter's prose, with where it stands.
fn find(chapter: &Chapter, matcher: &Matcher<Found>) -> Vec<(Found, Location)> {
    let mut found = Vec::new();
    let mut locator = Locator::new(&chapter.source);
    chapter.for_each_inline_run(&mut |_, inlines, line| {
        locator.seek_line(line);
        let text = prose_text(inlines);
        let mut end = 0;
        let mut tokens = Vec::new();
        let mut places = Vec::new();
        for (at, raw) in words(&text) {
            let joined = end > 0 && text[end..at].chars().all(char::is_whitespace);
            end = at + raw.len();
            tokens.push(Token { raw, norm: normalized(raw), joined });
            let (line, column) = locator.locate(raw);
            places.push(Location::at(&chapter.path, line, column));
        }
        found.extend(matcher.find(&tokens).into_iter().map(|(at, what)| (what, places[at].clone())));
    });
    found
}

/// A warning for each entry of the index file that occurs nowhere.
pub fn unused_index_terms(book: &Book) -> Vec<Diagnostic> {
    let mut indexed = book.clone();
    match crate::index::apply(&mut indexed) {
        Ok(unused) => unused
            .into_iter()
            .map(|unused| {
                Diagnostic::warning(
                    Category::Index,
                    unused.location,
                    format!("index term «{}» occurs nowhere in the book", unused.term),
                )
                .with_help(format!(
                    "check its spelling and affix flags, put `<!-- index: {} -->` where it belongs, or remove the line",
                    unused.term
                ))
            })
            .collect(),
        Err(error) => Diagnostic::from_error(&error),
    }
}
