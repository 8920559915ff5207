//! Listings: code in solid black in the mono font on a light background,
//! highlighted by weight and slant.
//!
//! A line longer than the measure wraps — at a space if that keeps at least
//! half the line, else at a token boundary, else anywhere — and its
//! continuation hangs under the code with a drawn `↳` marker (drawn, not a
//! glyph, so copied code stays clean). A listing of up to
//! [`UNSPLIT_LINES`] lines splits only at a cost, when a page would
//! otherwise end far short; any listing leaves two lines on each side of a
//! break but at a widow's cost, and never separates a wrapped line from
//! its continuation.

use crate::document::{CodeBlock, CodeLine, TokenClass};
use crate::highlight::Theme;
use crate::pdf::fonts::{Family, FontBook, FontStyle, Shaped};
use crate::pdf::page::{Color, Item, Tag};

use super::galley::{keep_lines_together, Slab, Start};
use super::pages::SPLIT_LISTING;
use super::structure::{tag_items, Structure};
use super::text::{baseline, runs};

/// Listings this short (in lines as printed) are split across pages only at a cost.
pub const UNSPLIT_LINES: usize = 12;
/// Code size and leading in points.
const SIZE: f32 = 8.5;
const LEADING: f32 = 10.5;
/// Padding between the background's edge and the code.
const PADDING: f32 = 4.0;
/// Continuation lines hang this many columns deeper than their line's indent.
const HANG: usize = 4;
/// The first code line's baseline below the listing's top.
pub const FIRST_BASELINE: f32 = PADDING + baseline(SIZE, LEADING);
const TAB: &str = "    ";

/// One printed line: its text in class runs, starting at column `indent`.
#[derive(Debug, Clone, PartialEq)]
pub struct VisualLine {
    pub indent: usize,
    pub continuation: bool,
    pub segments: Vec<(TokenClass, String)>,
    /// The source line wrapped here at spaces, which are not printed: its
    /// text reads on with one, so the wrap does not join two words.
    pub space_after: bool,
}

/// Sets `code` in a frame `measure` wide at x = 0, its text the content of
/// element `tag` of `structure`. A source line printed on several lines is
/// a `Span` of its own that reads as the source line, so copying the
/// listing gives its lines as they are in the file.
pub fn listing(
    code: &CodeBlock,
    measure: f32,
    theme: &Theme,
    fonts: &FontBook,
    structure: &Structure,
    tag: Tag,
) -> Vec<Slab> {
    let regular = FontStyle { family: Family::Mono, bold: false, italic: false };
    let column = fonts.shape("0", regular, SIZE).width.max(0.1);
    let columns = ((measure - 2.0 * PADDING) / column).floor().max(8.0) as usize;
    let mut tags = Vec::new();
    let mut lines: Vec<VisualLine> = Vec::new();
    for line in &code.lines {
        let wrapped = wrap(line, columns);
        let line_tag = match wrapped.len() {
            1 => tag,
            _ => structure.replaced(tag, &source_text(line)),
        };
        tags.extend(std::iter::repeat_n(line_tag, wrapped.len()));
        lines.extend(wrapped);
    }
    let mut line_starts = source_line_starts(code);
    let count = lines.len();
    let continued: Vec<bool> = lines.iter().skip(1).map(|line| line.continuation).chain([false]).collect();
    let mut slabs: Vec<Slab> = lines
        .into_iter()
        .enumerate()
        .zip(tags)
        .map(|((i, line), tag)| {
            let pad_top = if i == 0 { PADDING } else { 0.0 };
            let pad_bottom = if i + 1 == count { PADDING } else { 0.0 };
            let continuation = line.continuation;
            let mut slab = line_slab(line, column, measure, pad_top, pad_bottom, theme, fonts);
            if !continuation {
                slab.start = line_starts.next().map(|offset| Start { path: Vec::new(), offset });
            }
            tag_items(&mut slab.items, tag);
            slab
        })
        .collect();
    keep_lines_together(&mut slabs, 2);
    for (slab, continued) in slabs.iter_mut().zip(continued) {
        // A wrapped line stays with its continuation; a short listing splits only at a cost.
        slab.keep_with_next = continued;
        if count <= UNSPLIT_LINES {
            slab.break_cost = slab.break_cost.max(SPLIT_LISTING);
        }
    }
    if let Some(last) = slabs.last_mut() {
        last.keep_with_next = false;
        last.break_cost = 0.0;
    }
    slabs
}

/// A source line as printed, tabs as spaces.
fn source_text(line: &CodeLine) -> String {
    line.spans.iter().map(|span| span.text.replace('\t', TAB)).collect()
}

