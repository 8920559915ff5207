//! Compile-time work: the EPUB's fonts are deflated once, here, instead of on
//! every build. They are most of an e-book's bytes and were most of its build
//! time; the EPUB copies their compressed data into each package as is, and
//! their licence with them.

use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

fn main() {
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
