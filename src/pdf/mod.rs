//! The PDF edition: the finished model → a print-ready PDF typeset by our engine.

use crate::document::Book;
use crate::error::{Error, Result};

/// Renders `book` as the bytes of a PDF file.
pub fn render(book: &Book) -> Result<Vec<u8>> {
    let _ = book;
    Err(Error::render("PDF", "the PDF edition is not implemented yet"))
}
