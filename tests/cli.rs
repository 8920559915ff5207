//! The command line on real books: good ones build, bad ones fail with a
//! message naming the culprit and leave no output behind.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn verstka(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_verstka"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the verstka binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const MANIFEST: &str = r#"[book]
title = "Проба"
authors = ["Автор"]

[[chapters]]
file = "chapters/01.md"
"#;

/// A book in a temporary folder made of `(path, contents)` pairs.
fn book(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, contents) in files {
        let path = dir.path().join("book").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    dir
}

/// Builds the book in `dir/book` and asserts it fails naming `culprit`,
/// leaving nothing in the output folder.
fn assert_fails(dir: &tempfile::TempDir, culprit: &str) -> String {
    let output = verstka(&["build", "book", "--out", "out"], dir.path());
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains(culprit), "expected `{culprit}` in: {message}");
    assert!(!message.contains("panicked") && !message.contains("RUST_BACKTRACE"), "{message}");
    let left: Vec<_> = std::fs::read_dir(dir.path().join("out")).map(|d| d.collect()).unwrap_or_default();
    assert!(left.is_empty(), "output left behind: {left:?}");
    message
}

#[test]
fn missing_book_folder() {
    let dir = tempfile::tempdir().unwrap();
    assert_fails(&dir, "book: error: book folder not found");
    let watching = verstka(&["build", "--watch", "book"], dir.path());
    assert_eq!(watching.status.code(), Some(1), "nothing to watch: {}", stderr(&watching));
    assert!(stderr(&watching).starts_with("book: error: book folder not found"), "{}", stderr(&watching));
}

#[test]
fn missing_manifest() {
    let dir = book(&[("chapters/01.md", b"# One\n")]);
    assert_fails(&dir, "book/book.toml: error: no book.toml");
}

#[test]
fn toml_syntax_error_names_line_and_column() {
    let dir = book(&[("book.toml", b"[book]\ntitle = \"open\nauthors = [\"a\"]\n")]);
    assert_fails(&dir, "book/book.toml:2:");
}

#[test]
fn unknown_key_names_key_and_line() {
    let text = MANIFEST.replace("authors", "subtitel = \"x\"\nauthors");
    let dir = book(&[("book.toml", text.as_bytes()), ("chapters/01.md", b"# One\n")]);
    let message = assert_fails(&dir, "book/book.toml:3:1: error: unknown field `subtitel`");
    assert!(message.contains("help:"), "{message}");
}

#[test]
fn missing_chapter_names_the_file() {
    let dir = book(&[("book.toml", MANIFEST.as_bytes())]);
    assert_fails(&dir, "book/book.toml:6:8: error: chapter file `chapters/01.md` not found");
}

#[test]
fn chapter_that_is_not_utf8() {
    let dir = book(&[("book.toml", MANIFEST.as_bytes()), ("chapters/01.md", b"# One\n\n\xcf\xf0\xe8\xe2\xe5\xf2\n")]);
    assert_fails(&dir, "book/chapters/01.md:3:1: error: the chapter is not valid UTF-8");
}

#[test]
fn empty_chapter_list() {
    let dir = book(&[("book.toml", b"[book]\ntitle = \"t\"\nauthors = [\"a\"]\n")]);
    assert_fails(&dir, "book/book.toml: error: the book has no chapters");
}

#[test]
fn missing_image_names_file_and_line() {
    let dir =
        book(&[("book.toml", MANIFEST.as_bytes()), ("chapters/01.md", "# Один\n\n![схема](нет.png)\n".as_bytes())]);
    assert_fails(&dir, "book/chapters/01.md:3:1: error: image `нет.png` not found");
}

#[test]
fn missing_or_unreadable_cover_names_the_manifest_line() {
    let chapter: (&str, &[u8]) = ("chapters/01.md", "# Один\n".as_bytes());
    let with_cover = |path: &str| format!("{MANIFEST}\n[epub]\ncover = \"{path}\"\n");
    let dir = book(&[("book.toml", with_cover("нет.jpg").as_bytes()), chapter]);
    assert_fails(&dir, "book/book.toml:9:9: error: cover image `нет.jpg` not found");
    let dir = book(&[("book.toml", with_cover("cover.bmp").as_bytes()), ("cover.bmp", b"BM"), chapter]);
    assert_fails(&dir, "book/book.toml:9:9: error: cover image `cover.bmp` is not a JPEG, PNG, GIF or SVG image");
}

