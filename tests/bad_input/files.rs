//! Files a book may not read, and files it may: confinement to the book
//! folder (or `--root`), regular files only, images sized by their header.

use crate::{Book, MANIFEST};

/// A manifest whose one chapter is `file`.
fn manifest_with_chapter(file: &str) -> String {
    MANIFEST.replace("chapters/01.md", file)
}

/// A PNG header claiming `width` × `height`, with one empty IDAT: a few
/// dozen bytes that would decode to gigabytes.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    bytes.extend(b"\x00\x00\x00\x00IDAT\x00\x00\x00\x00\x00\x00\x00\x00IEND\xae\x42\x60\x82");
    bytes
}

#[test]
fn a_chapter_outside_the_book_is_refused_and_never_printed() {
    for file in ["/proc/self/environ", "../../../../../../../../etc/hostname"] {
        let book = Book::with(&manifest_with_chapter(file), "");
        let run = book.assert_build_fails(&format!(
            "book.toml:6:8: error: chapter file `{file}` is outside the book's root folder"
        ));
        let hostname = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
        assert!(hostname.trim().is_empty() || !run.stderr.contains(hostname.trim()), "{}", run.stderr);
        book.check(&[]).assert_fails("book.toml:6:8: error: chapter file");
    }
}

#[test]
fn the_environment_never_reaches_an_edition() {
    let book = Book::with(&manifest_with_chapter("/proc/self/environ"), "");
    let run =
        crate::run_with_env(book.parent(), &["build", "book", "--out", "out"], ("VERSTKA_TEST_SECRET", "s3cr3t-token"));
    assert_eq!(run.code, Some(1));
    assert!(!run.stderr.contains("s3cr3t-token"));
    assert!(book.outputs().is_empty());
}

#[cfg(unix)]
#[test]
fn a_symlink_or_a_path_leading_outside_is_refused() {
    let book =
        Book::with(&format!("{MANIFEST}\n[epub]\ncover = \"cover.png\"\n"), "# Глава\n\n![секрет](../../secret.svg)\n");
    let secret = book.parent().join("secret.png");
    std::fs::write(&secret, png_claiming(10, 10)).unwrap();
    std::os::unix::fs::symlink(&secret, book.path().join("cover.png")).unwrap();
    std::fs::write(book.parent().join("secret.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    book.assert_build_fails("book.toml:9:9: error: cover image `cover.png` is outside the book's root folder");
    std::fs::write(book.path().join("book.toml"), MANIFEST).unwrap();
    book.assert_build_fails("chapters/01.md:3:1: error: image `../../secret.svg` is outside the book's root folder");
    book.check(&[]).assert_fails("chapters/01.md:3:1: error: image `../../secret.svg` is outside");
}

#[test]
fn a_wider_root_admits_what_the_books_share() {
    let book = Book::with(MANIFEST, "# Глава\n\n![общая схема](../../shared/scheme.png)\n");
    let shared = book.parent().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(
        shared.join("scheme.png"),
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/books/full/images/memory.png")).unwrap(),
    )
    .unwrap();
    book.assert_build_fails(
        "chapters/01.md:3:1: error: image `../../shared/scheme.png` is outside the book's root folder",
    );
    let root = book.parent().to_str().unwrap().to_string();
    let run = book.build(&["--root", &root]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(book.outputs(), ["proba.epub", "proba.pdf"]);
    let elsewhere = tempfile::tempdir().unwrap();
    book.build(&["--root", elsewhere.path().to_str().unwrap()]).assert_fails("is not inside the --root folder");
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_not_read() {
    let book = Book::new();
    let chapter = book.path().join("chapters/01.md");
    std::fs::remove_file(&chapter).unwrap();
    let name = std::ffi::CString::new(chapter.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    book.assert_build_fails("book.toml:6:8: error: chapter file `chapters/01.md` is a FIFO, not a regular file");
    book.check(&[]).assert_fails("is a FIFO");

    let zero = Book::with(&manifest_with_chapter("/dev/zero"), "");
    let run = zero.build(&["--root", "/"]);
    run.assert_fails("book.toml:6:8: error: chapter file `/dev/zero` is a device, not a regular file");
    assert!(zero.outputs().is_empty());
}

#[test]
fn a_file_over_64_mib_is_refused_unread() {
    let book = Book::new();
    let chapter = std::fs::OpenOptions::new().write(true).open(book.path().join("chapters/01.md")).unwrap();
    chapter.set_len((64 << 20) + 1).unwrap();
    book.assert_build_fails("chapter file `chapters/01.md` is 64 MiB, more than the 64 MiB a file of a book may have");
}

#[test]
fn huge_images_are_refused_by_their_header() {
    for (width, height) in [(20_000, 20_000), (100_000, 100_000)] {
        let book = Book::with(MANIFEST, "# Глава\n\nТекст.\n\n![огромная](huge.png)\n");
        book.write("chapters/huge.png", &png_claiming(width, height));
        let expected = format!(
            "chapters/01.md:5:1: error: image `huge.png`: it is {width} × {height} pixels, more than the 50 megapixels"
        );
        let run = book.assert_build_fails(&expected);
        assert!(run.elapsed.as_secs() < 10, "{:?}", run.elapsed);
        book.check(&[]).assert_fails(&expected);
    }
}

#[test]
fn a_text_file_is_no_cover() {
    let book = Book::with(&format!("{MANIFEST}\n[epub]\ncover = \"cover.jpg\"\n"), "# Глава\n");
    book.write("cover.jpg", b"not an image at all");
    book.assert_build_fails("book.toml:9:9: error: cover image `cover.jpg` is not a JPEG, PNG, GIF or SVG image");
}

#[test]
fn a_byte_order_mark_is_not_text() {
    let book = Book::with(MANIFEST, "\u{feff}# Глава с меткой\n\nТекст.\n");
    book.write("book.toml", format!("\u{feff}{MANIFEST}").as_bytes());
    let manifest = verstka::manifest::Manifest::load(&book.path()).expect("the manifest loads");
    let loaded = verstka::document::load(manifest).expect("the book loads");
    assert_eq!(loaded.chapters[0].title, "Глава с меткой");
    assert!(matches!(loaded.chapters[0].blocks[0].kind, verstka::document::BlockKind::Heading(_)));
}

#[test]
fn builds_at_once_into_one_folder_all_succeed() {
    let book = Book::new();
    for _ in 0..10 {
        let runs: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..2).map(|_| scope.spawn(|| book.build(&[]))).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for run in runs {
            assert_eq!(run.code, Some(0), "{}", run.stderr);
        }
        assert_eq!(book.outputs(), ["proba.epub", "proba.pdf"], "no temporaries left");
        let pdf = std::fs::read(book.out().join("proba.pdf")).unwrap();
        let tail = &pdf[pdf.len().saturating_sub(16)..];
        assert!(pdf.starts_with(b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF"), "a whole PDF");
    }
}
