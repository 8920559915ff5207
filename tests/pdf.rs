//! The print edition of the fixture book, read back with lopdf (no outside
//! tool: `cargo test` needs only a Rust toolchain; CI also checks the PDFs
//! with poppler and qpdf): page size, outline, links, metadata, fonts,
//! folios, text inside the trim box, listings in order, and the same bytes
//! from two builds.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use lopdf::{Dictionary, Document, Object};

#[path = "common/pdf_text.rs"]
mod pdf_text;

use pdf_text::{all_lines, build_pdf as build, dict, page_box, resolve, runs_outside_the_trim_box, text_lines};

const MM: f32 = 72.0 / 25.4;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books/full")
}

/// The fixture's PDF, built once for all tests.
fn pdf() -> &'static (Vec<u8>, Document) {
    static PDF: OnceLock<(Vec<u8>, Document)> = OnceLock::new();
    PDF.get_or_init(|| {
        let bytes = build(&fixture());
        let document = Document::load_mem(&bytes).expect("lopdf reads the PDF");
        (bytes, document)
    })
}

fn text(doc: &Document, parent: &Dictionary, key: &[u8]) -> Option<String> {
    match resolve(doc, parent.get(key).ok()?) {
        Object::String(bytes, _) => Some(pdf_text::text_string(bytes)),
        _ => None,
    }
}

fn pages(doc: &Document) -> Vec<&Dictionary> {
    doc.get_pages().values().map(|id| doc.get_dictionary(*id).unwrap()).collect()
}

#[test]
fn pages_are_170_by_240_mm() {
    let (_, doc) = pdf();
    for page in pages(doc) {
        let [x0, y0, x1, y1] = page_box(doc, page, b"TrimBox");
        assert!(((x1 - x0) / MM - 170.0).abs() < 0.2 && ((y1 - y0) / MM - 240.0).abs() < 0.2, "{:?}", [x0, y0, x1, y1]);
    }
    assert!(pages(doc).len() >= 8, "title, imprint, contents and three chapters");
}

#[test]
fn metadata_names_the_book_in_russian() {
    let (_, doc) = pdf();
    let catalog = doc.catalog().unwrap();
    assert_eq!(text(doc, catalog, b"Lang").as_deref(), Some("ru"));
    let info = dict(doc, &doc.trailer, b"Info").expect("an Info dictionary");
    assert_eq!(text(doc, info, b"Title").as_deref(), Some("Память в Zig"));
    assert!(text(doc, info, b"Author").unwrap().contains("Анна Петрова"));
    assert!(catalog.get(b"PageLabels").is_ok(), "page labels match the folios");
}

/// Titles of an outline level and their children, depth first.
fn outline_titles(doc: &Document, first: Option<&Dictionary>, depth: usize, out: &mut Vec<(usize, String)>) {
    let mut item = first;
    while let Some(entry) = item {
        out.push((depth, text(doc, entry, b"Title").unwrap_or_default()));
        outline_titles(doc, dict(doc, entry, b"First"), depth + 1, out);
        item = dict(doc, entry, b"Next");
    }
}

#[test]
fn the_outline_nests_chapters_and_sections() {
    let (_, doc) = pdf();
    let outlines = dict(doc, doc.catalog().unwrap(), b"Outlines").expect("an outline");
    let mut titles = Vec::new();
    outline_titles(doc, dict(doc, outlines, b"First"), 0, &mut titles);
    let has = |depth: usize, title: &str| titles.iter().any(|(d, t)| *d == depth && t == title);
    // The fixture numbers its sections (`[book] number-sections`).
    for chapter in ["1 Проза и сноски", "2 Листинги", "3 Пустые разделы"] {
        assert!(has(0, chapter), "{chapter} in {titles:?}");
    }
    for section in [
        "1.1 Списки и цитаты",
        "1.2 Таблица",
        "2.1 Выделение памяти",
        "3.1 Аллокаторы",
        "3.2 Аллокатор общего назначения",
    ] {
        assert!(has(1, section), "{section} in {titles:?}");
    }
}

