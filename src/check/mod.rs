//! `verstka check`: verifies a book without building it.
//!
//! The book is loaded as for a build (manifest, then document: a missing
//! chapter, image or link target is an error at its line), then checked in
//! parallel: Zig listings through the real compiler ([`zig`]), spelling of the
//! prose ([`spelling`]), translation status ([`status`]), markup the
//! editions cannot show ([`document::raw_html_warnings`], and the PDF stage's
//! preflight, [`crate::pdf::preflight`]), the term base and the index's
//! terms ([`terms`]); external links are collected for
//! `--external` ([`links`]).
//!
//! Input: a book folder. Output: a [`Report`] of diagnostics in the compiler
//! style (`file:line:col: error: …`, or JSON lines), the external links and
//! the per-chapter status.

mod cache;
mod links;
mod prose;
mod spelling;
mod status;
mod terms;
mod zig;

pub use crate::diagnostic::{Category, Diagnostic, MessageFormat, Severity};
pub use links::ExternalLink;
pub use status::ChapterStatus;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::document::{self, Book};
use crate::manifest::Manifest;

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    pub errors: usize,
    pub warnings: usize,
    /// Every finding, sorted by file, line and column.
    pub diagnostics: Vec<Diagnostic>,
    pub external_links: Vec<ExternalLink>,
    /// One row per chapter (empty if the book did not load).
    pub status: Vec<ChapterStatus>,
    /// Which compiler checked how many listings.
    pub zig_summary: String,
}

/// What to print besides the diagnostics.
#[derive(Debug, Clone, Copy, Default)]
pub struct PrintOptions {
    /// The per-chapter status table.
    pub status: bool,
    /// The external links.
    pub external: bool,
    /// Errors only: no warnings, no summary (text and GitHub formats).
    pub quiet: bool,
}

/// How a check runs.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The folder the book may read files from; `None`: the book folder.
    pub root: Option<PathBuf>,
    /// Compile listings' tests without running them (`--no-run`).
    pub no_run: bool,
}

/// Checks the book in `book_dir`; a book that does not load yields that one error.
pub fn run(book_dir: &Path, options: &CheckOptions) -> Report {
    match Manifest::load_within(book_dir, options.root.as_deref()).and_then(document::load) {
        Ok(book) => check(&book, options),
        Err(error) => Report::new(Diagnostic::from_error(&error), Vec::new(), Vec::new(), String::new()),
    }
}

/// Runs every check on a loaded book.
pub fn check(book: &Book, options: &CheckOptions) -> Report {
    let spell = || if book.manifest.check.spelling { spelling::check(book) } else { Vec::new() };
    let ((zig, spelling), ((mut diagnostics, mut status), ((term_warnings, term_counts), cover))) = rayon::join(
        || rayon::join(|| zig::check(book, !options.no_run), spell),
        || rayon::join(|| status::check(book), || rayon::join(|| terms::check(book), || cover(book))),
    );
    for (row, counts) in status.iter_mut().zip(term_counts) {
        row.terms = counts;
    }
    diagnostics.extend(term_warnings);
    diagnostics.extend(terms::unused_index_terms(book));
    diagnostics.extend(zig.diagnostics);
    diagnostics.extend(spelling);
    diagnostics.extend(document::raw_html_warnings(book));
    diagnostics.extend(preflight(book));
    diagnostics.extend(cover);
    Report::new(diagnostics, links::external(book), status, zig.summary)
}

/// What the PDFs cannot show (an error for each such image) and, for books
/// with a print file, the figures too coarse for print.
fn preflight(book: &Book) -> Vec<Diagnostic> {
    let unprintable = crate::pdf::preflight::unprintable_images(book);
    let mut diagnostics: Vec<Diagnostic> = unprintable
        .iter()
        .flat_map(Diagnostic::from_error)
        .map(|diagnostic| Diagnostic { category: Category::Markup, ..diagnostic })
        .collect();
    // Resolution matters for the print file: books that ask for one.
    if book.manifest.print.is_some() {
        match crate::pdf::preflight::images(book) {
            Ok(findings) => diagnostics.extend(findings),
            Err(error) => diagnostics.extend(Diagnostic::from_error(&error)),
        }
    }
    diagnostics
}

