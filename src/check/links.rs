//! Links out of the book, listed for `--external` (never fetched: a check
//! must not depend on the network).
//!
//! Links between chapters and images need no check here: the document stage
//! resolves every internal link (chapter file and heading id) and finds every
//! image while loading, and a book where one fails does not load — which
//! `check` reports as an error at the link.

use crate::document::{for_each_link, Book, LinkTarget};
use crate::error::Location;

/// A link to a URL outside the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    pub location: Location,
    pub url: String,
}

/// Every external link of the book, in reading order.
pub fn external(book: &Book) -> Vec<ExternalLink> {
    let mut links = Vec::new();
    for chapter in &book.chapters {
        chapter.for_each_inline_run(&mut |_, inlines, _| {
            for_each_link(inlines, &mut |link| {
                if let LinkTarget::External(url) = &link.target {
                    links.push(ExternalLink {
                        location: Location::at(&chapter.path, link.line, link.column),
                        url: url.clone(),
                    });
                }
            });
        });
    }
    links
}

impl ExternalLink {
    /// `path:line: url`.
    pub fn to_text(&self) -> String {
        format!("{}: {}", self.location, self.url)
    }

    /// `{"type":"external-link","file":…,"line":…,"column":…,"url":…}`.
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "type": "external-link",
            "file": self.location.path.to_string_lossy(),
            "line": self.location.line,
            "column": self.location.column,
            "url": self.url,
        })
        .to_string()
    }
}
