//! The book manifest: `book.toml` → typed configuration.
//!
//! One serde struct per TOML table, every field documented here (the README's
//! manifest reference mirrors these comments), every default in an `impl
//! Default`. Unknown keys are errors naming the key and its line, so a typo
//! never passes silently. Paths are resolved against the book folder.
//!
//! Input: a book folder. Output: [`Manifest`], or an [`Error`] naming
//! `book.toml` and the line at fault.

mod files;
mod images;
mod sections;

pub use files::{read_regular_file, BookFiles, Refusal, MAX_FILE_BYTES};
pub use images::{ImageFormat, ImageProbe, MAX_IMAGE_PIXELS};
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
    /// The files the book may read: inside the book folder, or `--root`.
    pub files: BookFiles,
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
    /// Reads and validates `<root>/book.toml`; the book reads only files
    /// inside its folder.
    pub fn load(root: &Path) -> Result<Manifest> {
        Manifest::load_within(root, None)
    }

    /// Reads and validates `<book_dir>/book.toml`; the book reads only files
    /// inside `root` (default: the book folder), which must hold the book.
    pub fn load_within(book_dir: &Path, root: Option<&Path>) -> Result<Manifest> {
        if !book_dir.is_dir() {
            return Err(Error::book(Location::file(book_dir), "book folder not found")
                .with_help("give the folder that holds book.toml: `verstka build path/to/book`"));
        }
        let files = confinement(book_dir, root)?;
        let path = book_dir.join(MANIFEST_FILE);
        let text = files.read(&path).map_err(|refusal| match refusal {
            Refusal::NotFound => Error::book(Location::file(&path), "no book.toml in the book folder")
                .with_help("every book folder needs a manifest; see the README's «The manifest»"),
            refusal => Error::book(Location::file(&path), format!("book.toml {refusal}")).with_help(refusal.help()),
        })?;
        let text = String::from_utf8(text).map_err(|e| {
            let (line, column) = line_column(&String::from_utf8_lossy(e.as_bytes()), e.utf8_error().valid_up_to());
            Error::book(Location::at(&path, line, column), "book.toml is not valid UTF-8")
        })?;
        Manifest::parse_within(files, book_dir, &path, without_bom(&text))
    }

    /// Parses manifest text; `path` is only used in error messages.
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Manifest> {
        let files = BookFiles::new(root).map_err(|e| Error::io(root, "cannot open the book folder", e))?;
        Manifest::parse_within(files, root, path, text)
    }

    fn parse_within(files: BookFiles, root: &Path, path: &Path, text: &str) -> Result<Manifest> {
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
            files,
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
        if !(1..=3600).contains(&self.check.timeout) {
            return Err(Error::book(key_location("timeout"), "`check.timeout` must be 1 to 3600 seconds")
                .with_help("the time one listing's tests may run; default 10"));
        }
        if self.chapters.is_empty() {
            return Err(Error::book(Location::file(&self.path), "the book has no chapters")
                .with_help("add a chapter: [[chapters]] file = \"chapters/01.md\""));
        }
        if let Some(cover) = &self.epub.cover {
            self.check_cover(cover)?;
        }
        Ok(())
    }

    /// The cover is a file of the book in a format every reader shows.
    fn check_cover(&self, cover: &NamedFile) -> Result<()> {
        let refused = |what: String, help: &str| Error::book(cover.location.clone(), what).with_help(help.to_string());
        let bytes = self.files.read(&cover.path).map_err(|refusal| match refusal {
            Refusal::NotFound => refused(
                format!("cover image `{}` not found", cover.file.display()),
                "the path is relative to the book folder",
            ),
            refusal => refused(format!("cover image `{}` {refusal}", cover.file.display()), refusal.help()),
        })?;
        match ImageProbe::of(&bytes) {
            Ok(probe) if probe.format == ImageFormat::Other => Err(refused(
                format!("cover image `{}` is not a JPEG, PNG, GIF or SVG image", cover.file.display()),
                "the cover is told by its content, not its name; 1600 × 2560 px JPEG or PNG is what stores ask for",
            )),
            Ok(_) => Ok(()),
            Err(why) => Err(refused(
                format!("cover image `{}`: {why}", cover.file.display()),
                "1600 × 2560 px is what stores ask for",
            )),
        }
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

    /// The publication date as seconds since the Unix epoch, if the manifest has one.
    pub fn date_timestamp(&self) -> Option<i64> {
        self.book.date.as_deref().and_then(parse_date)
    }
}

/// The files a book in `book_dir` may read: inside `root`, which must hold
/// the book folder, or else inside the book folder.
fn confinement(book_dir: &Path, root: Option<&Path>) -> Result<BookFiles> {
    let Some(root) = root else {
        return BookFiles::new(book_dir).map_err(|e| Error::io(book_dir, "cannot open the book folder", e));
    };
    let files = BookFiles::new(root).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::book(Location::file(root), "the --root folder does not exist"),
        _ => Error::io(root, "cannot open the --root folder", e),
    })?;
    if !files.contains(book_dir) {
        return Err(Error::book(
            Location::file(book_dir),
            format!("the book folder is not inside the --root folder {}", files.root().display()),
        )
        .with_help("--root names a folder that holds the book folder and the files it shares"));
    }
    Ok(files)
}

/// Text without the byte-order mark some editors put first: with it, a
/// first line `# Title` would not be a heading, nor `[book]` a table.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
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

/// `YYYY-MM-DD` → seconds since the Unix epoch at midnight UTC.
pub fn parse_date(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    let days_in_month = [31, 28 + i64::from(is_leap(year)), 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month[month as usize - 1] {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian (year, month, day) of a day count since
/// 1970-01-01: the inverse of [`days_from_civil`], for writing dates.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests;
