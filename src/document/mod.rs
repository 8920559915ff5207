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

mod captions;
mod foreign;
mod ids;
mod include;
mod links;
mod markup;
mod model;
mod numbering;
mod pages;
mod parse;
mod walk;

pub use crate::manifest::slug;
pub use markup::{is_comment, raw_html_warnings};
pub use model::*;
pub use numbering::is_label;
pub use pages::{ChangedPageNumber, FrontPage, PageMap, PageStart, Position, PrintPage};
pub use parse::{MAX_BLOCK_NESTING, MAX_INLINE_NESTING};
pub use walk::{for_each_link, for_each_link_mut, InlineContext};

use std::path::Path;

use rayon::prelude::*;

use crate::error::{line_column, Error, Location, Result};
use crate::manifest::{without_bom, BookFiles, ChapterEntry, Manifest, Refusal};

/// Loads every chapter of the manifest into one book.
pub fn load(manifest: Manifest) -> Result<Book> {
    let timestamp = manifest.timestamp()?;
    // Chapters are read and parsed side by side. A chapter that cannot be
    // read stops the load; errors in the text do not, so one run reports
    // them all — and the broken links too — in reading order.
    let loaded: Vec<Result<(Chapter, Vec<Error>)>> =
        manifest.chapters.par_iter().map(|entry| load_chapter(entry, &manifest)).collect();
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
    let mut book = Book { manifest, chapters, timestamp, print_pages: None, index: None };
    if let Err(error) = links::resolve(&mut book) {
        errors.extend(error.into_vec());
    }
    // After the links the author wrote: references become links already resolved.
    if let Err(error) = numbering::number_and_refer(&mut book) {
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
fn load_chapter(entry: &ChapterEntry, manifest: &Manifest) -> Result<(Chapter, Vec<Error>)> {
    let source = read_chapter(entry, &manifest.files)?;
    let parsed = parse::parse_chapter(&source, &entry.path, &manifest.files);
    let title = entry.title.clone().unwrap_or_else(|| first_heading(&parsed.blocks, &entry.file));
    let chapter = Chapter {
        file: entry.file.clone(),
        path: entry.path.clone(),
        title,
        language: entry.language.clone().unwrap_or_else(|| manifest.book.language.clone()),
        blocks: parsed.blocks,
        footnotes: parsed.footnotes,
        source,
    };
    Ok((chapter, parsed.errors))
}

/// The chapter's text, without a byte-order mark.
fn read_chapter(entry: &ChapterEntry, files: &BookFiles) -> Result<String> {
    let bytes = files.read(&entry.path).map_err(|refusal| match refusal {
        Refusal::NotFound => {
            Error::book(entry.location.clone(), format!("chapter file `{}` not found", entry.file.display()))
                .with_help(format!("create {} or fix the path in book.toml", entry.path.display()))
        }
        refusal => Error::book(entry.location.clone(), format!("chapter file `{}` {refusal}", entry.file.display()))
            .with_help(refusal.help()),
    })?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let (line, column) = line_column(&String::from_utf8_lossy(&e.as_bytes()[..valid]), valid);
        Error::book(Location::at(&entry.path, line, column), "the chapter is not valid UTF-8")
            .with_help("save the file as UTF-8 (for example: iconv -f cp1251 -t utf-8)")
    })?;
    // In place: a chapter may be tens of megabytes.
    text.drain(..text.len() - without_bom(&text).len());
    Ok(text)
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

#[cfg(test)]
mod tests;
