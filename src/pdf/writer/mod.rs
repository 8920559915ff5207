//! The writer: page descriptions → PDF bytes with printpdf.
//!
//! (Issue 8 fills this in: subset fonts with ToUnicode, outline, links,
//! metadata, `/Lang`, page labels, TrimBox/BleedBox, fixed dates and ids.)

use crate::document::Book;
use crate::error::Result;

use super::fonts::FontBook;
use super::page::Document;

/// Writes `document` as PDF bytes; `book` supplies the metadata.
pub fn write(document: &Document, fonts: &FontBook, book: &Book) -> Result<Vec<u8>> {
    let _ = (document, fonts, book);
    unimplemented!("issue 8")
}
