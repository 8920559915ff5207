//! Listings from files, in mdBook's syntax: a fence holding only
//! `{{#include path}}` shows the file; `path:10:30` lines 10 to 30 (`:10`
//! line 10, `:10:` from 10 on, `::30` up to 30); `path:name` the lines
//! between `ANCHOR: name` and `ANCHOR_END: name`. Lines marking anchors are
//! never shown. `\{{#include …}}` shows the directive itself.
//!
//! This module reads the directive and cuts the excerpt; the parser resolves
//! the path (relative to the chapter, confined to the book) and reports
//! what is wrong at the directive's line.

/// A `{{#include …}}` line of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Directive<'a> {
    /// The file, as written (relative to the chapter).
    pub path: &'a str,
    pub selection: Selection<'a>,
}

/// Which part of the file the listing shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Selection<'a> {
    Whole,
    /// Lines `first..=last`, from 1; `None` is the file's start or end.
    Lines {
        first: Option<usize>,
        last: Option<usize>,
    },
    /// The lines between `ANCHOR: name` and `ANCHOR_END: name`.
    Anchor(&'a str),
}

/// The directive `line` holds, if it is one (spaces around it allowed).
pub(super) fn directive(line: &str) -> Option<Directive<'_>> {
    let inner = line.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let argument = inner.strip_prefix("#include")?;
    if !argument.starts_with(char::is_whitespace) {
        return None;
    }
    let argument = argument.trim();
    let (path, rest) = argument.split_once(':').unwrap_or((argument, ""));
    let selection = match rest.split_once(':') {
        None if rest.is_empty() => Selection::Whole,
        None if is_number(rest) => Selection::Lines { first: number(rest), last: number(rest) },
        Some((first, last)) if is_bound(first) && is_bound(last) => {
            Selection::Lines { first: number(first), last: number(last) }
        }
        // Not a range: an anchor name, which validation refuses if it holds a `:`.
        _ => Selection::Anchor(rest),
    };
    Some(Directive { path, selection })
}

/// `text` with mdBook's escape undone: a line `\{{#include …}}` shows the
/// directive itself. `None` when no line is escaped.
pub(super) fn unescape(text: &str) -> Option<String> {
    let escaped = |line: &str| line.trim_start().strip_prefix('\\').is_some_and(|rest| directive(rest).is_some());
    if !text.lines().any(escaped) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match escaped(line) {
            true => out.push_str(&line.replacen("\\{{", "{{", 1)),
            false => out.push_str(line),
        }
    }
    Some(out)
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// A line number, or nothing (the file's start or end).
fn is_bound(text: &str) -> bool {
    text.is_empty() || is_number(text)
}

fn number(text: &str) -> Option<usize> {
    text.parse().ok()
}

impl Directive<'_> {
    /// Whether the directive is well formed; else what is wrong with it.
    pub fn validate(&self) -> Result<(), String> {
        if self.path.is_empty() {
            return Err("`{{#include}}` names no file".into());
        }
        match self.selection {
            Selection::Lines { first: Some(0), .. } | Selection::Lines { last: Some(0), .. } => {
                Err("lines of an included file count from 1".into())
            }
            Selection::Lines { first: Some(first), last: Some(last) } if first > last => {
                Err(format!("the lines {first}:{last} run backwards"))
            }
            Selection::Anchor(name) if !name.chars().all(is_anchor_char) || name.is_empty() => {
                Err(format!("`{name}` is neither line numbers nor an anchor name"))
            }
            _ => Ok(()),
        }
    }

    /// The part of `file` the directive selects, without anchor lines,
    /// ending with a newline; or why it cannot be cut.
    pub fn excerpt(&self, file: &str) -> Result<String, String> {
        let lines: Vec<&str> = file.lines().collect();
        let selected: &[&str] = match self.selection {
            Selection::Whole => &lines,
            Selection::Lines { first, last } => {
                let first = first.unwrap_or(1);
                let last = last.unwrap_or(lines.len());
                if last > lines.len() {
                    return Err(format!("the file has {} lines, not {last}", lines.len()));
                }
                &lines[first - 1..last]
            }
            Selection::Anchor(name) => anchored(&lines, name)?,
        };
        let mut text = String::new();
        for line in selected.iter().filter(|line| anchor_marker(line).is_none()) {
            text.push_str(line);
            text.push('\n');
        }
        Ok(text)
    }
}

/// The lines strictly between `ANCHOR: name` and `ANCHOR_END: name`.
fn anchored<'l, 'f>(lines: &'l [&'f str], name: &str) -> Result<&'l [&'f str], String> {
    let start = lines
        .iter()
        .position(|line| anchor_marker(line) == Some((Marker::Start, name)))
        .ok_or_else(|| format!("no line `ANCHOR: {name}` in the file"))?;
    let end = lines[start..]
        .iter()
        .position(|line| anchor_marker(line) == Some((Marker::End, name)))
        .ok_or_else(|| format!("the anchor `{name}` has no `ANCHOR_END: {name}` after it"))?;
    Ok(&lines[start + 1..start + end])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Start,
    End,
}

