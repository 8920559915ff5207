//! Where each value of `book.toml` stands, so an error about a value points
//! at its line and column.

use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::error::{line_column, Location};

/// The manifest as parsed, every key and value with its span.
pub(super) struct Spans<'a> {
    /// The manifest file, for locations.
    path: &'a Path,
    text: &'a str,
    root: &'a DeTable<'a>,
}

impl<'a> Spans<'a> {
    pub fn new(path: &'a Path, text: &'a str, root: &'a DeTable<'a>) -> Self {
        Spans { path, text, root }
    }

    /// Where the value at a dotted path stands (`"book.language"`,
    /// `"chapters.2.file"`, `"hyphenation.exceptions.0"`); the manifest as a
    /// whole when it does not set the value.
    pub fn location(&self, path: &str) -> Location {
        self.first_set(&[path])
    }

    /// Whether the manifest sets the value at a dotted path.
    pub fn is_set(&self, path: &str) -> bool {
        self.value(path).is_some()
    }

    /// The location of the first of `paths` the manifest sets, else of the
    /// manifest as a whole.
    pub fn first_set(&self, paths: &[&str]) -> Location {
        match paths.iter().find_map(|path| self.value(path)) {
            Some(value) => self.at(value.span().start),
            None => Location::file(self.path),
        }
    }

    /// The location of a byte offset of the manifest.
    pub fn at(&self, offset: usize) -> Location {
        let (line, column) = line_column(self.text, offset);
        Location::at(self.path, line, column)
    }

    fn value(&self, path: &str) -> Option<&'a Spanned<DeValue<'a>>> {
        let mut steps = path.split('.');
        let mut value = self.root.get(steps.next()?)?;
        for step in steps {
            value = match value.get_ref() {
                DeValue::Table(table) => table.get(step)?,
                DeValue::Array(array) => array.get(step.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(value)
    }
}
