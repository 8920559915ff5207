//! `book.toml` as any bytes: the manifest stage returns a manifest or an
//! error, never a panic, an abort or a hang.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// An empty book folder to resolve paths against.
fn root() -> &'static Path {
    static ROOT: OnceLock<tempfile::TempDir> = OnceLock::new();
    ROOT.get_or_init(|| tempfile::tempdir().expect("a temporary folder")).path()
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = verstka::manifest::Manifest::parse(root(), Path::new("book.toml"), text);
    }
});
