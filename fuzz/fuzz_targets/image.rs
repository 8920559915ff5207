//! An image as any bytes, shown in a chapter: probing its header and
//! decoding it for both editions returns an edition or an error, never a
//! panic or an allocation the machine cannot make.
#![no_main]

#[path = "scratch_book.rs"]
mod scratch_book;

use libfuzzer_sys::fuzz_target;
use verstka::manifest::Manifest;
use verstka::{document, epub, pdf};

fn render(image: &[u8]) -> verstka::Result<()> {
    scratch_book::write("chapters/01.md", "# Рисунок\n\n![схема](figure.png)\n".as_bytes());
    scratch_book::write("chapters/figure.png", image);
    let book = document::load(Manifest::load(scratch_book::folder())?)?;
    epub::render(&book)?;
    let press = book.manifest.print_config().press;
    pdf::render(&book, &[pdf::Edition::Reader, pdf::Edition::Print(press)])?;
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = render(data);
});
