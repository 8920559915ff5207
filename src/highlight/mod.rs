//! The highlight stage: code blocks → lines of classed spans.
//!
//! Input: a [`Book`]. Output: the same book with every code block's `lines`
//! split into [`TokenClass`](crate::document::TokenClass) spans, the spans of
//! a line joining to the line exactly. Zig and TOML are highlighted with our
//! own grammars (`styles/*.sublime-syntax`), other languages with syntect's
//! bundled ones; a listing in an unknown language, or none, stays plain text.
//! Themes (`styles/*.tmTheme`) turn classes into styles: CSS for the EPUB,
//! colours for the PDF. Neither edition calls syntect itself.
//!
//! - `syntaxes`: the grammars (ours for Zig and TOML, syntect's bundled ones
//!   for the rest), embedded and loaded once per process;
//! - `lines`: one listing → lines of spans;
//! - `classes`: TextMate scopes → token classes;
//! - `theme`: `.tmTheme` files → a style per class.

mod classes;
mod lines;
mod syntaxes;
mod theme;

pub use lines::highlight;
#[cfg(test)]
pub use theme::contrast;
pub use theme::{Theme, TokenStyle};

use rayon::prelude::*;

use crate::document::Book;
use crate::error::{Error, Location, Result};

/// Loads our grammars now rather than at the first listing: the build does it
/// while the book is read and typeset, on a core that would otherwise wait.
pub fn prepare() {
    syntaxes::prepare();
}

/// Highlights every code block of `book`, the listings side by side.
pub fn apply(book: &mut Book) -> Result<()> {
    let mut listings = Vec::new();
    for (chapter, content) in book.chapters.iter_mut().enumerate() {
        content.for_each_code_block_mut(&mut |code, line| {
            listings.push((chapter, line, code.language.clone(), code.text.clone()));
        });
    }
    let mut highlighted = listings
        .par_iter()
        .map(|(chapter, line, language, text)| {
            highlight(language.as_deref(), text).map_err(|error| {
                let location = Location::at(&book.chapters[*chapter].path, *line, 1);
                Error::book(location, format!("cannot highlight this listing: {error}")).with_help(
                    "the grammar for this language failed on it (please report it); \
                     remove the fence's language to print the listing plain",
                )
            })
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter();
    for chapter in &mut book.chapters {
        chapter.for_each_code_block_mut(&mut |code, _| code.lines = highlighted.next().unwrap_or_default());
    }
    Ok(())
}