#[test]
fn every_error_in_the_text_is_reported_in_one_run() {
    let manifest = format!("{MANIFEST}\n[[chapters]]\nfile = \"chapters/02.md\"\n");
    let dir = book(&[
        ("book.toml", manifest.as_bytes()),
        ("chapters/01.md", "# Один\n\n![схема](нет.png) и [там](02.md#нет)\n\n[^сноска] есть.\n".as_bytes()),
        ("chapters/02.md", "# Два\n\nСм. [раньше](01.md#один), [тут](#нет-такого).\n".as_bytes()),
    ]);
    let message = assert_fails(&dir, "verstka: 4 errors");
    let places: Vec<&str> = message
        .lines()
        .filter(|line| line.contains(": error: "))
        .map(|line| line.split(": error").next().unwrap())
        .collect();
    assert_eq!(
        places,
        ["book/chapters/01.md:3:1", "book/chapters/01.md:3:21", "book/chapters/01.md:5:1", "book/chapters/02.md:3:27"]
    );
}

#[test]
fn an_image_print_cannot_show_stops_the_pdf_not_the_epub() {
    let gif = b"GIF89a\x04\x00\x02\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff\x2c\x00\x00\x00\x00\x04\x00\x02\x00\x00\x02\x03\x84\x8f\x59\x00\x3b";
    let dir = book(&[
        ("book.toml", MANIFEST.as_bytes()),
        ("chapters/01.md", "# Один\n\nТекст.\n\n![Схема](diagram.gif)\n".as_bytes()),
        ("chapters/diagram.gif", gif),
    ]);
    let message = assert_fails(
        &dir,
        "book/chapters/01.md:5: error: image `diagram.gif`: the PDF editions take PNG, JPEG and SVG, not GIF",
    );
    assert!(message.contains("help: convert it to PNG"), "{message}");
    let epub = verstka(&["build", "book", "--out", "out", "--format", "epub"], dir.path());
    assert!(epub.status.success(), "the EPUB shows GIF: {}", stderr(&epub));
}

#[test]
fn unknown_anchor_names_file_and_line() {
    let dir = book(&[
        ("book.toml", MANIFEST.as_bytes()),
        ("chapters/01.md", "# Один\n\nСм. [там](#нет-такого).\n".as_bytes()),
    ]);
    assert_fails(&dir, "book/chapters/01.md:3:5: error: link to `#нет-такого`");
}

#[test]
fn link_to_a_file_outside_the_book() {
    let dir =
        book(&[("book.toml", MANIFEST.as_bytes()), ("chapters/01.md", "# Один\n\n[другая](02.md#x)\n".as_bytes())]);
    assert_fails(&dir, "book/chapters/01.md:3:1: error: link to `02.md`, which is not a chapter of the book");
}

#[test]
fn usage_errors_exit_with_2() {
    let output = verstka(&["build", "--format", "docx"], &repo());
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(verstka(&["publish"], &repo()).status.code(), Some(2));
}

#[test]
fn builds_the_project_book_into_one_epub_one_pdf_and_its_cover() {
    let out = tempfile::tempdir().unwrap();
    let output = verstka(&["build", "book", "--out", out.path().to_str().unwrap(), "-q"], &repo());
    assert!(output.status.success(), "{}", stderr(&output));
    let mut names: Vec<_> =
        std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["learning-zig-ru-cover.pdf", "learning-zig-ru.epub", "learning-zig-ru.pdf"]);
    assert!(output.stderr.is_empty(), "-q prints nothing: {}", stderr(&output));
}

