//! Findings and how they are printed, for every stage: one type for errors
//! and warnings ([`Diagnostic`]), a result that carries its warnings
//! ([`Warned`]), and one printer ([`print()`]) in three formats — compiler-style
//! text for people and editors, JSON lines for tools, GitHub Actions
//! annotations for pull requests.

use std::fmt::Write as _;
use std::io::{self, Write as _};

use serde::Serialize;

use crate::error::{Error, Location};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Which stage or check found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The book did not load (manifest, chapter files, links, images).
    Book,
    Zig,
    Spelling,
    Status,
    /// Markup the editions cannot show as written (raw HTML, images print cannot take).
    Markup,
    /// The cover: its front image, the spine's text.
    Cover,
    /// Characters the fonts cannot print.
    Fonts,
    /// Images the print file would print badly (resolution).
    Image,
    /// Lines and pages the typesetter could only set badly.
    Layout,
    /// The subject index: its file, markers, and terms that occur nowhere.
    Index,
    /// The translator's term base, `[check.terms]`.
    Terms,
}

/// One finding at one place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub category: Category,
    /// The file, and line and column where known.
    #[serde(serialize_with = "location_fields", flatten)]
    pub location: Location,
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(category: Category, location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, category, location, message: message.into(), help: None }
    }

    pub fn warning(category: Category, location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, category, location, message: message.into(), help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// An error that stopped the book from loading, as findings (one for
    /// each error it holds).
    pub fn from_error(error: &Error) -> Vec<Self> {
        let (location, message) = match error {
            Error::Book { location, message, .. } => (location.clone(), message.clone()),
            Error::Io { path, action, source } => (Location::file(path), format!("{action}: {source}")),
            Error::Render { edition, message } => (Location::default(), format!("{edition}: {message}")),
            Error::Many(errors) => return errors.iter().flat_map(Diagnostic::from_error).collect(),
        };
        let diagnostic = Diagnostic::error(Category::Book, location, message);
        vec![match error.help() {
            Some(help) => diagnostic.with_help(help),
            None => diagnostic,
        }]
    }

    /// The finding as an error of the book, for a stage that stops on it.
    pub fn to_error(&self) -> Error {
        let error = Error::book(self.location.clone(), self.message.clone());
        match &self.help {
            Some(help) => error.with_help(help.clone()),
            None => error,
        }
    }

    /// `path:line:col: severity: message`, then `  help: …` if there is help.
    pub fn to_text(&self) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut text = String::new();
        let place = self.location.to_string();
        if !place.is_empty() {
            let _ = write!(text, "{place}: ");
        }
        let _ = write!(text, "{severity}: {}", self.message);
        if let Some(help) = &self.help {
            let _ = write!(text, "\n  help: {help}");
        }
        text
    }

    /// A GitHub Actions workflow command, which the pull request shows as an
    /// annotation on the line: `::error file=…,line=…,col=…,title=…::message`.
    pub fn to_github(&self) -> String {
        let command = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = vec![format!("file={}", github_property(&self.location.path.to_string_lossy()))];
        if self.location.line > 0 {
            properties.push(format!("line={}", self.location.line));
        }
        if self.location.column > 0 {
            properties.push(format!("col={}", self.location.column));
        }
        properties.push(format!("title=verstka {}", github_property(&format!("{:?}", self.category).to_lowercase())));
        let mut message = self.message.clone();
        if let Some(help) = &self.help {
            let _ = write!(message, "\nhelp: {help}");
        }
        format!("::{command} {}::{}", properties.join(","), github_data(&message))
    }

    /// One JSON object on one line.
    pub fn to_json(&self) -> String {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.insert("type".into(), "diagnostic".into());
        }
        value.to_string()
    }
}

/// A stage's output with the warnings found on the way (errors stop a stage:
/// they travel as [`Error`]).
#[derive(Debug)]
pub struct Warned<T> {
    pub output: T,
    pub warnings: Vec<Diagnostic>,
}

impl<T> Warned<T> {
    pub fn new(output: T, warnings: Vec<Diagnostic>) -> Self {
        Warned { output, warnings }
    }

    /// The output changed by `f`, the warnings kept.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Warned<U> {
        Warned { output: f(self.output), warnings: self.warnings }
    }
}