#[test]
fn contents_cross_references_and_footnotes_are_internal_links() {
    let (_, doc) = pdf();
    let mut internal = 0;
    let mut uris = BTreeSet::new();
    for id in doc.get_pages().values() {
        for annotation in doc.get_page_annotations(*id).unwrap() {
            assert_eq!(annotation.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
            match dict(doc, annotation, b"A") {
                Some(action) if action.get(b"S").unwrap().as_name().unwrap() == b"URI" => {
                    uris.insert(text(doc, action, b"URI").unwrap());
                }
                _ => internal += 1,
            }
        }
    }
    assert!(uris.contains("https://ziglang.org/documentation/0.11.0/"), "{uris:?}");
    // Contents (8 entries at least), two cross-chapter links, a same-chapter
    // link, two footnote marks and the two notes' links back to them.
    assert!(internal >= 15, "{internal} internal links");
}

#[test]
fn every_font_is_embedded_subset_and_mapped_to_unicode() {
    let (_, doc) = pdf();
    let mut fonts = BTreeSet::new();
    for id in doc.get_pages().values() {
        for (_, font) in doc.get_page_fonts(*id).unwrap() {
            fonts.insert(String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned());
            let name = fonts.last().unwrap().clone();
            assert!(name.len() > 7 && name.as_bytes()[6] == b'+', "not subset: {name}");
            assert!(font.get(b"ToUnicode").is_ok(), "no ToUnicode: {name}");
            let descendant = match font.get(b"DescendantFonts").map(|o| resolve(doc, o)) {
                Ok(Object::Array(fonts)) => resolve(doc, &fonts[0]).as_dict().unwrap(),
                _ => font,
            };
            let descriptor = dict(doc, descendant, b"FontDescriptor").expect("a font descriptor");
            let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|key| descriptor.get(key).is_ok());
            assert!(embedded, "not embedded: {name}");
        }
    }
    assert!(fonts.len() >= 3, "{fonts:?}");
}

#[test]
fn listings_come_out_whole_and_in_order() {
    let (_, doc) = pdf();
    // Spaces aside: a listing's tokens are runs of their own.
    let unspaced = |text: &str| text.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text: String = all_lines(doc).iter().map(|l| unspaced(l)).collect();
    let listing = std::fs::read_to_string(fixture().join("chapters/02-listings.md")).unwrap();
    let code: Vec<&str> =
        listing.lines().skip_while(|l| !l.starts_with("const std")).take_while(|l| *l != "```").collect();
    let mut from = 0;
    for line in code.iter().map(|l| unspaced(l)).filter(|l| !l.is_empty()) {
        // A wrapped line continues on the next printed line: match its start.
        let start: String = line.chars().take(24).collect();
        let found = text[from..].find(start.as_str()).unwrap_or_else(|| panic!("`{start}` missing or out of order"));
        from += found + start.len();
    }
    for word in ["очень", "длинная", "строка\\n\""] {
        assert!(text.contains(word), "the wrapped tail `{word}` is printed");
    }
}

#[test]
fn most_pages_carry_a_folio() {
    let (_, doc) = pdf();
    let count = pages(doc).len();
    let numbered = doc
        .get_pages()
        .values()
        .filter(|id| {
            let lines = text_lines(doc, **id);
            let ends = [lines.first(), lines.last()];
            ends.iter()
                .flatten()
                .any(|l| l.split_whitespace().any(|w| w.chars().all(|c| c.is_ascii_digit() || "ivxlc".contains(c))))
        })
        .count();
    assert!(numbered * 10 >= count * 6, "{numbered} of {count} pages have a folio");
}

#[test]
fn text_starts_inside_the_trim_box() {
    let (_, doc) = pdf();
    let (outside, checked) = runs_outside_the_trim_box(doc);
    assert!(outside.is_empty(), "text outside the trim box: {outside:?}");
    assert!(checked > 100, "only {checked} text runs found");
}