/// `// ANCHOR: name` or `// ANCHOR_END: name` (any comment syntax before
/// it): which, and the name.
fn anchor_marker(line: &str) -> Option<(Marker, &str)> {
    let (marker, rest) = match line.find("ANCHOR_END:") {
        Some(at) => (Marker::End, &line[at + "ANCHOR_END:".len()..]),
        None => (Marker::Start, &line[line.find("ANCHOR:")? + "ANCHOR:".len()..]),
    };
    let name = rest.trim_start();
    let name = &name[..name.find(|c: char| !is_anchor_char(c)).unwrap_or(name.len())];
    (!name.is_empty()).then_some((marker, name))
}

fn is_anchor_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(first: Option<usize>, last: Option<usize>) -> Selection<'static> {
        Selection::Lines { first, last }
    }

    #[test]
    fn directives_take_mdbooks_forms() {
        let of = |line| directive(line).map(|d| (d.path, d.selection));
        assert_eq!(of("{{#include ../code/a.zig}}"), Some(("../code/a.zig", Selection::Whole)));
        assert_eq!(of("  {{ #include a.zig }}"), Some(("a.zig", Selection::Whole)));
        assert_eq!(of("{{#include a.zig:10:30}}"), Some(("a.zig", lines(Some(10), Some(30)))));
        assert_eq!(of("{{#include a.zig:10}}"), Some(("a.zig", lines(Some(10), Some(10)))));
        assert_eq!(of("{{#include a.zig:10:}}"), Some(("a.zig", lines(Some(10), None))));
        assert_eq!(of("{{#include a.zig::30}}"), Some(("a.zig", lines(None, Some(30)))));
        assert_eq!(of("{{#include a.zig:alloc}}"), Some(("a.zig", Selection::Anchor("alloc"))));
        assert_eq!(of("{{#includes a.zig}}"), None);
        assert_eq!(of("const a = \"{{#include a.zig}}\";"), None);
    }

    #[test]
    fn an_escaped_directive_is_shown() {
        assert_eq!(unescape("  \\{{#include a.zig}}\nx\n").as_deref(), Some("  {{#include a.zig}}\nx\n"));
        assert_eq!(unescape("x\\{{y}}\n"), None);
        assert!(directive("\\{{#include a.zig}}").is_none());
    }

    #[test]
    fn bad_ranges_are_refused() {
        assert!(directive("{{#include a.zig:0:3}}").unwrap().validate().is_err());
        assert!(directive("{{#include a.zig:5:3}}").unwrap().validate().is_err());
        assert!(directive("{{#include a.zig:a b}}").unwrap().validate().is_err());
        assert!(directive("{{#include a.zig:1:x}}").unwrap().validate().is_err());
        assert!(directive("{{#include :3}}").unwrap().validate().is_err());
        assert!(directive("{{#include a.zig:3:5}}").unwrap().validate().is_ok());
    }

    const FILE: &str = "const std = @import(\"std\");\n// ANCHOR: alloc\nvar a = 1;\n// ANCHOR: inner\nvar b = 2;\n// ANCHOR_END: inner\n// ANCHOR_END: alloc\nvar c = 3;\n";

    #[test]
    fn excerpts_are_cut_without_anchor_lines() {
        let cut = |line| directive(line).unwrap().excerpt(FILE);
        assert_eq!(cut("{{#include a.zig:alloc}}").unwrap(), "var a = 1;\nvar b = 2;\n");
        assert_eq!(cut("{{#include a.zig:inner}}").unwrap(), "var b = 2;\n");
        assert_eq!(cut("{{#include a.zig:3:5}}").unwrap(), "var a = 1;\nvar b = 2;\n");
        assert_eq!(cut("{{#include a.zig:8}}").unwrap(), "var c = 3;\n");
        assert_eq!(cut("{{#include a.zig::1}}").unwrap(), "const std = @import(\"std\");\n");
        assert_eq!(cut("{{#include a.zig}}").unwrap().lines().count(), 4);
        assert_eq!(cut("{{#include a.zig:7:9}}").unwrap_err(), "the file has 8 lines, not 9");
        assert_eq!(cut("{{#include a.zig:free}}").unwrap_err(), "no line `ANCHOR: free` in the file");
    }

    #[test]
    fn an_anchor_name_is_a_whole_word() {
        assert_eq!(anchor_marker("// ANCHOR: alloc_free"), Some((Marker::Start, "alloc_free")));
        assert_eq!(anchor_marker("    // ANCHOR_END: alloc"), Some((Marker::End, "alloc")));
        assert_eq!(anchor_marker("// ANCHOR:"), None);
        assert!(directive("{{#include a.zig:all}}").unwrap().excerpt(FILE).is_err());
    }
}
