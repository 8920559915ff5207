//! Hostile manifests: each is refused by `build` and `check` at the line and
//! column of the value at fault, before any chapter is read.

use crate::{Book, MANIFEST};

const CHAPTER: &str = "# Глава\n\nТекст.\n";

/// [`MANIFEST`] with these lines added to its `[book]` table, from line 4.
fn with_book(lines: &str) -> String {
    MANIFEST.replace("\n\n[[chapters]]", &format!("\n{lines}\n\n[[chapters]]"))
}

/// Asserts that `build` and `check` both refuse the manifest, naming
/// `culprit`, and that the build wrote nothing.
#[track_caller]
fn assert_refused(manifest: &str, culprit: &str) -> Book {
    let book = Book::with(manifest, CHAPTER);
    book.assert_build_fails(culprit);
    book.check(&[]).assert_fails(culprit);
    book
}

#[test]
fn a_nan_margin() {
    let manifest = format!("{MANIFEST}\n[pdf.margins]\ninner = nan\n");
    assert_refused(&manifest, "book/book.toml:9:9: error: `pdf.margins.inner` is NaN mm; use 0 to 100");
}

#[test]
fn a_font_size_of_zero() {
    let manifest = format!("{MANIFEST}\n[pdf]\nfont-size = 0\n");
    assert_refused(&manifest, "book/book.toml:9:13: error: `pdf.font-size` is 0 pt; use 5 to 30");
}

#[test]
fn a_font_size_of_ten_thousand() {
    let manifest = format!("{MANIFEST}\n[pdf]\nfont-size = 10000\n");
    assert_refused(&manifest, "book/book.toml:9:13: error: `pdf.font-size` is 10000 pt; use 5 to 30");
}

#[test]
fn an_infinite_font_size() {
    let manifest = format!("{MANIFEST}\n[pdf]\nfont-size = inf\n");
    assert_refused(&manifest, "book/book.toml:9:13: error: `pdf.font-size` is inf pt; use 5 to 30");
}

#[test]
fn a_leading_of_zero() {
    let manifest = format!("{MANIFEST}\n[pdf]\nleading = 0\n");
    assert_refused(&manifest, "book/book.toml:9:11: error: `pdf.leading` is 0 pt; use 10.5 to 31.5");
}

#[test]
fn a_bleed_of_a_metre() {
    let manifest = format!("{MANIFEST}\n[pdf]\nbleed = 1000\n");
    assert_refused(&manifest, "book/book.toml:9:9: error: `pdf.bleed` is 1000 mm; use 0 to 10");
}

#[test]
fn a_negative_margin() {
    let manifest = format!("{MANIFEST}\n[pdf.margins]\ntop = -5\n");
    assert_refused(&manifest, "book/book.toml:9:7: error: `pdf.margins.top` is -5 mm; use 0 to 100");
}

#[test]
fn margins_wider_than_the_page() {
    let manifest = format!("{MANIFEST}\n[pdf]\ntrim = \"a5\"\n\n[pdf.margins]\ninner = 80\nouter = 80\n");
    assert_refused(
        &manifest,
        "book/book.toml:12:9: error: the text block is -12 mm wide, narrower than 20 ems of 10.5 pt type (74 mm)",
    );
}

#[test]
fn a_trim_that_is_no_page_size() {
    let manifest = format!("{MANIFEST}\n[pdf]\ntrim = \"170x\"\n");
    assert_refused(&manifest, "book/book.toml:9:8: error: `pdf.trim` is `170x`, not a page size");
}

#[test]
fn an_empty_book_language() {
    assert_refused(
        &with_book("language = \"\""),
        "book/book.toml:4:12: error: `book.language` is ``, not a BCP 47 language tag",
    );
}

#[test]
fn a_garbage_book_language() {
    assert_refused(
        &with_book("language = \"не язык\""),
        "book/book.toml:4:12: error: `book.language` is `не язык`, not a BCP 47 language tag",
    );
}

