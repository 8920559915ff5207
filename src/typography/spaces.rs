//! Spaces: runs of spaces become one, and in Russian text the spaces a line
//! must not break at become non-breaking (U+00A0):
//!
//! - after one- and two-letter words (`в Zig`, `и т. д.`, `Не все`);
//! - before the particles `ли`, `же`, `бы`;
//! - inside `т. е.`, `т. д.`, `т. п.` and before the number after `рис.`, `гл.`;
//! - between a number and its unit or `%` (`512 МиБ`, `20 %`) or the word
//!   it counts (`2 темы`), after `№` and `§`, and between the digit groups of
//!   a large number (`10 000`).
//!
//! A soft break (a line break in the source) counts as a space; when it must
//! not break, it becomes a non-breaking space.

use super::dashes::is_cyrillic;
use super::letters::{is_letter, is_letter_or_digit};
use super::run::{Run, HARD_BREAK, NBSP, SOFT_BREAK};

const PARTICLES: &[&str] = &["ли", "же", "бы"];

/// Abbreviations that stand before a number: `рис. 5`, `гл. 3`.
const BEFORE_NUMBERS: &[&str] = &["гл", "п", "разд", "рис", "с", "стр", "т", "табл", "ч"];

/// Units that stay with their number; case matters (`МБ` is not `мб`).
/// Lower-case words of three letters or more stay with a number anyway.
const UNITS: &[&str] = &[
    "B",
    "GB",
    "GiB",
    "Hz",
    "KB",
    "KiB",
    "MB",
    "MHz",
    "MiB",
    "TB",
    "TiB",
    "ms",
    "ns",
    "px",
    "pt",
    "s",
    "Б",
    "ГБ",
    "ГГц",
    "Гб",
    "Гбайт",
    "ГиБ",
    "Гц",
    "КБ",
    "Кб",
    "Кбайт",
    "КиБ",
    "МБ",
    "МГц",
    "Мб",
    "Мбайт",
    "МиБ",
    "ТБ",
    "ТиБ",
    "г",
    "гг",
    "кг",
    "км",
    "м",
    "мм",
    "мс",
    "нс",
    "р",
    "с",
    "см",
    "т",
    "ч",
    "шт",
];

/// Signs that follow a number after a space.
const SIGNS_AFTER: &[char] = &['%', '‰', '°', '₽', '€', '$'];

/// Whether `c` is a space a line may break at.
fn breakable(c: Option<char>) -> bool {
    matches!(c, Some(' ' | SOFT_BREAK))
}

/// Runs of spaces → one space; a space next to a line break or a
/// non-breaking space goes.
pub(super) fn collapse(run: &mut Run) {
    let mut kept = None;
    for i in 0..run.len() {
        let ch = run.get(i);
        let needless = |c: Option<char>| matches!(c, Some(' ' | SOFT_BREAK | HARD_BREAK | NBSP));
        if ch == Some(' ') && (needless(run.get(i + 1)) || needless(kept)) {
            run.delete(i);
        } else {
            kept = ch;
        }
    }
    run.compact();
}

/// The Russian non-breaking spaces.
pub(super) fn glue(run: &mut Run) {
    let mut start = 0;
    while start < run.len() {
        let end = run.scan(start, is_letter);
        if end > start && !run.is_raw(start) {
            glue_word(run, start, end);
        }
        start = end.max(start + 1);
    }
    glue_numbers(run);
}

