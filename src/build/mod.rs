//! The build: book folder → EPUB and PDF, in one pass over the model.
//!
//! `manifest → document → typography → highlight → print layout → (epub ‖
//! pdf) → files`. The print edition is laid out first, whichever editions
//! are asked for: where its pages begin goes into the model, for the
//! e-book's page list. Both editions then render in memory, side by side;
//! only when both succeed are they written, each to a temporary file renamed
//! into place, so a failed build never leaves a half-written book behind.

mod output;
mod progress;
mod report;
mod watch;

pub use progress::Progress;
pub use report::BuildReport;
pub use watch::watch;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Warned};
use crate::document::Book;
use crate::error::Result;
use crate::manifest::Manifest;
use crate::{document, epub, highlight, pdf, typography};

/// An edition verstka can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Epub,
    Pdf,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Epub => "epub",
            Format::Pdf => "pdf",
        }
    }
}

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub book_dir: PathBuf,
    pub out_dir: PathBuf,
    /// The editions to write; empty means all.
    pub formats: Vec<Format>,
    /// The folder the book may read files from; `None`: the book folder.
    pub root: Option<PathBuf>,
}

/// What a build wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Built {
    pub files: Vec<WrittenFile>,
    pub chapters: usize,
    /// The print edition's pages, when it was laid out.
    pub pages: Option<usize>,
}

/// One edition written.
#[derive(Debug, Clone, Serialize)]
pub struct WrittenFile {
    pub path: PathBuf,
    pub format: Format,
    pub bytes: u64,
}

/// Builds the book and says what was written, with the warnings found on
/// the way.
pub fn build(options: &BuildOptions, progress: &Progress) -> Result<Warned<Built>> {
    progress.stage("reading the book");
    let ((), book) = rayon::join(highlight::prepare, || -> Result<_> {
        let mut book = document::load(Manifest::load_within(&options.book_dir, options.root.as_deref())?)?;
        progress.stage("typography");
        typography::apply(&mut book)?;
        Ok(book)
    });
    let mut book = book?;
    progress.stage("highlighting");
    highlight::apply(&mut book)?;

    let formats = selected_formats(&options.formats);
    let mut warnings = document::raw_html_warnings(&book);
    progress.stage("typesetting");
    let print = typeset(&mut book, &formats, &mut warnings)?;
    let render = |format: Format| match (format, &print) {
        (Format::Epub, _) => epub::render(&book),
        (Format::Pdf, Some(print)) => print.write(&book),
        // Not reached: a PDF asked for is laid out, or the build has stopped.
        (Format::Pdf, None) => pdf::render(&book).map(|pdf| pdf.output),
    };
    let rendered: Vec<(Format, Vec<u8>)> = match formats.as_slice() {
        [a, b] => {
            let (first, second) = rayon::join(|| render(*a), || render(*b));
            vec![(*a, first?), (*b, second?)]
        }
        _ => formats.iter().map(|&f| Ok((f, render(f)?))).collect::<Result<_>>()?,
    };

    progress.stage("writing");
    let name = book.manifest.output_name();
    let written = rendered
        .iter()
        .map(|(format, bytes)| WrittenFile {
            path: output_path(&options.out_dir, &name, *format),
            format: *format,
            bytes: bytes.len() as u64,
        })
        .collect::<Vec<_>>();
    let files: Vec<(PathBuf, Vec<u8>)> =
        written.iter().map(|file| file.path.clone()).zip(rendered.into_iter().map(|(_, bytes)| bytes)).collect();
    output::write_all(&options.out_dir, &files)?;
    let pages = book.print_pages.as_ref().map(|map| map.pages.len());
    Ok(Warned::new(Built { files: written, chapters: book.chapters.len(), pages }, warnings))
}

/// The print edition laid out, its page starts written into the model for
/// the e-book's page list. An e-book alone is built without page numbers
/// when the print edition cannot be set (an SVG image, a table too wide):
/// their errors are the PDF's, not the EPUB's. The print edition's warnings
/// join `warnings` when the PDF is built.
fn typeset(book: &mut Book, formats: &[Format], warnings: &mut Vec<Diagnostic>) -> Result<Option<pdf::Typeset>> {
    let print = match pdf::typeset(book) {
        Ok(print) => print,
        Err(_) if !formats.contains(&Format::Pdf) => return Ok(None),
        Err(error) => return Err(error),
    };
    if formats.contains(&Format::Pdf) {
        warnings.extend(print.warnings);
    }
    book.print_pages = Some(print.output.page_map().clone());
    Ok(Some(print.output))
}

fn selected_formats(requested: &[Format]) -> Vec<Format> {
    let mut formats = if requested.is_empty() { vec![Format::Epub, Format::Pdf] } else { requested.to_vec() };
    formats.sort();
    formats.dedup();
    formats
}

fn output_path(out_dir: &Path, name: &str, format: Format) -> PathBuf {
    out_dir.join(format!("{name}.{}", format.extension()))
}
