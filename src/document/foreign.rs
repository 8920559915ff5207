//! Phrases in another language: `<span lang="en">memory allocator</span>`,
//! the inline HTML pandoc and the EPUB understand.
//!
//! pulldown-cmark hands the opening and the closing tag over as two pieces
//! of inline HTML with the phrase's Markdown between them; this module
//! tells what a piece of inline HTML is, and the parser pairs the tags.

use language_tags::LanguageTag;

/// What a piece of inline HTML is, as far as `<span>` goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum SpanTag {
    /// `<span lang="…">`: a foreign phrase starts. `others` says whether
    /// the tag has attributes besides `lang`.
    Foreign { lang: String, others: bool },
    /// Any other `<span …>`: raw HTML the foreign phrases' `</span>` must not close.
    Open,
    /// `</span>`.
    Close,
}

/// The `<span>` tag `html` is, if it is one.
pub(super) fn span_tag(html: &str) -> Option<SpanTag> {
    let html = html.trim();
    let inner = html.strip_prefix('<')?.strip_suffix('>')?;
    if let Some(name) = inner.strip_prefix('/') {
        return name.trim_end().eq_ignore_ascii_case("span").then_some(SpanTag::Close);
    }
    let name = inner.get(..4).filter(|name| name.eq_ignore_ascii_case("span"))?;
    let rest = &inner[name.len()..];
    if !(rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_whitespace())) || rest.ends_with('/') {
        return None;
    }
    let attributes = attributes(rest)?;
    let mut lang = None;
    let mut others = false;
    for (name, value) in attributes {
        if name.eq_ignore_ascii_case("lang") && lang.is_none() {
            lang = Some(value.to_string());
        } else {
            others = true;
        }
    }
    Some(match lang {
        Some(lang) => SpanTag::Foreign { lang, others },
        None => SpanTag::Open,
    })
}

/// The attributes of a tag, `name="value"`, `name='value'`, `name=value` or
/// a bare `name`; none if they are not well formed.
fn attributes(mut rest: &str) -> Option<Vec<(&str, &str)>> {
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Some(attributes);
        }
        let name_end = rest.find(|c: char| c.is_ascii_whitespace() || "=\"'<>/".contains(c)).unwrap_or(rest.len());
        if name_end == 0 {
            return None;
        }
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let Some(after_equals) = rest.strip_prefix('=') else {
            attributes.push((name, ""));
            continue;
        };
        let after_equals = after_equals.trim_start();
        let (value, after) = match after_equals.chars().next()? {
            quote @ ('"' | '\'') => {
                let (value, after) = after_equals[1..].split_once(quote)?;
                (value, after)
            }
            _ => {
                let end = after_equals.find(|c: char| c.is_ascii_whitespace()).unwrap_or(after_equals.len());
                after_equals.split_at(end)
            }
        };
        attributes.push((name, value));
        rest = after;
    }
}

/// Whether `lang` is a well-formed BCP 47 tag, as `[book] language` must be.
pub(super) fn is_language_tag(lang: &str) -> bool {
    LanguageTag::parse(lang).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn foreign(lang: &str, others: bool) -> Option<SpanTag> {
        Some(SpanTag::Foreign { lang: lang.into(), others })
    }

    #[test]
    fn a_span_with_lang_opens_a_foreign_phrase() {
        assert_eq!(span_tag(r#"<span lang="en">"#), foreign("en", false));
        assert_eq!(span_tag("<SPAN LANG='en-US'>"), foreign("en-US", false));
        assert_eq!(span_tag("<span  lang = de >"), foreign("de", false));
        assert_eq!(span_tag(r#"<span class="term" lang="en">"#), foreign("en", true));
        assert_eq!(span_tag(r#"<span lang="">"#), foreign("", false));
    }

    #[test]
    fn other_spans_and_their_ends_are_told_apart() {
        assert_eq!(span_tag("<span>"), Some(SpanTag::Open));
        assert_eq!(span_tag(r#"<span class="x">"#), Some(SpanTag::Open));
        assert_eq!(span_tag("</span>"), Some(SpanTag::Close));
        assert_eq!(span_tag("</SPAN >"), Some(SpanTag::Close));
    }

    #[test]
    fn other_html_is_not_a_span() {
        for html in ["<spans>", "<b>", "</b>", "<span/>", r#"<span lang="en"/>"#, "<!-- span -->", "<span lang=\"en>"] {
            assert_eq!(span_tag(html), None, "{html}");
        }
    }

    #[test]
    fn languages_are_bcp_47_tags() {
        assert!(is_language_tag("en"));
        assert!(is_language_tag("en-GB"));
        assert!(is_language_tag("zh-Hant"));
        assert!(!is_language_tag(""));
        assert!(!is_language_tag("english language"));
        assert!(!is_language_tag("en_"));
    }
}
