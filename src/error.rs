//! Errors a user can act on.
//!
//! Every error that reaches the user names a place — a file, and a line and
//! column where there is one — in the compiler style editors understand:
//! `book/chapters/02.md:57:11: error: …`. A `help` line says what to do next.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// A place in a source file. Line and column count from 1; a line of 0
/// means the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The file as a whole, with no line.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location { path: path.into(), line: 0, column: 0 }
    }

    pub fn at(path: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location { path: path.into(), line, column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// Everything that can stop a build or a check.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something wrong in the book itself: the manifest, a chapter, a link.
    #[error("{location}: error: {message}")]
    Book { location: Location, message: String, help: Option<String> },

    /// A file or folder that could not be read or written.
    #[error("{}: error: {action}: {source}", path.display())]
    Io { path: PathBuf, action: &'static str, source: io::Error },

    /// A renderer failed for a reason that is not the book's fault.
    #[error("error: {edition}: {message}")]
    Render { edition: &'static str, message: String },
    /// Several errors, in reading order, so one run reports them all.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Many(Vec<Error>),
}

impl Error {
    /// An error in the book at `location`.
    pub fn book(location: Location, message: impl Into<String>) -> Self {
        Error::Book { location, message: message.into(), help: None }
    }

    /// Adds a line that tells the user what to do next.
    pub fn with_help(mut self, text: impl Into<String>) -> Self {
        if let Error::Book { help, .. } = &mut self {
            *help = Some(text.into());
        }
        self
    }

    pub fn io(path: &Path, action: &'static str, source: io::Error) -> Self {
        Error::Io { path: path.to_path_buf(), action, source }
    }

    pub fn render(edition: &'static str, message: impl fmt::Display) -> Self {
        Error::Render { edition, message: message.to_string() }
    }

    /// `Ok` for no errors, the one error, or [`Error::Many`] (never nested).
    pub fn all(errors: Vec<Error>) -> Result<()> {
        let mut errors: Vec<Error> = errors.into_iter().flat_map(Error::into_vec).collect();
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Many(errors)),
        }
    }

    /// The single errors this one stands for.
    pub fn into_vec(self) -> Vec<Error> {
        match self {
            Error::Many(errors) => errors.into_iter().flat_map(Error::into_vec).collect(),
            single => vec![single],
        }
    }

    /// Where the error is, for an error in the book.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Book { location, .. } => Some(location),
            _ => None,
        }
    }

    /// The help line, if the error has one.
    pub fn help(&self) -> Option<&str> {
        match self {
            Error::Book { help, .. } => help.as_deref(),
            _ => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Line and column (from 1, column in characters) of byte `offset` in
/// `text`, for a single diagnostic; many lookups in one text go through a
/// [`LineIndex`].
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_column(offset)
}

/// Bytes between two of the character counts a [`LineIndex`] keeps.
const CHAR_COUNT_STEP: usize = 64;

/// Lines and columns of one text, found in O(log n) for any byte offset:
/// made once per file, so a large chapter's thousands of blocks, links and
/// words never each count from the file's start.
pub struct LineIndex<'a> {
    text: &'a str,
    /// The byte offset where each line starts.
    line_starts: Vec<usize>,
    /// Entry `i`: the characters before byte `i × CHAR_COUNT_STEP`, so a
    /// column counts at most that many bytes however long its line is.
    chars_before: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let newlines = bytes.iter().enumerate().filter(|&(_, &b)| b == b'\n').map(|(i, _)| i + 1);
        let line_starts = std::iter::once(0).chain(newlines).collect();
        let mut chars_before = Vec::with_capacity(bytes.len() / CHAR_COUNT_STEP + 2);
        let mut count = 0;
        for chunk in bytes.chunks(CHAR_COUNT_STEP) {
            chars_before.push(count);
            count += char_starts(chunk);
        }
        chars_before.push(count);
        LineIndex { text, line_starts, chars_before }
    }

    /// The line (from 1) of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// Line and column (from 1, column in characters) of byte `offset`;
    /// an offset inside a character is that character's.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line(offset);
        let column = self.chars_before(offset) - self.chars_before(self.line_starts[line - 1]) + 1;
        (line, column)
    }

    /// The byte offset where `line` (from 1) starts; `None` past the last line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line.checked_sub(1)?).copied()
    }

    /// The characters before byte `offset`, a character boundary.
    fn chars_before(&self, offset: usize) -> usize {
        let step = offset / CHAR_COUNT_STEP;
        self.chars_before[step] + char_starts(&self.text.as_bytes()[step * CHAR_COUNT_STEP..offset])
    }
}

/// The characters that start in `bytes` of UTF-8: every byte but continuation bytes.
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_prints_like_a_compiler() {
        assert_eq!(Location::at("a/b.md", 3, 7).to_string(), "a/b.md:3:7");
        assert_eq!(Location::at("a/b.md", 3, 0).to_string(), "a/b.md:3");
        assert_eq!(Location::file("book.toml").to_string(), "book.toml");
    }

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "первая\nвторая строка";
        assert_eq!(line_column(text, 0), (1, 1));
        let offset = text.find("строка").unwrap();
        assert_eq!(line_column(text, offset), (2, 8));
    }

    #[test]
    fn the_index_agrees_with_counting_from_the_start() {
        // Lines longer than the index's step, multi-byte letters across its
        // boundaries, an empty line, a trailing newline, offsets inside letters.
        let text = format!("{}\n\n{}x\nяz\n", "ж".repeat(100), "a".repeat(130));
        let index = LineIndex::new(&text);
        for offset in 0..=text.len() + 2 {
            let before = &text[..floor_char_boundary(&text, offset.min(text.len()))];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
            assert_eq!(index.line_column(offset), (line, column), "offset {offset}");
        }
        assert_eq!(index.line_start(3), Some(202));
        assert_eq!(index.line_start(6), None);
    }
}