/// Where each source line of `code` starts in its text, lines joined by `\n`.
fn source_line_starts(code: &CodeBlock) -> impl Iterator<Item = usize> + '_ {
    code.lines.iter().scan(0, |offset, line| {
        let start = *offset;
        *offset += line.spans.iter().map(|span| span.text.len()).sum::<usize>() + 1;
        Some(start)
    })
}

fn line_slab(
    line: VisualLine,
    column: f32,
    measure: f32,
    pad_top: f32,
    pad_bottom: f32,
    theme: &Theme,
    fonts: &FontBook,
) -> Slab {
    let height = pad_top + LEADING + pad_bottom;
    let mut slab = Slab::new(height);
    slab.items.push(Item::Rect { x: 0.0, y: 0.0, width: measure, height, color: Color::grey(0.94) });
    let y = pad_top + baseline(SIZE, LEADING);
    if line.continuation {
        slab.items.extend(continuation_marker(PADDING + (line.indent - 2) as f32 * column, y, column));
    }
    let mut col = line.indent;
    let last = line.segments.iter().rposition(|(_, text)| !text.trim().is_empty());
    for (index, (class, text)) in line.segments.into_iter().enumerate() {
        let style = theme.style(class);
        let x = PADDING + col as f32 * column;
        let columns = text.chars().count();
        col += columns;
        // Only a line's last token may leave its columns: what follows keeps its place.
        let italic = style.italic && Some(index) == last;
        let shaped = shape_token(&text, style.bold, italic, columns as f32 * column, fonts);
        slab.items.extend(runs(shaped, SIZE, x, y, Color::from_rgb8(style.color)));
    }
    if let (true, Some(Item::Text(last))) = (line.space_after, slab.items.last_mut()) {
        last.text.push(' ');
    }
    slab
}

/// A token in the mono; a slanted one (a comment ending its line) in the
/// serif italic, as classic programming books set comments, since the mono
/// has no italic — unless the italic would run past the token's columns.
fn shape_token(text: &str, bold: bool, italic: bool, room: f32, fonts: &FontBook) -> Shaped {
    if italic {
        let shaped = fonts.shape(text, FontStyle { family: Family::Serif, bold, italic }, SIZE);
        if shaped.width <= room {
            return shaped;
        }
    }
    fonts.shape(text, FontStyle { family: Family::Mono, bold, italic: false }, SIZE)
}

/// A `↳` drawn with rules in the hanging indent, ending just before the code.
fn continuation_marker(x: f32, y: f32, column: f32) -> Vec<Item> {
    let color = Color::grey(0.45);
    let line = |x1: f32, y1: f32, x2: f32, y2: f32| Item::Line { x1, y1, x2, y2, thickness: 0.5, color };
    let (top, mid, tip) = (y - 0.65 * SIZE, y - 0.25 * SIZE, x + 1.5 * column);
    vec![
        line(x + 0.3 * column, top, x + 0.3 * column, mid),
        line(x + 0.3 * column, mid, tip, mid),
        line(tip - 0.25 * SIZE, mid - 0.2 * SIZE, tip, mid),
        line(tip - 0.25 * SIZE, mid + 0.2 * SIZE, tip, mid),
    ]
}

/// How good a break before a character is: at the edge of a run of spaces,
/// between tokens, or not a break at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BreakKind {
    None,
    Token,
    Space,
}

/// Wraps one source line into printed lines at most `columns` wide.
pub fn wrap(line: &CodeLine, columns: usize) -> Vec<VisualLine> {
    let chars: Vec<(char, TokenClass)> = line
        .spans
        .iter()
        .flat_map(|span| span.text.replace('\t', TAB).chars().map(move |c| (c, span.class)).collect::<Vec<_>>())
        .collect();
    let kinds = break_kinds(&chars);
    let lead = chars.iter().take_while(|(c, _)| *c == ' ').count();
    let hang = (lead + HANG).min(columns / 2);
    let mut lines = Vec::new();
    let mut start = 0;
    loop {
        let indent = if lines.is_empty() { 0 } else { hang };
        let width = columns - indent;
        if chars.len() - start <= width {
            lines.push(visual_line(&chars[start..], indent));
            return lines;
        }
        let end = break_before(&kinds, start, start + width);
        let mut line = visual_line(&chars[start..end], indent);
        line.space_after = chars[end - 1].0 == ' ' || chars[end].0 == ' ';
        lines.push(line);
        start = end;
        while start < chars.len() && chars[start].0 == ' ' {
            start += 1;
        }
        if start == chars.len() {
            return lines;
        }
    }
}

