//! `index.txt`: the index's entries, one a line.
//!
//! ```text
//! # a comment
//! аллокатор/K                            every form of a dictionary word
//! арена; выделение памяти на арене       a term and a subentry
//! `GeneralPurposeAllocator`              a code term: prose and inline code
//! куча = динамическая память             a see-reference: «куча, см. динамическая память»
//! ```
//!
//! The explicit markers in the text, `<!-- index: аллокатор; на стеке -->`,
//! name a term (and a subentry) the same way.

use super::forms::{FormError, Phrase};

/// One entry line, or one marker.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryLine {
    pub term: Term,
    pub subentry: Option<Term>,
    /// `= …`: the entry the reader is sent to.
    pub see: Option<String>,
    /// The line in the index file (from 1).
    pub line: usize,
}

/// A term as written: shown as `text`, looked for as `phrase`.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The term without its flags, as the index shows it.
    pub text: String,
    /// Written in backquotes: an identifier from the code.
    pub code: bool,
    pub phrase: Phrase,
}

impl Term {
    /// `аллокатор/K`, `динамическая память`, `` `std.mem.Allocator` ``.
    pub fn parse(text: &str) -> Result<Term, FormError> {
        let text = text.trim();
        if let Some(inner) = text.strip_prefix('`') {
            let code = inner.strip_suffix('`').filter(|c| !c.is_empty() && !c.contains('`'));
            let code =
                code.ok_or_else(|| format!("`{text}`: a code term is one pair of backquotes around the code"))?;
            return Ok(Term { text: code.to_string(), code: true, phrase: Phrase::of_code(code) });
        }
        let phrase = Phrase::of_words(text)?;
        let shown: Vec<&str> = text.split_whitespace().map(|word| word.split('/').next().unwrap_or(word)).collect();
        Ok(Term { text: shown.join(" "), code: false, phrase })
    }

    /// The key entries are merged by: the same term written twice is one entry.
    pub fn key(&self) -> String {
        if self.code {
            self.text.clone()
        } else {
            super::forms::normalize(&self.text)
        }
    }
}

/// Every entry of the file, or the errors with their lines.
pub fn parse(text: &str) -> Result<Vec<EntryLine>, Vec<(usize, FormError)>> {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let content = without_comment(line).trim();
        if content.is_empty() {
            continue;
        }
        match parse_line(content, number + 1) {
            Ok(entry) => entries.push(entry),
            Err(message) => errors.push((number + 1, message)),
        }
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// A marker's text after `index:`: a term and an optional subentry.
pub fn parse_marker(content: &str, line: usize) -> Result<EntryLine, FormError> {
    let entry = parse_line(content.trim(), line)?;
    if entry.see.is_some() {
        return Err("a marker names a term and a subentry; see-references go in the index file".into());
    }
    Ok(entry)
}

/// `#` starts a comment at the line's start or after a space (not inside a code term).
fn without_comment(line: &str) -> &str {
    let mut in_code = false;
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match c {
            '`' => in_code = !in_code,
            '#' if !in_code && previous.is_whitespace() => return &line[..at],
            _ => {}
        }
        previous = c;
    }
    line
}

fn parse_line(content: &str, line: usize) -> Result<EntryLine, FormError> {
    if let Some((term, see)) = split_outside_code(content, '=') {
        let see = see.trim();
        if see.is_empty() || split_outside_code(term, ';').is_some() {
            return Err("a see-reference is `term = other term`, without subentries".into());
        }
        return Ok(EntryLine { term: Term::parse(term)?, subentry: None, see: Some(see.to_string()), line });
    }
    let (term, subentry) = match split_outside_code(content, ';') {
        Some((term, subentry)) => {
            if split_outside_code(subentry, ';').is_some() {
                return Err("an entry has one level of subentries: `term; subentry`".into());
            }
            (term, Some(Term::parse(subentry)?))
        }
        None => (content, None),
    };
    Ok(EntryLine { term: Term::parse(term)?, subentry, see: None, line })
}

/// `text` split at the first `separator` outside backquotes.
fn split_outside_code(text: &str, separator: char) -> Option<(&str, &str)> {
    let mut in_code = false;
    for (at, c) in text.char_indices() {
        if c == '`' {
            in_code = !in_code;
        } else if c == separator && !in_code {
            return Some((&text[..at], &text[at + c.len_utf8()..]));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_line() {
        let text = "# comment\n\nаллокатор/K  # forms\nарена; выделение памяти на арене\n`a=b;c`\nкуча = динамическая память\n";
        let entries = parse(text).unwrap();
        assert_eq!(entries.len(), 4);
        assert_eq!((entries[0].term.text.as_str(), entries[0].line), ("аллокатор", 3));
        assert!(entries[0].term.phrase.words[0].contains("аллокаторами"));
        assert_eq!(entries[1].subentry.as_ref().unwrap().text, "выделение памяти на арене");
        assert!(entries[2].term.code && entries[2].term.text == "a=b;c" && entries[2].see.is_none());
        assert_eq!(entries[3].see.as_deref(), Some("динамическая память"));
    }

    #[test]
    fn bad_lines_are_errors_at_their_lines() {
        let errors = parse("ok\nа; б; в\n`code\nкуча = \nслово/☃\n").unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [2, 3, 4, 5]);
        assert!(parse_marker("куча = память", 1).is_err());
    }
}
