//! Zig listings through the real compiler.
//!
//! Every ```` ```zig ```` block is checked at the version the book targets
//! (`[check] zig`): a fragment is parsed, a program (`pub fn main`) compiled,
//! a listing with `test "…"` blocks run with `zig test`; the attributes
//! `ignore`, `fragment`, `compile_fail` and `test` override the guess. Listings
//! are checked in parallel, results cached by content, and compiler messages
//! placed at the Markdown line and column of the code they are about.
//!
//! Input: the loaded book. Output: diagnostics and a one-line summary.

mod compile;
mod listing;
mod messages;
mod sandbox;
mod toolchain;
mod wheel;

use std::time::Duration;

use rayon::prelude::*;

use crate::diagnostic::{Category, Diagnostic};
use crate::document::Book;
use crate::error::Location;
use compile::Outcome;
use listing::{Listing, Mode};
use sandbox::Limits;

use toolchain::cache_folder;

/// What checking the listings found.
#[derive(Debug, Default)]
pub struct ZigReport {
    pub diagnostics: Vec<Diagnostic>,
    /// What was checked, with which compiler: for the summary line.
    pub summary: String,
}

/// Checks every Zig listing of `book`; with `run_tests` false, tests are
/// compiled but not run.
pub fn check(book: &Book, run_tests: bool) -> ZigReport {
    let (listings, unknown) = listing::collect(book);
    let mut diagnostics: Vec<Diagnostic> =
        unknown.into_iter().map(|(location, message)| Diagnostic::warning(Category::Zig, location, message)).collect();
    if listings.is_empty() {
        return ZigReport { diagnostics, summary: "no Zig listings".into() };
    }
    let version = &book.manifest.check.zig;
    let cache = cache_folder(version);
    let zig = match toolchain::find_or_install(version, cache.as_deref()) {
        Ok(zig) => zig,
        Err(reason) => {
            diagnostics.push(no_compiler(book, version, listings.len(), reason));
            return ZigReport { diagnostics, summary: format!("Zig {version}: not found, listings not checked") };
        }
    };
    let limits = Limits::with_time(Duration::from_secs(book.manifest.check.timeout));
    let run = compile::Run { zig: &zig, cache: cache.as_deref(), limits, run_tests };
    let outcomes: Vec<_> = listings.par_iter().map(|l| compile::outcome(&run, &l.code, l.mode)).collect();
    let mut cached = 0;
    for (listing, outcome) in listings.iter().zip(outcomes) {
        match outcome {
            Ok((outcome, from_cache)) => {
                cached += usize::from(from_cache);
                diagnostics.extend(judge(listing, &outcome));
            }
            Err(reason) => diagnostics.push(Diagnostic::error(Category::Zig, listing.fence(), reason)),
        }
    }
    let summary = format!(
        "Zig {} ({}): {}, {cached} of them unchanged since the last check",
        zig.version,
        zig.origin,
        count_modes(&listings)
    );
    ZigReport { diagnostics, summary }
}

fn no_compiler(book: &Book, version: &str, count: usize, reason: String) -> Diagnostic {
    let listings = if count == 1 { "listing" } else { "listings" };
    Diagnostic::error(
        Category::Zig,
        Location::file(&book.manifest.path),
        format!("cannot check {count} Zig {listings}: {reason}"),
    )
    .with_help(format!(
        "put Zig {version} on PATH, or let verstka reach the package index (PyPI, or $PIP_INDEX_URL) to download it"
    ))
}

/// The findings for one listing's outcome.
fn judge(listing: &Listing, outcome: &Outcome) -> Vec<Diagnostic> {
    if listing.mode == Mode::CompileFail {
        return match outcome.compiled {
            true => vec![Diagnostic::error(
                Category::Zig,
                listing.fence(),
                "the listing is marked `compile_fail`, but it compiles",
            )
            .with_help("remove `compile_fail`, or fix the listing so it shows the error it is about")],
            false => Vec::new(),
        };
    }
    if outcome.compiled {
        return Vec::new();
    }
    let found = messages::parse(&outcome.output, &outcome.file, outcome.shift);
    if found.is_empty() {
        let last = outcome.output.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no output");
        return vec![Diagnostic::error(
            Category::Zig,
            listing.fence(),
            format!("the compiler failed: {}", last.trim()),
        )];
    }
    found
        .into_iter()
        .map(|message| {
            let location =
                message.place.map_or_else(|| listing.fence(), |(line, column)| listing.location(line, column));
            let diagnostic = Diagnostic::error(Category::Zig, location, message.text);
            match listing.mode {
                Mode::Fragment => diagnostic.with_help(
                    "this fragment is only parsed; if it is not meant to be Zig, open it with ```zig ignore",
                ),
                _ => diagnostic,
            }
        })
        .collect()
}

/// `3 listings: 1 program, 1 test, 1 fragment`.
fn count_modes(listings: &[Listing]) -> String {
    let count = |mode| listings.iter().filter(|l| l.mode == mode).count();
    let parts: Vec<String> = [
        (Mode::Program, "compiled"),
        (Mode::Test, "tested"),
        (Mode::Fragment, "parsed"),
        (Mode::CompileFail, "expected to fail"),
    ]
    .into_iter()
    .filter(|(mode, _)| count(*mode) > 0)
    .map(|(mode, what)| format!("{} {what}", count(mode)))
    .collect();
    let noun = if listings.len() == 1 { "listing" } else { "listings" };
    format!("{} {noun} ({})", listings.len(), parts.join(", "))
}
