//! The book manifest: `book.toml` → typed configuration.
//!
//! One serde struct per TOML table, every field documented here (the README's
//! manifest reference mirrors these comments), every default in an `impl
//! Default`. Unknown keys are errors naming the key and its line, so a typo
//! never passes silently. Paths are resolved against the book folder.
//!
//! Input: a book folder. Output: [`Manifest`], or an [`Error`] naming
//! `book.toml` and the line at fault.

mod dates;
mod sections;

pub use dates::{civil_from_days, parse_date, DEFAULT_TIMESTAMP};
use sections::RawEpubConfig;
pub use sections::{
    CheckConfig, EpubConfig, HighlightConfig, HyphenationConfig, NamedFile, PdfConfig, PdfMargins, TypographyConfig,
};

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::error::{line_column, Error, Location, Result};

/// The name of the manifest file inside a book folder.
pub const MANIFEST_FILE: &str = "book.toml";

/// A loaded `book.toml`.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The book folder every relative path is resolved against.
    pub root: PathBuf,
    /// Where the manifest was read from (for diagnostics).
    pub path: PathBuf,
    pub book: BookMeta,
    pub chapters: Vec<ChapterEntry>,
    pub typography: TypographyConfig,
    pub hyphenation: HyphenationConfig,
    pub highlight: HighlightConfig,
    pub epub: EpubConfig,
    pub pdf: PdfConfig,
    pub check: CheckConfig,
}

/// `[book]`: what the book is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookMeta {
    /// The title. Required.
    pub title: String,
    /// A subtitle for the title page.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The authors, at least one.
    pub authors: Vec<String>,
    /// The translators, if the book is a translation.
    #[serde(default)]
    pub translators: Vec<String>,
    /// The book's language as a BCP 47 tag.
    #[serde(default = "default_language")]
    pub language: String,
    /// A short description for catalogues and e-reader libraries.
    #[serde(default)]
    pub description: Option<String>,
    /// A unique identifier (ISBN, URN, URL). Default: derived from title and authors.
    #[serde(default)]
    pub identifier: Option<String>,
    /// The publication date, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// The base name of the output files. Default: a slug of the title.
    #[serde(default)]
    pub name: Option<String>,
}

fn default_language() -> String {
    "ru".to_string()
}

