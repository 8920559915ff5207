//! Markup the editions cannot show as written: a raw HTML block (other than
//! a comment) is shown as its source text in the EPUB, where it would break
//! the XHTML otherwise, and left out of the print edition. (What the PDFs
//! cannot show of images is their own preflight's: [`crate::pdf::preflight`].)
//!
//! Input: the loaded book. Output: a warning at each such block. `build` and
//! `check` both report them, from here.

use super::{BlockKind, Book};
use crate::diagnostic::{Category, Diagnostic};
use crate::error::Location;

/// A warning for every raw HTML block that is not a comment.
pub fn raw_html_warnings(book: &Book) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
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
