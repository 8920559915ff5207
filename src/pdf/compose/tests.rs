//! Composition of the fixture book, checked on the page descriptions.

use std::path::Path;

use super::compose;
use crate::document::Book;
use crate::manifest::Manifest;
use crate::pdf::fonts::FontBook;
use crate::pdf::page::{Document, Item, LinkDestination, PageLabel, TextRun};

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

/// The page's runs, those on one baseline joined in order, a line per baseline.
fn page_text(document: &Document, page: usize) -> String {
    let mut runs: Vec<&TextRun> = document.pages[page]
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) => Some(run),
            _ => None,
        })
        .collect();
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut text = String::new();
    for (i, run) in runs.iter().enumerate() {
        if i > 0 && runs[i - 1].y != run.y {
            text.push('\n');
        }
        text.push_str(&run.text);
    }
    text
}

fn find_page(document: &Document, needle: &str) -> usize {
    (0..document.pages.len()).find(|&p| page_text(document, p).contains(needle)).unwrap_or_else(|| panic!("{needle}"))
}

#[test]
fn everything_stays_inside_the_trim_box() {
    assert_inside_the_trim_box(&composed().1);
}

fn assert_inside_the_trim_box(document: &Document) {
    let (width, height) = (document.geometry.width, document.geometry.height);
    for (index, page) in document.pages.iter().enumerate() {
        for item in &page.items {
            let (x0, y0, x1, y1) = match item {
                Item::Text(run) => {
                    let advance: f32 = run.glyphs.iter().map(|g| g.x_advance).sum();
                    (run.x, run.y - run.size, run.x + advance, run.y + 0.3 * run.size)
                }
                Item::TextDown(run) => {
                    let advance: f32 = run.glyphs.iter().map(|g| g.x_advance).sum();
                    (run.x - 0.3 * run.size, run.y, run.x + run.size, run.y + advance)
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
        if chapter.title != "Содержание" {
            assert_eq!(chapter.page % 2, 0, "{} opens on a verso", chapter.title);
        }
    }
    let titles: Vec<&str> = document.outline.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles.len(), book.chapters.len() + 1);
    assert!(titles.contains(&"2 Листинги"), "the fixture numbers its chapters: {titles:?}");
    let empty = document.outline.iter().find(|e| e.title == "3 Пустые разделы").unwrap();
    assert_eq!(empty.children.len(), 3);
}

#[test]
fn contents_links_and_footnotes_point_at_their_pages() {
    let (_, document) = composed();
    let contents = find_page(&document, "Содержание");
    let listings = document.outline.iter().find(|e| e.title == "2 Листинги").unwrap().page;
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
    let (down, up): (Vec<_>, Vec<_>) = note_links.partition(|link| link.y < 500.0);
    assert!(down.len() >= 2, "footnote marks link down to their notes");
    assert_eq!(up.len(), 2, "each note's number links back up to its reference");
    for link in up {
        let LinkDestination::Page { y, .. } = link.target else { unreachable!() };
        assert!(y < 400.0, "the reference is in the text, not at the foot: {y}");
    }
}

#[test]
fn every_listing_line_is_set() {
    let (_, document) = composed();
    // Highlighted listings are set as one run per token, which `page_text`
    // joins with spaces: compare without them.
    let unspaced = |text: &str| text.replace(' ', "");
    let all = unspaced(&(0..document.pages.len()).map(|p| page_text(&document, p)).collect::<String>());
    for needle in ["gpa.allocator()", "defer allocator.free(numbers);", "expectEqual", "zig build-exe main.zig"] {
        assert!(all.contains(&unspaced(needle)), "{needle}");
    }
}

/// A book in a temporary folder: `chapters` are the manifest's `[[chapters]]`
/// tables after the first, whose file `chapters/01.md` holds `first`; other
/// files are (path, text) pairs.
fn temporary_book(first: &str, chapters: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, Book) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("chapters")).unwrap();
    std::fs::write(dir.path().join("chapters/01.md"), first).unwrap();
    for (path, text) in files {
        std::fs::write(dir.path().join(path), text).unwrap();
    }
    let manifest = format!(
        "[book]\ntitle = \"Проба\"\nauthors = [\"Автор\"]\n\n[[chapters]]\nfile = \"chapters/01.md\"\n{chapters}"
    );
    std::fs::write(dir.path().join("book.toml"), manifest).unwrap();
    let mut book = crate::document::load(Manifest::load(dir.path()).unwrap()).unwrap();
    crate::typography::apply(&mut book).unwrap();
    crate::highlight::apply(&mut book).unwrap();
    (dir, book)
}

/// A book of awkward content in a temporary folder.
fn awkward_book() -> (tempfile::TempDir, Book) {
    let nested: String = (0..12).map(|depth| format!("{}- уровень {depth}\n", "  ".repeat(depth))).collect();
    let columns = 14;
    let header = format!("|{}\n|{}\n", "столбец|".repeat(columns), "---|".repeat(columns));
    let row = format!("|{}\n", "высокопроизводительный|".repeat(columns));
    let long_code = format!("```zig\nconst s = \"{}\";\n```\n", "щ".repeat(300));
    let long_listing = format!("```\n{}```\n", "строка кода\n".repeat(120));
    let long_table = format!("| Имя | Значение |\n|---|--:|\n{}", "| ячейка | 42 |\n".repeat(90));
    let chapter = format!(
        "# Неудобная глава\n\n{nested}\n{header}{row}{row}\n{long_code}\n{long_listing}\n{long_table}\nТекст со сноской[^n].\n\n[^n]: Сноска.\n\n## Один заголовок\n"
    );
    temporary_book(
        &chapter,
        "\n[[chapters]]\nfile = \"chapters/02.md\"\ntitle = \"Вторая\"\n",
        &[("chapters/02.md", "## Только раздел\n")],
    )
}

