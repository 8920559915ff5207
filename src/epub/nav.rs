//! The book's table of contents: every chapter and its sections (`##` to
//! `####`), nested by level. One tree feeds the navigation document and the
//! NCX (through epub-builder) and the visible contents page.

use epub_builder::TocElement;

use super::escape::href;
use crate::document::{plain_text, Block, BlockKind, Chapter};

/// The deepest heading level the contents list.
const DEEPEST_LEVEL: u8 = 4;

/// One line of the contents and the lines under it.
#[derive(Debug, Clone, PartialEq)]
pub struct NavEntry {
    pub href: String,
    pub title: String,
    pub children: Vec<NavEntry>,
}

/// The contents entry of a chapter written to `file`.
pub fn chapter_entry(chapter: &Chapter, file: &str) -> NavEntry {
    let sections: Vec<(u8, NavEntry)> = section_headings(&chapter.blocks)
        .map(|(level, id, title)| (level, NavEntry { href: href(file, Some(id)), title, children: Vec::new() }))
        .collect();
    NavEntry { href: file.to_string(), title: chapter.title.clone(), children: nest(sections) }
}

/// The top-level headings that open sections: all but a leading `#` heading,
/// which is the chapter's own title. A later `#` counts as a `##`.
fn section_headings(blocks: &[Block]) -> impl Iterator<Item = (u8, &str, String)> {
    let leading_title = matches!(blocks.first(), Some(Block { kind: BlockKind::Heading(h), .. }) if h.level == 1);
    blocks.iter().skip(usize::from(leading_title)).filter_map(|block| match &block.kind {
        BlockKind::Heading(h) if h.level <= DEEPEST_LEVEL => {
            Some((h.level.max(2), h.id.as_str(), plain_text(&h.content).replace('\u{ad}', "")))
        }
        _ => None,
    })
}

/// Nests a flat run of entries: each takes the deeper ones after it as children.
fn nest(flat: Vec<(u8, NavEntry)>) -> Vec<NavEntry> {
    let mut roots: Vec<NavEntry> = Vec::new();
    // The open ancestors of the next entry: (level, path of indices from the roots).
    let mut open: Vec<(u8, usize)> = Vec::new();
    for (level, entry) in flat {
        while open.last().is_some_and(|&(l, _)| l >= level) {
            open.pop();
        }
        let mut siblings = &mut roots;
        for &(_, index) in &open {
            siblings = &mut siblings[index].children;
        }
        open.push((level, siblings.len()));
        siblings.push(entry);
    }
    roots
}

impl NavEntry {
    /// The entry as epub-builder's table of contents element.
    pub fn toc_element(&self) -> TocElement {
        self.children
            .iter()
            .fold(TocElement::new(&self.href, &self.title), |element, child| element.child(child.toc_element()))
    }
}

/// epub-builder's navigation document completed: the book's language on
/// its root element (the library's template has none), ARIA roles and
/// names on its two `nav`s (screen readers tell landmarks apart by them)
/// and, when the book has a cover page, its landmark (the library lists
/// only pages with a title, and a title would put the cover into the
/// contents).
pub fn complete_nav(nav: &str, language: &str, landmarks_label: &str, cover: Option<(&str, &str)>) -> String {
    let escaped = super::escape::escaped;
    let language = escaped(language);
    let root = "<html xmlns=\"http://www.w3.org/1999/xhtml\"";
    let toc = "<nav epub:type = \"toc\" id=\"toc\">";
    let landmarks = "<nav epub:type = \"landmarks\">";
    let named_landmarks = format!("<nav epub:type=\"landmarks\" aria-label=\"{}\">", escaped(landmarks_label));
    let nav = nav
        .replacen(root, &format!("{root} lang=\"{language}\" xml:lang=\"{language}\""), 1)
        .replacen(toc, "<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\" aria-labelledby=\"toc-title\">", 1)
        .replacen(landmarks, &named_landmarks, 1);
    match cover {
        Some((href, label)) => {
            let list = format!("{named_landmarks}\n    <ol>\n");
            let entry = format!("<li><a epub:type=\"cover\" href=\"{}\">{}</a></li>\n", escaped(href), escaped(label));
            nav.replacen(&list, &format!("{list}      {entry}"), 1)
        }
        None => nav,
    }
}

