//! A chapter as any Markdown: the whole pipeline — document, typography,
//! highlighting, both editions — returns bytes or an error, never a panic,
//! an abort, a stack overflow or a hang.
#![no_main]

#[path = "scratch_book.rs"]
mod scratch_book;

use libfuzzer_sys::fuzz_target;
use verstka::manifest::Manifest;
use verstka::{document, epub, highlight, pdf, typography};

fn render(markdown: &str) -> verstka::Result<()> {
    scratch_book::write("chapters/01.md", markdown.as_bytes());
    let mut book = document::load(Manifest::load(scratch_book::folder())?)?;
    typography::apply(&mut book)?;
    highlight::apply(&mut book)?;
    epub::render(&book)?;
    let press = book.manifest.print_config().press;
    pdf::render(&book, &[pdf::Edition::Reader, pdf::Edition::Print(press)])?;
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    if let Ok(markdown) = std::str::from_utf8(data) {
        let _ = render(markdown);
    }
});
