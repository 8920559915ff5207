//! Quotation marks: straight `"` become the language's quotes, paired by
//! nesting — «ёлочки» outside and „лапки“ inside in Russian, “…” and ‘…’ in
//! English. Apostrophes (`'`) are never touched.

use super::run::Run;

/// The quotation marks of a language.
#[derive(Debug, Clone, Copy)]
pub(super) struct QuoteStyle {
    pub outer: (char, char),
    pub inner: (char, char),
    /// Marks whose direction is read from their neighbours, like a straight `"`.
    pub ambiguous: &'static [char],
    /// Typographic marks already in the text that open or close a quotation.
    pub opening: &'static [char],
    pub closing: &'static [char],
}

pub(super) const RUSSIAN: QuoteStyle = QuoteStyle {
    outer: ('«', '»'),
    inner: ('„', '“'),
    // In Russian text “ is a closing mark, but translators paste English “…” too.
    ambiguous: &['"', '“', '”'],
    opening: &['«', '„'],
    closing: &['»'],
};

/// English: single marks are left alone, as `’` is also the apostrophe.
pub(super) const ENGLISH: QuoteStyle =
    QuoteStyle {
        outer: ('“', '”'), inner: ('‘', '’'), ambiguous: &['"'], opening: &['“'], closing: &['”']
    };

/// Characters after which a quotation mark opens.
const OPENS_AFTER: &[char] = &['(', '[', '{', '«', '„', '“', '‘', '—', '–', '-', '/'];

/// Replaces every straight quote of the run, keeping a stack of the quotes
/// open so far so nested ones get the inner marks and each closing mark
/// matches its opening one.
pub(super) fn apply(run: &mut Run, style: &QuoteStyle) {
    let mut open: Vec<char> = Vec::new();
    for i in 0..run.len() {
        let Some(ch) = run.get(i).filter(|_| !run.is_raw(i)) else { continue };
        // The closing inner mark of an open inner quotation closes it, even
        // where it is ambiguous (Russian “): a second pass keeps what the
        // first one wrote.
        if open.last() == Some(&style.inner.0) && ch == style.inner.1 {
            open.pop();
        } else if style.ambiguous.contains(&ch) {
            let mark = if opens(run, i, !open.is_empty()) {
                let mark = if open.is_empty() { style.outer.0 } else { style.inner.0 };
                open.push(mark);
                mark
            } else {
                closing_mark(open.pop(), style)
            };
            run.set(i, mark);
        } else if style.opening.contains(&ch) {
            open.push(ch);
        } else if style.closing.contains(&ch) {
            open.pop();
        }
    }
}

/// Whether the ambiguous mark at `i` opens a quotation: it follows a space,
/// an opening bracket or quote, or nothing — unless it is free on both sides
/// while a quotation is open. Glued between letters (`слово"цитата"`), it
/// opens only when no quotation is open.
fn opens(run: &Run, i: usize, inside_quote: bool) -> bool {
    let free_before = run.before(i).is_none_or(|c| c.is_whitespace() || OPENS_AFTER.contains(&c));
    let free_after = run.after(i).is_none_or(|c| c.is_whitespace() || ",.;:!?)]".contains(c));
    if free_before {
        !(free_after && inside_quote)
    } else {
        !inside_quote && !free_after
    }
}

fn closing_mark(opening: Option<char>, style: &QuoteStyle) -> char {
    if opening == Some(style.inner.0) {
        style.inner.1
    } else {
        style.outer.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Inline;

    fn quotes(text: &str, style: &QuoteStyle) -> String {
        let mut inlines = vec![Inline::Text(text.to_string())];
        let mut run = Run::new(&mut inlines);
        apply(&mut run, style);
        run.text(0..run.len())
    }

    #[test]
    fn pairs_by_nesting() {
        assert_eq!(quotes(r#""a "b "c" d" e""#, &RUSSIAN), "«a „b „c“ d“ e»");
        assert_eq!(quotes(r#"«a "b" c»"#, &RUSSIAN), "«a „b“ c»");
        assert_eq!(quotes(r#"“a” и "b""#, &RUSSIAN), "«a» и «b»");
        assert_eq!(quotes(r#""a "b" c" it's"#, &ENGLISH), "“a ‘b’ c” it's");
    }

    #[test]
    fn direction_follows_the_neighbours() {
        assert_eq!(quotes(r#"("a")"#, &RUSSIAN), "(«a»)");
        assert_eq!(quotes(r#"слово"цитата", "#, &RUSSIAN), "слово«цитата», ");
        assert_eq!(quotes(r#"" a " b"#, &RUSSIAN), "« a » b");
    }
}
