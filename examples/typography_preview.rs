//! Prints the prose of a book after the typography stage, one paragraph,
//! heading or cell a line, for a typographer to read: `~` marks a
//! non-breaking space, `·` a soft hyphen.
//!
//! `cargo run --example typography_preview -- book`

use std::path::PathBuf;

use verstka::document::{self, plain_text, InlineContext};
use verstka::manifest::Manifest;

fn main() -> Result<(), verstka::Error> {
    let dir = std::env::args_os().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("book"));
    let mut book = document::load(Manifest::load(&dir)?)?;
    verstka::typography::apply(&mut book)?;
    for chapter in &mut book.chapters {
        println!("=== {} ({})", chapter.file.display(), chapter.language);
        chapter.for_each_inline_run_mut(&mut |context, inlines| {
            let marker = match context {
                InlineContext::Heading => "#",
                InlineContext::Prose => "¶",
                InlineContext::TableCell => "|",
            };
            let text = plain_text(inlines).replace('\u{A0}', "~").replace('\u{AD}', "·");
            println!("{marker} {text}\n");
        });
    }
    Ok(())
}