/// `[[chapters]]`: one chapter, in reading order.
#[derive(Debug, Clone)]
pub struct ChapterEntry {
    /// The Markdown file, as written in the manifest (relative to the book folder).
    pub file: PathBuf,
    /// The file resolved against the book folder.
    pub path: PathBuf,
    /// The title; default: the chapter's first heading.
    pub title: Option<String>,
    /// The chapter's language when it differs from the book's.
    pub language: Option<String>,
    /// Where `file = …` stands in the manifest, for errors about the chapter file.
    pub location: Location,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    book: BookMeta,
    #[serde(default)]
    chapters: Vec<RawChapter>,
    #[serde(default)]
    typography: TypographyConfig,
    #[serde(default)]
    hyphenation: HyphenationConfig,
    #[serde(default)]
    highlight: HighlightConfig,
    #[serde(default)]
    epub: RawEpubConfig,
    #[serde(default)]
    pdf: PdfConfig,
    #[serde(default)]
    check: CheckConfig,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChapter {
    file: Spanned<PathBuf>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

impl Manifest {
    /// Reads and validates `<root>/book.toml`.
    pub fn load(root: &Path) -> Result<Manifest> {
        if !root.is_dir() {
            return Err(Error::book(Location::file(root), "book folder not found")
                .with_help("give the folder that holds book.toml: `verstka build path/to/book`"));
        }
        let path = root.join(MANIFEST_FILE);
        let text = std::fs::read(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::book(Location::file(&path), "no book.toml in the book folder")
                .with_help("every book folder needs a manifest; see the README's «The manifest»"),
            _ => Error::io(&path, "cannot read the manifest", e),
        })?;
        let text = String::from_utf8(text).map_err(|e| {
            let (line, column) = line_column(&String::from_utf8_lossy(e.as_bytes()), e.utf8_error().valid_up_to());
            Error::book(Location::at(&path, line, column), "book.toml is not valid UTF-8")
        })?;
        Manifest::parse(root, &path, &text)
    }

    /// Parses manifest text; `path` is only used in error messages.
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Manifest> {
        let raw: RawManifest = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
        let at = |offset: usize| {
            let (line, column) = line_column(text, offset);
            Location::at(path, line, column)
        };
        let named = |file: Spanned<PathBuf>| {
            let location = at(file.span().start);
            let file = file.into_inner();
            NamedFile { path: root.join(&file), file, location }
        };
        let chapters: Vec<ChapterEntry> = raw
            .chapters
            .into_iter()
            .map(|c| {
                let NamedFile { file, path, location } = named(c.file);
                ChapterEntry { file, path, title: c.title, language: c.language, location }
            })
            .collect();
        let epub = EpubConfig { embed_fonts: raw.epub.embed_fonts, cover: raw.epub.cover.map(named) };
        let manifest = Manifest {
            root: root.to_path_buf(),
            path: path.to_path_buf(),
            book: raw.book,
            chapters,
            typography: raw.typography,
            hyphenation: raw.hyphenation,
            highlight: raw.highlight,
            epub,
            pdf: raw.pdf,
            check: raw.check,
        };
        manifest.validate(text)?;
        Ok(manifest)
    }

    fn validate(&self, text: &str) -> Result<()> {
        let key_location = |key: &str| match key_line(text, key) {
            Some(line) => Location::at(&self.path, line, 1),
            None => Location::file(&self.path),
        };
        if self.book.title.trim().is_empty() {
            return Err(Error::book(key_location("title"), "`book.title` is empty"));
        }
        if self.book.authors.iter().all(|a| a.trim().is_empty()) {
            return Err(Error::book(key_location("authors"), "`book.authors` needs at least one author"));
        }
        if let Some(date) = &self.book.date {
            if parse_date(date).is_none() {
                return Err(Error::book(key_location("date"), format!("`book.date` is `{date}`, not a date"))
                    .with_help("write the date as YYYY-MM-DD, e.g. date = \"2026-11-23\""));
            }
        }
        if self.chapters.is_empty() {
            return Err(Error::book(Location::file(&self.path), "the book has no chapters")
                .with_help("add a chapter: [[chapters]] file = \"chapters/01.md\""));
        }
        if let Some(cover) = self.epub.cover.as_ref().filter(|cover| !cover.path.is_file()) {
            return Err(Error::book(
                cover.location.clone(),
                format!("cover image `{}` not found", cover.file.display()),
            )
            .with_help("the path is relative to the book folder"));
        }
        Ok(())
    }

    /// The base name of the output files: `name`, or an ASCII slug of the
    /// title (file names travel to print shops and old file systems).
    pub fn output_name(&self) -> String {
        match &self.book.name {
            Some(name) if !name.trim().is_empty() => name.trim().to_string(),
            _ => {
                let ascii = deunicode::deunicode(&self.book.title).replace('\'', "");
                crate::document::slug(&ascii).unwrap_or_else(|| "book".to_string())
            }
        }
    }
}

/// The line (from 1) on which `key = …` is set.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| line.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('=')))
        .map(|index| index + 1)
}

fn toml_error(path: &Path, text: &str, error: &toml::de::Error) -> Error {
    let location = match error.span() {
        Some(span) => {
            let (line, column) = line_column(text, span.start);
            Location::at(path, line, column)
        }
        None => Location::file(path),
    };
    let message = error.message().trim_end().to_string();
    let help = if message.starts_with("unknown field") {
        "remove the key or fix its spelling; the README lists every key"
    } else {
        "see the README's «The manifest» for the expected shape"
    };
    Error::book(location, message).with_help(help)
}

#[cfg(test)]
mod tests;
