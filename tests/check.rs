//! `verstka check` on fixture books (`tests/fixtures/check/<name>/`) and on
//! the project's own book, through the real binary and the real Zig compiler
//! (found on PATH or installed into verstka's cache on first use).

use std::process::{Command, Output};

fn check(book: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_verstka")).arg("check").arg(book).args(args).output().expect("verstka runs")
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/check/{name}")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    stdout(output).lines().map(|line| serde_json::from_str(line).expect("every line is JSON")).collect()
}

#[test]
fn a_clean_book_passes_even_when_warnings_are_denied() {
    let output = check(&fixture("clean"), &["--deny-warnings"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("check: 0 errors, 0 warnings; Zig 0.11.0"), "{text}");
    assert!(text.contains("5 listings (1 compiled, 1 tested, 2 parsed, 1 expected to fail)"), "{text}");
}

#[test]
fn broken_listings_are_reported_at_their_markdown_lines() {
    let output = check(&fixture("broken-listings"), &[]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let file = "tests/fixtures/check/broken-listings/chapters/02-listings.md";
    for expected in [
        format!("{file}:7:15: error: expected expression, found ';'"),
        format!("{file}:16:28: error: use of undeclared identifier 'sum'"),
        format!("{file}:25:7: error: test \"равенство\" failed: expected 5, found 4 (TestExpectedEqual)"),
        format!("{file}:31: error: the listing is marked `compile_fail`, but it compiles"),
        format!("{file}:35: warning: unknown listing attribute `frgment`"),
        // An included listing is checked whole, at the included file's own lines.
        "tests/fixtures/check/broken-listings/code/broken.zig:5:16: error: use of undeclared identifier 'c'".into(),
    ] {
        assert!(text.contains(&expected), "missing «{expected}» in:\n{text}");
    }
    assert!(text.contains("check: 5 errors, 1 warning"), "{text}");
}

#[test]
fn a_broken_internal_link_is_an_error_at_its_line() {
    let output = check(&fixture("broken-link"), &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    let diagnostic = &lines[0];
    assert_eq!(diagnostic["type"], "diagnostic");
    assert_eq!(diagnostic["severity"], "error");
    assert_eq!(diagnostic["file"], "tests/fixtures/check/broken-link/chapters/02-two.md");
    assert_eq!((diagnostic["line"].as_u64(), diagnostic["column"].as_u64()), (Some(3), Some(8)));
    assert!(diagnostic["message"].as_str().unwrap().contains("#nowhere"));
    assert_eq!(lines.last().unwrap()["type"], "summary");
    assert_eq!(lines.last().unwrap()["errors"], 1);
}

#[test]
fn a_misspelled_word_is_a_warning_with_suggestions() {
    let output = check(&fixture("spelling"), &[]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("chapters/01-text.md:3:5: warning: unknown word «главв»"), "{text}");
    assert!(text.contains("did you mean «глав», «глава», «главе»?"), "{text}");
    // Inline code, URLs and the book's own words (`аллокатор/K`) pass.
    assert!(text.contains("check: 0 errors, 1 warning;"), "{text}");

    let denied = check(&fixture("spelling"), &["--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn quiet_prints_errors_only() {
    let warnings_only = check(&fixture("spelling"), &["--quiet"]);
    assert_eq!(stderr(&warnings_only), "");
    let errors = check(&fixture("broken-link"), &["-q"]);
    assert_eq!(stderr(&errors).lines().filter(|l| l.contains(": error: ")).count(), 1);
    assert!(!stderr(&errors).contains("check: "));
}

#[test]
fn external_links_are_listed_on_request() {
    let output = check(&fixture("spelling"), &["--external"]);
    assert_eq!(stdout(&output), "tests/fixtures/check/spelling/chapters/01-text.md:4:19: https://example.com/главв\n");
    assert_eq!(stdout(&check(&fixture("spelling"), &[])), "");
}

#[test]
fn empty_sections_and_chapters_make_the_status() {
    let output = check(&fixture("status"), &["--status"]);
    let text = stderr(&output);
    let started = "tests/fixtures/check/status/chapters/01-started.md";
    assert!(text.contains(&format!("{started}:13:1: warning: section «Не переведено» is empty")), "{text}");
    assert!(text.contains(&format!("{started}:15:1: warning: section «Тоже не переведено» is empty")), "{text}");
    assert!(text.contains("02-empty.md: warning: chapter «Пустая глава» is empty"), "{text}");
    assert!(!text.contains("section «Пустая глава»"), "an empty chapter is one warning: {text}");
    let table = stdout(&output);
    let rows: Vec<Vec<&str>> = table.lines().map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(rows[0], ["chapter", "words", "listings", "sections", "empty"]);
    assert_eq!(rows[1], [started, "13", "1", "4", "2"]);
    assert_eq!(rows[3], ["total", "15", "1", "5", "3"]);
}

#[test]
fn usage_errors_exit_with_2() {
    let output = check(&fixture("clean"), &["--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_book_as_given_shows_its_typos_and_empty_sections() {
    let output = check("book", &[]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "warnings only: {text}");
    let file = "book/chapters/06-heap-memory-and-allocators.md";
    for (place, word) in
        [("4:6", "счем"), ("19:5", "главв"), ("38:54", "привязяны"), ("90:21", "испольузется"), ("99:51", "освождена")]
    {
        let expected = format!("{file}:{place}: warning: unknown word «{word}»");
        assert!(text.contains(&expected), "missing «{expected}» in:\n{text}");
    }
    assert_eq!(text.matches("warning: unknown word").count(), 5, "book/dictionary.txt covers the terms: {text}");
    assert_eq!(text.matches("is empty").count(), 7, "{text}");
    assert!(text.contains(&format!("{file}:119:1: warning: section «Повторное освобождение и утечки памяти» is empty")));
    assert!(!text.contains("error:"), "the listing compiles with Zig 0.11.0: {text}");
}

#[test]
fn raw_html_blocks_are_warnings_and_unprintable_images_errors() {
    let output = check(&fixture("markup"), &[]);
    let text = stderr(&output);
    let chapter = "tests/fixtures/check/markup/chapters/01.md";
    let warnings: Vec<&str> = text.lines().filter(|line| line.contains("warning: raw HTML block")).collect();
    assert_eq!(warnings.len(), 2, "{text}");
    assert!(warnings[0].starts_with(&format!("{chapter}:5:1: warning: raw HTML block")), "{text}");
    assert!(warnings[1].starts_with(&format!("{chapter}:11:1: warning: raw HTML block")), "{text}");
    let image = "error: image `diagram.gif`: the PDF editions take PNG, JPEG and SVG, not GIF";
    assert!(text.contains(&format!("{chapter}:15: {image}")), "{text}");
    assert_eq!(output.status.code(), Some(1), "the image stops the print edition: {text}");
}

/// Checks started together on one cold cache — a test suite, CI jobs sharing
/// a cache — install Zig once, compile each listing once, and never corrupt
/// each other's compiles in Zig's shared cache. Two books, two checks each,
/// four processes at once; three rounds, each with no outcomes and no Zig
/// caches (the first with no compiler either, unless Zig is on PATH).
#[test]
fn concurrent_checks_on_a_cold_cache_all_succeed() {
    let cache = tempfile::tempdir().unwrap();
    let zig = cache.path().join("zig-0.11.0");
    for round in 0..3 {
        for folder in ["results", "locks", "zig-cache", "zig-global-cache"] {
            let _ = std::fs::remove_dir_all(zig.join(folder));
        }
        let books = ["clean", "broken-listings", "clean", "broken-listings"];
        let children: Vec<_> = books
            .iter()
            .map(|book| {
                Command::new(env!("CARGO_BIN_EXE_verstka"))
                    .args(["check", &fixture(book)])
                    .env("VERSTKA_CACHE_DIR", cache.path())
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("verstka runs")
            })
            .collect();
        for (book, child) in books.iter().zip(children) {
            let output = child.wait_with_output().unwrap();
            let text = stderr(&output);
            let (code, summary) = match *book {
                "clean" => (0, "check: 0 errors, 0 warnings; Zig 0.11.0"),
                _ => (1, "check: 5 errors, 1 warning; Zig 0.11.0"),
            };
            assert_eq!(output.status.code(), Some(code), "round {round}, {book}:\n{text}");
            assert!(text.contains(summary), "round {round}, {book}:\n{text}");
        }
    }
}

/// Listings whose tests loop forever, look for secrets or print 20 MB: the
/// loop is stopped at `[check] timeout` (5 s here: room for the other tests on a busy machine), the environment holds
/// no secret, the output is capped — and `--no-run` compiles them only.
#[test]
fn listing_tests_run_under_limits() {
    let book = fixture("hostile");
    let chapter = "tests/fixtures/check/hostile/chapters/01-hostile.md";
    let started = std::time::Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_verstka"))
        .args(["check", &book])
        .env("VERSTKA_SECRET", "s3cr3t")
        .output()
        .expect("verstka runs");
    let text = stderr(&output);
    assert!(text.contains(&format!("{chapter}:5: error: stopped after 5 s")), "{text}");
    assert!(!text.contains(":17:"), "the environment test passes: {text}");
    assert!(text.contains(&format!("{chapter}:35:5: error: test \"много вывода\" failed: xxx")), "{text}");
    assert!(text.contains("check: 2 errors"), "{text}");
    assert!(text.len() < 2_000, "the messages are short: {} bytes", text.len());
    assert!(started.elapsed() < std::time::Duration::from_secs(100), "{:?}", started.elapsed());

    let compiled_only = check(&book, &["--no-run"]);
    let text = stderr(&compiled_only);
    assert_eq!(compiled_only.status.code(), Some(0), "{text}");
    assert!(text.contains("check: 0 errors, 0 warnings"), "{text}");
}

/// A book from `verstka new`, in each language, passes the strictest check
/// as it is: its listing compiles and its test runs, every word is known.
#[test]
fn a_new_book_passes_check_with_warnings_denied() {
    for lang in ["ru", "en"] {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book");
        let created =
            Command::new(env!("CARGO_BIN_EXE_verstka")).args(["-q", "new"]).arg(&book).args(["--lang", lang]).status();
        assert!(created.unwrap().success());
        let output = check(book.to_str().unwrap(), &["--deny-warnings"]);
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(0), "{lang}: {text}");
        assert!(text.contains("check: 0 errors, 0 warnings; Zig 0.11.0") && text.contains("1 tested"), "{text}");
    }
}

#[test]
fn github_format_prints_annotations() {
    let output = check(&fixture("broken-link"), &["--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    let file = "tests/fixtures/check/broken-link/chapters/02-two.md";
    assert!(
        stdout(&output).starts_with(&format!("::error file={file},line=3,col=8,title=verstka book::")),
        "{}",
        stdout(&output)
    );
}
