//! Hyphens, dashes and ellipses.
//!
//! - `...` → `…`;
//! - a spaced hyphen ` - ` and `--` (or `---`) → an em dash `—`; in Russian
//!   the space before it becomes non-breaking (a dash never starts a line),
//!   and a dash opening a line of dialogue keeps its word with it;
//! - a hyphen between two numbers (`1999-2024`) → an en dash `–`;
//! - in Russian, a hyphen in a short compound (`из-за`, `что-то`) →
//!   a non-breaking hyphen U+2011, so neither part is left alone on a line.
//!
//! Command-line options (`--release`), `a--b`, dates (`2024-01-02`) and
//! versions keep their hyphens.

use super::letters::is_letter_or_digit;
use super::run::{Run, HARD_BREAK, NBSP};

pub(super) const NON_BREAKING_HYPHEN: char = '\u{2011}';

pub(super) fn apply(run: &mut Run, russian: bool) {
    ellipses(run);
    em_dashes(run, russian);
    number_ranges(run);
    if russian {
        short_compounds(run);
    }
}

/// Exactly three full stops → `…`.
fn ellipses(run: &mut Run) {
    let mut i = 0;
    while i < run.len() {
        let end = run.scan(i, |c| c == '.');
        if end - i == 3 && !run.is_raw(i) {
            run.set(i, '…');
            run.delete(i + 1);
            run.delete(i + 2);
        }
        i = end.max(i + 1);
    }
    run.compact();
}

fn em_dashes(run: &mut Run, russian: bool) {
    let mut i = 0;
    while i < run.len() {
        let end = run.scan(i, |c| c == '-');
        if end > i && !run.is_raw(i) && is_dash(run, i, end) {
            set_dash(run, i, end, russian);
        } else if russian && matches!(run.get(i), Some('—' | '–')) && spaced(run.get(i + 1)) {
            glue_before(run, i);
        }
        i = end.max(i + 1);
    }
    run.compact();
}

/// Whether the hyphens `start..end` stand for a dash: one spaced hyphen, or
/// two or three hyphens followed by a space or punctuation.
fn is_dash(run: &Run, start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).and_then(|i| run.get(i));
    let after = run.get(end);
    match end - start {
        1 => spaced(after) && before.is_none_or(|c| c.is_whitespace()),
        2 | 3 => spaced(after) || after.is_some_and(|c| ",.;:!?)»“".contains(c)),
        _ => false,
    }
}

/// Nothing, or a space of any kind.
fn spaced(ch: Option<char>) -> bool {
    ch.is_none_or(char::is_whitespace)
}

/// Turns the hyphens `start..end` into an em dash and fixes the spaces around
/// it.
fn set_dash(run: &mut Run, start: usize, end: usize, russian: bool) {
    let before = start.checked_sub(1).and_then(|i| run.get(i));
    let mut dash = start;
    if russian && end - start > 1 && before.is_some_and(|c| !c.is_whitespace() && !opens(c)) {
        // `слово-- текст`: the first hyphen becomes the missing space (but
        // `«--»` or `(--` is a dash alone in its quotes or brackets).
        run.set(start, NBSP);
        dash += 1;
    }
    run.set(dash, '—');
    (dash + 1..end).for_each(|extra| run.delete(extra));
    if russian {
        if before.is_none_or(|c| c == HARD_BREAK) {
            run.glue(end);
        } else {
            glue_before(run, dash);
        }
    }
}

/// Whether `c` opens a quotation or a parenthesis: a dash right after it
/// takes no space before it.
fn opens(c: char) -> bool {
    "«„“([\"".contains(c)
}

fn glue_before(run: &mut Run, dash: usize) {
    if let Some(space) = dash.checked_sub(1) {
        run.glue(space);
    }
}

/// `1999-2024`, `10-20` → en dash, when both numbers stand alone.
fn number_ranges(run: &mut Run) {
    for i in 0..run.len() {
        if run.get(i) == Some('-') && !run.is_raw(i) && joins_numbers(run, i) {
            run.set(i, '–');
        }
    }
}

fn joins_numbers(run: &Run, hyphen: usize) -> bool {
    let is_number = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
    let first = run.scan_back(hyphen, is_number);
    let first = run.scan(first, |c| c == '.' || c == ',');
    let last = run.scan(hyphen + 1, is_number);
    let last = run.scan_back(last, |c| c == '.' || c == ',');
    let free_before =
        first.checked_sub(1).and_then(|i| run.get(i)).is_none_or(|c| c.is_whitespace() || "(«„\"".contains(c));
    let free_after = run.get(last).is_none_or(|c| !is_letter_or_digit(c) && !"-–\u{E000}".contains(c));
    first < hyphen && last > hyphen + 1 && free_before && free_after
}

/// `из-за`, `что-то`, `по-русски` → U+2011, when a part has one or two letters.
fn short_compounds(run: &mut Run) {
    for i in 0..run.len() {
        if run.get(i) != Some('-') || run.is_raw(i) {
            continue;
        }
        let first = run.scan_back(i, is_cyrillic);
        let last = run.scan(i + 1, is_cyrillic);
        let whole = |c: Option<char>| c.is_none_or(|c| !is_letter_or_digit(c) && c != '-' && c != NON_BREAKING_HYPHEN);
        let alone = whole(first.checked_sub(1).and_then(|j| run.get(j))) && whole(run.get(last));
        let (left, right) = (i - first, last - i - 1);
        if alone && left > 0 && right > 0 && left.min(right) <= 2 {
            run.set(i, NON_BREAKING_HYPHEN);
        }
    }
}

pub(super) fn is_cyrillic(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Inline;
    use crate::typography::run::SOFT_BREAK;

    fn dashes(text: &str, russian: bool) -> String {
        let mut inlines = vec![Inline::Text(text.to_string())];
        let mut run = Run::new(&mut inlines);
        apply(&mut run, russian);
        let out = run.text(0..run.len());
        out.replace(NBSP, "~").replace(SOFT_BREAK, "/")
    }

    #[test]
    fn russian_dashes() {
        assert_eq!(dashes("а - б", true), "а~— б");
        assert_eq!(dashes("а -- б", true), "а~— б");
        assert_eq!(dashes("а--- б", true), "а~— б");
        assert_eq!(dashes("- Да", true), "—~Да");
        assert_eq!(dashes("зачем... и 10-20", true), "зачем… и 10–20");
        assert_eq!(dashes("что-то из-за веб-сервер", true), "что‑то из‑за веб-сервер");
    }

    #[test]
    fn a_dash_alone_in_quotes_or_brackets_takes_no_space() {
        assert_eq!(dashes("«--» и (--)", true), "«—» и (—)");
        assert_eq!(dashes("слово-- текст", true), "слово~— текст");
    }

    #[test]
    fn hyphens_that_stay() {
        for text in ["--release", "a--b", "2024-01-02", "x86-64", "a-b", "1.5", "....", "UTF-8"] {
            assert_eq!(dashes(text, true), text);
        }
    }

    #[test]
    fn english_dashes_keep_their_spaces() {
        assert_eq!(dashes("a -- b - c...", false), "a — b — c…");
    }
}
