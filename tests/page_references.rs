//! Page references (`@pg:lst:arena`) in both editions, checked against
//! where the print edition really put their targets: the PDF read back
//! with lopdf (each reference's link, the page it lands on, that page's
//! folio from `/PageLabels` and the caption or heading at the landing),
//! and the EPUB's numbers compared with the PDF's, one by one.

use std::path::{Path, PathBuf};

use lopdf::{Document, Object};
use verstka::pipeline::Format;

#[path = "common/build.rs"]
mod build;

#[path = "common/epub.rs"]
#[allow(dead_code)]
mod epub;

#[path = "common/pdf_text.rs"]
#[allow(dead_code, reason = "each test crate uses part of the shared reader")]
mod pdf_text;

use pdf_text::{dict, resolve, text_runs};

/// The EPUB's and the PDF's bytes of the book in `dir`.
fn build_editions(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    let (_out, built) = build::build_book(dir, vec![Format::Epub, Format::Pdf]);
    let built = built.unwrap();
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    let mut files = built.output.files.iter().map(|file| std::fs::read(&file.path).unwrap());
    (files.next().unwrap(), files.next().unwrap())
}

/// The folio of each page, from the PDF's `/PageLabels` (roman, then arabic).
fn folios(doc: &Document) -> Vec<String> {
    let catalog = doc.catalog().unwrap();
    let labels = dict(doc, catalog, b"PageLabels").expect("page labels");
    let nums = resolve(doc, labels.get(b"Nums").unwrap()).as_array().unwrap();
    let ranges: Vec<(usize, Vec<u8>)> = nums
        .chunks(2)
        .map(|pair| {
            let start = pair[0].as_i64().unwrap() as usize;
            let style = resolve(doc, &pair[1])
                .as_dict()
                .unwrap()
                .get(b"S")
                .map_or(Vec::new(), |s| s.as_name().unwrap().to_vec());
            (start, style)
        })
        .collect();
    (0..doc.get_pages().len())
        .map(|page| {
            let (start, style) = ranges.iter().rev().find(|(start, _)| *start <= page).unwrap();
            let n = page - start + 1;
            match style.as_slice() {
                b"D" => n.to_string(),
                b"r" => ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][n - 1].to_string(),
                _ => String::new(),
            }
        })
        .collect()
}

/// A page reference in the PDF: its number, and the page and text its link
/// lands on.
#[derive(Debug)]
struct Printed {
    number: String,
    page: usize,
    /// The text just below the place the link leads to.
    landing: String,
}

/// Every link whose text (its `/Contents`) is a number standing after
/// «с.» on its line: the page references, in reading order.
fn printed_page_references(doc: &Document) -> Vec<Printed> {
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    // What stands just below the top a link leads to.
    let landing = |page: usize, top: f32| -> String {
        let mut runs: Vec<_> =
            text_runs(doc, pages[page]).into_iter().filter(|r| r.y <= top && r.y > top - 20.0).collect();
        runs.sort_by(|a, b| (-a.y, a.x).partial_cmp(&(-b.y, b.x)).unwrap());
        runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ").replace('\u{a0}', " ")
    };
    let mut references = Vec::new();
    for id in &pages {
        let mut runs = text_runs(doc, *id);
        runs.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap());
        for annotation in doc.get_page_annotations(*id).unwrap() {
            let Some(action) = dict(doc, annotation, b"A") else { continue };
            let Ok(destination) = action.get(b"D").and_then(Object::as_array) else { continue };
            let Ok(Object::String(contents, _)) = annotation.get(b"Contents") else { continue };
            let number = pdf_text::text_string(contents);
            if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let rect: Vec<f32> =
                annotation.get(b"Rect").unwrap().as_array().unwrap().iter().map(|n| n.as_float().unwrap()).collect();
            let line: String = runs
                .iter()
                .filter(|run| (rect[1]..=rect[3]).contains(&run.y))
                .map(|run| run.text.replace('\u{a0}', " "))
                .collect::<Vec<_>>()
                .join(" ");
            if !line.split_whitespace().collect::<Vec<_>>().join(" ").contains(&format!("с. {number}")) {
                continue;
            }
            let page = pages.iter().position(|p| destination[0].as_reference().ok() == Some(*p)).unwrap();
            let top = destination[3].as_float().unwrap();
            references.push(Printed { number, page, landing: landing(page, top) });
        }
    }
    references
}

/// The EPUB's page references, in reading order: (label, number), the
/// number a link's whole text, right after «с.».
fn epub_page_references(epub: &[u8]) -> Vec<(String, String)> {
    let documents = epub::documents(epub);
    let mut names: Vec<&String> = documents.keys().filter(|n| n.contains("chapter-")).collect();
    names.sort();
    let mut references = Vec::new();
    for name in names {
        let xhtml = &documents[name];
        for (before, link) in xhtml.split("<a href=\"").zip(xhtml.split("<a href=\"").skip(1)) {
            let (href, rest) = link.split_once("\">").unwrap();
            let text = rest.split("</a>").next().unwrap();
            let before = before.trim_end_matches([' ', '\u{a0}']);
            if before.ends_with("с.") && !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
                let label = href.split_once('#').unwrap().1.replacen('.', ":", 1);
                references.push((label, text.to_string()));
            }
        }
    }
    references
}

