//! One listing → lines of classed spans.

use syntect::easy::ScopeRegionIterator;
use syntect::parsing::{ParseState, ScopeStack};

use super::classes::classify;
use super::syntaxes::{self, Grammar};
use crate::document::{CodeLine, CodeSpan, TokenClass};

/// Splits `code` (as [`str::lines`] splits it) into lines of classed spans.
/// A line's spans, joined, are the line exactly; an empty line has no spans.
/// Without a grammar for `language` every line is one plain span.
pub fn highlight(language: Option<&str>, code: &str) -> Result<Vec<CodeLine>, syntect::Error> {
    match language.and_then(syntaxes::find) {
        Some(grammar) => highlight_with(&grammar, code),
        None => Ok(code.lines().map(plain_line).collect()),
    }
}

fn highlight_with(grammar: &Grammar, code: &str) -> Result<Vec<CodeLine>, syntect::Error> {
    let mut state = ParseState::new(grammar.syntax);
    let mut stack = ScopeStack::new();
    // The grammars expect each line with its newline.
    let mut buffer = String::new();
    let mut lines = Vec::new();
    for line in code.lines() {
        buffer.clear();
        buffer.push_str(line);
        buffer.push('\n');
        let ops = state.parse_line(&buffer, grammar.set)?;
        let mut spans = Vec::new();
        for (region, op) in ScopeRegionIterator::new(&ops, &buffer) {
            stack.apply(op)?;
            // The newline is not part of the line; it can only end a region.
            let text = region.strip_suffix('\n').unwrap_or(region);
            push_span(&mut spans, classify(stack.as_slice()), text);
        }
        lines.push(CodeLine { spans });
    }
    Ok(lines)
}

/// Appends `text`, merging it into the previous span when the class is the same.
fn push_span(spans: &mut Vec<CodeSpan>, class: TokenClass, text: &str) {
    if text.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.class == class => last.text.push_str(text),
        _ => spans.push(CodeSpan { class, text: text.to_string() }),
    }
}

fn plain_line(line: &str) -> CodeLine {
    let mut spans = Vec::new();
    push_span(&mut spans, TokenClass::Plain, line);
    CodeLine { spans }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(line: &CodeLine) -> String {
        line.spans.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn spans_join_to_the_lines() {
        let code = "const s = \"привет, {s}\\n\"; // ёж\r\n\n    x.y = 'ж';\n";
        let lines = highlight(Some("zig"), code).unwrap();
        let expected: Vec<&str> = code.lines().collect();
        assert_eq!(lines.iter().map(joined).collect::<Vec<_>>(), expected);
        assert!(lines[1].spans.is_empty());
    }

    #[test]
    fn unknown_or_missing_languages_are_one_plain_span_per_line() {
        for language in [None, Some("klingon")] {
            let lines = highlight(language, "const x = 1;\n\nfn f() {}").unwrap();
            assert_eq!(lines.len(), 3);
            assert_eq!(lines[0].spans, vec![CodeSpan { class: TokenClass::Plain, text: "const x = 1;".into() }]);
            assert!(lines[1].spans.is_empty());
        }
    }

    #[test]
    fn adjacent_spans_of_a_class_merge() {
        let lines = highlight(Some("zig"), "// a TODO b").unwrap();
        let classes: Vec<_> = lines[0].spans.iter().map(|s| s.class).collect();
        assert_eq!(classes, [TokenClass::Comment, TokenClass::Todo, TokenClass::Comment]);
    }
}
