//! The typography stage: typesetting rules over the prose of the model, and
//! the hyphenation service both editions share.
//!
//! Input: a [`Book`] straight from the document stage. Output: the same book
//! with the text of its paragraphs, headings, list items, quotes, table cells
//! and footnotes rewritten in place; inline code, code blocks, raw HTML, link
//! targets, URLs and e-mail addresses in the text stay as written.
//!
//! Each run of inline content is read as one line of characters (see
//! `run.rs`), so a quote opened before inline code or emphasis closes after
//! it. The rules follow the chapter's language:
//!
//! - Russian: «ёлочки» with „лапками“ inside, em dashes with a non-breaking
//!   space before them, en dashes in number ranges, `…`, and non-breaking
//!   spaces after short words, before particles, in abbreviations and between
//!   numbers and units;
//! - English: “curly” quotes, em and en dashes, `…`;
//! - other languages: spaces only.
//!
//! Chapter titles (for the table of contents) get the same rules.
//!
//! What renderers find afterwards: U+00A0 where a line must not break (a
//! soft break that must not break becomes a text node holding U+00A0),
//! U+00AD where a word may break with a hyphen, U+2011 in short compounds,
//! and «»„“”‘’…—– in the text; inline code and listings as written.
//!
//! `[typography] enabled = false` turns these rules off. Independently of it,
//! soft hyphens (U+00AD) go into the prose words of six or more letters —
//! not into headings — at the break points of the [`Hyphenator`], unless
//! `[hyphenation] enabled = false`.

mod dashes;
mod hyphenate;
mod letters;
mod quotes;
mod run;
mod soft_hyphens;
mod spaces;

pub use hyphenate::Hyphenator;

use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use crate::document::{is_russian, plain_text, Book, Inline, InlineContext};
use crate::error::Result;
use run::Run;
use soft_hyphens::SoftHyphens;

/// Applies the typography rules and soft hyphens to every chapter of `book`,
/// chapters side by side. Each thread keeps its own cache of break points
/// for the whole book (a lock per thread, never contended), so a word is
/// hyphenated at most once per thread.
pub fn apply(book: &mut Book) -> Result<()> {
    let hyphenator = Hyphenator::new(&book.manifest.hyphenation)?;
    let rules_on = book.manifest.typography.enabled;
    let hyphens_on = book.manifest.hyphenation.enabled;
    let caches: Vec<Mutex<SoftHyphens>> =
        (0..rayon::current_num_threads()).map(|_| Mutex::new(SoftHyphens::new(&hyphenator))).collect();
    book.chapters.par_iter_mut().for_each(|chapter| {
        let cache = &caches[rayon::current_thread_index().unwrap_or(0) % caches.len()];
        let mut soft_hyphens = cache.lock().unwrap_or_else(PoisonError::into_inner);
        let language = chapter.language.clone();
        let rules = Rules::for_language(&language);
        if rules_on {
            chapter.title = rules.apply_to_text(&chapter.title);
        }
        chapter.for_each_inline_run_mut(&mut |context, inlines| {
            if rules_on {
                rules.apply(inlines);
            }
            if hyphens_on && context != InlineContext::Heading {
                soft_hyphens.insert(inlines, &language);
            }
        });
    });
    Ok(())
}

/// The rules of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rules {
    Russian,
    English,
    Other,
}

impl Rules {
    fn for_language(tag: &str) -> Rules {
        if is_russian(tag) {
            Rules::Russian
        } else if hyphenate::is_english(tag) {
            Rules::English
        } else {
            Rules::Other
        }
    }

    /// Rewrites plain text, such as a chapter title.
    fn apply_to_text(self, text: &str) -> String {
        let mut inlines = vec![Inline::Text(text.to_string())];
        self.apply(&mut inlines);
        plain_text(&inlines)
    }

    /// Rewrites one run of inline content.
    fn apply(self, inlines: &mut Vec<Inline>) {
        let mut run = Run::new(inlines);
        spaces::collapse(&mut run);
        match self {
            Rules::Russian => {
                quotes::apply(&mut run, &quotes::RUSSIAN);
                dashes::apply(&mut run, true);
                spaces::glue(&mut run);
            }
            Rules::English => {
                quotes::apply(&mut run, &quotes::ENGLISH);
                dashes::apply(&mut run, false);
            }
            Rules::Other => {}
        }
        run.finish();
        run::merge_texts(inlines);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Inline content made of pieces that stress the rules.
    fn inlines() -> impl Strategy<Value = Vec<Inline>> {
        let text = "[-. \"'«»„“вкиZzg10…—–№%@/:]{0,12}".prop_map(Inline::Text);
        let leaf = prop_oneof![
            4 => text,
            1 => Just(Inline::SoftBreak),
            1 => Just(Inline::HardBreak),
            1 => "[-\" .]{0,4}".prop_map(Inline::Code),
            1 => Just(Inline::FootnoteRef(1)),
        ];
        let tree = leaf.prop_recursive(2, 16, 4, |inner| prop::collection::vec(inner, 0..4).prop_map(Inline::Emphasis));
        prop::collection::vec(tree, 0..8)
    }

    fn codes(inlines: &[Inline]) -> Vec<String> {
        inlines
            .iter()
            .flat_map(|inline| match inline {
                Inline::Code(code) => vec![code.clone()],
                Inline::Emphasis(content) => codes(content),
                _ => Vec::new(),
            })
            .collect()
    }

    #[test]
    fn a_quoted_dash_has_no_space_inside_the_quotes() {
        assert_eq!(Rules::Russian.apply_to_text("знак \"--\" между"), "знак «—» между");
    }

    proptest! {
        #[test]
        fn rules_never_panic_touch_code_or_change_twice(mut inlines in inlines()) {
            let hyphenator = Hyphenator::new(&Default::default()).expect("dictionaries");
            let code = codes(&inlines);
            for rules in [Rules::Russian, Rules::English] {
                rules.apply(&mut inlines);
                let once = inlines.clone();
                rules.apply(&mut inlines);
                prop_assert_eq!(&inlines, &once);
                SoftHyphens::new(&hyphenator).insert(&mut inlines, "ru");
                prop_assert_eq!(codes(&inlines), code.clone());
            }
        }
    }
}
