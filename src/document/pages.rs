//! The print edition's pages, as places in the model: where each page
//! begins ([`PageMap`]), so the e-book can mark them and page references
//! can name them.
//!
//! The PDF's page builder fills a [`PageMap`] once per build (also when
//! only the EPUB is written); the EPUB reads it to set invisible
//! page-break markers and its page list, and both editions the numbers of
//! page references (`@pg:lst:arena`), which [`Book::set_page_numbers`]
//! writes into the model.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::path::PathBuf;

use super::model::{Book, Inline};

/// A place in a chapter's text: a path of blocks and a byte offset into
/// the text of the block it ends at.
///
/// The path indexes the chapter's blocks and goes down through what holds
/// blocks: a list by item, then the block in the item (`[3, 1, 0]`: the
/// first block of the second item of the list that is block 3); a quote by
/// its blocks; a table by its rows (0 the header, then the body's rows from 1).
/// A path one past the chapter's last block is the chapter's end.
///
/// The offset counts the UTF-8 bytes of the block's text before the place:
/// for a paragraph or heading the text of its `Text` and `Code` inlines
/// (links and emphasis included, nothing for breaks, notes, images or
/// HTML); for a listing its code, lines joined by `\n`; 0 elsewhere.
/// Positions order as the text reads.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    pub chapter: usize,
    pub path: Vec<u32>,
    pub offset: usize,
}

impl Position {
    /// The end of chapter `chapter` of `blocks` blocks: after its notes too.
    pub fn chapter_end(chapter: usize, blocks: usize) -> Position {
        Position { chapter, path: vec![u32::try_from(blocks).unwrap_or(u32::MAX)], offset: 0 }
    }
}

/// Where a page of the print edition begins.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PageStart {
    /// A page of the front matter, which the e-book sets apart.
    Front(FrontPage),
    /// A place in a chapter: a page's first text, or for a page without
    /// text of its own (footnotes carried over, a blank verso) the place
    /// after the text of the page before.
    Text(Position),
    /// A page of the subject index, after the text: it begins at (or
    /// within) the index's `n`th entry, counted from 0 over every group
    /// (subentries not counted); the first page, under the title, at 0.
    Index(usize),
}

/// The front matter's pages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FrontPage {
    /// The title page.
    Title,
    /// The back of the title page (the imprint).
    Imprint,
    /// A page of the contents, from its title or from the entry of a
    /// chapter (and a heading's id in it).
    Contents(Option<(usize, Option<String>)>),
    /// A blank page after the contents, so the body starts on a recto.
    Blank,
}

/// One page of the print edition.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PrintPage {
    /// The folio as printed: `iii`, `42`.
    pub folio: String,
    pub start: PageStart,
}

/// The print edition's pages in order, each with where it begins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMap {
    pub pages: Vec<PrintPage>,
    /// The page each label's target lies on (where links to it lead: the
    /// top of a listing, table or figure, a section's heading), by index
    /// into `pages`.
    pub labels: BTreeMap<String, usize>,
}

impl PageMap {
    /// The index of the page `position` lies on: the last page beginning
    /// at or before it. Pages in the text begin in reading order.
    pub fn page_of(&self, position: &Position) -> Option<usize> {
        let body = self.pages.iter().position(|page| matches!(page.start, PageStart::Text(_)))?;
        let after = self.pages[body..].partition_point(|page| match &page.start {
            PageStart::Text(start) => start.cmp(position) != Ordering::Greater,
            PageStart::Front(_) => true,
            PageStart::Index(_) => false,
        });
        (after > 0).then(|| body + after - 1)
    }

    /// The folio of the page `position` lies on.
    pub fn folio_of(&self, position: &Position) -> Option<&str> {
        self.page_of(position).map(|index| self.pages[index].folio.as_str())
    }

    /// The folio of the page label `label`'s target lies on.
    pub fn folio_of_label(&self, label: &str) -> Option<&str> {
        self.labels.get(label).map(|&index| self.pages[index].folio.as_str())
    }

