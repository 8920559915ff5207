//! Composition: the book's blocks → pages.
//!
//! (Issue 8 fills this in: geometry, front matter, contents, chapters,
//! headings, lists, tables, listings, footnotes, running heads, folios.)

use crate::document::Book;
use crate::error::Result;

use super::fonts::FontBook;
use super::page::Document;

/// Lays the whole book out on pages.
pub fn compose(book: &Book, fonts: &FontBook) -> Result<Document> {
    let _ = (book, fonts);
    unimplemented!("issue 8")
}
