//! Captions and labels in pandoc-crossref's syntax, read while parsing:
//!
//! - a listing's fence: ```` ```{#lst:arena .zig caption="Арена"} ````, or
//!   the attributes after the old words: ```` ```zig test {#lst:arena} ````;
//! - a figure: `![Схема кучи](heap.png){#fig:heap}`, its alt text the caption;
//! - a table: a paragraph `: Сравнение {#tbl:alloc}` (or `Table: …`) right
//!   before or after it.
//!
//! Numbers are given later, once the whole book is read (`numbering`).

use super::model::*;

/// A fence's info string, read.
#[derive(Debug, Default, PartialEq)]
pub(super) struct FenceInfo {
    pub language: Option<String>,
    pub attributes: Vec<String>,
    pub label: Option<String>,
    pub caption: Option<String>,
}

/// `zig test`, `{#lst:a .zig caption="…"}` or both; an error says what is wrong.
pub(super) fn fence_info(info: &str) -> Result<FenceInfo, String> {
    let (words, braced) = match info.find('{') {
        Some(open) => {
            let inner = info[open + 1..].trim_end();
            let inner = inner.strip_suffix('}').ok_or("the `{` of the listing's attributes is never closed")?;
            (&info[..open], Some(inner))
        }
        None => (info, None),
    };
    let mut words = words.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).map(str::to_string);
    let mut fence = FenceInfo { language: words.next(), attributes: words.collect(), ..FenceInfo::default() };
    for attribute in attributes(braced.unwrap_or(""))? {
        match attribute {
            Attribute::Id(id) => fence.label = Some(labelled(id, CaptionKind::Listing)?),
            Attribute::Class(class) if fence.language.is_none() => fence.language = Some(class),
            Attribute::Class(class) => fence.attributes.push(class),
            Attribute::Pair(key, value) if key == "caption" => fence.caption = Some(value),
            Attribute::Pair(key, value) => fence.attributes.push(format!("{key}={value}")),
        }
    }
    Ok(fence)
}

/// The caption of a listing: its label and text, if it has either.
pub(super) fn listing_caption(label: Option<String>, text: Option<String>) -> Option<Caption> {
    if label.is_none() && text.is_none() {
        return None;
    }
    let content = text.map(|text| inline_markdown(&text)).unwrap_or_default();
    Some(Caption::new(CaptionKind::Listing, label, content))
}

/// What makes an inline container of its content: `Inline::Emphasis` …
type Wrap = fn(Vec<Inline>) -> Inline;

/// A caption's text (`caption="Арена *на стеке*"`) as inline content: its
/// emphasis, strong and struck text and inline code kept, a link's or
/// image's text kept as text (a caption links to nothing), breaks as spaces.
/// Block syntax means nothing in a caption: `1. Введение` stays that text.
pub(super) fn inline_markdown(text: &str) -> Vec<Inline> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    // A paragraph whatever the text's first characters (`#`, `1.`, `-`).
    let source = format!("\u{200b}{text}");
    // The containers open, each with what it holds so far; the run at the bottom.
    let mut open: Vec<(Option<Wrap>, Vec<Inline>)> = vec![(None, Vec::new())];
    for event in Parser::new_ext(&source, super::parse::options()) {
        let inline = match event {
            Event::Text(t) => Inline::Text(t.replace('\u{200b}', "")),
            Event::Code(code) => Inline::Code(code.into_string()),
            Event::SoftBreak | Event::HardBreak => Inline::Text(" ".to_string()),
            Event::InlineHtml(html) | Event::Html(html) => Inline::Text(html.into_string()),
            Event::Start(Tag::Emphasis) => {
                open.push((Some(Inline::Emphasis), Vec::new()));
                continue;
            }
            Event::Start(Tag::Strong) => {
                open.push((Some(Inline::Strong), Vec::new()));
                continue;
            }
            Event::Start(Tag::Strikethrough) => {
                open.push((Some(Inline::Strikethrough), Vec::new()));
                continue;
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) if open.len() > 1 => {
                let (Some(wrap), content) = open.pop().expect("more than one") else { continue };
                wrap(content)
            }
            _ => continue,
        };
        let run = &mut open.last_mut().expect("the run").1;
        match (run.last_mut(), inline) {
            (Some(Inline::Text(before)), Inline::Text(text)) => before.push_str(&text),
            (_, Inline::Text(text)) if text.is_empty() => {}
            (_, inline) => run.push(inline),
        }
    }
    open.into_iter().next().map(|(_, run)| run).unwrap_or_default()
}

