//! The print edition's page numbers in the e-book: both editions of a book
//! built in one run, the EPUB's page list read, and the text after each
//! page-break marker compared with the text that begins that page of the PDF
//! (read back with lopdf).

use std::path::{Path, PathBuf};

use verstka::pipeline::Format;

#[path = "common/build.rs"]
mod build;

#[path = "common/pdf_text.rs"]
#[allow(dead_code, reason = "each test crate uses part of the shared reader")]
mod pdf_text;

/// The EPUB's and the PDF's bytes of the book in `dir`, built as `formats` ask.
fn build_editions(dir: &Path, formats: Vec<Format>) -> Vec<Vec<u8>> {
    let (_out, built) = build::build_book(dir, formats);
    let built = built.unwrap().output;
    built.files.iter().map(|file| std::fs::read(&file.path).unwrap()).collect()
}

fn book(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if name == "book" {
        root.join("book")
    } else {
        root.join("tests/fixtures/books").join(name)
    }
}

#[path = "common/epub.rs"]
#[allow(dead_code)]
mod epub;

use epub::entry;

/// The page list's entries: (document, marker id, folio).
fn page_list(epub: &[u8]) -> Vec<(String, String, String)> {
    let nav = entry(epub, "OEBPS/nav.xhtml");
    let list = nav.split("epub:type=\"page-list\"").nth(1).expect("a page-list nav");
    let list = list.split("</nav>").next().unwrap();
    list.split("<li><a href=\"")
        .skip(1)
        .map(|item| {
            let (href, rest) = item.split_once("\">").unwrap();
            let folio = rest.split("</a>").next().unwrap();
            let (file, id) = href.split_once('#').unwrap();
            (file.to_string(), id.to_string(), folio.to_string())
        })
        .collect()
}

/// Letters and digits only: what both editions share whatever the
/// typography, hyphenation and markup.
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The text of an XHTML document after the element with `id`, markup and
/// entities dropped, as letters and digits.
fn text_after(xhtml: &str, id: &str) -> String {
    let start = xhtml.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no marker {id}"));
    let rest = &xhtml[start..];
    let rest = &rest[rest.find('>').unwrap() + 1..];
    let mut text = String::new();
    let mut in_tag = false;
    for c in rest.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    letters(&text)
}

/// The letters of a PDF page's text below its running head (a first line
/// holding the folio), or none for a page without text.
fn page_text(doc: &lopdf::Document, page: lopdf::ObjectId, folio: &str) -> String {
    let mut lines = pdf_text::text_lines(doc, page);
    if lines.first().is_some_and(|line| line.split_whitespace().any(|word| word == folio)) {
        lines.remove(0);
    }
    letters(&lines.concat())
}

/// Checks that `book`'s page list has one entry per page of its PDF, each
/// marker in the document it names, and that each page with text of the
/// body begins with the text after its marker (or, for a page that begins
/// inside a word, within that word).
fn check_page_list(name: &str) {
    let editions = build_editions(&book(name), vec![Format::Epub, Format::Pdf]);
    let (epub, pdf) = (&editions[0], &editions[1]);
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let list = page_list(epub);
    assert_eq!(list.len(), pages.len(), "{name}: one entry per printed page");
    let body: Vec<&str> =
        list.iter().map(|(_, _, folio)| folio.as_str()).skip_while(|f| f.parse::<u32>().is_err()).collect();
    let expected: Vec<String> = (1..=body.len()).map(|n| n.to_string()).collect();
    assert_eq!(body, expected, "{name}: the body is numbered from 1");
    let mut compared = 0;
    for ((file, id, folio), page) in list.iter().zip(pages) {
        let xhtml = entry(epub, &format!("OEBPS/{file}"));
        assert_eq!(id, &format!("page-{folio}"));
        let after = text_after(&xhtml, id);
        if !file.starts_with("chapter-") {
            continue;
        }
        let printed = page_text(&doc, page, folio);
        if printed.is_empty() {
            continue;
        }
        let head: String = printed.chars().take(12).collect();
        let within: String = after.chars().take(head.chars().count() + 24).collect();
        assert!(
            after.starts_with(&head) || within.contains(&head),
            "{name}: page {folio} begins with «{head}…», its marker is followed by «{}…»",
            after.chars().take(40).collect::<String>()
        );
        compared += 1;
    }
    assert!(compared * 4 >= body.len() * 3, "{name}: only {compared} of {} body pages compared", body.len());
}

#[test]
fn the_books_page_list_follows_its_print_edition() {
    check_page_list("book");
}

#[test]
fn a_longer_book_with_notes_lists_and_tables_follows_its_print_edition() {
    check_page_list("full");
}

