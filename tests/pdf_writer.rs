//! The PDF writer on the fixture book's composed pages and on hand-made
//! ones, read back with lopdf: the text each page gives back through the
//! fonts' ToUnicode maps, page labels, links, the outline, fonts, boxes and
//! metadata from `book.toml`, and the same bytes from two writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lopdf::content::Content;
use lopdf::{Dictionary, Object, ObjectId};
use verstka::document::Book;
use verstka::manifest::Manifest;
use verstka::manifest::Press;
use verstka::pdf::fonts::{Family, FontBook, FontStyle};
use verstka::pdf::page::{Color, Document, Item, LinkDestination, OutlineEntry, Page, PageLabel, Tag, TextRun};
use verstka::pdf::{compose, writer, Edition};
use verstka::{document, highlight, typography};

const MM: f32 = 72.0 / 25.4;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books/full")
}

/// The book at `dir` through every stage before the writer.
fn load(dir: &Path) -> (Book, FontBook, Document) {
    let mut book = document::load(Manifest::load(dir).unwrap()).unwrap();
    typography::apply(&mut book).unwrap();
    highlight::apply(&mut book).unwrap();
    let fonts = FontBook::load(&book.manifest).unwrap();
    let composed = compose::compose(&book, &fonts).unwrap();
    (book, fonts, composed)
}

struct Written {
    composed: Document,
    pdf: lopdf::Document,
    pages: Vec<ObjectId>,
}

fn write(dir: &Path) -> Written {
    write_as(dir, Edition::Reader)
}

fn write_as(dir: &Path, edition: Edition) -> Written {
    let (book, fonts, composed) = load(dir);
    let bytes = writer::write(&composed, &fonts, &book, edition).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = pdf.get_pages().into_values().collect();
    Written { composed, pdf, pages }
}

fn resolve<'a>(pdf: &'a lopdf::Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => pdf.get_object(*id).unwrap(),
        object => object,
    }
}

fn get<'a>(pdf: &'a lopdf::Document, dict: &'a Dictionary, key: &str) -> &'a Object {
    resolve(pdf, dict.get(key.as_bytes()).unwrap_or_else(|_| panic!("no /{key} in {dict:?}")))
}

fn numbers(object: &Object) -> Vec<f32> {
    object.as_array().unwrap().iter().map(|n| n.as_float().unwrap()).collect()
}

/// A PDF text string: UTF-16BE with a byte-order mark, else ASCII.
fn text_string(object: &Object) -> String {
    let bytes = object.as_str().unwrap();
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            String::from_utf16(&utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>()).unwrap()
        }
        None => String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// A ToUnicode CMap's `bfchar` entries.
fn parse_cmap(cmap: &str) -> BTreeMap<u16, String> {
    let hex = |s: &str| -> Vec<u16> {
        let digits = s.trim().trim_matches(['<', '>']);
        digits.as_bytes().chunks(4).map(|c| u16::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap()).collect()
    };
    let body = cmap.split("beginbfchar").skip(1).map(|block| block.split("endbfchar").next().unwrap());
    body.flat_map(str::lines)
        .filter_map(|line| line.split_once("> <"))
        .map(|(code, text)| (hex(code)[0], String::from_utf16(&hex(text)).unwrap()))
        .collect()
}

/// The text a viewer copies from `page`: every shown string's codes through
/// its font's ToUnicode map.
fn page_text(pdf: &lopdf::Document, page: ObjectId) -> String {
    let mut cmaps = BTreeMap::new();
    for (resource, font) in pdf.get_page_fonts(page).unwrap() {
        let cmap = get(pdf, font, "ToUnicode").as_stream().unwrap().decompressed_content().unwrap();
        cmaps.insert(resource, parse_cmap(&String::from_utf8(cmap).unwrap()));
    }
    let content = Content::decode(&pdf.get_page_content(page)).unwrap();
    let mut text = String::new();
    let mut font = Vec::new();
    for operation in content.operations {
        let strings = match operation.operator.as_str() {
            "Tf" => {
                font = operation.operands[0].as_name().unwrap().to_vec();
                continue;
            }
            "TJ" => operation.operands[0].as_array().unwrap().clone(),
            "Tj" => operation.operands.clone(),
            _ => continue,
        };
        for codes in strings.iter().filter_map(|s| s.as_str().ok()) {
            for code in codes.chunks(2) {
                let code = u16::from_be_bytes([code[0], code[1]]);
                text.push_str(cmaps[&font].get(&code).map_or("", String::as_str));
            }
        }
    }
    text
}

