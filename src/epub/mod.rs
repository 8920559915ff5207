//! The EPUB edition: the finished model → an EPUB 3 file.

use crate::document::Book;
use crate::error::{Error, Result};

/// Renders `book` as the bytes of an EPUB file.
pub fn render(book: &Book) -> Result<Vec<u8>> {
    let _ = book;
    Err(Error::render("EPUB", "the EPUB edition is not implemented yet"))
}
