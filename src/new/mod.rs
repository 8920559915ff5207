//! `verstka new`: a book folder to start from.
//!
//! A commented `book.toml` listing every key with its default, two chapters
//! that show what a book can hold (headings, a footnote, a table, a figure,
//! a listing with a test, links between chapters), an empty word list, a
//! `.gitignore` for the output folder and a GitHub Actions workflow that
//! checks, builds and releases the book. `verstka check --deny-warnings`
//! and `verstka build` pass on it as it is.
//!
//! Input: a folder that does not exist or is empty. Output: the files written.

use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};

/// The language of the book to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Language {
    Ru,
    En,
}

/// One file of a new book: where it goes, and what it holds.
struct TemplateFile {
    path: &'static str,
    contents: &'static [u8],
}

macro_rules! template {
    ($path:literal, $source:literal) => {
        TemplateFile { path: $path, contents: include_bytes!(concat!("template/", $source)) }
    };
}

const COMMON: [TemplateFile; 3] = [
    template!("images/memory.png", "common/memory.png"),
    template!(".gitignore", "common/gitignore"),
    template!(".github/workflows/book.yml", "common/book.yml"),
];

const RUSSIAN: [TemplateFile; 4] = [
    template!("book.toml", "ru/book.toml"),
    template!("chapters/01-intro.md", "ru/chapters/01-intro.md"),
    template!("chapters/02-code.md", "ru/chapters/02-code.md"),
    template!("dictionary.txt", "ru/dictionary.txt"),
];

const ENGLISH: [TemplateFile; 4] = [
    template!("book.toml", "en/book.toml"),
    template!("chapters/01-intro.md", "en/chapters/01-intro.md"),
    template!("chapters/02-code.md", "en/chapters/02-code.md"),
    template!("dictionary.txt", "en/dictionary.txt"),
];

/// Writes a new book into `dir` and returns the files written. A folder
/// that holds anything already is left alone: an error, nothing written.
pub fn create(dir: &Path, language: Language) -> Result<Vec<PathBuf>> {
    let occupied = std::fs::read_dir(dir).map(|mut entries| entries.next().is_some()).unwrap_or(false);
    if occupied || dir.is_file() {
        return Err(Error::book(Location::file(dir), "the folder exists and is not empty")
            .with_help("name a new folder: `verstka new my-book`"));
    }
    let own = match language {
        Language::Ru => &RUSSIAN,
        Language::En => &ENGLISH,
    };
    own.iter().chain(&COMMON).map(|file| write(dir, file)).collect()
}

fn write(dir: &Path, file: &TemplateFile) -> Result<PathBuf> {
    let path = dir.join(file.path);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, "cannot create the folder", e))?;
    }
    std::fs::write(&path, file.contents).map_err(|e| Error::io(&path, "cannot write", e))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_make_the_same_files() {
        let paths = |files: &[TemplateFile]| files.iter().map(|f| f.path).collect::<Vec<_>>();
        assert_eq!(paths(&RUSSIAN), paths(&ENGLISH));
    }

    #[test]
    fn a_new_book_loads_and_an_occupied_folder_is_refused() {
        for language in [Language::Ru, Language::En] {
            let dir = tempfile::tempdir().unwrap();
            let book = dir.path().join("book");
            let written = create(&book, language).unwrap();
            assert_eq!(written.len(), 7);
            let manifest = crate::manifest::Manifest::load(&book).expect("the manifest loads");
            let loaded = crate::document::load(manifest).expect("the chapters load, links and images resolve");
            assert_eq!(loaded.chapters.len(), 2);
            let again = create(&book, language).unwrap_err();
            assert!(again.to_string().contains("exists and is not empty"), "{again}");
        }
    }
}
