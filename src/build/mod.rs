//! The build: book folder → EPUB and PDF, in one pass over the model.
//!
//! `manifest → document → typography → highlight → (epub ‖ pdf) → files`.
//! The editions render in memory, side by side (both PDFs from one layout);
//! only when all succeed are they written, each to a temporary file renamed
//! into place, so a failed build never leaves a half-written book behind.

mod output;
mod progress;
mod watch;

pub use progress::Progress;
pub use watch::watch;

use std::path::{Path, PathBuf};

use crate::document::Book;
use crate::error::Result;
use crate::manifest::Manifest;
use crate::pdf::Edition;
use crate::{document, epub, highlight, pdf, typography};

/// An edition verstka can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// The EPUB 3 e-book.
    Epub,
    /// The reader's PDF: links, outline, no bleed or marks.
    Pdf,
    /// The print shop's PDF/X-4 file: grey, bleed, crop marks, no links.
    Print,
}

impl Format {
    /// The file name's ending after the book's name.
    pub fn suffix(self) -> &'static str {
        match self {
            Format::Epub => ".epub",
            Format::Pdf => ".pdf",
            Format::Print => "-print.pdf",
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

    let formats = selected_formats(&options.formats, &book.manifest);
    if formats.contains(&Format::Print) {
        for finding in pdf::preflight::images(&book)?.iter().filter(|finding| !finding.is_error) {
            progress.warn(&finding.warning_text());
        }
    }
    progress.stage("typesetting");
    let rendered = render(&book, &formats)?;

    progress.stage("writing");
    let name = book.manifest.output_name();
    let files: Vec<(PathBuf, Vec<u8>)> =
        rendered.into_iter().map(|(format, bytes)| (output_path(&options.out_dir, &name, format), bytes)).collect();
    output::write_all(&options.out_dir, &files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// Renders the EPUB and the PDFs side by side, the PDFs from one layout.
fn render(book: &Book, formats: &[Format]) -> Result<Vec<(Format, Vec<u8>)>> {
    let press = book.manifest.print_config().press;
    let pdfs: Vec<(Format, Edition)> = formats
        .iter()
        .filter_map(|&format| match format {
            Format::Epub => None,
            Format::Pdf => Some((format, Edition::Reader)),
            Format::Print => Some((format, Edition::Print(press))),
        })
        .collect();
    let editions: Vec<Edition> = pdfs.iter().map(|(_, edition)| *edition).collect();
    let (epub, pdf) = rayon::join(
        || formats.contains(&Format::Epub).then(|| epub::render(book)).transpose(),
        || if editions.is_empty() { Ok(Vec::new()) } else { pdf::render(book, &editions) },
    );
    let mut rendered: Vec<(Format, Vec<u8>)> = epub?.map(|bytes| (Format::Epub, bytes)).into_iter().collect();
    rendered.extend(pdfs.iter().map(|(format, _)| *format).zip(pdf?));
    Ok(rendered)
}

/// The formats asked for; none asked: the EPUB and the reader's PDF, and
/// the print file if the book has a `[print]` table.
fn selected_formats(requested: &[Format], manifest: &Manifest) -> Vec<Format> {
    let mut formats = match requested {
        [] if manifest.print.is_some() => vec![Format::Epub, Format::Pdf, Format::Print],
        [] => vec![Format::Epub, Format::Pdf],
        _ => requested.to_vec(),
    };
    formats.sort();
    formats.dedup();
    formats
}

fn output_path(out_dir: &Path, name: &str, format: Format) -> PathBuf {
    out_dir.join(format!("{name}{}", format.suffix()))
}
