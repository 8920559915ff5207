//! Hostile books, as a pull request from a stranger might bring them: each
//! case runs the release-shaped binary under a time limit and a 4 GiB
//! address-space limit, and asserts the exit code, the message with its
//! file and line, no panic or abort, no output written, and nothing touched
//! outside the output folder.
//!
//! One module per stage the case is about; the harness is here.

mod files;
mod limits;
mod manifest;
mod pdf;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one run may take before the test calls it a hang.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The address space a run may use: a case that needs more is unbounded.
const MEMORY_LIMIT: u64 = 4 << 30;

/// The smallest valid manifest, for cases that change something else.
pub const MANIFEST: &str = r#"[book]
title = "Проба"
authors = ["Автор"]

[[chapters]]
file = "chapters/01.md"
"#;

/// A book in a temporary folder: `<tmp>/book/…`, built into `<tmp>/out`.
pub struct Book {
    dir: tempfile::TempDir,
}

/// What one run did.
#[derive(Debug)]
pub struct Run {
    /// The exit code; `None` if a signal ended it (an abort, the memory limit).
    pub code: Option<i32>,
    pub stderr: String,
    pub stdout: String,
    pub elapsed: Duration,
}

impl Book {
    /// A book with [`MANIFEST`] and a one-line chapter.
    #[allow(clippy::new_without_default, reason = "each call makes a new folder on disk: not a default value")]
    pub fn new() -> Book {
        Book::with(MANIFEST, "# Глава\n\nТекст.\n")
    }

    /// A book with this manifest and this first chapter (`chapters/01.md`).
    pub fn with(manifest: &str, chapter: &str) -> Book {
        let book = Book { dir: tempfile::tempdir().unwrap() };
        book.write("book.toml", manifest.as_bytes());
        book.write("chapters/01.md", chapter.as_bytes());
        book
    }

    /// Writes a file of the book (a path relative to the book folder).
    pub fn write(&self, path: &str, contents: &[u8]) -> PathBuf {
        let path = self.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// The book folder.
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("book")
    }

    /// The folder the book was given, holding the book and the output folder.
    pub fn parent(&self) -> &Path {
        self.dir.path()
    }

    /// The output folder `build` writes into.
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// `verstka build book --out out <args…>` in the book's parent folder.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build", "book", "--out", "out"];
        all.extend_from_slice(args);
        run(self.parent(), &all)
    }

    /// `verstka check book <args…>`.
    pub fn check(&self, args: &[&str]) -> Run {
        let mut all = vec!["check", "book"];
        all.extend_from_slice(args);
        run(self.parent(), &all)
    }

    /// The files `build` left in the output folder, hidden ones included.
    pub fn outputs(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.out()) else { return Vec::new() };
        let mut names: Vec<String> = entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    /// Asserts the build failed with a message containing `culprit`
    /// (`book.toml:6:8: error: …`) and wrote nothing at all.
    #[track_caller]
    pub fn assert_build_fails(&self, culprit: &str) -> Run {
        let run = self.build(&[]);
        run.assert_fails(culprit);
        assert!(self.outputs().is_empty(), "output left behind: {:?}", self.outputs());
        run
    }
}

impl Run {
    /// Asserts a clean failure: exit 1, a message naming `culprit`, no panic.
    #[track_caller]
    pub fn assert_fails(&self, culprit: &str) {
        self.assert_no_crash();
        assert_eq!(self.code, Some(1), "{}", self.stderr);
        assert!(self.stderr.contains(culprit), "expected `{culprit}` in:\n{}", self.stderr);
    }

    /// Asserts the run ended by itself, without a panic, an abort or a signal.
    #[track_caller]
    pub fn assert_no_crash(&self) {
        assert!(
            self.code.is_some(),
            "ended by a signal (abort, memory limit) after {:?}:\n{}",
            self.elapsed,
            self.stderr
        );
        assert_ne!(self.code, Some(101), "panicked:\n{}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "panicked:\n{}", self.stderr);
    }
}

/// Runs verstka in `dir` under the time and memory limits; a run past the
/// time limit is killed and fails the test.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    run_with_env(dir, args, ("VERSTKA_TEST", "1"))
}

/// [`run`] with one more environment variable set.
pub fn run_with_env(dir: &Path, args: &[&str], (name, value): (&str, &str)) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_verstka"));
    command.args(args).current_dir(dir).env_remove("SOURCE_DATE_EPOCH").env(name, value);
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    limit_memory(&mut command);
    let start = Instant::now();
    let mut child = command.spawn().expect("verstka runs");
    let (mut stdout, mut stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out_reader = std::thread::spawn(move || read_all(&mut stdout));
    let err_reader = std::thread::spawn(move || read_all(&mut stderr));
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("verstka {args:?} ran past {TIME_LIMIT:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = start.elapsed();
    Run { code: status.code(), stdout: out_reader.join().unwrap(), stderr: err_reader.join().unwrap(), elapsed }
}

fn read_all(from: &mut impl Read) -> String {
    let mut bytes = Vec::new();
    let _ = from.read_to_end(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(unix)]
fn limit_memory(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit { rlim_cur: MEMORY_LIMIT, rlim_max: MEMORY_LIMIT };
            match libc::setrlimit(libc::RLIMIT_AS, &limit) {
                0 => Ok(()),
                _ => Err(std::io::Error::last_os_error()),
            }
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_: &mut Command) {}

#[test]
fn a_good_book_passes_the_harness() {
    let book = Book::new();
    let run = book.build(&[]);
    run.assert_no_crash();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(book.outputs(), ["proba.epub", "proba.pdf"]);
}

#[test]
fn a_failing_book_is_seen_by_the_harness() {
    let book = Book::with(MANIFEST, "");
    std::fs::remove_file(book.path().join("chapters/01.md")).unwrap();
    book.assert_build_fails("book.toml:6:8: error: chapter file `chapters/01.md` not found");
}