#[test]
fn an_empty_chapter_language() {
    let manifest = format!("{MANIFEST}language = \"\"\n");
    assert_refused(&manifest, "book/book.toml:7:12: error: the chapter's `language` is ``, not a BCP 47 language tag");
}

#[test]
fn a_garbage_chapter_language() {
    let manifest = format!("{MANIFEST}language = \"en_US!!\"\n");
    assert_refused(
        &manifest,
        "book/book.toml:7:12: error: the chapter's `language` is `en_US!!`, not a BCP 47 language tag",
    );
}

#[test]
fn a_date_in_the_year_99999() {
    assert_refused(
        &with_book("date = \"99999-12-31\""),
        "book/book.toml:4:8: error: `book.date` is `99999-12-31`, not a date",
    );
}

#[test]
fn a_chapter_listed_twice() {
    let manifest = format!("{MANIFEST}\n[[chapters]]\nfile = \"./chapters/01.md\"\n");
    assert_refused(
        &manifest,
        "book/book.toml:9:8: error: chapter file `./chapters/01.md` is listed twice, first on line 6",
    );
}

#[test]
fn three_unknown_keys_are_all_reported() {
    let manifest = format!("{}\n[pdf]\nfnot-size = 11\n\n[typografy]\nenabled = false\n", with_book("titel = \"x\""));
    let culprits = [
        "book/book.toml:4:1: error: unknown field `titel`, expected one of `title`, `subtitle`, `authors`",
        "book/book.toml:10:1: error: unknown field `fnot-size`, expected one of `trim`, `margins`, `font-size`",
        "book/book.toml:12:2: error: unknown field `typografy`, expected one of `book`, `chapters`, `typography`",
    ];
    let book = assert_refused(&manifest, culprits[0]);
    let (build, check) = (book.build(&[]), book.check(&[]));
    for culprit in culprits {
        build.assert_fails(culprit);
        check.assert_fails(culprit);
    }
    assert!(build.stderr.contains("verstka: 3 errors"), "{}", build.stderr);
    assert!(check.stderr.contains("check: 3 errors"), "{}", check.stderr);
    let help = "  help: remove the key or fix its spelling; the README lists every key";
    assert_eq!(build.stderr.matches(help).count(), 3, "{}", build.stderr);
}

#[test]
fn an_absolute_output_name() {
    let outside = tempfile::tempdir().unwrap();
    let manifest = with_book(&format!("name = \"{}\"", outside.path().join("x").display()));
    assert_refused(&manifest, "book/book.toml:4:8: error: `book.name` is `/");
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0, "written outside the output folder");
    let tmp_x = ["/tmp/x.epub", "/tmp/x.pdf"].map(modified);
    assert_refused(
        &with_book("name = \"/tmp/x\""),
        "book/book.toml:4:8: error: `book.name` is `/tmp/x`, with a `/` or `\\`: it would write outside the output folder",
    );
    assert_eq!(["/tmp/x.epub", "/tmp/x.pdf"].map(modified), tmp_x, "written to /tmp");
}

#[test]
fn an_output_name_climbing_out_of_the_output_folder() {
    let book = Book::with(&with_book("name = \"../../x\""), CHAPTER);
    // out/../../x is beside the book's temporary folder.
    let climbed = book.parent().parent().unwrap().to_path_buf();
    let files = ["x.epub", "x.pdf", ".x.epub.part", ".x.pdf.part"].map(|name| climbed.join(name));
    let before = files.clone().map(modified);
    let culprit = "book/book.toml:4:8: error: `book.name` is `../../x`, with a `/` or `\\`: it would write outside the output folder";
    book.assert_build_fails(culprit);
    book.check(&[]).assert_fails(culprit);
    assert_eq!(files.map(modified), before, "written outside the output folder");
    let beside: Vec<_> = std::fs::read_dir(book.parent()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(beside.iter().all(|name| name == "book" || name == "out"), "{beside:?}");
}

/// When a file was last written, if it exists: the same before and after
/// a run means the run did not write it.
fn modified(path: impl AsRef<std::path::Path>) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