#[test]
fn two_builds_are_byte_identical() {
    let (first, _) = pdf();
    assert!(*first == build(&fixture()), "the same book gave different bytes");
}

/// The internal links of the PDF: the text under each and where it leads
/// (the target page's index and the top of the view there).
fn internal_links(doc: &Document) -> Vec<(String, usize, f32)> {
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let mut links = Vec::new();
    for id in &pages {
        let runs = pdf_text::text_runs(doc, *id);
        for annotation in doc.get_page_annotations(*id).unwrap() {
            let Some(action) = dict(doc, annotation, b"A") else { continue };
            let Ok(destination) = action.get(b"D").and_then(Object::as_array) else { continue };
            let target = pages.iter().position(|p| destination[0].as_reference().ok() == Some(*p)).unwrap();
            let top = destination[3].as_float().unwrap();
            let rect: Vec<f32> =
                annotation.get(b"Rect").unwrap().as_array().unwrap().iter().map(|n| n.as_float().unwrap()).collect();
            // A run that starts where the link ends (both rounded alike) is after it.
            let under: Vec<&str> = runs
                .iter()
                .filter(|run| (rect[0] - 0.5..rect[2]).contains(&run.x) && (rect[1]..=rect[3]).contains(&run.y))
                .map(|run| run.text.as_str())
                .collect();
            // A run may go on past the link with a space.
            links.push((under.concat().trim_end().to_string(), target, top));
        }
    }
    links
}

#[test]
fn references_are_numbers_linked_to_their_targets() {
    let (_, doc) = pdf();
    let links = internal_links(doc);
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    // What stands just below the top a link leads to.
    let landing = |page: usize, top: f32| -> String {
        let mut runs: Vec<_> =
            pdf_text::text_runs(doc, pages[page]).into_iter().filter(|r| r.y <= top && r.y > top - 20.0).collect();
        runs.sort_by(|a, b| (-a.y, a.x).partial_cmp(&(-b.y, b.x)).unwrap());
        runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ")
    };
    // «2.2» is both a section's number and a listing's.
    let targets: [(&str, &[&str]); 3] =
        [("2.1", &["Листинг 2.1."]), ("2.2", &["2.2 Тесты", "Листинг 2.2."]), ("1.2", &["1.2 Таблица"])];
    for (number, targets) in targets {
        let found: Vec<_> = links.iter().filter(|(text, _, _)| text == number).collect();
        assert!(!found.is_empty(), "no link «{number}» in {links:?}");
        for (_, page, top) in found {
            let landed = landing(*page, *top).replace('\u{a0}', " ");
            assert!(targets.iter().any(|target| landed.starts_with(target)), "«{number}» lands on «{landed}»");
        }
    }
    // The table's number: two links «1.1» lead to the table, one to the figure.
    let ones: Vec<String> =
        links.iter().filter(|(text, _, _)| text == "1.1").map(|(_, page, top)| landing(*page, *top)).collect();
    assert!(ones.iter().any(|l| l.replace('\u{a0}', " ").starts_with("Таблица 1.1.")), "{ones:?}");
}

#[test]
fn hyphenated_words_come_back_whole_and_real_hyphens_stay() {
    let (_, doc) = pdf();
    let lines = all_lines(doc);
    assert!(lines.iter().all(|line| !line.contains('\u{AD}')), "no soft hyphen in the text layer");
    // A break's hyphen is `-` after a letter, which extraction joins across
    // the line; a word's own hyphen ending a line is U+2010, which it keeps.
    let ends_with_letter_and = |end: char| {
        lines.iter().any(|line| {
            let mut tail = line.trim_end().chars().rev();
            tail.next() == Some(end) && tail.next().is_some_and(char::is_alphabetic)
        })
    };
    assert!(ends_with_letter_and('-'), "no hyphenated line in {lines:#?}");
    assert!(lines.iter().all(|line| !line.contains('\u{2010}') || line.trim_end().ends_with('\u{2010}')));
}