/// What composition put on `page`: its runs' texts, in order.
fn composed_text(page: &Page) -> String {
    page.items
        .iter()
        .filter_map(|item| match item {
            Item::Text(run) if !run.glyphs.is_empty() => Some(run.text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_page_copies_out_the_text_composition_set() {
    let written = write(&fixture());
    for (index, (page, id)) in written.composed.pages.iter().zip(&written.pages).enumerate() {
        assert_eq!(page_text(&written.pdf, *id), composed_text(page), "page {}", index + 1);
    }
}

/// Each page's label from the `/PageLabels` number tree.
fn page_labels(pdf: &lopdf::Document, count: usize) -> Vec<PageLabel> {
    let labels = get(pdf, pdf.catalog().unwrap(), "PageLabels").as_dict().unwrap();
    let nums = get(pdf, labels, "Nums").as_array().unwrap();
    let ranges: Vec<(usize, &Dictionary)> = nums
        .chunks(2)
        .map(|pair| (pair[0].as_i64().unwrap() as usize, resolve(pdf, &pair[1]).as_dict().unwrap()))
        .collect();
    (0..count)
        .map(|page| {
            let (start, range) = ranges.iter().rev().find(|(start, _)| *start <= page).unwrap();
            let number = range.get(b"St").map_or(1, |n| n.as_i64().unwrap()) as u32 + (page - start) as u32;
            match range.get(b"S").ok().map(|s| s.as_name().unwrap()) {
                Some(b"r") => PageLabel::Roman(number),
                Some(b"D") => PageLabel::Arabic(number),
                None => PageLabel::None,
                Some(other) => panic!("unexpected style {other:?}"),
            }
        })
        .collect()
}

#[test]
fn page_labels_are_the_composed_folios() {
    let written = write(&fixture());
    let composed: Vec<PageLabel> = written.composed.pages.iter().map(|page| page.label).collect();
    assert_eq!(page_labels(&written.pdf, written.pages.len()), composed);
    assert!(composed.contains(&PageLabel::Arabic(1)), "the body starts at 1: {composed:?}");
}

#[test]
fn every_link_area_is_an_annotation_going_where_composition_said() {
    let written = write(&fixture());
    let height = written.composed.geometry.height;
    let mut internal = 0;
    for (page, id) in written.composed.pages.iter().zip(&written.pages) {
        let dict = written.pdf.get_dictionary(*id).unwrap();
        let annotations = dict.get(b"Annots").map_or(&[][..], |a| a.as_array().unwrap().as_slice());
        assert_eq!(annotations.len(), page.links.len());
        for (link, annotation) in page.links.iter().zip(annotations) {
            let annotation = resolve(&written.pdf, annotation).as_dict().unwrap();
            let rect = numbers(get(&written.pdf, annotation, "Rect"));
            assert!((rect[3] - (height - link.y)).abs() < 0.01, "{rect:?} vs {link:?}");
            let action = get(&written.pdf, annotation, "A").as_dict().unwrap();
            match &link.target {
                LinkDestination::Page { page, .. } => {
                    let destination = get(&written.pdf, action, "D").as_array().unwrap();
                    assert_eq!(destination[0].as_reference().unwrap(), written.pages[*page]);
                    internal += 1;
                }
                LinkDestination::Uri(uri) => {
                    assert_eq!(get(&written.pdf, action, "URI").as_str().unwrap(), uri.as_bytes());
                }
            }
        }
    }
    assert!(internal >= 3, "contents, cross-reference and footnote links");
}

/// The outline as (depth, title, page index), in order.
fn outline(
    pdf: &lopdf::Document,
    pages: &[ObjectId],
    parent: &Dictionary,
    depth: usize,
) -> Vec<(usize, String, usize)> {
    let mut items = Vec::new();
    let mut next = parent.get(b"First").ok();
    while let Some(item) = next {
        let item = resolve(pdf, item).as_dict().unwrap();
        let page = get(pdf, item, "Dest").as_array().unwrap()[0].as_reference().unwrap();
        let title = text_string(get(pdf, item, "Title"));
        items.push((depth, title, pages.iter().position(|p| *p == page).unwrap()));
        items.extend(outline(pdf, pages, item, depth + 1));
        next = item.get(b"Next").ok();
    }
    items
}

/// The composed outline the same way, titles as the viewer's panel shows
/// them (no-break spaces as spaces, no soft hyphens).
fn flatten(entries: &[OutlineEntry], depth: usize) -> Vec<(usize, String, usize)> {
    let panel = |title: &str| title.replace('\u{A0}', " ").replace('\u{AD}', "");
    entries
        .iter()
        .flat_map(|e| std::iter::once((depth, panel(&e.title), e.page)).chain(flatten(&e.children, depth + 1)))
        .collect()
}

#[test]
fn the_outline_is_the_composed_outline() {
    let written = write(&fixture());
    let root = get(&written.pdf, written.pdf.catalog().unwrap(), "Outlines").as_dict().unwrap();
    let items = outline(&written.pdf, &written.pages, root, 0);
    assert_eq!(items, flatten(&written.composed.outline, 0));
    assert!(items.iter().any(|(depth, _, _)| *depth == 1), "sections under chapters");
}

#[test]
fn every_font_used_is_an_embedded_subset_with_tounicode() {
    let written = write(&fixture());
    let mut fonts = 0;
    for object in written.pdf.objects.values() {
        let Ok(font) = object.as_dict() else { continue };
        if font.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0") {
            continue;
        }
        fonts += 1;
        let name = String::from_utf8(font.get(b"BaseFont").unwrap().as_name().unwrap().to_vec()).unwrap();
        assert_eq!(name.find('+'), Some(6), "{name} has a subset tag");
        assert!(get(&written.pdf, font, "ToUnicode").as_stream().is_ok(), "{name}");
        let descendant = resolve(&written.pdf, &get(&written.pdf, font, "DescendantFonts").as_array().unwrap()[0]);
        let descriptor = get(&written.pdf, descendant.as_dict().unwrap(), "FontDescriptor").as_dict().unwrap();
        let program = get(&written.pdf, descriptor, "FontFile2").as_stream().unwrap().decompressed_content().unwrap();
        let subset = ttf_parser::Face::parse(&program, 0).unwrap();
        assert!(subset.number_of_glyphs() < 300, "{name}: {} glyphs", subset.number_of_glyphs());
    }
    let used: std::collections::BTreeSet<_> = written
        .composed
        .pages
        .iter()
        .flat_map(|page| &page.items)
        .filter_map(|item| if let Item::Text(run) = item { Some(run.font) } else { None })
        .collect();
    assert_eq!(fonts, used.len());
}

/// The fixture book with `[pdf]` settings added to its manifest.
fn fixture_with(pdf_table: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    let manifest = dir.path().join("book.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, format!("{text}\n[pdf]\n{pdf_table}\n")).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn bleed_crop_marks_and_keywords_come_from_the_manifest() {
    let book = fixture_with("bleed = 3\ncrop-marks = true\nkeywords = [\"Zig\", \"память\"]");
    let written = write_as(book.path(), Edition::Print(Press::Coated));
    let bleed = 3.0 * MM;
    // 1 mm of gap, 5 mm of mark and 2 mm of paper beyond the bleed.
    let slug = 8.0 * MM;
    let (width, height) = (170.0 * MM, 240.0 * MM);
    for id in &written.pages {
        let page = written.pdf.get_dictionary(*id).unwrap();
        let close = |key: &str, expected: [f32; 4]| {
            let actual = numbers(get(&written.pdf, page, key));
            assert!(
                actual.iter().zip(expected).all(|(a, e)| (a - e).abs() < 0.05),
                "{key}: {actual:?} vs {expected:?}"
            );
        };
        let m = bleed + slug;
        close("MediaBox", [0.0, 0.0, width + 2.0 * m, height + 2.0 * m]);
        close("BleedBox", [slug, slug, width + bleed + m, height + bleed + m]);
        close("TrimBox", [m, m, width + m, height + m]);
        let marks = Content::decode(&written.pdf.get_page_content(*id)).unwrap();
        assert!(marks
            .operations
            .iter()
            .any(|op| op.operator == "CS" && op.operands[0].as_name().unwrap() == b"Registration"));
    }
    let info = get(&written.pdf, &written.pdf.trailer, "Info").as_dict().unwrap();
    assert_eq!(text_string(get(&written.pdf, info, "Keywords")), "Zig, память");
}

#[test]
fn metadata_comes_from_the_book() {
    let written = write(&fixture());
    let info = get(&written.pdf, &written.pdf.trailer, "Info").as_dict().unwrap();
    assert_eq!(text_string(get(&written.pdf, info, "Title")), "Память в Zig");
    assert_eq!(text_string(get(&written.pdf, info, "Author")), "Анна Петрова, John Smith");
    assert!(text_string(get(&written.pdf, info, "Subject")).starts_with("Три главы"));
    assert_eq!(text_string(get(&written.pdf, info, "Creator")), "verstka");
    let date = text_string(get(&written.pdf, info, "CreationDate"));
    assert!(date.starts_with("D:2026"), "{date}: the book's date or SOURCE_DATE_EPOCH, never the clock");
    let catalog = written.pdf.catalog().unwrap();
    assert_eq!(text_string(get(&written.pdf, catalog, "Lang")), "ru");
    let xmp = String::from_utf8(get(&written.pdf, catalog, "Metadata").as_stream().unwrap().content.clone()).unwrap();
    assert!(xmp.contains("<rdf:li xml:lang=\"x-default\">Память в Zig</rdf:li>"), "{xmp}");
    assert!(xmp.contains("<dc:language><rdf:Bag><rdf:li>ru</rdf:li></rdf:Bag></dc:language>"), "{xmp}");
}

#[test]
fn two_writes_give_the_same_bytes() {
    let (book, fonts, composed) = load(&fixture());
    let first = writer::write(&composed, &fonts, &book, Edition::Reader).unwrap();
    assert!(first == writer::write(&composed, &fonts, &book, Edition::Reader).unwrap());
}

/// Hand-made pages in the fixture's geometry, set with the built-in fonts.
fn hand_made(runs: Vec<TextRun>) -> Document {
    let (_, _, composed) = load(&fixture());
    let page = Page { label: PageLabel::Arabic(1), items: runs.into_iter().map(Item::Text).collect(), links: vec![] };
    Document { geometry: composed.geometry, pages: vec![page], ..Document::default() }
}

fn run(fonts: &FontBook, text: &str, y: f32) -> TextRun {
    let style = FontStyle { family: Family::Serif, bold: false, italic: false };
    let shaped = fonts.shape(text, style, 10.5);
    let piece = shaped.runs.into_iter().next().unwrap();
    let (font, glyphs, text) = (piece.font, piece.glyphs, piece.text);
    TextRun { font, size: 10.5, x: 60.0, y, glyphs, text, color: Color::BLACK, tag: Tag::Artifact }
}

#[test]
fn ligatures_and_break_hyphens_copy_out_as_their_letters() {
    let (book, fonts, _) = load(&fixture());
    let ligature = run(&fonts, "official", 100.0);
    assert!(ligature.glyphs.len() < "official".len(), "PT Serif sets the ffi/fi ligature");
    // "ал-ло" broken after "ло": the word's own hyphen, then the hyphen drawn
    // for a soft hyphen, whose text says so.
    let mut broken = run(&fonts, "ал-ло-", 113.0);
    assert_eq!(broken.glyphs[2].id, broken.glyphs[5].id);
    broken.text = "ал-ло\u{AD}".to_string();
    let document = hand_made(vec![ligature, broken]);
    let bytes = writer::write(&document, &fonts, &book, Edition::Reader).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let page = pdf.get_pages()[&1];
    assert_eq!(page_text(&pdf, page), "officialал-ло\u{AD}");
}
