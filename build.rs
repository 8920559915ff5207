//! Compile-time work: the EPUB's fonts are deflated once, here, instead of on
//! every build. They are most of an e-book's bytes and were most of its build
//! time; the EPUB copies their compressed data into each package as is, and
//! their licence with them.

use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

fn main() {
    version();
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut fonts: Vec<_> = std::fs::read_dir("fonts")
        .expect("the fonts/ folder")
        .map(|entry| entry.expect("a readable fonts/ entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "ttf"))
        .collect();
    fonts.sort();
    println!("cargo:rerun-if-changed=fonts");

    let file = std::fs::File::create(Path::new(&out_dir).join("epub-fonts.zip")).expect("OUT_DIR is writable");
    let mut zip = ZipWriter::new(file);
    let best = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).compression_level(Some(9));
    for path in &fonts {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().expect("a file name").to_string_lossy();
        zip.start_file(format!("OEBPS/fonts/{name}"), best).expect("a zip entry");
        zip.write_all(&std::fs::read(path).expect("a readable font")).expect("font data");
    }
    // The licence travels with the fonts, as it requires; META-INF holds it
    // outside the publication (no manifest item, never shown).
    println!("cargo:rerun-if-changed=fonts/LICENSE-ParaType.txt");
    zip.start_file("META-INF/LICENSE-ParaType.txt", best).expect("a zip entry");
    zip.write_all(&std::fs::read("fonts/LICENSE-ParaType.txt").expect("the fonts' licence")).expect("licence text");
    zip.finish().expect("the fonts' zip");
}

/// `VERSTKA_VERSION` for `verstka --version`: the package's version, and the
/// commit being built when this is a git checkout with git at hand (a
/// crates.io download is not): `0.1.0 (commit 1a2b3c4d5e)`.
fn version() {
    // Watched only where they exist: a missing path would rerun this script
    // (and the font packing above) on every build.
    for path in [".git/HEAD", ".git/refs"].iter().filter(|p| Path::new(p).exists()) {
        println!("cargo:rerun-if-changed={path}");
    }
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    let output = std::process::Command::new("git").args(["rev-parse", "--short=10", "HEAD"]).output();
    let commit =
        output.ok().filter(|o| o.status.success()).map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    match commit.filter(|commit| !commit.is_empty()) {
        Some(commit) => println!("cargo:rustc-env=VERSTKA_VERSION={version} (commit {commit})"),
        None => println!("cargo:rustc-env=VERSTKA_VERSION={version}"),
    }
}