/// A paragraph `[image, "{#fig:id}"]` → the figure's label; `None` if the
/// paragraph is not one; an error if its attributes are wrong.
pub(super) fn figure_label(inlines: &[Inline]) -> Option<Result<String, String>> {
    let [Inline::Image(_), Inline::Text(text)] = inlines else { return None };
    let inner = text.trim().strip_prefix('{')?.strip_suffix('}')?;
    let mut label = Err("a figure's attributes need a label, `{#fig:name}`".to_string());
    let parsed = attributes(inner).and_then(|found| {
        for attribute in found {
            if let Attribute::Id(id) = attribute {
                label = labelled(id, CaptionKind::Figure);
            }
        }
        label
    });
    Some(parsed)
}

/// A table caption paragraph, `: Text {#tbl:id}` or `Table: Text`: its
/// content without the marker and label, and the label; `None` if the
/// paragraph is not one.
pub(super) fn table_caption(inlines: &[Inline]) -> Option<Result<Caption, String>> {
    let Some(Inline::Text(first)) = inlines.first() else { return None };
    let rest = first.strip_prefix(": ").or_else(|| first.strip_prefix("Table: "))?;
    let mut content = inlines.to_vec();
    content[0] = Inline::Text(rest.trim_start().to_string());
    let label = match trailing_label(&mut content) {
        Some(Ok(id)) => match labelled(id, CaptionKind::Table) {
            Ok(label) => Some(label),
            Err(why) => return Some(Err(why)),
        },
        Some(Err(why)) => return Some(Err(why)),
        None => None,
    };
    content.retain(|inline| !matches!(inline, Inline::Text(t) if t.is_empty()));
    Some(Ok(Caption::new(CaptionKind::Table, label, content)))
}

/// Takes `{#id}` off the end of the last text of `content`.
fn trailing_label(content: &mut [Inline]) -> Option<Result<String, String>> {
    let Some(Inline::Text(last)) = content.last_mut() else { return None };
    let trimmed = last.trim_end();
    let open = trimmed.strip_suffix('}')?.rfind('{')?;
    let found = attributes(&trimmed[open + 1..trimmed.len() - 1]);
    let id = found.map(|found| {
        found.into_iter().find_map(|a| match a {
            Attribute::Id(id) => Some(id),
            _ => None,
        })
    });
    let result = match id {
        Ok(Some(id)) => Ok(id),
        Ok(None) => return None,
        Err(why) => Err(why),
    };
    last.truncate(open);
    let kept = last.trim_end().len();
    last.truncate(kept);
    Some(result)
}

/// `id` if it carries the label prefix of `kind` (`lst:`); else why not.
fn labelled(id: String, kind: CaptionKind) -> Result<String, String> {
    let prefix = kind.prefix();
    match id.strip_prefix(prefix).and_then(|rest| rest.strip_prefix(':')) {
        Some(name) if !name.is_empty() => Ok(id),
        _ => Err(format!("the label `#{id}` should start with `{prefix}:`, as in `#{prefix}:name`")),
    }
}

/// One attribute in braces: `#id`, `.class`, `key="value"`.
#[derive(Debug, PartialEq)]
enum Attribute {
    Id(String),
    Class(String),
    Pair(String, String),
}

/// The attributes of `{…}` (without the braces), pandoc's syntax.
fn attributes(text: &str) -> Result<Vec<Attribute>, String> {
    let mut found = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let (token, after) = if let Some(id) = rest.strip_prefix('#') {
            let (word, after) = word(id);
            (Attribute::Id(word.to_string()), after)
        } else if let Some(class) = rest.strip_prefix('.') {
            let (word, after) = word(class);
            (Attribute::Class(word.to_string()), after)
        } else {
            let (key, after) =
                rest.split_once('=').ok_or_else(|| format!("`{rest}` is not `#id`, `.class` or `key=\"value\"`"))?;
            let (value, after) = match after.strip_prefix('"') {
                Some(quoted) => {
                    let end = quoted.find('"').ok_or_else(|| format!("the value of `{key}` has no closing `\"`"))?;
                    (&quoted[..end], &quoted[end + 1..])
                }
                None => word(after),
            };
            (Attribute::Pair(key.trim().to_string(), value.to_string()), after)
        };
        if matches!(&token, Attribute::Id(w) | Attribute::Class(w) if w.is_empty()) {
            return Err(format!("an empty name in `{{{text}}}`"));
        }
        found.push(token);
        rest = after.trim_start();
    }
    Ok(found)
}