#[test]
fn an_epub_alone_still_carries_the_print_pages() {
    let alone = build_editions(&book("book"), vec![Format::Epub]);
    let both = build_editions(&book("book"), vec![Format::Epub, Format::Pdf]);
    assert_eq!(page_list(&alone[0]), page_list(&both[0]));
    let opf = entry(&alone[0], "OEBPS/content.opf");
    assert!(opf.contains("<meta property=\"schema:accessibilityFeature\">printPageNumbers</meta>"), "{opf}");
    assert!(opf.contains("property=\"source-of\">pagination</meta>"), "{opf}");
}

#[test]
fn a_blank_verso_before_a_chapter_is_marked_after_the_chapter_before() {
    let dir = tempfile::tempdir().unwrap();
    let toml = "[book]\ntitle = \"Т\"\nauthors = [\"А\"]\ndate = \"2026-11-23\"\nname = \"t\"\n\
                [[chapters]]\nfile = \"a.md\"\n[[chapters]]\nfile = \"b.md\"\n";
    std::fs::write(dir.path().join("book.toml"), toml).unwrap();
    std::fs::write(dir.path().join("a.md"), "# Первая\n\nОдна страница.\n").unwrap();
    std::fs::write(dir.path().join("b.md"), "# Вторая\n\nЕщё одна.\n").unwrap();
    let editions = build_editions(dir.path(), vec![Format::Epub, Format::Pdf]);
    let pages = lopdf::Document::load_mem(&editions[1]).unwrap().get_pages().len();
    let body: Vec<(String, String, String)> =
        page_list(&editions[0]).into_iter().filter(|(file, _, _)| file.starts_with("chapter-")).collect();
    let expected = [("chapter-01.xhtml", "1"), ("chapter-01.xhtml", "2"), ("chapter-02.xhtml", "3")];
    let found: Vec<(&str, &str)> = body.iter().map(|(file, _, folio)| (file.as_str(), folio.as_str())).collect();
    assert_eq!(found, expected);
    assert_eq!(page_list(&editions[0]).len(), pages);
    let first = entry(&editions[0], "OEBPS/chapter-01.xhtml");
    let blank = first.find("id=\"page-2\"").expect("the blank page's marker");
    assert!(blank > first.find("</p>").unwrap(), "after the chapter's text");
}

#[test]
fn the_print_index_pages_are_marked_on_the_index_page_where_they_begin() {
    // The index fixture's three chapters twelve times over: an index of several pages.
    let dir = tempfile::tempdir().unwrap();
    let fixture = book("index");
    std::fs::create_dir(dir.path().join("chapters")).unwrap();
    std::fs::copy(fixture.join("index.txt"), dir.path().join("index.txt")).unwrap();
    let mut manifest = "[book]\ntitle = \"Указатель\"\nauthors = [\"А\"]\nlanguage = \"ru\"\n".to_string();
    for copy in 0..12 {
        for chapter in ["01-memory", "02-arenas", "03-errors"] {
            let name = format!("chapters/{copy:02}-{chapter}.md");
            std::fs::copy(fixture.join(format!("chapters/{chapter}.md")), dir.path().join(&name)).unwrap();
            manifest.push_str(&format!("[[chapters]]\nfile = \"{name}\"\n"));
        }
    }
    std::fs::write(dir.path().join("book.toml"), manifest).unwrap();
    let editions = build_editions(dir.path(), vec![Format::Epub, Format::Pdf]);
    let (epub, pdf) = (&editions[0], &editions[1]);
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let list = page_list(epub);
    assert_eq!(list.len(), pages.len());
    let xhtml = entry(epub, "OEBPS/index.xhtml");
    // The terms only (the print index's locators are pages, the e-book's
    // occurrences), from the left column: the first word of its first two lines.
    let terms = |text: &str| -> String { text.chars().filter(|c| c.is_alphabetic()).collect() };
    let mut marked = 0;
    for ((file, id, folio), page) in list.iter().zip(pages) {
        if file != "index.xhtml" {
            continue;
        }
        let mut lines = pdf_text::text_lines(&doc, page);
        if lines.first().is_some_and(|line| line.split_whitespace().any(|word| word == folio)) {
            lines.remove(0);
        }
        let printed: Vec<String> =
            lines.iter().take(2).map(|line| terms(line.split_whitespace().next().unwrap_or(""))).collect();
        let after = terms(&text_after(&xhtml, id));
        let near: String = after.chars().take(printed[0].chars().count() + 30).collect();
        assert!(
            !printed[0].is_empty() && after.starts_with(&printed[0]) && near.contains(&printed[1]),
            "index page {folio} begins with «{printed:?}», its marker is followed by «{near}»"
        );
        marked += 1;
    }
    assert!(marked >= 2, "the fixture's index has {marked} pages");
}
