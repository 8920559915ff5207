//! The build: book folder → EPUB and PDF, in one pass over the model.
//!
//! `manifest → document → typography → highlight → (epub ‖ pdf) → files`.
//! Both editions render in memory, side by side; only when both succeed are
//! they written, each to a temporary file renamed into place, so a failed
//! build never leaves a half-written book behind.

mod output;
mod progress;
mod watch;

pub use progress::Progress;
pub use watch::watch;

use std::path::{Path, PathBuf};

use crate::document::Book;
use crate::error::Result;
use crate::manifest::Manifest;
use crate::{cover, document, epub, highlight, pdf, typography};

/// An edition verstka can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
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

/// Builds the book and returns the paths written.
pub fn build(options: &BuildOptions, progress: &Progress) -> Result<Vec<PathBuf>> {
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
    progress.stage("typesetting");
    let name = book.manifest.output_name();
    let render = |format: Format| -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let path = output_path(&options.out_dir, &name, format);
        match format {
            Format::Epub => Ok(vec![(path, epub::render(&book)?)]),
            Format::Pdf => print_files(&book, path, &options.out_dir.join(format!("{name}-cover.pdf")), progress),
        }
    };
    let files: Vec<(PathBuf, Vec<u8>)> = match formats.as_slice() {
        [a, b] => {
            let (first, second) = rayon::join(|| render(*a), || render(*b));
            [first?, second?].concat()
        }
        _ => formats.iter().map(|&f| render(f)).collect::<Result<Vec<_>>>()?.concat(),
    };

    progress.stage("writing");
    output::write_all(&options.out_dir, &files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// The print edition and, for a book with `[cover]`, its cover spread at
/// `cover_path`, whose spine is as thick as the interior just laid out.
fn print_files(book: &Book, path: PathBuf, cover_path: &Path, progress: &Progress) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let (interior, pages) = pdf::render_counted(book)?;
    let mut files = vec![(path, interior)];
    if book.manifest.cover.is_some() {
        let spread = cover::render(book, pages)?;
        for warning in &spread.warnings {
            progress.warn(&format!("{}: warning: {}\n  help: {}", warning.location, warning.message, warning.help));
        }
        files.push((cover_path.to_path_buf(), spread.bytes));
    }
    Ok(files)
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