/// Checks every page reference of the book in `dir` in both editions:
/// `expected` of them, each printing the folio of the page its target is
/// on, the target (found by `caption_of` its label) at the top of the
/// place the link lands; the EPUB's numbers the same.
fn check(dir: &Path, expected: usize, caption_of: &dyn Fn(&str) -> String) {
    let (epub, pdf) = build_editions(dir);
    let doc = Document::load_mem(&pdf).unwrap();
    let folios = folios(&doc);
    let printed = printed_page_references(&doc);
    let written = epub_page_references(&epub);
    assert_eq!(printed.len(), expected, "{printed:?}");
    assert_eq!(written.len(), expected, "{written:?}");
    for (reference, (label, number)) in printed.iter().zip(&written) {
        assert_eq!(reference.number, folios[reference.page], "{reference:?}: the target is on another page");
        let caption = caption_of(label);
        // A figure's caption is below its image, where its link leads.
        let target = match label.starts_with("fig:") {
            true => pdf_text::text_lines(&doc, doc.get_pages()[&(reference.page as u32 + 1)]).join(" "),
            false => reference.landing.clone(),
        };
        let found = if label.starts_with("fig:") { target.contains(&caption) } else { target.starts_with(&caption) };
        assert!(found, "{label}: {reference:?} lands elsewhere than «{caption}»");
        assert_eq!(number, &reference.number, "the EPUB's number for {label}");
    }
}

#[test]
fn the_fixtures_page_references_name_the_pages_of_their_targets() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books/full");
    let captions = |label: &str| -> String {
        match label {
            "lst:squares" => "Листинг 2.1.",
            "lst:arena" => "Листинг 2.2.",
            "tbl:allocators" => "Таблица 1.1.",
            "fig:memory" => "Рисунок 1.1.",
            "sec:tests" => "2.2 Тесты",
            other => panic!("a reference to {other}"),
        }
        .to_string()
    };
    check(&dir, 5, &captions);
}

/// Many references in one chapter to listings in the next: the numbers'
/// widths change the first chapter's lines, and so where the second
/// begins. The layout is repeated until every number is right.
#[test]
fn page_references_settle_when_their_numbers_move_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("[book]\ntitle = \"Т\"\nauthors = [\"А\"]\ndate = \"2026-11-23\"\nname = \"t\"\n");
    toml.push_str("[[chapters]]\nfile = \"a.md\"\n[[chapters]]\nfile = \"b.md\"\n");
    std::fs::write(dir.path().join("book.toml"), toml).unwrap();
    let listings = 24;
    let mut first = String::from("# Ссылки\n\n");
    let mut references = 0;
    for i in 0..300 {
        let k = i % listings + 1;
        let pages = format!("с. @pg:lst:l{k}, с. @pg:lst:l{}, ", listings + 1 - k).repeat(3);
        first.push_str(&format!("Абзац {i}: листинг @lst:l{k} на {pages}а также другие.\n\n"));
        references += 6;
    }
    std::fs::write(dir.path().join("a.md"), first).unwrap();
    let mut second = String::from("# Листинги\n\n");
    for k in 1..=listings {
        second.push_str(&"Текст между листингами, чтобы они стояли на разных страницах. ".repeat(12));
        second.push_str(&format!("\n\n```{{#lst:l{k} .zig caption=\"Пример {k}\"}}\nconst x = {k};\n```\n\n"));
    }
    std::fs::write(dir.path().join("b.md"), second).unwrap();
    let caption = |label: &str| format!("Листинг 2.{}.", label.trim_start_matches("lst:l"));
    check(dir.path(), references, &caption);
}

#[test]
fn an_epub_alone_whose_print_edition_cannot_be_laid_out_warns_its_page_references_have_no_page() {
    let dir = tempfile::tempdir().unwrap();
    let toml = "[book]\ntitle = \"Т\"\nauthors = [\"А\"]\ndate = \"2026-11-23\"\nname = \"t\"\n[[chapters]]\nfile = \"a.md\"\n";
    std::fs::write(dir.path().join("book.toml"), toml).unwrap();
    // An SVG the print edition cannot read: the e-book goes on without the print pages.
    std::fs::write(dir.path().join("x.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect").unwrap();
    std::fs::write(dir.path().join("a.md"), "# Глава\n\n![Схема](x.svg)\n\nСм. с. @pg:sec:a.\n\n## Раздел {#sec:a}\n")
        .unwrap();
    let (_out, built) = build::build_book(dir.path(), vec![Format::Epub]);
    let built = built.unwrap();
    let [warning] = built.warnings.as_slice() else { panic!("{:?}", built.warnings) };
    assert_eq!((warning.location.line, warning.location.column), (5, 8));
    assert!(warning.message.contains("1 page reference(s) read «?»"), "{}", warning.message);
    let epub = std::fs::read(&built.output.files[0].path).unwrap();
    let xhtml = epub::entry(&epub, "OEBPS/chapter-01.xhtml");
    assert!(xhtml.contains("с.\u{a0}<a href=\"chapter-01.xhtml#sec.a\">?</a>"), "{xhtml}");
}
