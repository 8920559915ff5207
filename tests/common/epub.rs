//! An EPUB built and read back: the package's bytes, one entry's text, the
//! content documents. Shared by the test crates with `#[path]`.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use verstka::pipeline::{build, BuildOptions, Format, Progress};
use zip::ZipArchive;

/// Builds the EPUB of the book in `dir` and returns its bytes.
pub fn build_epub(dir: &Path) -> Vec<u8> {
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        book_dir: dir.to_path_buf(),
        out_dir: out.path().to_path_buf(),
        formats: vec![Format::Epub],
        root: None,
    };
    let built = build(&options, &Progress::hidden()).unwrap().output;
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
