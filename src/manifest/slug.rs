//! Slugs: the lower-case, hyphen-separated form of a text that names things
//! — heading ids (the document stage) and the output files (here).

/// A lower-case, hyphen-separated form of `text` that keeps letters and
/// digits of any script: «Динамическая память (heap)» → `динамическая-память-heap`.
/// `None` when nothing of `text` is left.
pub fn slug(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '_' {
            out.push(c);
        } else if (c.is_whitespace() || c == '-') && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_cyrillic_and_drop_punctuation() {
        assert_eq!(slug("Динамическая память (heap, \"куча\")").unwrap(), "динамическая-память-heap-куча");
        assert_eq!(slug("  Create -- Destroy ").unwrap(), "create-destroy");
        assert_eq!(slug("!!!"), None);
    }
}