/// `--deny-warnings`: every warning becomes an error (as rustc's `-D
/// warnings` does), so it is shown and counted as one.
pub fn deny_warnings(diagnostics: &mut [Diagnostic]) {
    diagnostics.iter_mut().for_each(|diagnostic| diagnostic.severity = Severity::Error);
}

/// How findings are printed (`--message-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MessageFormat {
    /// Compiler-style lines on stderr, coloured on a terminal.
    #[default]
    Text,
    /// One JSON object a line on stdout.
    Json,
    /// GitHub Actions workflow commands on stdout: annotations on the lines.
    Github,
}

/// Prints `diagnostics` (warnings too unless `errors_only`) in `format`; a
/// closed pipe is the reader's choice, not an error.
pub fn print(diagnostics: &[Diagnostic], format: MessageFormat, errors_only: bool) {
    let mut shown = diagnostics.iter().filter(|d| !errors_only || d.severity == Severity::Error);
    let _ = match format {
        MessageFormat::Text => {
            let colours = crate::terminal::colours();
            let mut stderr = io::stderr().lock();
            shown.try_for_each(|d| writeln!(stderr, "{}", crate::terminal::paint(&d.to_text(), colours)))
        }
        MessageFormat::Json => {
            let mut stdout = io::stdout().lock();
            shown.try_for_each(|d| writeln!(stdout, "{}", d.to_json()))
        }
        MessageFormat::Github => {
            let mut stdout = io::stdout().lock();
            shown.try_for_each(|d| writeln!(stdout, "{}", d.to_github()))
        }
    };
}

/// A workflow command's message: `%`, CR and LF escaped.
fn github_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,` escaped.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `file`, `line`, `column` as separate JSON fields (`line`/`column` 0: unknown).
fn location_fields<S: serde::Serializer>(location: &Location, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(3))?;
    map.serialize_entry("file", &location.path.to_string_lossy())?;
    map.serialize_entry("line", &location.line)?;
    map.serialize_entry("column", &location.column)?;
    map.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_github_annotation_escapes_what_the_runner_reads() {
        let diagnostic =
            Diagnostic::warning(Category::Spelling, Location::at("book/ch,1.md", 3, 5), "unknown word «главв»: 100%")
                .with_help("add it to dictionary.txt");
        assert_eq!(
            diagnostic.to_github(),
            "::warning file=book/ch%2C1.md,line=3,col=5,title=verstka spelling::unknown word «главв»: 100%25%0Ahelp: add it to dictionary.txt"
        );
    }

    #[test]
    fn text_reads_like_a_compiler_message() {
        let diagnostic = Diagnostic::error(Category::Zig, Location::at("ch/02.md", 57, 11), "expected expression")
            .with_help("fix the listing");
        assert_eq!(diagnostic.to_text(), "ch/02.md:57:11: error: expected expression\n  help: fix the listing");
    }

    #[test]
    fn json_has_flat_location_fields() {
        let diagnostic = Diagnostic::warning(Category::Spelling, Location::at("a.md", 3, 4), "unknown word «счем»");
        let value: serde_json::Value = serde_json::from_str(&diagnostic.to_json()).unwrap();
        assert_eq!(value["type"], "diagnostic");
        assert_eq!(value["severity"], "warning");
        assert_eq!(value["category"], "spelling");
        assert_eq!(value["file"], "a.md");
        assert_eq!(value["line"], 3);
        assert_eq!(value["column"], 4);
        assert!(value.get("help").is_none());
    }

    #[test]
    fn load_errors_keep_their_place_and_help() {
        let error = Error::book(Location::at("book/ch.md", 7, 0), "link to `#x`").with_help("fix it");
        let diagnostics = Diagnostic::from_error(&error);
        assert_eq!(diagnostics[0].to_text(), "book/ch.md:7: error: link to `#x`\n  help: fix it");
        let second = Error::book(Location::at("book/ch.md", 9, 2), "image `a.png` not found");
        let both = Diagnostic::from_error(&Error::Many(vec![error, second]));
        assert_eq!(both.iter().map(|d| d.location.line).collect::<Vec<_>>(), [7, 9]);
    }
}
