//! A book built as `verstka build` builds it, into a folder of its own.
//! Shared by the test crates with `#[path]`.

use std::path::Path;

use verstka::diagnostic::Warned;
use verstka::error::Result;
use verstka::pipeline::{build, BuildOptions, Built, Format, Progress};

/// Builds the editions `formats` names (none: all) of the book in `dir`
/// into a new temporary folder; returns the folder, whose files live as
/// long as it does, and what the build gave.
pub fn build_book(dir: &Path, formats: Vec<Format>) -> (tempfile::TempDir, Result<Warned<Built>>) {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions { book_dir: dir.to_path_buf(), out_dir: out.path().to_path_buf(), formats, root: None };
    let built = build(&options, &Progress::hidden());
    (out, built)
}
