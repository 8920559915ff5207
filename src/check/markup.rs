//! Markup the editions cannot show as written: a raw HTML block (other than
//! a comment) is shown as its source text in the EPUB, where it would break
//! the XHTML otherwise, and left out of the print edition; an image the
//! PDFs cannot show stops their build; a figure of too low a resolution for
//! print (the print file's image preflight, [`crate::pdf::preflight`]).
//!
//! Input: the loaded book. Output: a warning at each such block, an error
//! at each such image, an error or warning at each such figure.

use super::diagnostic::{Category, Diagnostic};
use crate::document::{BlockKind, Book};
use crate::error::Location;

/// A warning for every raw HTML block that is not a comment, an error for
/// every image the PDFs cannot show, the preflight's findings on figures.
pub fn check(book: &Book) -> Vec<Diagnostic> {
    let unprintable = crate::pdf::unprintable_images(book);
    let mut diagnostics: Vec<Diagnostic> = unprintable
        .iter()
        .flat_map(Diagnostic::from_error)
        .map(|diagnostic| Diagnostic { category: Category::Markup, ..diagnostic })
        .collect();
    // Resolution matters for the print file: books that ask for one.
    let preflight = if book.manifest.print.is_some() { crate::pdf::preflight::images(book) } else { Ok(Vec::new()) };
    match preflight {
        Ok(findings) => diagnostics.extend(findings.into_iter().map(|finding| {
            let diagnostic = if finding.is_error { Diagnostic::error } else { Diagnostic::warning };
            diagnostic(Category::Markup, finding.location, finding.message).with_help(finding.help)
        })),
        Err(error) => diagnostics.extend(Diagnostic::from_error(&error)),
    }
    for chapter in &book.chapters {
        chapter.for_each_block(&mut |block| {
            if let BlockKind::Html(html) = &block.kind {
                if !is_comment(html) {
                    diagnostics.push(
                        Diagnostic::warning(
                            Category::Markup,
                            Location::at(&chapter.path, block.line, 1),
                            "raw HTML block: the EPUB shows it as source text, the print edition leaves it out",
                        )
                        .with_help("write it in Markdown, or turn it into an HTML comment if it is a note"),
                    );
                }
            }
        });
    }
    diagnostics
}

/// Whether a raw HTML block is one or more comments and nothing else.
pub fn is_comment(html: &str) -> bool {
    let mut rest = html.trim();
    while let Some(after) = rest.strip_prefix("<!--") {
        match after.split_once("-->") {
            Some((_, next)) => rest = next.trim_start(),
            None => return false,
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_notes_not_markup() {
        assert!(is_comment("<!-- перевести -->\n"));
        assert!(is_comment("<!-- a -->\n<!-- b -->"));
        assert!(!is_comment("<div class=\"note\">Внимание</div>"));
        assert!(!is_comment("<!-- a --> <b>x</b>"));
        assert!(!is_comment("<!-- unterminated"));
    }
}