/// `kinds[i]`: how good a break before character `i` is.
fn break_kinds(chars: &[(char, TokenClass)]) -> Vec<BreakKind> {
    let kind = |(before, before_class): (char, TokenClass), (c, class): (char, TokenClass)| {
        if (before == ' ') != (c == ' ') {
            BreakKind::Space
        } else if before_class != class && c != ' ' {
            BreakKind::Token
        } else {
            BreakKind::None
        }
    };
    let mut kinds = vec![BreakKind::None; chars.len()];
    for i in 1..chars.len() {
        kinds[i] = kind(chars[i - 1], chars[i]);
    }
    kinds
}

/// Where to end a printed line that starts at `start` and may reach `limit`.
fn break_before(kinds: &[BreakKind], start: usize, limit: usize) -> usize {
    let last = |kind: BreakKind| (start + 1..=limit).rev().find(|&i| kinds[i] == kind);
    let half = start + (limit - start) / 2;
    match (last(BreakKind::Space), last(BreakKind::Token)) {
        (Some(space), _) if space >= half => space,
        (_, Some(token)) => token,
        (Some(space), None) => space,
        (None, None) => limit,
    }
}

fn visual_line(chars: &[(char, TokenClass)], indent: usize) -> VisualLine {
    let mut segments: Vec<(TokenClass, String)> = Vec::new();
    for &(c, class) in chars {
        match segments.last_mut() {
            Some((last, text)) if *last == class => text.push(c),
            _ => segments.push((class, c.to_string())),
        }
    }
    if let Some((_, text)) = segments.last_mut() {
        text.truncate(text.trim_end().len());
    }
    segments.retain(|(_, text)| !text.is_empty());
    VisualLine { indent, continuation: indent > 0, segments, space_after: false }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::CodeSpan;

    fn code(spans: &[(TokenClass, &str)]) -> CodeLine {
        CodeLine {
            spans: spans.iter().map(|(class, text)| CodeSpan { class: *class, text: text.to_string() }).collect(),
        }
    }

    fn texts(lines: &[VisualLine]) -> Vec<String> {
        lines.iter().map(|l| l.segments.iter().map(|(_, t)| t.as_str()).collect()).collect()
    }

    #[test]
    fn short_lines_stay_whole() {
        let line = code(&[(TokenClass::Storage, "const"), (TokenClass::Plain, " x = 1;")]);
        let lines = wrap(&line, 40);
        assert_eq!(texts(&lines), ["const x = 1;"]);
        assert_eq!(lines[0].segments[0], (TokenClass::Storage, "const".to_string()));
        assert!(!lines[0].continuation);
        assert_eq!(wrap(&code(&[]), 40).len(), 1);
    }

    #[test]
    fn long_lines_wrap_at_spaces_with_a_hanging_indent() {
        let text = "    var arr = try allocator.alloc(usize, try getRandomCount());";
        let lines = wrap(&code(&[(TokenClass::Plain, text)]), 40);
        assert_eq!(texts(&lines), ["    var arr = try allocator.alloc(usize,", "try getRandomCount());"]);
        assert_eq!(lines[1].indent, 8);
        assert!(lines[1].continuation);
        assert!(lines[0].space_after && !lines[1].space_after);
        for line in &lines {
            let width: usize = line.indent + line.segments.iter().map(|(_, t)| t.chars().count()).sum::<usize>();
            assert!(width <= 40);
        }
    }

    #[test]
    fn without_a_good_space_lines_wrap_between_tokens_then_anywhere() {
        let line = code(&[
            (TokenClass::Plain, "x = "),
            (TokenClass::Field, "std"),
            (TokenClass::Punctuation, "."),
            (TokenClass::Field, "heap"),
            (TokenClass::Punctuation, "."),
            (TokenClass::Function, "GeneralPurposeAllocator"),
        ]);
        let lines = wrap(&line, 20);
        assert_eq!(texts(&lines), ["x = std.heap.", "GeneralPurposeAl", "locator"]);
        assert!(lines.iter().all(|line| !line.space_after), "wrapped inside tokens");
        let word = "Ж".repeat(50);
        let lines = wrap(&code(&[(TokenClass::String, &word)]), 20);
        assert_eq!(texts(&lines).concat(), word);
        assert!(lines.iter().all(|l| l.indent + l.segments[0].1.chars().count() <= 20));
    }

    #[test]
    fn no_text_is_lost_in_wrapping() {
        let text = "pub fn main() !void { std.debug.print(\"{d} {s}\\n\", .{ 42, \"очень длинная строка\" }); }";
        let lines = wrap(&code(&[(TokenClass::Plain, text)]), 24);
        let joined: String = texts(&lines).concat();
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
        assert!(lines.len() >= 4);
    }
}