    /// The pages beginning in chapter `chapter`, with their index, in order.
    pub fn chapter_starts(&self, chapter: usize) -> impl Iterator<Item = (usize, &PrintPage, &Position)> {
        self.pages.iter().enumerate().filter_map(move |(index, page)| match &page.start {
            PageStart::Text(position) if position.chapter == chapter => Some((index, page, position)),
            _ => None,
        })
    }
}

/// A page reference whose number changed: where it is written, what it
/// read and what it reads now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedPageNumber {
    /// The chapter file and the line and column of the reference.
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub label: String,
    pub was: Option<String>,
    pub now: String,
}

impl Book {
    /// Gives every page reference the folio of the page its target lies on
    /// in `map`; the references whose number changed, in reading order
    /// (none: the layout that made `map` showed the right numbers).
    pub fn set_page_numbers(&mut self, map: &PageMap) -> Vec<ChangedPageNumber> {
        let mut changed = Vec::new();
        for chapter in &mut self.chapters {
            let path = chapter.path.clone();
            chapter.for_each_inline_run_mut(&mut |_, inlines| {
                super::walk::for_each_link_mut(inlines, &mut |link| {
                    let [Inline::PageNumber(number)] = link.content.as_mut_slice() else { return };
                    let now = map.folio_of_label(&number.label).unwrap_or(super::PageNumber::UNKNOWN);
                    if number.folio.as_deref() != Some(now) {
                        changed.push(ChangedPageNumber {
                            path: path.clone(),
                            line: link.line,
                            column: link.column,
                            label: number.label.clone(),
                            was: number.folio.replace(now.to_string()),
                            now: now.to_string(),
                        });
                    }
                });
            });
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(chapter: usize, path: &[u32], offset: usize) -> Position {
        Position { chapter, path: path.to_vec(), offset }
    }

    fn page(folio: &str, start: PageStart) -> PrintPage {
        PrintPage { folio: folio.to_string(), start }
    }

    #[test]
    fn positions_order_as_the_text_reads() {
        assert!(at(0, &[3], 10) < at(0, &[3, 0, 0], 0), "a list's place comes before its items");
        assert!(at(0, &[3, 1, 0], 0) < at(0, &[4], 0));
        assert!(at(0, &[2], 500) < at(0, &[10], 0), "blocks by number, not as text");
        assert!(at(0, &[9], 0) < Position::chapter_end(0, 10));
        assert!(Position::chapter_end(0, 10) < at(1, &[0], 0));
    }

    #[test]
    fn a_position_lies_on_the_last_page_begun_before_it() {
        let map = PageMap {
            pages: vec![
                page("i", PageStart::Front(FrontPage::Title)),
                page("ii", PageStart::Front(FrontPage::Imprint)),
                page("1", PageStart::Text(at(0, &[0], 0))),
                page("2", PageStart::Text(at(0, &[5], 120))),
                page("3", PageStart::Text(Position::chapter_end(0, 8))),
                page("4", PageStart::Text(at(1, &[0], 0))),
            ],
            labels: [("lst:a".to_string(), 3)].into(),
        };
        assert_eq!((map.folio_of_label("lst:a"), map.folio_of_label("lst:b")), (Some("2"), None));
        assert_eq!(map.folio_of(&at(0, &[0], 7)), Some("1"));
        assert_eq!(map.folio_of(&at(0, &[5], 119)), Some("1"));
        assert_eq!(map.folio_of(&at(0, &[5], 120)), Some("2"));
        assert_eq!(map.folio_of(&at(0, &[7, 2, 0], 0)), Some("2"));
        assert_eq!(map.folio_of(&at(1, &[3], 0)), Some("4"));
        assert_eq!(PageMap::default().page_of(&at(0, &[0], 0)), None);
        let starts: Vec<&str> = map.chapter_starts(0).map(|(_, page, _)| page.folio.as_str()).collect();
        assert_eq!(starts, ["1", "2", "3"]);
    }
}
