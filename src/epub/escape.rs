//! XML escaping and URL encoding for the package's documents.

/// Appends `text` to `out` as XML character data or a double-quoted
/// attribute value: markup characters become entities, and characters XML
/// forbids (most C0 controls, U+FFFE, U+FFFF) are dropped, so no input can
/// make a document ill-formed. U+00A0 and U+00AD pass through as characters.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => out.push(c),
        }
    }
}

/// Appends ` name="value"` with the value escaped; an empty value when
/// `optional` is set adds nothing.
pub fn push_attribute(out: &mut String, name: &str, value: &str, optional: bool) {
    if optional && value.is_empty() {
        return;
    }
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_escaped(out, value);
    out.push('"');
}

/// `text` escaped as by [`push_escaped`].
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// A link to `file`, at the element `id` when there is one. The fragment
/// is an IRI: letters beyond ASCII stay as UTF-8 (`#итоги-1`), since some
/// readers (Calibre among them) look the percent-encoded form up literally
/// and miss Cyrillic ids; only ASCII that is not safe in a fragment (space,
/// `%`, `"`, `<`, `&` …) is percent-encoded. The id is the element's as
/// [`element_id`] writes it.
pub fn href(file: &str, id: Option<&str>) -> String {
    let mut out = file.to_string();
    if let Some(id) = id {
        out.push('#');
        for c in element_id(id).chars() {
            if !c.is_ascii() || c.is_ascii_alphanumeric() || "-._~".contains(c) {
                out.push(c);
            } else {
                out.push_str(&format!("%{:02X}", u32::from(c)));
            }
        }
    }
    out
}

/// An id as the EPUB writes it: a label's `:` (`sec:arenas`, pandoc-crossref's
/// labels) becomes `.`, which generated ids never hold. Calibre takes a
/// contents entry's `#sec:arenas` (or `#sec%3Aarenas`) for a missing anchor.
pub fn element_id(id: &str) -> String {
    id.replace(':', ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(escaped("a < b && \"c\" > d\u{0}\u{8}"), "a &lt; b &amp;&amp; &quot;c&quot; &gt; d");
        assert_eq!(escaped("1\u{a0}МиБ, пере\u{ad}нос"), "1\u{a0}МиБ, пере\u{ad}нос");
    }

    #[test]
    fn attributes_are_escaped_and_optional_ones_may_be_left_out() {
        let mut out = String::from("<a");
        push_attribute(&mut out, "title", "\"x\" & y", true);
        push_attribute(&mut out, "alt", "", false);
        push_attribute(&mut out, "lang", "", true);
        assert_eq!(out, "<a title=\"&quot;x&quot; &amp; y\" alt=\"\"");
    }

    #[test]
    fn fragments_are_iris_with_unsafe_ascii_percent_encoded() {
        assert_eq!(href("chapter-02.xhtml", Some("allocation")), "chapter-02.xhtml#allocation");
        assert_eq!(href("a.xhtml", Some("итоги-1")), "a.xhtml#итоги-1");
        assert_eq!(href("a.xhtml", Some("a b&c%")), "a.xhtml#a%20b%26c%25");
        assert_eq!(href("a.xhtml", Some("lst:arena")), "a.xhtml#lst.arena");
        assert_eq!(href("a.xhtml", None), "a.xhtml");
    }
}