/// The cover's warnings, for a book with `[cover]`. The spine is as thick
/// as the interior, so the book is typeset and laid out as `build` does
/// (but not written); a book the print edition cannot set is reported by
/// the other checks, and its cover is not checked.
fn cover(book: &Book) -> Vec<Diagnostic> {
    if book.manifest.cover.is_none() || !crate::pdf::preflight::unprintable_images(book).is_empty() {
        return Vec::new();
    }
    let interior_pages = || -> crate::error::Result<usize> {
        let mut typeset = book.clone();
        crate::typography::apply(&mut typeset)?;
        crate::index::apply(&mut typeset)?;
        crate::highlight::apply(&mut typeset)?;
        Ok(crate::pdf::typeset(&mut typeset)?.output.pages())
    };
    match interior_pages().and_then(|pages| crate::cover::check(book, pages)) {
        Ok(warnings) => warnings,
        Err(error) => Diagnostic::from_error(&error),
    }
}

impl Report {
    fn new(
        mut diagnostics: Vec<Diagnostic>,
        external_links: Vec<ExternalLink>,
        status: Vec<ChapterStatus>,
        zig_summary: String,
    ) -> Self {
        diagnostics.sort_by(|a, b| {
            (&a.location.path, a.location.line, a.location.column).cmp(&(
                &b.location.path,
                b.location.line,
                b.location.column,
            ))
        });
        let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        let warnings = diagnostics.len() - errors;
        Report { errors, warnings, diagnostics, external_links, status, zig_summary }
    }

    /// Whether the check failed: errors, or warnings when they are denied.
    pub fn failed(&self, deny_warnings: bool) -> bool {
        self.errors > 0 || (deny_warnings && self.warnings > 0)
    }

    /// `check: 2 errors, 1 warning; Zig 0.11.0 (…): …`.
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut summary = format!("check: {}, {}", plural(self.errors, "error"), plural(self.warnings, "warning"));
        if !self.zig_summary.is_empty() {
            summary.push_str("; ");
            summary.push_str(&self.zig_summary);
        }
        summary
    }

    /// Prints the report; write errors (a closed pipe) are ignored.
    pub fn print(&self, format: MessageFormat, options: PrintOptions) {
        if format == MessageFormat::Json {
            let _ = self.print_json(options);
            return;
        }
        if format == MessageFormat::Text {
            let _ = self.print_text_tables(options);
        }
        crate::diagnostic::print(&self.diagnostics, format, options.quiet);
        if !options.quiet {
            eprintln!("{}", self.summary());
        }
    }

    /// The external links and the status table, on stdout.
    fn print_text_tables(&self, options: PrintOptions) -> std::io::Result<()> {
        let mut stdout = std::io::stdout().lock();
        if options.external {
            for link in &self.external_links {
                writeln!(stdout, "{}", link.to_text())?;
            }
        }
        if options.status && !self.status.is_empty() {
            write!(stdout, "{}", status::table(&self.status))?;
        }
        Ok(())
    }

    fn print_json(&self, options: PrintOptions) -> std::io::Result<()> {
        crate::diagnostic::print(&self.diagnostics, MessageFormat::Json, false);
        let mut stdout = std::io::stdout().lock();
        if options.external {
            for link in &self.external_links {
                writeln!(stdout, "{}", link.to_json())?;
            }
        }
        if options.status {
            for row in &self.status {
                let mut value = serde_json::to_value(row).unwrap_or_default();
                if let Some(object) = value.as_object_mut() {
                    object.insert("type".into(), "status".into());
                }
                writeln!(stdout, "{value}")?;
            }
        }
        let summary = serde_json::json!({
            "type": "summary",
            "errors": self.errors,
            "warnings": self.warnings,
            "zig": self.zig_summary,
        });
        writeln!(stdout, "{summary}")
    }
}