#[test]
fn format_selects_one_edition() {
    let out = tempfile::tempdir().unwrap();
    let fixture = repo().join("tests/fixtures/books/full");
    let output =
        verstka(&["build", fixture.to_str().unwrap(), "-o", out.path().to_str().unwrap(), "-f", "epub"], &repo());
    assert!(output.status.success(), "{}", stderr(&output));
    let names: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["pamiat-v-zig.epub"]);
    assert!(stderr(&output).contains("wrote"), "{}", stderr(&output));
}

/// A book whose PDF cannot show two things as written: an emoji no font has
/// (line 3, and again on line 7: one warning per character and chapter) and
/// a raw HTML block (line 5).
fn book_with_warnings() -> tempfile::TempDir {
    book(&[
        ("book.toml", MANIFEST.as_bytes()),
        ("chapters/01.md", "# Глава\n\nУлыбка 😀 здесь.\n\n<div>разметка</div>\n\nИ снова 😀.\n".as_bytes()),
    ])
}

#[test]
fn build_warnings_name_file_and_line_in_every_format() {
    let dir = book_with_warnings();
    let text = verstka(&["build", "book", "-o", "out"], dir.path());
    assert!(text.status.success(), "{}", stderr(&text));
    let message = stderr(&text);
    assert!(message.contains("book/chapters/01.md:3: warning: no font has a glyph for '😀' (U+1F600)"), "{message}");
    assert!(message.contains("book/chapters/01.md:5:1: warning: raw HTML block"), "{message}");
    assert_eq!(message.matches("U+1F600").count(), 1, "once per character and chapter: {message}");
    assert!(message.ends_with("verstka: 2 warnings\n"), "{message}");

    let github = verstka(&["build", "book", "-o", "out", "--message-format", "github"], dir.path());
    let annotations = String::from_utf8_lossy(&github.stdout);
    assert!(annotations.contains("::warning file=book/chapters/01.md,line=3,title=verstka fonts::"), "{annotations}");
    assert!(annotations.contains("::warning file=book/chapters/01.md,line=5,col=1,title=verstka markup::"));
}

#[test]
fn build_json_ends_with_a_summary_of_what_was_written() {
    let dir = book_with_warnings();
    let output = verstka(&["build", "book", "-o", "out", "--message-format", "json"], dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&output.stdout).lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    let (summary, diagnostics) = lines.split_last().unwrap();
    assert_eq!(diagnostics.len(), 2);
    assert!(diagnostics.iter().all(|d| d["type"] == "diagnostic" && d["file"] == "book/chapters/01.md"));
    assert_eq!(summary["type"], "summary");
    assert_eq!((summary["warnings"].as_u64(), summary["errors"].as_u64()), (Some(2), Some(0)));
    assert_eq!(summary["chapters"], 1);
    for file in summary["files"].as_array().unwrap() {
        let path = dir.path().join(file["path"].as_str().unwrap());
        assert_eq!(std::fs::metadata(&path).unwrap().len(), file["bytes"].as_u64().unwrap(), "{path:?}");
        if file["format"] == "pdf" {
            let pages = lopdf::Document::load(&path).unwrap().get_pages().len();
            assert_eq!(summary["pages"].as_u64(), Some(pages as u64), "the summary counts the PDF's pages");
        }
    }
    let stages: Vec<&str> =
        summary["stages"].as_array().unwrap().iter().map(|s| s["stage"].as_str().unwrap()).collect();
    assert_eq!(stages.first(), Some(&"reading the book"));
    assert!(stages.contains(&"typesetting") && stages.contains(&"rendering"), "{stages:?}");
}

