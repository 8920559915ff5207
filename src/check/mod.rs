//! `verstka check`: verifies a book without building it.
//!
//! The book is loaded as for a build (manifest, then document: a missing
//! chapter, image or link target is an error at its line), then checked in
//! parallel: Zig listings through the real compiler ([`zig`]), spelling of the
//! prose ([`spelling`]), translation status ([`status`]), markup the
//! editions cannot show ([`markup`]), the term base and the index's terms
//! ([`terms`]); external links are collected for
//! `--external` ([`links`]).
//!
//! Input: a book folder. Output: a [`Report`] of diagnostics in the compiler
//! style (`file:line:col: error: …`, or JSON lines), the external links and
//! the per-chapter status.

mod cache;
mod diagnostic;
mod links;
mod markup;
mod prose;
mod spelling;
mod status;
mod terms;
mod zig;

pub use diagnostic::{Category, Diagnostic, Severity};
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

/// How the report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Compiler-style lines on stderr; the status table and links on stdout.
    Text,
    /// One JSON object a line on stdout.
    Json,
    /// GitHub Actions workflow commands on stdout (annotations), the summary on stderr.
    Github,
}

/// What to print besides the diagnostics.
#[derive(Debug, Clone, Copy, Default)]
pub struct PrintOptions {
    /// The per-chapter status table.
    pub status: bool,
    /// The external links.
    pub external: bool,
    /// Errors only: no warnings, no summary (text format).
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
    let ((zig, spelling), ((mut diagnostics, mut status), (term_warnings, term_counts))) = rayon::join(
        || rayon::join(|| zig::check(book, !options.no_run), spell),
        || rayon::join(|| status::check(book), || terms::check(book)),
    );
    for (row, counts) in status.iter_mut().zip(term_counts) {
        row.terms = counts;
    }
    diagnostics.extend(term_warnings);
    diagnostics.extend(terms::unused_index_terms(book));
    diagnostics.extend(zig.diagnostics);
    diagnostics.extend(spelling);
    diagnostics.extend(markup::check(book));
    Report::new(diagnostics, links::external(book), status, zig.summary)
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
    pub fn print(&self, format: OutputFormat, options: PrintOptions) {
        let _ = match format {
            OutputFormat::Text => self.print_text(options),
            OutputFormat::Json => self.print_json(options),
            OutputFormat::Github => self.print_github(options),
        };
    }

    fn print_text(&self, options: PrintOptions) -> std::io::Result<()> {
        let mut stdout = std::io::stdout().lock();
        if options.external {
            for link in &self.external_links {
                writeln!(stdout, "{}", link.to_text())?;
            }
        }
        if options.status && !self.status.is_empty() {
            write!(stdout, "{}", status::table(&self.status))?;
        }
        let mut stderr = std::io::stderr().lock();
        let colours = crate::terminal::colours();
        for diagnostic in self.diagnostics.iter().filter(|d| !options.quiet || d.severity == Severity::Error) {
            writeln!(stderr, "{}", crate::terminal::paint(&diagnostic.to_text(), colours))?;
        }
        if options.quiet {
            return Ok(());
        }
        writeln!(stderr, "{}", self.summary())
    }

    fn print_github(&self, options: PrintOptions) -> std::io::Result<()> {
        let mut stdout = std::io::stdout().lock();
        for diagnostic in self.diagnostics.iter().filter(|d| !options.quiet || d.severity == Severity::Error) {
            writeln!(stdout, "{}", diagnostic.to_github())?;
        }
        if options.quiet {
            return Ok(());
        }
        writeln!(std::io::stderr().lock(), "{}", self.summary())
    }

    fn print_json(&self, options: PrintOptions) -> std::io::Result<()> {
        let mut stdout = std::io::stdout().lock();
        for diagnostic in &self.diagnostics {
            writeln!(stdout, "{}", diagnostic.to_json())?;
        }
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
