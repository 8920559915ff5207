//! The document stage: manifest + Markdown chapters → one [`Book`].
//!
//! Reads every chapter named by the manifest, parses it with pulldown-cmark
//! (tables, footnotes, strikethrough, heading attributes), gives headings
//! unique ids, numbers footnotes per chapter, checks that images exist and
//! resolves every link between chapters. Both editions read only the tree
//! this stage builds; neither parses Markdown again.
//!
//! Input: a [`Manifest`]. Output: a [`Book`], or an error naming the file and
//! line at fault (missing chapter, invalid UTF-8, missing image, unknown anchor).

mod ids;
mod links;
mod model;
mod parse;
mod walk;

pub use ids::slug;
pub use model::*;
pub use parse::{MAX_BLOCK_NESTING, MAX_INLINE_NESTING};
pub use walk::{for_each_link, for_each_link_mut, InlineContext};

use std::path::Path;

use rayon::prelude::*;

use crate::error::{line_column, Error, Location, Result};
use crate::manifest::{ChapterEntry, Manifest};

/// The timestamp of builds whose book names no date: the earliest a zip file can hold.
pub const DEFAULT_TIMESTAMP: i64 = 315_532_800; // 1980-01-01T00:00:00Z

/// Loads every chapter of the manifest into one book.
pub fn load(manifest: Manifest) -> Result<Book> {
    let timestamp = build_timestamp(&manifest)?;
    // Chapters are read and parsed side by side. A chapter that cannot be
    // read stops the load; errors in the text do not, so one run reports
    // them all — and the broken links too — in reading order.
    let loaded: Vec<Result<(Chapter, Vec<Error>)>> =
        manifest.chapters.par_iter().map(|entry| load_chapter(entry, &manifest.book.language)).collect();
    let (mut chapters, mut errors, mut unreadable) = (Vec::new(), Vec::new(), Vec::new());
    for chapter in loaded {
        match chapter {
            Ok((chapter, found)) => {
                chapters.push(chapter);
                errors.extend(found);
            }
            Err(error) => unreadable.push(error),
        }
    }
    Error::all(unreadable)?;
    let mut book = Book { manifest, chapters, timestamp };
    if let Err(error) = links::resolve(&mut book) {
        errors.extend(error.into_vec());
    }
    errors.sort_by_key(|error| {
        let location = error.location();
        let chapter = location.and_then(|l| book.chapters.iter().position(|c| c.path == l.path));
        (chapter, location.map(|l| (l.line, l.column)))
    });
    Error::all(errors)?;
    Ok(book)
}

/// The chapter and the errors in its text; an error if it cannot be read.
fn load_chapter(entry: &ChapterEntry, book_language: &str) -> Result<(Chapter, Vec<Error>)> {
    let source = read_chapter(entry)?;
    let parsed = parse::parse_chapter(&source, &entry.path);
    let title = entry.title.clone().unwrap_or_else(|| first_heading(&parsed.blocks, &entry.file));
    let chapter = Chapter {
        file: entry.file.clone(),
        path: entry.path.clone(),
        title,
        language: entry.language.clone().unwrap_or_else(|| book_language.to_string()),
        blocks: parsed.blocks,
        footnotes: parsed.footnotes,
        source,
    };
    Ok((chapter, parsed.errors))
}

fn read_chapter(entry: &ChapterEntry) -> Result<String> {
    let bytes = std::fs::read(&entry.path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::book(entry.location.clone(), format!("chapter file `{}` not found", entry.file.display()))
                .with_help(format!("create {} or fix the path in book.toml", entry.path.display()))
        }
        _ => Error::io(&entry.path, "cannot read the chapter", e),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let (line, column) = line_column(&String::from_utf8_lossy(&e.as_bytes()[..valid]), valid);
        Error::book(Location::at(&entry.path, line, column), "the chapter is not valid UTF-8")
            .with_help("save the file as UTF-8 (for example: iconv -f cp1251 -t utf-8)")
    })
}

fn first_heading(blocks: &[Block], file: &Path) -> String {
    blocks
        .iter()
        .find_map(|block| match &block.kind {
            BlockKind::Heading(h) => Some(plain_text(&h.content)),
            _ => None,
        })
        .unwrap_or_else(|| file.file_stem().unwrap_or_default().to_string_lossy().into_owned())
}

/// `SOURCE_DATE_EPOCH` if set, else the manifest's date, else [`DEFAULT_TIMESTAMP`].
fn build_timestamp(manifest: &Manifest) -> Result<i64> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value.trim().parse::<i64>().map_err(|_| {
            Error::book(Location::file("SOURCE_DATE_EPOCH"), format!("`{value}` is not a number of seconds"))
                .with_help("set it to a Unix timestamp, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)")
        }),
        Err(_) => Ok(manifest.date_timestamp().unwrap_or(DEFAULT_TIMESTAMP)),
    }
}

#[cfg(test)]
mod tests;
