//! The build: book folder → EPUB and PDF, in one pass over the model.
//!
//! `manifest → document → typography → highlight → (epub ‖ pdf) → files`.
//! Both editions render in memory, side by side; only when both succeed are
//! they written, each to a temporary file renamed into place, so a failed
//! build never leaves a half-written book behind.

mod output;
mod progress;
mod report;
mod watch;

pub use progress::Progress;
pub use report::BuildReport;
pub use watch::watch;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::Warned;
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
    let render = |format: Format| match format {
        Format::Epub => epub::render(&book).map(|bytes| Warned::new(bytes, Vec::new())),
        Format::Pdf => pdf::render(&book),
    };
    let rendered: Vec<(Format, Warned<Vec<u8>>)> = match formats.as_slice() {
        [a, b] => {
            let (first, second) = rayon::join(|| render(*a), || render(*b));
            vec![(*a, first?), (*b, second?)]
        }
        _ => formats.iter().map(|&f| Ok((f, render(f)?))).collect::<Result<_>>()?,
    };
    let rendered: Vec<(Format, Vec<u8>)> = rendered
        .into_iter()
        .map(|(format, edition)| {
            warnings.extend(edition.warnings);
            (format, edition.output)
        })
        .collect();

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
    Ok(Warned::new(Built { files: written, chapters: book.chapters.len() }, warnings))
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
