//! The build: book folder → EPUB and PDF, in one pass over the model.
//!
//! `manifest → document → typography → index → highlight → (epub ‖ pdf) → files`.
//! Both editions render in memory, side by side; only when both succeed are
//! they written, each to a temporary file renamed into place, so a failed
//! build never leaves a half-written book behind.

mod output;
mod progress;
mod watch;

pub use progress::Progress;
pub use watch::watch;

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::manifest::Manifest;
use crate::{document, epub, highlight, index, pdf, typography};

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
        progress.stage("index");
        index::apply(&mut book)?;
        Ok(book)
    });
    let mut book = book?;
    progress.stage("highlighting");
    highlight::apply(&mut book)?;

    let formats = selected_formats(&options.formats);
    progress.stage("typesetting");
    let render = |format: Format| match format {
        Format::Epub => epub::render(&book),
        Format::Pdf => pdf::render(&book),
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
    let files: Vec<(PathBuf, Vec<u8>)> =
        rendered.into_iter().map(|(format, bytes)| (output_path(&options.out_dir, &name, format), bytes)).collect();
    output::write_all(&options.out_dir, &files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
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
