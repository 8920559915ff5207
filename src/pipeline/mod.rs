//! The pipeline behind `verstka build`: book folder → the editions, in one
//! pass over the model.
//!
//! `manifest → document → typography → index → highlight → print layout →
//! (epub ‖ pdfs) → files`. The print edition is laid out first, whichever
//! editions are asked for: where its pages begin goes into the model, for
//! the e-book's page list. The editions then render in memory, side by side
//! (both PDFs from the one layout); only when all succeed are they written,
//! each to a temporary file renamed
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
use crate::pdf::Edition;
use crate::{cover, document, epub, highlight, index, pdf, typography};

/// An edition verstka can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// The EPUB 3 e-book.
    Epub,
    /// The reader's PDF: links, outline, no bleed or marks.
    Pdf,
    /// The print shop's PDF/X-4 file: grey, bleed, crop marks, no links.
    Print,
    /// The print shop's cover spread (back, spine, front), for a book with `[cover]`.
    Cover,
}

impl Format {
    /// The file name's ending after the book's name.
    pub fn suffix(self) -> &'static str {
        match self {
            Format::Epub => ".epub",
            Format::Pdf => ".pdf",
            Format::Print => "-print.pdf",
            Format::Cover => "-cover.pdf",
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
        progress.stage("index");
        index::apply(&mut book)?;
        Ok(book)
    });
    let mut book = book?;
    progress.stage("highlighting");
    highlight::apply(&mut book)?;

    let formats = selected_formats(&options.formats, &book.manifest);
    let mut warnings = document::raw_html_warnings(&book);
    if formats.contains(&Format::Print) {
        warnings.extend(pdf::preflight::print_file(&book)?);
    }
    progress.stage("typesetting");
    let print = typeset(&mut book, &formats, &mut warnings)?;
    progress.stage("rendering");
    let rendered = render(&book, print.as_ref(), &formats, &mut warnings)?;

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
/// when the print edition cannot be set (an SVG image it cannot read, a
/// table too wide): their errors are the PDF's, not the EPUB's. The print
/// edition's warnings join `warnings` when a PDF is built.
fn typeset(book: &mut Book, formats: &[Format], warnings: &mut Vec<Diagnostic>) -> Result<Option<pdf::Typeset>> {
    let printing = formats.iter().any(|&format| format != Format::Epub);
    let print = match pdf::typeset(book) {
        Ok(print) => print,
        Err(error) if !printing => {
            warnings.extend(unnumbered_page_references(book, &error));
            return Ok(None);
        }
        Err(error) => return Err(error),
    };
    if printing {
        warnings.extend(print.warnings);
    }
    book.print_pages = Some(print.output.page_map().clone());
    Ok(Some(print.output))
}

/// The warning for an e-book whose page references have no page to name,
/// because the print edition could not be laid out: they read «?».
fn unnumbered_page_references(book: &mut Book, error: &crate::error::Error) -> Option<Diagnostic> {
    let unnumbered = book.set_page_numbers(&document::PageMap::default());
    let first = unnumbered.first()?;
    let location = crate::error::Location::at(&first.path, first.line, first.column);
    let message = format!(
        "{} page reference(s) read «{}»: the print edition, whose pages they name, could not be laid out",
        unnumbered.len(),
        document::PageNumber::UNKNOWN
    );
    let reason = error.to_string();
    let help = format!("fix what stopped the print edition: {}", reason.lines().next().unwrap_or_default());
    Some(Diagnostic::warning(crate::diagnostic::Category::Layout, location, message).with_help(help))
}

/// An edition's bytes.
type Rendered = (Format, Vec<u8>);

/// Renders the EPUB and writes the PDFs of the one layout (and the cover
/// spread, its spine as thick as that layout), side by side; the cover's
/// warnings join `warnings`.
fn render(
    book: &Book,
    print: Option<&pdf::Typeset>,
    formats: &[Format],
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<Rendered>> {
    let press = book.manifest.print_config().press;
    // A PDF asked for was laid out, or the build has stopped.
    let write_pdfs = || -> Result<Warned<Vec<Rendered>>> {
        let (Some(print), mut files, mut warnings) = (print, Vec::new(), Vec::new()) else {
            return Ok(Warned::new(Vec::new(), Vec::new()));
        };
        for &format in formats {
            let file = match format {
                Format::Epub => continue,
                Format::Pdf => print.write(book, Edition::Reader)?,
                Format::Print => print.write(book, Edition::Print(press))?,
                Format::Cover => {
                    let spread = cover::render(book, print.pages())?;
                    warnings.extend(spread.warnings);
                    spread.bytes
                }
            };
            files.push((format, file));
        }
        Ok(Warned::new(files, warnings))
    };
    let (epub, pdfs) =
        rayon::join(|| formats.contains(&Format::Epub).then(|| epub::render(book)).transpose(), write_pdfs);
    let mut rendered: Vec<Rendered> = epub?.map(|bytes| (Format::Epub, bytes)).into_iter().collect();
    let pdfs = pdfs?;
    rendered.extend(pdfs.output);
    warnings.extend(pdfs.warnings);
    Ok(rendered)
}

/// The formats asked for; none asked: the EPUB and the reader's PDF, the
/// print file if the book has a `[print]` table and the cover spread if it
/// has a `[cover]` table.
fn selected_formats(requested: &[Format], manifest: &Manifest) -> Vec<Format> {
    let mut formats = match requested {
        [] => [
            (Format::Epub, true),
            (Format::Pdf, true),
            (Format::Print, manifest.print.is_some()),
            (Format::Cover, manifest.cover.is_some()),
        ]
        .into_iter()
        .filter_map(|(format, wanted)| wanted.then_some(format))
        .collect(),
        _ => requested.to_vec(),
    };
    formats.sort();
    formats.dedup();
    formats
}

fn output_path(out_dir: &Path, name: &str, format: Format) -> PathBuf {
    out_dir.join(format!("{name}{}", format.suffix()))
}