/// The word at the start of `text` (up to a space) and what follows it.
fn word(text: &str) -> (&str, &str) {
    text.split_at(text.find(char::is_whitespace).unwrap_or(text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_take_words_braces_or_both() {
        let old = fence_info("zig test,ignore").unwrap();
        assert_eq!((old.language.as_deref(), old.attributes), (Some("zig"), vec!["test".into(), "ignore".into()]));
        let braced = fence_info("{#lst:arena .zig .test caption=\"Арена на стеке\"}").unwrap();
        assert_eq!(braced.language.as_deref(), Some("zig"));
        assert_eq!(braced.attributes, ["test"]);
        assert_eq!((braced.label.as_deref(), braced.caption.as_deref()), (Some("lst:arena"), Some("Арена на стеке")));
        let both = fence_info("zig test {#lst:b caption=Короткая}").unwrap();
        assert_eq!((both.language.as_deref(), both.attributes), (Some("zig"), vec!["test".into()]));
        assert_eq!((both.label.as_deref(), both.caption.as_deref()), (Some("lst:b"), Some("Короткая")));
        assert!(fence_info("{#arena .zig}").unwrap_err().contains("should start with `lst:`"));
        assert!(fence_info("{#lst:a caption=\"open}").is_err());
        assert!(fence_info("zig {#lst:a").is_err());
    }

    #[test]
    fn a_caption_s_markdown_is_inline_content() {
        let text = |t: &str| Inline::Text(t.into());
        assert_eq!(
            inline_markdown("Арена *на* `стеке` и **[ссылка](x.md)**"),
            [
                text("Арена "),
                Inline::Emphasis(vec![text("на")]),
                text(" "),
                Inline::Code("стеке".into()),
                text(" и "),
                Inline::Strong(vec![text("ссылка")])
            ]
        );
        assert_eq!(inline_markdown("1. Введение"), [text("1. Введение")]);
        assert_eq!(inline_markdown("# не заголовок, a*b"), [text("# не заголовок, a*b")]);
        assert_eq!(inline_markdown(""), []);
    }

    #[test]
    fn a_figure_is_labelled_after_its_image() {
        let image = Inline::Image(Image {
            src: "a.png".into(),
            path: "a.png".into(),
            format: ImageFormat::Png,
            pixels: None,
            alt: "Схема".into(),
            title: String::new(),
            caption: None,
        });
        let label = |text: &str| figure_label(&[image.clone(), Inline::Text(text.into())]);
        assert_eq!(label("{#fig:heap}"), Some(Ok("fig:heap".into())));
        assert_eq!(label(" {#fig:heap width=50%}"), Some(Ok("fig:heap".into())));
        assert!(label("{#heap}").unwrap().is_err());
        assert_eq!(label("и текст"), None);
    }

    #[test]
    fn a_table_caption_loses_its_marker_and_label() {
        let caption = |inlines: Vec<Inline>| table_caption(&inlines).map(|c| c.map(|c| (c.label, c.content)));
        let text = |t: &str| Inline::Text(t.into());
        assert_eq!(
            caption(vec![text(": Сравнение "), Inline::Code("alloc".into()), text(" и free {#tbl:alloc}")]),
            Some(Ok((
                Some("tbl:alloc".into()),
                vec![text("Сравнение "), Inline::Code("alloc".into()), text(" и free")]
            )))
        );
        assert_eq!(caption(vec![text("Table: Без метки")]), Some(Ok((None, vec![text("Без метки")]))));
        assert_eq!(caption(vec![text("Обычный абзац: да")]), None);
        assert!(caption(vec![text(": Плохо {#fig:x}")]).unwrap().is_err());
    }
}
