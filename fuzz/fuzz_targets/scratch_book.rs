//! A book folder in a temporary folder, made once per fuzzing process, whose
//! chapter (and image) each input rewrites.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const MANIFEST: &str = "[book]\ntitle = \"Фазз\"\nauthors = [\"Автор\"]\n\n[[chapters]]\nfile = \"chapters/01.md\"\n";

/// The book folder: `book.toml` and `chapters/`.
pub fn folder() -> &'static Path {
    static BOOK: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &BOOK
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let root = dir.path().to_path_buf();
            std::fs::create_dir_all(root.join("chapters")).expect("a chapters folder");
            std::fs::write(root.join("book.toml"), MANIFEST).expect("a manifest");
            (dir, root)
        })
        .1
}

/// Writes `contents` to `path` in the book folder.
pub fn write(path: &str, contents: &[u8]) {
    std::fs::write(folder().join(path), contents).expect("the book folder is writable");
}
