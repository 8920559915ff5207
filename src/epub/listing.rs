//! Listings → XHTML that wraps like code.
//!
//! A reader's screen is often narrower than a listing's longest line, and a
//! line that wraps to the left edge, split inside a word, loses the
//! indentation that gives code its meaning. So each source line is a block
//! of its own whose continuations hang two columns past the line's own
//! indentation (`padding-left` and a negative `text-indent`, in `ch`, the
//! width of one column of the monospaced face), with a thin rule in that gap
//! beside the continuations (`styles/epub.css`, `.line`). Lines break at
//! spaces and at the `<wbr/>` put between tokens — after an opening bracket
//! or a comma, before a `.` that selects a field or method — so a wrapped
//! line never splits an identifier unless one alone is wider than the screen.

use super::escape::push_escaped;
use crate::document::{CodeBlock, CodeLine, TokenClass};

/// How far a continuation hangs past its line's indentation, in columns.
const HANG: usize = 2;

/// The columns a tab takes at the start of a line (`tab-size` in the stylesheet).
const TAB_COLUMNS: usize = 4;

/// Appends `code` as `<pre><code>`, one `<span class="line">` per source line.
/// Attributes of the info string (`test`, `ignore` …) are for `verstka
/// check`, never for readers. Each of `page_breaks` (an offset into the
/// code, lines joined by `\n`, and its marker) goes before the line it falls in.
pub fn push_listing(out: &mut String, code: &CodeBlock, page_breaks: &[(usize, String)]) {
    let mut page_breaks = page_breaks.iter().peekable();
    let mut line_start = 0;
    out.push_str("<pre><code");
    if let Some(language) = &code.language {
        super::escape::push_attribute(out, "class", &format!("language-{language}"), false);
    }
    out.push('>');
    for (n, line) in code.lines.iter().enumerate() {
        let line_end = line_start + line.spans.iter().map(|span| span.text.len()).sum::<usize>() + 1;
        while let Some((_, marker)) = page_breaks.next_if(|(offset, _)| *offset < line_end) {
            out.push_str(marker);
        }
        line_start = line_end;
        let hang = indentation(line) + HANG;
        // The rule in the gap: one column wide, from the second line of the block down.
        out.push_str(&format!(
            "<span class=\"line\" style=\"padding-left: {hang}ch; text-indent: -{hang}ch; \
             background-position: {}ch 1.35em\">",
            hang - 1
        ));
        push_line(out, line);
        // The line break stays in the text, for copying and for readers
        // without CSS; at the end of a block it adds no empty line.
        if n + 1 < code.lines.len() {
            out.push('\n');
        }
        out.push_str("</span>");
    }
    page_breaks.for_each(|(_, marker)| out.push_str(marker));
    out.push_str("</code></pre>\n");
}

/// The columns of a line's leading white space.
fn indentation(line: &CodeLine) -> usize {
    let text = line.spans.iter().map(|span| span.text.as_str());
    let mut columns = 0;
    for c in text.flat_map(str::chars) {
        match c {
            ' ' => columns += 1,
            '\t' => columns += TAB_COLUMNS,
            _ => break,
        }
    }
    columns
}

/// One line's spans, classed (plain text bare), with breaks between tokens.
/// The breaks are found in the line's whole text: a token may be split
/// over several spans (`std`, `.`, `heap`).
fn push_line(out: &mut String, line: &CodeLine) {
    let text: Vec<char> = line.spans.iter().flat_map(|span| span.text.chars()).collect();
    let mut index: usize = 0;
    for span in &line.spans {
        let classed = span.class != TokenClass::Plain;
        if classed {
            out.push_str(&format!("<span class=\"{}\">", span.class.css_class()));
        }
        let prose = matches!(span.class, TokenClass::Comment | TokenClass::DocComment | TokenClass::String);
        for c in span.text.chars() {
            let previous = index.checked_sub(1).map(|i| text[i]);
            if !prose && breaks_before(previous, c, text.get(index + 1).copied()) {
                out.push_str("<wbr/>");
            }
            let mut buffer = [0; 4];
            push_escaped(out, c.encode_utf8(&mut buffer));
            index += 1;
        }
        if classed {
            out.push_str("</span>");
        }
    }
}

/// Whether a line may break between `previous` and `c` (followed by
/// `next`): after an opening bracket or a comma that is not followed by a
/// space (which breaks anyway), and before a `.` that selects a field
/// (`gpa.allocator`, `).next`, `{}.init`), never in a number (`1.5`) or a range (`..`).
fn breaks_before(previous: Option<char>, c: char, next: Option<char>) -> bool {
    let Some(previous) = previous else { return false };
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let opens = matches!(previous, '(' | '[' | '{' | ',') && c != ' ' && !matches!(c, ')' | ']' | '}');
    let selects = c == '.'
        && (word(previous) && !previous.is_ascii_digit() || matches!(previous, ')' | ']' | '}'))
        && next.is_some_and(|n| word(n) && !n.is_ascii_digit());
    opens || selects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::CodeSpan;

    fn line(spans: &[(TokenClass, &str)]) -> CodeLine {
        CodeLine { spans: spans.iter().map(|&(class, text)| CodeSpan { class, text: text.to_string() }).collect() }
    }

    fn listing(lines: Vec<CodeLine>) -> String {
        let mut out = String::new();
        push_listing(&mut out, &CodeBlock { lines, ..Default::default() }, &[]);
        out
    }

    #[test]
    fn each_line_hangs_two_columns_past_its_indentation() {
        let out = listing(vec![
            line(&[(TokenClass::Plain, "fn f() {")]),
            line(&[(TokenClass::Plain, "    x;")]),
            line(&[(TokenClass::Plain, "\tx;")]),
        ]);
        assert!(out.starts_with("<pre><code><span class=\"line\" style=\"padding-left: 2ch; text-indent: -2ch; background-position: 1ch 1.35em\">fn f() {\n</span>"), "{out}");
        assert!(
            out.contains(
                "style=\"padding-left: 6ch; text-indent: -6ch; background-position: 5ch 1.35em\">    x;\n</span>"
            ),
            "{out}"
        );
        assert!(
            out.ends_with(
                "padding-left: 6ch; text-indent: -6ch; background-position: 5ch 1.35em\">\tx;</span></code></pre>\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn lines_break_between_tokens_never_inside_identifiers_numbers_or_strings() {
        let out = listing(vec![line(&[
            (TokenClass::Plain, "const a = std"),
            (TokenClass::Punctuation, "."),
            (TokenClass::Plain, "heap.GeneralPurposeAllocator(.{}){}.allocator(x,y)[0..1]; "),
            (TokenClass::Number, "1.5"),
            (TokenClass::String, "\"a.b(c,d)\""),
            (TokenClass::Comment, " // f(a.b)"),
        ])]);
        let text = out.split("1.35em\">").nth(1).unwrap();
        assert_eq!(
            text,
            "const a = std<span class=\"p\"><wbr/>.</span>heap<wbr/>.GeneralPurposeAllocator(<wbr/>.{}){}<wbr/>.allocator(<wbr/>x,<wbr/>y)[<wbr/>0..1]; \
             <span class=\"m\">1.5</span><span class=\"s\">&quot;a.b(c,d)&quot;</span><span class=\"c\"> // f(a.b)</span></span></code></pre>\n"
        );
    }
}
