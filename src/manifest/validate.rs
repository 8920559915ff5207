//! What serde cannot say about `book.toml`: values of the right type that
//! make no book, or an invalid one — an empty title, a control character
//! XML forbids, a language that is no BCP 47 tag, a date not in the
//! calendar, an output name that is a path, a chapter listed twice, a page
//! with no room for text. Each is an error at its value; all of them are
//! reported at once.

use std::collections::hash_map::{Entry, HashMap};
use std::path::{Component, Path, PathBuf};

use language_tags::LanguageTag;

use super::dates::parse_date;
use super::sections::{parse_exception, PrintConfig};
use super::spans::Spans;
use super::{
    cover, page, BookFiles, BookMeta, ChapterEntry, ImageFormat, ImageProbe, Isbn, IsbnReading, Manifest, NamedFile,
    Refusal,
};
use crate::error::Error;

/// The longest output name, in bytes: with `.epub` and the temporary
/// file's `.` and `.part` it stays within the 255 bytes file systems allow.
const MAX_NAME_BYTES: usize = 200;

/// Every problem of the manifest's values.
pub(super) fn check(manifest: &Manifest, spans: &Spans) -> Vec<Error> {
    let mut errors = Vec::new();
    for text in texts(manifest) {
        text.check(spans, &mut errors);
    }
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
    if let Some(cover) = &manifest.epub.cover {
        errors.extend(cover_problem(cover, &manifest.files));
    }
    if !(1..=3600).contains(&manifest.check.timeout) {
        errors.push(
            Error::book(spans.location("check.timeout"), "`check.timeout` must be 1 to 3600 seconds")
                .with_help("the time one listing's tests may run; default 10"),
        );
    }
    errors.extend(page::check(&manifest.pdf, spans));
    if let Some(config) = &manifest.cover {
        errors.extend(cover::check(config, spans));
        errors.extend(config.front.as_ref().and_then(|front| cover_problem(front, &manifest.files)));
    }
    if let Some(print) = &manifest.print {
        errors.extend(print_problems(print, spans));
    }
    errors
}

/// `[print]`'s resolutions: whole numbers of pixels per inch, the error's
/// threshold no higher than the warning's.
fn print_problems(print: &PrintConfig, spans: &Spans) -> Vec<Error> {
    let mut errors = Vec::new();
    for (key, value) in [("print.warn-ppi", print.warn_ppi), ("print.min-ppi", print.min_ppi)] {
        if !(0.0..=2400.0).contains(&value) {
            errors.push(
                Error::book(spans.location(key), format!("`{key}` is {value} ppi; use 0 to 2400")).with_help(
                    "offset printing wants 300 ppi for photographs, 150 is the least; 0 turns the check off",
                ),
            );
        }
    }
    if print.min_ppi > print.warn_ppi {
        errors.push(
            Error::book(
                spans.location("print.min-ppi"),
                format!("`print.min-ppi` ({}) is above `print.warn-ppi` ({})", print.min_ppi, print.warn_ppi),
            )
            .with_help("images under min-ppi are errors, under warn-ppi warnings: min-ppi is the lower"),
        );
    }
    errors
}

/// What is wrong with the cover: not a file of the book, or not an image
/// every reader shows.
fn cover_problem(cover: &NamedFile, files: &BookFiles) -> Option<Error> {
    let refused = |what: String, help: &str| Error::book(cover.location.clone(), what).with_help(help.to_string());
    let shown = cover.file.display();
    let bytes = match files.read(&cover.path) {
        Ok(bytes) => bytes,
        Err(Refusal::NotFound) => {
            return Some(refused(format!("cover image `{shown}` not found"), "the path is relative to the book folder"))
        }
        Err(refusal) => return Some(refused(format!("cover image `{shown}` {refusal}"), refusal.help())),
    };
    match ImageProbe::of(&bytes) {
        Ok(probe) if probe.format == ImageFormat::Other => Some(refused(
            format!("cover image `{shown}` is not a JPEG, PNG, GIF or SVG image"),
            "the cover is told by its content, not its name; 1600 × 2560 px JPEG or PNG is what stores ask for",
        )),
        Ok(_) => None,
        Err(why) => Some(refused(format!("cover image `{shown}`: {why}"), "1600 × 2560 px is what stores ask for")),
    }
}

/// A text the manifest gives the books: its key, how an error names it, and the text.
struct Text<'a> {
    key: String,
    name: String,
    value: &'a str,
}

/// Every text of the manifest that the editions print or put into their metadata.
fn texts(manifest: &Manifest) -> Vec<Text<'_>> {
    let book = &manifest.book;
    let mut texts = vec![Text::new("book.title", "`book.title`", &book.title)];
    let optional = [
        ("book.subtitle", book.subtitle.as_ref()),
        ("book.description", book.description.as_ref()),
        ("book.identifier", book.identifier.as_ref()),
        ("pdf.imprint", manifest.pdf.imprint.as_ref()),
        ("cover.back", manifest.cover.as_ref().and_then(|c| c.back.as_ref())),
        ("cover.spine-text", manifest.cover.as_ref().and_then(|c| c.spine_text.as_ref())),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            texts.push(Text::new(key, format!("`{key}`"), value));
        }
    }
    for (key, list) in [
        ("book.authors", &book.authors),
        ("book.translators", &book.translators),
        ("pdf.keywords", &manifest.pdf.keywords),
    ] {
        for (index, value) in list.iter().enumerate() {
            texts.push(Text::new(format!("{key}.{index}"), format!("an entry of `{key}`"), value));
        }
    }
    for (index, chapter) in manifest.chapters.iter().enumerate() {
        if let Some(title) = &chapter.title {
            texts.push(Text::new(format!("chapters.{index}.title"), "the chapter's `title`", title));
        }
    }
    texts
}

impl<'a> Text<'a> {
    fn new(key: impl Into<String>, name: impl Into<String>, value: &'a str) -> Self {
        Text { key: key.into(), name: name.into(), value }
    }

    /// A text written must say something, and hold no character XML forbids
    /// (the EPUB is XML; its package would not parse).
    fn check(&self, spans: &Spans, errors: &mut Vec<Error>) {
        let forbidden =
            |c: &char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}');
        let (problem, help) = if self.value.trim().is_empty() {
            ("is empty".to_string(), "write it; an optional key or entry can be left out")
        } else if let Some(c) = self.value.chars().find(forbidden) {
            (
                format!("has the control character U+{:04X}", u32::from(c)),
                "remove it: only tabs and line breaks may be in a text",
            )
        } else {
            return;
        };
        errors.push(Error::book(spans.location(&self.key), format!("{} {problem}", self.name)).with_help(help));
    }
}

fn book(book: &BookMeta, spans: &Spans, errors: &mut Vec<Error>) {
    if book.authors.is_empty() {
        errors.push(Error::book(spans.location("book.authors"), "`book.authors` needs at least one author"));
    }
    language(&book.language, "book.language", "`book.language`", spans, errors);
    if let Some(IsbnReading::Invalid(why)) = book.identifier.as_deref().map(Isbn::read) {
        errors.push(
            Error::book(spans.location("book.identifier"), format!("`book.identifier` is not a valid ISBN: {why}"))
                .with_help("copy the ISBN from the agency's record; a typo in it would be printed in the barcode"),
        );
    }
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
