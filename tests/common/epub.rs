//! An EPUB built and read back: the package's bytes, one entry's text, the
//! content documents. Shared by the test crates with `#[path]`, beside
//! `common/build.rs` as their module `build`.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use verstka::pipeline::Format;
use zip::ZipArchive;

/// Builds the EPUB of the book in `dir` and returns its bytes.
pub fn build_epub(dir: &Path) -> Vec<u8> {
    let (_out, built) = super::build::build_book(dir, vec![Format::Epub]);
    let built = built.unwrap().output;
    assert_eq!(built.files.len(), 1);
    std::fs::read(&built.files[0].path).unwrap()
}

/// The text of the package's entry `name` (`OEBPS/nav.xhtml`).
pub fn entry(epub: &[u8], name: &str) -> String {
    let mut archive = ZipArchive::new(Cursor::new(epub)).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// Every XHTML document by its name in `OEBPS/` (`chapter-01.xhtml`).
pub fn documents(epub: &[u8]) -> HashMap<String, String> {
    let archive = ZipArchive::new(Cursor::new(epub)).unwrap();
    let names: Vec<String> = archive.file_names().filter(|n| n.ends_with(".xhtml")).map(String::from).collect();
    names.into_iter().map(|name| (name.trim_start_matches("OEBPS/").to_string(), entry(epub, &name))).collect()
}
