//! What serde cannot say about `book.toml`: values of the right type that
//! make no book, or an invalid one — an empty title, a language that is no
//! BCP 47 tag, a date not in the calendar, an output name that is a path, a
//! chapter listed twice, a page with no room for text. Each is an error at
//! its value; all of them are reported at once.

use std::collections::hash_map::{Entry, HashMap};
use std::path::{Component, Path, PathBuf};

use language_tags::LanguageTag;

use super::dates::parse_date;
use super::sections::parse_exception;
use super::spans::Spans;
use super::{page, BookMeta, ChapterEntry, Manifest};
use crate::error::Error;

/// The longest output name, in bytes: with `.epub` and the temporary
/// file's `.` and `.part` it stays within the 255 bytes file systems allow.
const MAX_NAME_BYTES: usize = 200;

/// Every problem of the manifest's values.
pub(super) fn check(manifest: &Manifest, spans: &Spans) -> Vec<Error> {
    let mut errors = Vec::new();
    book(&manifest.book, spans, &mut errors);
    chapters(&manifest.chapters, spans, &mut errors);
    for (index, entry) in manifest.hyphenation.exceptions.iter().enumerate() {
        if parse_exception(entry).is_none() {
            errors.push(
                Error::book(
                    spans.location(&format!("hyphenation.exceptions.{index}")),
                    format!("hyphenation exception `{entry}` is not a word with its breaks marked by `-`"),
                )
                .with_help("write the word in letters with a hyphen at each break, e.g. \"алло-ка-тор\""),
            );
        }
    }
    if let Some(cover) = manifest.epub.cover.as_ref().filter(|cover| !cover.path.is_file()) {
        errors.push(
            Error::book(cover.location.clone(), format!("cover image `{}` not found", cover.file.display()))
                .with_help("the path is relative to the book folder"),
        );
    }
    errors.extend(page::check(&manifest.pdf, spans));
    errors
}

fn book(book: &BookMeta, spans: &Spans, errors: &mut Vec<Error>) {
    let mut blank = |key: &str, text: &str, message: String, help: &str| {
        if text.trim().is_empty() {
            errors.push(Error::book(spans.location(key), message).with_help(help));
        }
    };
    blank("book.title", &book.title, "`book.title` is empty".to_string(), "every book needs a title");
    let optional = [("subtitle", &book.subtitle), ("description", &book.description), ("identifier", &book.identifier)];
    for (key, value) in optional {
        if let Some(value) = value {
            blank(&format!("book.{key}"), value, format!("`book.{key}` is empty"), "write it, or remove the key");
        }
    }
    for (key, names) in [("authors", &book.authors), ("translators", &book.translators)] {
        for (index, name) in names.iter().enumerate() {
            let message = format!("an empty name in `book.{key}`");
            blank(&format!("book.{key}.{index}"), name, message, "write the name, or remove the empty entry");
        }
    }
    if book.authors.is_empty() {
        errors.push(Error::book(spans.location("book.authors"), "`book.authors` needs at least one author"));
    }
    language(&book.language, "book.language", "`book.language`", spans, errors);
    if let Some(date) = book.date.as_deref().filter(|date| parse_date(date).is_none()) {
        errors.push(
            Error::book(spans.location("book.date"), format!("`book.date` is `{date}`, not a date"))
                .with_help("write the date as YYYY-MM-DD with a four-digit year, e.g. date = \"2026-11-23\""),
        );
    }
    if let Some(problem) = book.name.as_deref().and_then(|name| file_name_problem(name.trim())) {
        errors.push(
            Error::book(spans.location("book.name"), format!("`book.name` {problem}; it must be a plain file name"))
                .with_help(
                    "name the output files without a folder, e.g. name = \"learning-zig\"; --out says where they go",
                ),
        );
    }
}

fn chapters(chapters: &[ChapterEntry], spans: &Spans, errors: &mut Vec<Error>) {
    if chapters.is_empty() {
        errors.push(
            Error::book(spans.location("chapters"), "the book has no chapters")
                .with_help("add a chapter: [[chapters]] file = \"chapters/01.md\""),
        );
    }
    let mut first_listed: HashMap<PathBuf, &ChapterEntry> = HashMap::with_capacity(chapters.len());
    for (index, chapter) in chapters.iter().enumerate() {
        match first_listed.entry(lexically_normal(&chapter.file)) {
            Entry::Vacant(slot) => {
                slot.insert(chapter);
            }
            Entry::Occupied(first) => {
                let message = format!(
                    "chapter file `{}` is listed twice, first on line {}",
                    chapter.file.display(),
                    first.get().location.line
                );
                errors.push(
                    Error::book(chapter.location.clone(), message)
                        .with_help("a chapter is read once; remove one of the two [[chapters]] entries"),
                );
            }
        }
        if chapter.title.as_deref().is_some_and(|title| title.trim().is_empty()) {
            errors.push(
                Error::book(spans.location(&format!("chapters.{index}.title")), "the chapter's `title` is empty")
                    .with_help("write the title, or remove the key to take the chapter's first heading"),
            );
        }
        if let Some(tag) = &chapter.language {
            language(tag, &format!("chapters.{index}.language"), "the chapter's `language`", spans, errors);
        }
    }
}

/// A language must be a well-formed BCP 47 tag: EPUB readers and EPUBCheck
/// read `dc:language` and `xml:lang`, PDF readers `/Lang`.
fn language(tag: &str, key: &str, name: &str, spans: &Spans, errors: &mut Vec<Error>) {
    if LanguageTag::parse(tag).is_err() {
        errors.push(
            Error::book(spans.location(key), format!("{name} is `{tag}`, not a BCP 47 language tag"))
                .with_help("write a language tag such as \"ru\", \"en\" or \"en-US\""),
        );
    }
}

/// Why `name` is not a plain file name in the output folder, if it is not.
fn file_name_problem(name: &str) -> Option<String> {
    let problem = if name.is_empty() {
        "is empty".to_string()
    } else if name.contains(['/', '\\']) {
        format!("is `{name}`, with a `/` or `\\`: it would write outside the output folder")
    } else if name.starts_with('.') {
        format!("is `{name}`, starting with `.`")
    } else if name.chars().any(char::is_control) {
        "has control characters".to_string()
    } else if name.len() > MAX_NAME_BYTES {
        format!("is longer than {MAX_NAME_BYTES} bytes")
    } else {
        return None;
    };
    Some(problem)
}

/// `./chapters//a/../01.md` → `chapters/01.md`, without asking the file
/// system: the same file named two ways.
fn lexically_normal(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(normal.components().next_back(), Some(Component::Normal(_))) => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}
