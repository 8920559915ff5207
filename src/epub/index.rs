//! The index page: the subject index as EPUB Indexes 1.0 markup
//! (`epub:type="index"` with its ARIA role `doc-index` on the index's section, `index-group`, `index-entry-list`,
//! `index-entry`, `index-term`, `index-locator`, `index-xref-preferred`),
//! every locator a link to one occurrence's anchor.
//!
//! A locator reads `2.3`: the third occurrence in the book's second chapter
//! (an e-book has no pages to number).

use std::collections::HashMap;

use super::escape::{href, push_escaped};
use super::xhtml::document;
use crate::document::{IndexEntry, Occurrence, SubjectIndex};

/// The index's document in the package.
pub const INDEX_PAGE: &str = "index.xhtml";

/// The XHTML document of `index`; `files` names every chapter's document;
/// `markers` are the print index pages' page-break markers, each with the
/// entry its page begins at: before the index's title for entry 0, before
/// its group for the first entry of a group, else at the entry's start.
pub fn page(index: &SubjectIndex, language: &str, files: &[String], markers: &[(usize, String)]) -> String {
    let mut ids = HashMap::new();
    for (n, entry) in index.groups.iter().flat_map(|g| &g.entries).enumerate() {
        ids.insert(crate::index::forms::normalize(&entry.term), format!("entry-{}", n + 1));
    }
    let see_label = if crate::document::is_russian(language) { "см." } else { "see" };
    let mut page = Page { out: String::new(), files, ids, see_label, markers, entry: 0 };
    page.out.push_str("<section class=\"index\" epub:type=\"index\" role=\"doc-index\">\n");
    page.markers_of(0);
    page.out.push_str("<h1>");
    push_escaped(&mut page.out, &index.title);
    page.out.push_str("</h1>\n");
    for group in &index.groups {
        if page.entry > 0 {
            page.markers_of(page.entry);
        }
        page.out.push_str("<section epub:type=\"index-group\">\n<h2>");
        push_escaped(&mut page.out, &group.letter);
        page.out.push_str("</h2>\n");
        page.entries(&group.entries, true);
        page.out.push_str("</section>\n");
    }
    page.out.push_str("</section>\n");
    document(language, &index.title, "backmatter", &page.out)
}

struct Page<'a> {
    out: String,
    files: &'a [String],
    /// Each entry's id on the page, by its normalized term (for see-references).
    ids: HashMap<String, String>,
    /// «см.» or «see».
    see_label: &'static str,
    /// The print index pages' markers, by the entry each page begins at.
    markers: &'a [(usize, String)],
    /// The next top-level entry's number.
    entry: usize,
}

impl Page<'_> {
    fn entries(&mut self, entries: &[IndexEntry], top: bool) {
        self.out.push_str("<ul epub:type=\"index-entry-list\">\n");
        for (n, entry) in entries.iter().enumerate() {
            self.out.push_str("<li epub:type=\"index-entry\"");
            if let Some(id) = self.ids.get(&crate::index::forms::normalize(&entry.term)).filter(|_| top) {
                self.out.push_str(&format!(" id=\"{id}\""));
            }
            self.out.push('>');
            if top {
                // A group's first entry has its markers before the group.
                if n > 0 {
                    self.markers_of(self.entry);
                }
                self.entry += 1;
            }
            self.out.push_str("<span epub:type=\"index-term\">");
            if entry.code {
                self.out.push_str("<code>");
            }
            push_escaped(&mut self.out, &entry.term);
            if entry.code {
                self.out.push_str("</code>");
            }
            self.out.push_str("</span>");
            self.locators(&entry.occurrences);
            if let Some(see) = &entry.see {
                self.see(see);
            }
            if !entry.subentries.is_empty() {
                self.out.push('\n');
                self.entries(&entry.subentries, false);
            }
            self.out.push_str("</li>\n");
        }
        self.out.push_str("</ul>\n");
    }

    /// The markers of the print pages beginning at top-level entry `entry`.
    fn markers_of(&mut self, entry: usize) {
        for (_, marker) in self.markers.iter().filter(|(at, _)| *at == entry) {
            self.out.push_str(marker);
        }
    }

    fn locators(&mut self, occurrences: &[Occurrence]) {
        let mut previous_chapter = usize::MAX;
        let mut nth = 0;
        for occurrence in occurrences {
            nth = if occurrence.chapter == previous_chapter { nth + 1 } else { 1 };
            previous_chapter = occurrence.chapter;
            let file = self.files.get(occurrence.chapter).map_or("", String::as_str);
            self.out.push_str(", <a epub:type=\"index-locator\" href=\"");
            push_escaped(&mut self.out, &href(file, Some(&occurrence.anchor)));
            self.out.push_str(&format!("\">{}.{nth}</a>", occurrence.chapter + 1));
        }
    }

    fn see(&mut self, see: &str) {
        self.out.push_str(&format!(", <i>{}</i> ", self.see_label));
        match self.ids.get(&crate::index::forms::normalize(see)) {
            Some(id) => {
                self.out.push_str(&format!("<a epub:type=\"index-xref-preferred\" href=\"#{id}\">"));
                push_escaped(&mut self.out, see);
                self.out.push_str("</a>");
            }
            None => push_escaped(&mut self.out, see),
        }
    }
}
