//! What a build tells its user: the errors or warnings, in the format asked
//! for, then a summary — `wrote …` lines for people, one JSON object for CI
//! (files with sizes, chapters, print pages, warnings, milliseconds per stage
//! in order).

use std::io::Write;

use serde_json::json;

use super::Built;
use crate::diagnostic::{self, Diagnostic, MessageFormat, Severity, Warned};
use crate::error::Result;

/// The outcome of one build, ready to print.
pub struct BuildReport {
    /// Errors (the build failed) or warnings (it succeeded).
    pub diagnostics: Vec<Diagnostic>,
    pub built: Option<Built>,
    /// Milliseconds per stage, in order.
    pub timings: Vec<(String, f64)>,
}

impl BuildReport {
    pub fn new(outcome: Result<Warned<Built>>, timings: Vec<(String, f64)>) -> BuildReport {
        match outcome {
            Ok(warned) => BuildReport { diagnostics: warned.warnings, built: Some(warned.output), timings },
            Err(error) => BuildReport { diagnostics: Diagnostic::from_error(&error), built: None, timings },
        }
    }

    /// `--deny-warnings`: the warnings become errors, and the build fails
    /// with them (the editions are written all the same, for a look).
    pub fn deny_warnings(mut self) -> BuildReport {
        diagnostic::deny_warnings(&mut self.diagnostics);
        self
    }

    /// Whether the build failed: it stopped, or it has errors (denied warnings).
    pub fn failed(&self) -> bool {
        self.built.is_none() || self.errors() > 0
    }

    fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Prints the report; a closed pipe is ignored. `quiet`: errors only.
    pub fn print(&self, format: MessageFormat, quiet: bool) {
        diagnostic::print(&self.diagnostics, format, quiet);
        let _ = match format {
            MessageFormat::Json => writeln!(std::io::stdout().lock(), "{}", self.summary_json()),
            MessageFormat::Text | MessageFormat::Github if !quiet => self.print_summary_text(),
            _ => Ok(()),
        };
    }

    /// `wrote build/book.epub` for each file, then the counts of findings.
    fn print_summary_text(&self) -> std::io::Result<()> {
        let mut stderr = std::io::stderr().lock();
        for file in self.built.iter().flat_map(|built| &built.files) {
            writeln!(stderr, "wrote {}", file.path.display())?;
        }
        let (errors, warnings) = (self.errors(), self.diagnostics.len() - self.errors());
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        match (errors, warnings) {
            (0 | 1, 0) => Ok(()),
            (0, _) => writeln!(stderr, "verstka: {}", plural(warnings, "warning")),
            _ => writeln!(stderr, "verstka: {}", plural(errors, "error")),
        }
    }

    fn summary_json(&self) -> serde_json::Value {
        let (errors, warnings) = (self.errors(), self.diagnostics.len() - self.errors());
        let stages: Vec<serde_json::Value> = self
            .timings
            .iter()
            .map(|(stage, ms)| json!({ "stage": stage, "ms": (ms * 10.0).round() / 10.0 }))
            .collect();
        json!({
            "type": "summary",
            "success": !self.failed(),
            "errors": errors,
            "warnings": warnings,
            "files": self.built.as_ref().map(|built| &built.files),
            "chapters": self.built.as_ref().map(|built| built.chapters),
            "pages": self.built.as_ref().and_then(|built| built.pages),
            "stages": stages,
        })
    }
}