#[test]
fn deny_warnings_fails_the_build_and_shows_them_even_when_quiet() {
    let dir = book_with_warnings();
    let output = verstka(&["build", "book", "-o", "out", "--deny-warnings", "-q"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("book/chapters/01.md:3: error: no font has a glyph"), "{message}");
    assert!(message.contains("book/chapters/01.md:5:1: error: raw HTML block"), "{message}");
    let clean = book(&[("book.toml", MANIFEST.as_bytes()), ("chapters/01.md", "# Глава\n\nТекст.\n".as_bytes())]);
    let output = verstka(&["build", "book", "-o", "out", "--deny-warnings", "-q"], clean.path());
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn check_accepts_a_book_that_loads_and_rejects_one_that_does_not() {
    let dir = book(&[("book.toml", MANIFEST.as_bytes())]);
    let output = verstka(&["check", "book"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("chapters/01.md"), "{}", stderr(&output));
}

/// A `verstka build --watch` running in the background, stopped when dropped;
/// its stderr is collected as it comes.
struct Watcher {
    child: std::process::Child,
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Watcher {
    fn start(dir: &Path, args: &[&str]) -> Watcher {
        let mut child = Command::new(env!("CARGO_BIN_EXE_verstka"))
            .args(args)
            .current_dir(dir)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the verstka binary runs");
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let (stderr, sink) = (child.stderr.take().unwrap(), log.clone());
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        Watcher { child, log }
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits up to 30 s for `condition`.
    fn wait_until(&self, what: &str, condition: impl Fn() -> bool) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !condition() {
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting for {what}; the watcher said:\n{}",
                self.log()
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The text of the first chapter in the EPUB at `path`, or "" while there is none.
fn chapter_text(path: &Path) -> String {
    let Ok(bytes) = std::fs::read(path) else { return String::new() };
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return String::new() };
    let mut text = String::new();
    if let Ok(mut entry) = archive.by_name("OEBPS/chapter-01.xhtml") {
        std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
    }
    text
}

#[test]
fn watch_rebuilds_on_every_change_and_waits_out_errors() {
    let chapter = |text: &str| format!("# Один\n\nТекст {text}.\n");
    let dir = book(&[("book.toml", MANIFEST.as_bytes()), ("chapters/01.md", chapter("marker1").as_bytes())]);
    let source = dir.path().join("book/chapters/01.md");
    // The output folder inside the book folder: writing it must not start another build.
    let epub = dir.path().join("book/out/proba.epub");
    let watcher = Watcher::start(dir.path(), &["build", "--watch", "--format", "epub", "book", "--out", "book/out"]);
    watcher.wait_until("the first build", || chapter_text(&epub).contains("marker1"));

    std::fs::write(&source, chapter("marker2")).unwrap();
    watcher.wait_until("the rebuild after a change", || chapter_text(&epub).contains("marker2"));

    std::fs::write(&source, "# Один\n\nСм. [там](#нет-такого).\n").unwrap();
    watcher.wait_until("the error", || watcher.log().contains("01.md:3:5: error: link to `#нет-такого`"));
    assert!(chapter_text(&epub).contains("marker2"), "a broken book leaves the last edition in place");

    std::fs::write(&source, chapter("marker3")).unwrap();
    watcher.wait_until("the rebuild after the fix", || chapter_text(&epub).contains("marker3"));
    std::thread::sleep(std::time::Duration::from_millis(600));
    let log = watcher.log();
    assert!(log.starts_with("verstka: watching book (Ctrl-C to stop)\n"), "{log}");
    assert_eq!(
        log.matches("wrote book/out/proba.epub").count(),
        3,
        "one build per change, none for its own output: {log}"
    );
}

/// The output folder inside the book folder, spelled with `..` or reached
/// through a symlink: writing it must not start another build, ever.
#[test]
fn watch_ignores_its_output_folder_however_it_is_spelled() {
    let spellings: &[&str] = if cfg!(unix) { &["book/../book/out", "link-to-out"] } else { &["book/../book/out"] };
    for out in spellings {
        let dir = book(&[("book.toml", MANIFEST.as_bytes()), ("chapters/01.md", "# Один\n\nТекст.\n".as_bytes())]);
        std::fs::create_dir_all(dir.path().join("book/out")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("book/out"), dir.path().join("link-to-out")).unwrap();
        let watcher = Watcher::start(dir.path(), &["build", "--watch", "book", "--out", out]);
        watcher.wait_until("the first build", || watcher.log().matches("wrote ").count() == 2);
        std::thread::sleep(std::time::Duration::from_millis(1500));
        let log = watcher.log();
        assert_eq!(log.matches("wrote ").count(), 2, "one build, none for its own output ({out}): {log}");
    }
}
