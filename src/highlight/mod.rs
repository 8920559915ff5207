//! The highlight stage: code blocks → lines of classed spans.
//!
//! Input: a [`Book`]. Output: the same book with every code block's `lines`
//! split into [`TokenClass`](crate::document::TokenClass) spans, the spans of
//! a line joining to the line exactly. Zig is highlighted with our own
//! grammar (`styles/zig.sublime-syntax`), other languages with syntect's
//! bundled ones; a listing in an unknown language, or none, stays plain text.
//! Themes (`styles/*.tmTheme`) turn classes into styles: CSS for the EPUB,
//! colours for the PDF. Neither edition calls syntect itself.
//!
//! - `syntaxes`: the grammars, embedded and loaded once per process;
//! - `lines`: one listing → lines of spans;
//! - `classes`: TextMate scopes → token classes;
//! - `theme`: `.tmTheme` files → a style per class.

mod classes;
mod lines;
mod syntaxes;
mod theme;

pub use lines::highlight;
pub use theme::{Theme, TokenStyle};

use crate::document::Book;
use crate::error::{Error, Location, Result};

/// Highlights every code block of `book`.
pub fn apply(book: &mut Book) -> Result<()> {
    for chapter in &mut book.chapters {
        let mut failure = None;
        chapter.for_each_code_block_mut(&mut |code, line| {
            match highlight(code.language.as_deref(), &code.text) {
                Ok(lines) => code.lines = lines,
                Err(error) => {
                    failure.get_or_insert((line, error));
                }
            }
        });
        if let Some((line, error)) = failure {
            return Err(Error::book(Location::at(&chapter.path, line, 1), format!("cannot highlight this listing: {error}"))
                .with_help("this is a bug in verstka's grammar for the language; remove the language tag to print the listing plain"));
        }
    }
    Ok(())
}
