//! `verstka check`: verifies a book without building it.
//!
//! Input: a book folder. Output: diagnostics in the compiler style
//! (`file:line:col: error: …`).

use std::path::Path;

use crate::document;
use crate::error::Result;
use crate::manifest::Manifest;

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    pub errors: usize,
    pub warnings: usize,
}

/// Checks the book in `book_dir`; a book that does not load is an error.
pub fn run(book_dir: &Path) -> Result<Report> {
    let _book = document::load(Manifest::load(book_dir)?)?;
    Ok(Report::default())
}