#[test]
fn awkward_content_is_set_without_a_panic_and_long_listings_split() {
    let (_dir, book) = awkward_book();
    let fonts = FontBook::load(&book.manifest).unwrap();
    let document = compose(&book, &fonts).unwrap();
    let all: String = (0..document.pages.len()).map(|p| page_text(&document, p)).collect::<Vec<_>>().join("\n");
    assert_eq!(all.matches("строка кода").count(), 120, "every line of the long listing is set");
    assert_eq!(all.matches('щ').count(), 300, "the unbreakable code line wraps, nothing is lost");
    let pages_with_code = (0..document.pages.len()).filter(|&p| page_text(&document, p).contains("строка кода"));
    for page in pages_with_code {
        assert!(page_text(&document, page).matches("строка кода").count() >= 2, "a split leaves two lines or more");
    }
    let table_pages: Vec<String> =
        (0..document.pages.len()).map(|p| page_text(&document, p)).filter(|t| t.contains("ячейка")).collect();
    assert!(table_pages.len() >= 2, "the long table spans pages");
    assert!(table_pages.iter().all(|t| t.contains("Значение")), "each part of it has the header");
    assert_eq!(table_pages.iter().map(|t| t.matches("ячейка").count()).sum::<usize>(), 90);
    // Each part of the table, the last included, ends with the heavy rule below its last row.
    for page in (0..document.pages.len()).filter(|&p| page_text(&document, p).contains("ячейка")) {
        let lowest_row = document.pages[page]
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Text(run) if run.text.contains("ячейка") => Some(run.y),
                _ => None,
            })
            .fold(f32::MIN, f32::max);
        let closed = document.pages[page].items.iter().any(|item| {
            matches!(item, Item::Line { y1, thickness, .. } if *thickness > 0.7 && *y1 > lowest_row && *y1 < lowest_row + 8.0)
        });
        assert!(closed, "page {page}: no rule under the last row");
    }
    assert!(document.outline.iter().any(|e| e.title == "Вторая" && e.children.len() == 1));
    assert_inside_the_trim_box(&document);
}

#[test]
fn a_long_footnote_continues_and_keeps_its_links() {
    let note: Vec<String> = (1..=1000).map(|n| format!("f{n:04}")).collect();
    let chapter = format!("# Глава\n\np0001[^long].\n\n[^long]: {}.\n", note.join(" "));
    let (_dir, book) = temporary_book(&chapter, "", &[]);
    let fonts = FontBook::load(&book.manifest).unwrap();
    let document = compose(&book, &fonts).unwrap();
    let reference = find_page(&document, "p0001");
    assert_eq!(find_page(&document, "f0001"), reference, "the note begins on the page of its reference");
    let end = find_page(&document, "f1000");
    assert!(end > reference, "and continues on the next page");
    assert_inside_the_trim_box(&document);
    // The mark links down to the note's start, the note's number back up to the mark.
    let targets: Vec<LinkDestination> = document.pages[reference].links.iter().map(|l| l.target.clone()).collect();
    let [LinkDestination::Page { page: to_note, y: note }, LinkDestination::Page { page: to_mark, y: mark }] =
        targets[..]
    else {
        panic!("{targets:?}")
    };
    assert_eq!((to_note, to_mark), (reference, reference));
    assert!(note > mark, "the note at {note} is below its mark at {mark}");
    let continued = (reference + 1..=end).flat_map(|page| &document.pages[page].links);
    assert_eq!(continued.count(), 0, "the continued part has no number of its own");
}

#[test]
fn a_table_row_taller_than_a_page_continues_below_the_repeated_header() {
    let cell: Vec<String> = (1..=3000).map(|n| format!("w{n:04}")).collect();
    let chapter =
        format!("# Глава\n\n| Имя | Значение |\n|---|---|\n| {} | x0001 |\n| c0001 | x0002 |\n", cell.join(" "));
    let (_dir, book) = temporary_book(&chapter, "", &[]);
    let fonts = FontBook::load(&book.manifest).unwrap();
    let document = compose(&book, &fonts).unwrap();
    let pages: Vec<String> = (0..document.pages.len()).map(|p| page_text(&document, p)).collect();
    let (first, last) = (find_page(&document, "w0001"), find_page(&document, "w3000"));
    assert!(last > first + 2, "the row runs over pages {first} to {last}");
    for text in &pages[first..=last] {
        assert!(text.contains("Имя") && text.contains("Значение"), "each page has the header:\n{text}");
    }
    assert_eq!(find_page(&document, "c0001"), last, "the next row follows the tall one");
    assert_inside_the_trim_box(&document);
}

#[test]
fn a_kept_chapter_is_the_chapter_a_fresh_layout_sets() {
    let (book, fresh) = composed();
    let fonts = FontBook::load(&book.manifest).unwrap();
    let mut kept = super::KeptChapters::without_page_references(&book);
    super::compose_keeping(&book, &fonts, &mut kept).unwrap();
    let keeps: Vec<bool> = kept.chapters.iter().map(|(_, set)| set.is_some()).collect();
    assert_eq!(keeps, [false, false, true], "the chapters with page references are set anew");
    let again = super::compose_keeping(&book, &fonts, &mut kept).unwrap();
    assert_eq!(format!("{:?}", again.pages), format!("{:?}", fresh.pages));
    assert_eq!(format!("{:?}", again.structure), format!("{:?}", fresh.structure));
    assert_eq!(again.page_map, fresh.page_map);
}
