//! The book manifest: `book.toml` → typed configuration.
//!
//! One serde struct per TOML table, every field documented here (the README's
//! manifest reference mirrors these comments), every default in an `impl
//! Default`. Paths are resolved against the book folder, and every file
//! the book reads later goes through [`BookFiles`]: regular files inside the
//! book folder (or `--root`), of bounded size; images are probed by their
//! header ([`ImageProbe`]).
//!
//! The manifest is checked whole, here, before any chapter is read: every
//! unknown key ([`keys`]), then every value that parses but makes no book or
//! an invalid one ([`validate`], [`page`]) — each an error at its line and
//! column, all of them reported in one run, in the order of the text.
//!
//! Input: a book folder. Output: [`Manifest`], or an [`Error`] naming
//! `book.toml` and the lines at fault.

mod cover;
mod dates;
mod files;
mod images;
mod isbn;
mod keys;
mod page;
mod sections;
mod slug;
mod spans;
mod validate;

pub use cover::{parse_color, CoverConfig};
pub use dates::{parse_date, utc_parts, DEFAULT_TIMESTAMP};
pub use files::{read_regular_file, BookFiles, Refusal, MAX_FILE_BYTES};
pub use images::{ImageFormat, ImageProbe, MAX_IMAGE_PIXELS};
pub use isbn::{Isbn, IsbnReading};
pub use page::{Page, POINTS_PER_MM};
use sections::RawEpubConfig;
pub use sections::{
    parse_exception, CheckConfig, EpubConfig, HighlightConfig, HyphenationConfig, IndexConfig, NamedFile, PdfConfig,
    PdfMargins, Press, PrintConfig, Standard, TypographyConfig,
};
pub use slug::slug;

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::de::DeTable;
use toml::Spanned;

use crate::error::{line_column, Error, Location, Result};
use spans::Spans;

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
    /// `[print]`, when the book has the table (it asks for the print file).
    pub print: Option<PrintConfig>,
    pub check: CheckConfig,
    /// `[cover]`, when the book has one.
    pub cover: Option<CoverConfig>,
    /// `[index]`: the subject index.
    pub index: IndexConfig,
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
    /// Number the chapters and their `##` sections («6», «6.2 Арены»).
    #[serde(default)]
    pub number_sections: bool,
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
    print: Option<PrintConfig>,
    #[serde(default)]
    check: CheckConfig,
    #[serde(default)]
    cover: Option<cover::RawCoverConfig>,
    #[serde(default)]
    index: IndexConfig,
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

    /// Parses and checks manifest text; `path` is only used in error messages.
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Manifest> {
        let files = BookFiles::new(root).map_err(|e| Error::io(root, "cannot open the book folder", e))?;
        Manifest::parse_within(files, root, path, text)
    }

    fn parse_within(files: BookFiles, root: &Path, path: &Path, text: &str) -> Result<Manifest> {
        let document = DeTable::parse(text).map_err(|e| toml_error(path, text, &e))?;
        let spans = Spans::new(path, text, document.get_ref());
        let mut unknown_keys = Vec::new();
        let raw = keys::deserialize::<RawManifest>(&document, &mut unknown_keys);
        let mut errors: Vec<Error> = unknown_keys.iter().map(|e| toml_error(path, text, e)).collect();
        let raw = match raw {
            Ok(raw) => raw,
            // A wrong type or a missing key ends the reading: report it with the unknown keys found before it.
            Err(error) if errors.is_empty() => return Err(toml_error(path, text, &error)),
            Err(error) => {
                errors.push(toml_error(path, text, &error));
                return Err(Error::Many(in_text_order(errors)));
            }
        };
        let manifest = Manifest::resolve(files, root, path, raw, &spans);
        errors.extend(validate::check(&manifest, &spans));
        Error::all(in_text_order(errors))?;
        Ok(manifest)
    }

    /// The manifest as read, with its files resolved against the book folder.
    fn resolve(files: BookFiles, root: &Path, path: &Path, raw: RawManifest, spans: &Spans) -> Manifest {
        let named = |file: Spanned<PathBuf>| {
            let location = spans.at(file.span().start);
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
        let cover = raw.cover.map(|cover| cover.resolve(named, spans));
        Manifest {
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
            print: raw.print,
            check: raw.check,
            cover,
            index: raw.index,
        }
    }

    /// `[print]` as given, or its defaults when the book has no such table.
    pub fn print_config(&self) -> PrintConfig {
        self.print.clone().unwrap_or_default()
    }

    /// The base name of the output files: `name`, or an ASCII slug of the
    /// title (file names travel to print shops and old file systems).
    pub fn output_name(&self) -> String {
        match &self.book.name {
            Some(name) => name.trim().to_string(),
            None => {
                let ascii = deunicode::deunicode(&self.book.title).replace('\'', "");
                slug(&ascii).unwrap_or_else(|| "book".to_string())
            }
        }
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

/// Errors sorted by line and column, as an editor lists them.
fn in_text_order(mut errors: Vec<Error>) -> Vec<Error> {
    errors.sort_by_key(|error| error.location().map(|l| (l.line, l.column)));
    errors
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