/// epub-builder's NCX completed for EPUB 2 readers: the book's title
/// instead of the contents' title, the package identifier and the real depth.
pub fn complete_ncx(ncx: &str, title: &str, identifier: &str, entries: &[NavEntry]) -> String {
    let head = format!(
        "<meta name=\"dtb:uid\" content=\"{}\" />\n    <meta name=\"dtb:depth\" content=\"{}\" />",
        super::escape::escaped(identifier),
        depth(entries)
    );
    let ncx = ncx.replacen("<meta name=\"dtb:depth\" content=\"1\" />", &head, 1);
    match ncx.split_once("<docTitle>") {
        Some((before, after)) => match after.split_once("</text>") {
            Some((_, rest)) => {
                format!("{before}<docTitle>\n    <text>{}</text>{rest}", super::escape::escaped(title))
            }
            None => ncx,
        },
        None => ncx,
    }
}

/// How deep the contents go: 1 for chapters alone.
fn depth(entries: &[NavEntry]) -> usize {
    entries.iter().map(|e| 1 + depth(&e.children)).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Heading, Inline};

    fn heading(level: u8, id: &str) -> Block {
        let content = vec![Inline::Text(format!("Раз\u{ad}дел {id}"))];
        Block { kind: BlockKind::Heading(Heading { level, id: id.to_string(), content }), line: 1 }
    }

    fn titles(entries: &[NavEntry]) -> Vec<String> {
        entries.iter().map(|e| format!("{}{:?}", e.href, titles(&e.children))).collect()
    }

    #[test]
    fn sections_nest_by_level_under_the_chapter() {
        let blocks = vec![
            heading(1, "title"),
            heading(2, "a"),
            heading(3, "b"),
            heading(4, "c"),
            heading(5, "d"),
            heading(2, "е"),
        ];
        let chapter = crate::epub::xhtml::tests::chapter_of(blocks);
        let entry = chapter_entry(&chapter, "c.xhtml");
        assert_eq!(entry.title, "Глава");
        assert_eq!(titles(&entry.children), ["c.xhtml#a[\"c.xhtml#b[\\\"c.xhtml#c[]\\\"]\"]", "c.xhtml#е[]"]);
        assert_eq!(entry.children[0].title, "Раздел a", "soft hyphens are not for the contents");
    }

    #[test]
    fn the_navigation_document_gets_a_language_aria_names_and_the_cover_landmark() {
        let nav = "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"x\">\n\
                   <nav epub:type = \"toc\" id=\"toc\">\n\
                   <nav epub:type = \"landmarks\">\n    <ol>\n      <li>toc</li>";
        let root = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"ru\" xml:lang=\"ru\" xmlns:epub=\"x\">";
        let plain = complete_nav(nav, "ru", "Ориентиры", None);
        assert!(plain.starts_with(root), "{plain}");
        assert!(plain.contains("<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\" aria-labelledby=\"toc-title\">"));
        assert!(plain.contains("<nav epub:type=\"landmarks\" aria-label=\"Ориентиры\">"), "{plain}");
        let with_cover = complete_nav(nav, "ru", "Ориентиры", Some(("cover.xhtml", "Обложка")));
        assert!(
            with_cover.ends_with(
                "<ol>\n      <li><a epub:type=\"cover\" href=\"cover.xhtml\">Обложка</a></li>\n      <li>toc</li>"
            ),
            "{with_cover}"
        );
    }

    #[test]
    fn the_ncx_names_the_book_its_identifier_and_depth() {
        let ncx = "<head>\n    <meta name=\"dtb:depth\" content=\"1\" />\n  </head>\n  <docTitle>\n    <text>Оглавление</text>\n  </docTitle>";
        let leaf = NavEntry { href: "c.xhtml#a".to_string(), title: String::new(), children: Vec::new() };
        let entry = NavEntry { href: "c.xhtml".to_string(), title: String::new(), children: vec![leaf] };
        let ncx = complete_ncx(ncx, "Zig & я", "urn:uuid:1", &[entry]);
        assert!(ncx.contains("<meta name=\"dtb:uid\" content=\"urn:uuid:1\" />"), "{ncx}");
        assert!(ncx.contains("<meta name=\"dtb:depth\" content=\"2\" />"), "{ncx}");
        assert!(ncx.contains("<docTitle>\n    <text>Zig &amp; я</text>\n  </docTitle>"), "{ncx}");
    }

    #[test]
    fn a_deeper_start_still_nests_correctly() {
        let entry = |href: &str| NavEntry { href: href.to_string(), title: String::new(), children: Vec::new() };
        let nested = nest(vec![(3, entry("a")), (2, entry("b")), (4, entry("c")), (3, entry("d"))]);
        assert_eq!(titles(&nested), ["a[]", "b[\"c[]\", \"d[]\"]"]);
    }
}
