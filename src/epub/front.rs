//! Front matter: the title page and the visible table of contents.

use super::escape::{escaped, push_escaped};
use super::nav::NavEntry;
use super::page_list::FrontMarkers;
use super::xhtml::document;
use super::Labels;
use crate::manifest::BookMeta;

/// The cover page: the cover image alone, described by title and authors.
pub fn cover_page(meta: &BookMeta, labels: &Labels, image_href: &str) -> String {
    let description = format!("{}: {} — {}", labels.cover, meta.title, meta.authors.join(", "));
    let body = format!(
        "<section epub:type=\"cover\" class=\"cover\">\n<img role=\"doc-cover\" src=\"{}\" alt=\"{}\"/>\n</section>\n",
        escaped(image_href),
        escaped(&description)
    );
    document(&meta.language, labels.cover, "cover", &body)
}

/// The title page: authors, title, subtitle, translators; the print
/// edition's title page and its back begin at its start and end.
pub fn title_page(meta: &BookMeta, labels: &Labels, pages: &FrontMarkers) -> String {
    let mut body = String::from("<section epub:type=\"titlepage\" class=\"titlepage\">\n");
    body.push_str(&pages.start);
    body.push_str(&format!("<p class=\"authors\">{}</p>\n", escaped(&meta.authors.join(", "))));
    body.push_str(&format!("<h1 class=\"title\">{}</h1>\n", escaped(&meta.title)));
    if let Some(subtitle) = &meta.subtitle {
        body.push_str(&format!("<p class=\"subtitle\">{}</p>\n", escaped(subtitle)));
    }
    if !meta.translators.is_empty() {
        let names = escaped(&meta.translators.join(", "));
        body.push_str(&format!("<p class=\"translators\">{}: {names}</p>\n", labels.translation));
    }
    body.push_str(&pages.end);
    body.push_str("</section>\n");
    document(&meta.language, &meta.title, "frontmatter", &body)
}

/// The contents page: the same tree as the navigation document, as links,
/// with the print edition's contents pages marked where they begin.
pub fn contents_page(meta: &BookMeta, labels: &Labels, entries: &[NavEntry], pages: &FrontMarkers) -> String {
    let mut body = format!("<section class=\"contents\">\n{}<h1>{}</h1>\n", pages.start, labels.contents);
    push_list(&mut body, entries, &pages.entries);
    body.push_str(&pages.end);
    body.push_str("</section>\n");
    document(&meta.language, labels.contents, "frontmatter", &body)
}

fn push_list(out: &mut String, entries: &[NavEntry], markers: &[(String, String)]) {
    out.push_str("<ol>\n");
    for entry in entries {
        out.push_str("<li>");
        markers.iter().filter(|(href, _)| *href == entry.href).for_each(|(_, marker)| out.push_str(marker));
        out.push_str("<a href=\"");
        push_escaped(out, &entry.href);
        out.push_str("\">");
        push_escaped(out, &entry.title);
        out.push_str("</a>");
        if !entry.children.is_empty() {
            out.push('\n');
            push_list(out, &entry.children, markers);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_nest_as_lists_of_links() {
        let leaf = NavEntry { href: "c.xhtml#a".to_string(), title: "A & B".to_string(), children: Vec::new() };
        let entry = NavEntry { href: "c.xhtml".to_string(), title: "Глава".to_string(), children: vec![leaf] };
        let mut out = String::new();
        push_list(&mut out, &[entry], &[]);
        assert_eq!(
            out,
            "<ol>\n<li><a href=\"c.xhtml\">Глава</a>\n<ol>\n<li><a href=\"c.xhtml#a\">A &amp; B</a></li>\n</ol>\n</li>\n</ol>\n"
        );
    }
}
