//! The print edition's page numbers in the e-book: an invisible
//! page-break marker where each printed page begins, and the page list
//! that leads to them, so a reader can cite «с. 42» from either edition.
//!
//! Where the pages begin comes from the model ([`Book::print_pages`]),
//! which the build fills from the print edition's layout.

use super::escape::{escaped, href};
use super::index::INDEX_PAGE;
use crate::document::{Book, FrontPage, PageStart, PrintPage};

/// The title page's and the contents' documents.
pub const TITLE_PAGE: &str = "title.xhtml";
pub const CONTENTS_PAGE: &str = "contents.xhtml";

/// The marker of a page: empty, so it shows nothing, but a screen reader
/// announces it and the page list can point at it.
pub fn marker(folio: &str) -> String {
    let folio = escaped(folio);
    format!("<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-{folio}\" aria-label=\"{folio}\"/>")
}

/// Where the page list leads for `page`: its marker in its document.
fn target(page: &PrintPage, files: &[String]) -> String {
    let file = match &page.start {
        PageStart::Front(FrontPage::Title | FrontPage::Imprint) => TITLE_PAGE,
        PageStart::Front(_) => CONTENTS_PAGE,
        PageStart::Text(position) => files.get(position.chapter).map_or("", String::as_str),
        PageStart::Index(_) => INDEX_PAGE,
    };
    href(file, Some(&format!("page-{}", page.folio)))
}

/// The markers of a front-matter document: at its start, before the
/// contents entries that lead to an href, and at its end.
#[derive(Debug, Default)]
pub struct FrontMarkers {
    pub start: String,
    pub entries: Vec<(String, String)>,
    pub end: String,
}

/// The markers of the title page and of the contents: the print edition's
/// title page and its back, and its contents (from their title or from an
/// entry) with the blank page after them.
pub fn front_markers(book: &Book, files: &[String]) -> [FrontMarkers; 2] {
    let [mut title, mut contents] = [FrontMarkers::default(), FrontMarkers::default()];
    for page in book.print_pages.iter().flat_map(|map| &map.pages) {
        let PageStart::Front(front) = &page.start else { continue };
        let marker = marker(&page.folio);
        match front {
            FrontPage::Title => title.start.push_str(&marker),
            FrontPage::Imprint => title.end.push_str(&marker),
            FrontPage::Contents(None) => contents.start.push_str(&marker),
            FrontPage::Contents(Some((chapter, anchor))) => {
                let file = files.get(*chapter).map_or("", String::as_str);
                contents.entries.push((href(file, anchor.as_deref()), marker));
            }
            FrontPage::Blank => contents.end.push_str(&marker),
        }
    }
    [title, contents]
}

/// The markers of the index page: each print index page's, with the entry
/// it begins at (0: the index's start).
pub fn index_markers(book: &Book) -> Vec<(usize, String)> {
    let pages = book.print_pages.iter().flat_map(|map| &map.pages);
    pages
        .filter_map(
            |page| if let PageStart::Index(entry) = page.start { Some((entry, marker(&page.folio))) } else { None },
        )
        .collect()
}

/// The `page-list` navigation: every page of the print edition, in order;
/// none when the book has no page map.
pub fn nav(book: &Book, files: &[String], label: &str) -> String {
    let Some(map) = book.print_pages.as_ref().filter(|map| !map.pages.is_empty()) else {
        return String::new();
    };
    let mut nav = format!(
        "<nav epub:type=\"page-list\" role=\"doc-pagelist\" aria-label=\"{}\" hidden=\"hidden\">\n  <ol>\n",
        escaped(label)
    );
    for page in &map.pages {
        let href = escaped(&target(page, files));
        nav.push_str(&format!("    <li><a href=\"{href}\">{}</a></li>\n", escaped(&page.folio)));
    }
    nav.push_str("  </ol>\n</nav>\n");
    nav
}

/// Whether the e-book carries the print edition's page numbers.
pub fn has_page_list(book: &Book) -> bool {
    book.print_pages.as_ref().is_some_and(|map| !map.pages.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{PageMap, Position};

    #[test]
    fn the_page_list_leads_to_each_page_in_its_document() {
        let page = |folio: &str, start| PrintPage { folio: folio.to_string(), start };
        let position = Position { chapter: 1, path: vec![3], offset: 40 };
        let map = PageMap {
            pages: vec![
                page("i", PageStart::Front(FrontPage::Title)),
                page("iii", PageStart::Front(FrontPage::Contents(None))),
                page("7", PageStart::Text(position)),
            ],
            ..PageMap::default()
        };
        let files = ["a.xhtml".to_string(), "b.xhtml".to_string()];
        let targets: Vec<String> = map.pages.iter().map(|page| target(page, &files)).collect();
        assert_eq!(targets, ["title.xhtml#page-i", "contents.xhtml#page-iii", "b.xhtml#page-7"]);
        assert_eq!(
            marker("7"),
            "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-7\" aria-label=\"7\"/>"
        );
    }
}
