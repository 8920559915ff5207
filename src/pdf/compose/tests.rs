//! Composition of the fixture book, checked on the page descriptions.

use std::path::Path;

use super::compose;
use crate::document::Book;
use crate::manifest::Manifest;
use crate::pdf::fonts::FontBook;
use crate::pdf::page::{Document, Item, LinkDestination, PageLabel};

fn fixture() -> Book {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books/full");
    let mut book = crate::document::load(Manifest::load(&root).unwrap()).unwrap();
    crate::typography::apply(&mut book).unwrap();
    crate::highlight::apply(&mut book).unwrap();
    book
}

fn composed() -> (Book, Document) {
    let book = fixture();
    let fonts = FontBook::load(&book.manifest).unwrap();
    let document = compose(&book, &fonts).unwrap();
    (book, document)
}

fn page_text(document: &Document, page: usize) -> String {
    document.pages[page]
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) => Some(run.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn find_page(document: &Document, needle: &str) -> usize {
    (0..document.pages.len()).find(|&p| page_text(document, p).contains(needle)).unwrap_or_else(|| panic!("{needle}"))
}

#[test]
fn everything_stays_inside_the_trim_box() {
    let (_, document) = composed();
    let (width, height) = (document.geometry.width, document.geometry.height);
    for (index, page) in document.pages.iter().enumerate() {
        for item in &page.items {
            let (x0, y0, x1, y1) = match item {
                Item::Text(run) => {
                    let advance: f32 = run.glyphs.iter().map(|g| g.x_advance).sum();
                    (run.x, run.y - run.size, run.x + advance, run.y + 0.3 * run.size)
                }
                Item::Rect { x, y, width, height, .. } | Item::Image { x, y, width, height, .. } => {
                    (*x, *y, x + width, y + height)
                }
                Item::Line { x1, y1, x2, y2, .. } => (x1.min(*x2), y1.min(*y2), x1.max(*x2), y1.max(*y2)),
            };
            assert!(x0 >= 0.0 && y0 >= 0.0 && x1 <= width && y1 <= height, "page {index}: {item:?}");
        }
    }
}

#[test]
fn chapters_open_on_rectos_after_an_even_front_matter() {
    let (book, document) = composed();
    let first_body = document.pages.iter().position(|p| p.label == PageLabel::Arabic(1)).unwrap();
    assert_eq!(first_body % 2, 0);
    assert!(document.pages[..first_body].iter().all(|p| matches!(p.label, PageLabel::Roman(_))));
    for chapter in &document.outline {
        if chapter.title != super::frontmatter::CONTENTS {
            assert_eq!(chapter.page % 2, 0, "{} opens on a verso", chapter.title);
        }
    }
    let titles: Vec<&str> = document.outline.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles.len(), book.chapters.len() + 1);
    assert!(titles.contains(&"Листинги"));
    let empty = document.outline.iter().find(|e| e.title == "Пустые разделы").unwrap();
    assert_eq!(empty.children.len(), 3);
}

#[test]
fn contents_links_and_footnotes_point_at_their_pages() {
    let (_, document) = composed();
    let contents = find_page(&document, "Содержание");
    let listings = document.outline.iter().find(|e| e.title == "Листинги").unwrap().page;
    let targets: Vec<&LinkDestination> = document.pages[contents].links.iter().map(|l| &l.target).collect();
    assert!(targets.iter().any(|t| matches!(t, LinkDestination::Page { page, .. } if *page == listings)));
    let folio = match document.pages[listings].label {
        PageLabel::Arabic(n) => n.to_string(),
        label => panic!("{label:?}"),
    };
    assert!(page_text(&document, contents).contains(&folio));
    let prose = find_page(&document, "Мебибайт");
    assert!(document.pages[prose]
        .links
        .iter()
        .any(|l| l.target == LinkDestination::Uri("https://ziglang.org/documentation/0.11.0/".into())));
    let note_links = document.pages[prose]
        .links
        .iter()
        .filter(|l| matches!(l.target, LinkDestination::Page { page, .. } if page == prose));
    assert!(note_links.count() >= 2, "footnote marks link to their notes on the same page");
}

#[test]
fn every_listing_line_is_set() {
    let (_, document) = composed();
    let all: String = (0..document.pages.len()).map(|p| page_text(&document, p)).collect::<Vec<_>>().join(" ");
    for needle in ["gpa.allocator()", "defer allocator.free(numbers);", "expectEqual", "zig build-exe main.zig"] {
        assert!(all.contains(needle), "{needle}");
    }
}
