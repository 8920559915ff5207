//! `build --watch`: the book built again whenever one of its files changes,
//! for a translator who keeps the PDF open in a viewer that reloads it.
//!
//! Changes are collected for a moment (an editor saves in several steps),
//! then one build runs; reading a file is not a change (every build reads
//! them all). A broken book is reported and waited out — the
//! editions written last stay in place — and the next save builds again.
//! Only a failure to watch the folder ends the loop.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecursiveMode, Watcher};

use super::{build, BuildOptions, BuildReport, Progress};
use crate::error::{Error, Result};

/// How long a save may go on: changes within it make one build.
const SETTLE: Duration = Duration::from_millis(150);

/// Builds the book now and after every change to it, handing each outcome
/// to `report`; `progress` makes the progress display of one build.
pub fn watch(
    options: &BuildOptions,
    progress: &dyn Fn() -> Progress,
    report: &mut dyn FnMut(BuildReport),
) -> Result<()> {
    // The book folder is watched by its real path, and the output folder is
    // told apart however it is spelled (`book/../book/build`, a symlink):
    // else every build's own files would start the next build.
    let book_dir = std::fs::canonicalize(&options.book_dir)
        .map_err(|e| Error::io(&options.book_dir, "cannot watch the book folder", e))?;
    std::fs::create_dir_all(&options.out_dir)
        .map_err(|e| Error::io(&options.out_dir, "cannot create the output folder", e))?;
    let outputs = OutputFolder::new(&options.out_dir);
    let (sender, changes) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(sender).map_err(|e| cannot_watch(&book_dir, e))?;
    watcher.watch(&book_dir, RecursiveMode::Recursive).map_err(|e| cannot_watch(&book_dir, e))?;
    report(run(options, progress));
    while let Ok(event) = changes.recv() {
        if changes_the_book(&event.map_err(|e| cannot_watch(&book_dir, e))?, &outputs) {
            settle(&changes, &outputs);
            report(run(options, progress));
        }
    }
    Ok(())
}

/// Waits until the book has not changed for [`SETTLE`]; other events (a
/// viewer reading the output) do not hold the build back.
fn settle(changes: &mpsc::Receiver<notify::Result<Event>>, outputs: &OutputFolder) {
    let mut quiet_from = Instant::now() + SETTLE;
    while let Some(left) = quiet_from.checked_duration_since(Instant::now()) {
        match changes.recv_timeout(left) {
            Ok(Ok(event)) if changes_the_book(&event, outputs) => quiet_from = Instant::now() + SETTLE,
            Ok(_) => {}
            Err(_) => return,
        }
    }
}

fn run(options: &BuildOptions, progress: &dyn Fn() -> Progress) -> BuildReport {
    let progress = progress();
    let outcome = build(options, &progress);
    progress.finish();
    BuildReport::new(outcome, progress.timings())
}

/// The output folder, by the path it was given and by its real path.
struct OutputFolder {
    given: PathBuf,
    real: PathBuf,
}

impl OutputFolder {
    fn new(path: &Path) -> OutputFolder {
        let given = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| given.clone());
        OutputFolder { given, real }
    }

    /// Whether `path` lies in the output folder: by its spelling, or by its
    /// folder's real path (the file itself may be gone already).
    fn holds(&self, path: &Path) -> bool {
        path.starts_with(&self.given)
            || path.starts_with(&self.real)
            || path
                .parent()
                .and_then(|folder| std::fs::canonicalize(folder).ok())
                .is_some_and(|f| f.starts_with(&self.real))
    }
}

/// Whether `event` can change the book: not a file being read (the build
/// reads them all), not our own output (the output folder may be inside the
/// book folder), not a hidden file (editors' swap files, our temporaries).
fn changes_the_book(event: &Event, outputs: &OutputFolder) -> bool {
    !matches!(event.kind, EventKind::Access(_)) && event.paths.iter().any(|path| is_source(path, outputs))
}

fn is_source(path: &Path, outputs: &OutputFolder) -> bool {
    let hidden = path.file_name().and_then(|name| name.to_str()).is_some_and(|name| name.starts_with('.'));
    !hidden && !outputs.holds(path)
}

fn cannot_watch(book_dir: &Path, error: notify::Error) -> Error {
    Error::io(book_dir, "cannot watch the book folder", std::io::Error::other(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_and_hidden_files_are_not_sources() {
        let outputs = &OutputFolder::new(Path::new("/books/zig/build"));
        assert!(is_source(Path::new("/books/zig/chapters/01.md"), outputs));
        assert!(is_source(Path::new("/books/zig/book.toml"), outputs));
        assert!(!is_source(Path::new("/books/zig/build/zig.pdf"), outputs));
        assert!(!is_source(Path::new("/books/zig/chapters/.01.md.swp"), outputs));
        assert!(!is_source(Path::new("/books/zig/build/.zig.pdf.part"), outputs));
        let event = |kind| Event::new(kind).add_path("/books/zig/book.toml".into());
        assert!(!changes_the_book(&event(EventKind::Access(notify::event::AccessKind::Any)), outputs), "a read");
        assert!(changes_the_book(&event(EventKind::Modify(notify::event::ModifyKind::Any)), outputs));
    }

    #[test]
    fn the_output_folder_is_known_however_it_is_spelled() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book");
        std::fs::create_dir_all(book.join("build")).unwrap();
        let outputs = OutputFolder::new(&book.join("../book/build"));
        assert!(outputs.holds(&book.join("build/a.pdf")));
        assert!(!outputs.holds(&book.join("chapters/01.md")));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(book.join("build"), dir.path().join("out")).unwrap();
            let outputs = OutputFolder::new(&dir.path().join("out"));
            assert!(outputs.holds(&book.join("build/a.pdf")), "the real folder behind a symlink");
        }
    }
}