/// The rules keyed by a word at `start..end`. Most words are long and
/// followed by a space: none of the rules applies, and the word is never
/// copied out of the run.
fn glue_word(run: &mut Run, start: usize, end: usize) {
    let letters = end - start;
    let before = start.checked_sub(1).and_then(|i| run.get(i));
    let starts_word = before.is_none_or(|c| c.is_whitespace() || "(«„“\"[—".contains(c));
    if letters <= 2 {
        let word = run.text(start..end);
        if starts_word && word.chars().all(is_cyrillic) && breakable(run.get(end)) {
            run.glue(end);
        }
        if PARTICLES.contains(&word.to_lowercase().as_str()) && breakable(before) && ends_word(run.get(end)) {
            run.glue(start - 1);
        }
    }
    if starts_word && run.get(end) == Some('.') && breakable(run.get(end + 1)) {
        let word = run.text(start..end);
        let next = run.scan(end + 2, is_letter);
        let abbreviation = letters == 1
            && is_lower(&word)
            && next == end + 3
            && is_lower(&run.text(end + 2..next))
            && run.get(next) == Some('.');
        let before_number =
            BEFORE_NUMBERS.contains(&word.as_str()) && run.get(end + 2).is_some_and(|c| c.is_ascii_digit());
        if abbreviation || before_number {
            run.glue(end + 1);
        }
    }
}

fn is_lower(word: &str) -> bool {
    word.chars().all(|c| is_cyrillic(c) && c.is_lowercase())
}

fn ends_word(c: Option<char>) -> bool {
    c.is_none_or(|c| !is_letter_or_digit(c))
}

/// Numbers with their units, `№ 5`, `§ 3`, `10 000`.
fn glue_numbers(run: &mut Run) {
    for i in 0..run.len() {
        let Some(ch) = run.get(i).filter(|_| !run.is_raw(i)) else { continue };
        if matches!(ch, '№' | '§') && breakable(run.get(i + 1)) {
            run.glue(i + 1);
        } else if ch.is_ascii_digit() && ends_word(run.get(i + 1)) && breakable(run.get(i + 1)) {
            let first = run.scan_back(i + 1, |c| c.is_ascii_digit() || c == '.' || c == ',');
            let before = first.checked_sub(1).and_then(|j| run.get(j));
            let standalone = before.is_none_or(|c| c.is_whitespace() || "(«„\"[".contains(c));
            if standalone && (unit_follows(run, i + 2) || digit_group_follows(run, first, i + 1)) {
                run.glue(i + 1);
            }
        }
    }
}

/// Whether a unit, a sign such as `%` or a lower-case word of three letters
/// or more (`2 темы`, `1999 году`) starts at `start`.
fn unit_follows(run: &Run, start: usize) -> bool {
    if run.get(start).is_some_and(|c| SIGNS_AFTER.contains(&c)) {
        return true;
    }
    let end = run.scan(start, is_letter);
    let word = run.text(start..end);
    let counted = end - start >= 3 && word.starts_with(char::is_lowercase);
    end > start && ends_word(run.get(end)) && (counted || UNITS.contains(&word.as_str()))
}

/// `10 000`: a group of up to three digits followed by a space and exactly three.
fn digit_group_follows(run: &Run, first: usize, end: usize) -> bool {
    let group = run.scan(end + 1, |c| c.is_ascii_digit());
    let short = (1..=3).contains(&(end - first)) && run.text(first..end).chars().all(|c| c.is_ascii_digit());
    short && group == end + 4 && ends_word(run.get(group))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Inline;

    fn spaces(text: &str) -> String {
        let mut inlines = vec![Inline::Text(text.to_string())];
        let mut run = Run::new(&mut inlines);
        collapse(&mut run);
        glue(&mut run);
        run.text(0..run.len()).replace(NBSP, "~")
    }

    #[test]
    fn glues_what_must_not_break() {
        assert_eq!(spaces("в  Zig и в Go"), "в~Zig и~в~Go");
        assert_eq!(spaces("Так ли это, он же знал бы"), "Так~ли~это, он~же~знал~бы");
        assert_eq!(spaces("т. е. и т. д. на рис. 5"), "т.~е. и~т.~д. на~рис.~5");
        assert_eq!(spaces("512 МиБ, 20 %, № 5, § 3, 10 000 раз"), "512~МиБ, 20~%, №~5, §~3, 10~000~раз");
    }

    #[test]
    fn leaves_the_rest() {
        for text in ["Zig is good", "x86 битов", "2024 Zig", "вот т. Иванов", "ab cd", "1999 100"] {
            assert_eq!(spaces(text), text);
        }
    }
}
