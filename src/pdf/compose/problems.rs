//! Lines the breaker could only set badly — overfull, or loose past what
//! their spaces can give — as warnings at the Markdown line of their block,
//! where TeX would print «Overfull \hbox» in its log.
//!
//! The setter notes which block it is setting ([`Problems::at`]); each set
//! paragraph is looked at ([`Problems::note`]); one warning per block and
//! kind of problem, quoting the first such line.

use std::cell::{Cell, RefCell};
use std::path::Path;

use crate::diagnostic::{Category, Diagnostic};
use crate::error::Location;
use crate::pdf::paragraph::{Fit, Line};

/// The problems found while one part of the book is set.
#[derive(Debug, Default)]
pub struct Problems {
    /// The source line of the block being set.
    line: Cell<usize>,
    warnings: RefCell<Vec<Diagnostic>>,
}

impl Problems {
    /// The block being set starts at `line` of its file.
    pub fn at(&self, line: usize) {
        self.line.set(line);
    }

    /// Warns about the first overfull and the first loose line of a paragraph
    /// set from `source`.
    pub fn note(&self, source: &Path, lines: &[Line]) {
        for (fit, what) in [
            (Fit::Overfull, "runs past the measure: no break point fits it"),
            (Fit::Loose, "is set loose: a space wider than an em, or no space to justify it"),
        ] {
            if let Some(line) = lines.iter().find(|line| line.fit == fit) {
                let text: String = line.runs.iter().map(|run| run.text.as_str()).collect();
                let message = format!("a line of the print edition {what}: «{}»", text.trim());
                let help =
                    "rephrase, or allow a break: a shorter word, a hyphenation exception, a space in a long code span";
                let location = Location::at(source, self.line.get(), 0);
                self.warnings
                    .borrow_mut()
                    .push(Diagnostic::warning(Category::Layout, location, message).with_help(help));
            }
        }
    }

    pub fn into_warnings(self) -> Vec<Diagnostic> {
        self.warnings.into_inner()
    }
}
