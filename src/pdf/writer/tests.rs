//! The writer on hand-made pages, shaped here with rustybuzz from the real
//! fonts in `fonts/`, read back with lopdf.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object, ObjectId};

use super::*;
use crate::pdf::page::{Color, Glyph, Item, LinkArea, LinkDestination, OutlineEntry, Page, PageLabel, Tag, TextRun};

const SERIF: FontId = FontId(0);
const SANS_BOLD: FontId = FontId(1);

/// Two fonts read from `fonts/`.
struct TestFonts {
    files: Vec<(Vec<u8>, &'static str)>,
}

impl TestFonts {
    fn load() -> TestFonts {
        let read = |file: &str| std::fs::read(format!("{}/fonts/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        TestFonts {
            files: vec![(read("PTSerif-Regular.ttf"), "PTSerif-Regular"), (read("PTSans-Bold.ttf"), "PTSans-Bold")],
        }
    }

    /// `text` shaped in `font` as a run with its baseline at (x, y).
    fn run(&self, font: FontId, text: &str, size: f32, x: f32, y: f32) -> TextRun {
        let face = rustybuzz::Face::from_slice(&self.files[usize::from(font.0)].0, 0).unwrap();
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(&face, &[], buffer);
        let scale = size / f32::from(face.units_per_em() as u16);
        let glyphs = shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, position)| Glyph {
                id: info.glyph_id as u16,
                cluster: info.cluster,
                x_advance: position.x_advance as f32 * scale,
                x_offset: position.x_offset as f32 * scale,
                y_offset: position.y_offset as f32 * scale,
            })
            .collect();
        TextRun { font, size, x, y, glyphs, text: text.to_string(), color: Color::BLACK, tag: Tag::Artifact }
    }
}

impl FontFiles for TestFonts {
    fn data(&self, font: FontId) -> &[u8] {
        &self.files[usize::from(font.0)].0
    }

    fn postscript_name(&self, font: FontId) -> &str {
        self.files[usize::from(font.0)].1
    }
}

fn metadata() -> Metadata {
    Metadata {
        title: "Память в Zig".to_string(),
        authors: vec!["Анна Петрова".to_string(), "John Smith".to_string()],
        subject: Some("Пробная книга".to_string()),
        keywords: vec!["Zig".to_string(), "память".to_string()],
        language: "ru".to_string(),
        identifier: "urn:isbn:9780000000000".to_string(),
        timestamp: 1_795_392_000,
        standards: vec![crate::manifest::Standard::Ua1, crate::manifest::Standard::A2a],
    }
}

const TRIM: (f32, f32) = (481.89, 680.31);
const BLEED: f32 = 8.5;

/// Three pages: a title, a body page with text, a rule, a box, links and
/// an image, and one more body page.
fn sample(fonts: &TestFonts) -> Document {
    let image =
        std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/books/full/images/memory.png"));
    let title = Page {
        label: PageLabel::None,
        items: vec![Item::Text(fonts.run(SANS_BOLD, "Память в Zig", 24.0, 60.0, 200.0))],
        links: vec![],
    };
    let body = Page {
        label: PageLabel::Arabic(1),
        items: vec![
            Item::Text(fonts.run(SERIF, "Динамическая память — это official firefly", 10.5, 56.0, 80.0)),
            Item::Text(broken_word(fonts)),
            Item::Line { x1: 56.0, y1: 100.0, x2: 156.0, y2: 100.0, thickness: 0.5, color: Color::grey(0.3) },
            Item::Rect { x: 56.0, y: 110.0, width: 300.0, height: 40.0, color: Color::from_rgb8([240, 240, 240]) },
            Item::Image { path: image.clone(), x: 56.0, y: 160.0, width: 120.0, height: 60.0, tag: Tag::Artifact },
            Item::Image { path: image, x: 200.0, y: 160.0, width: 60.0, height: 30.0, tag: Tag::Artifact },
        ],
        links: vec![
            LinkArea {
                x: 56.0,
                y: 70.0,
                width: 80.0,
                height: 12.0,
                target: LinkDestination::Page { page: 2, y: 100.0 },
                tag: Tag::Artifact,
                text: "Динамическая память".into(),
            },
            LinkArea {
                x: 56.0,
                y: 84.0,
                width: 80.0,
                height: 12.0,
                target: LinkDestination::Uri("https://ziglang.org/".into()),
                tag: Tag::Artifact,
                text: "ziglang.org".into(),
            },
        ],
    };
    let last = Page {
        label: PageLabel::Arabic(2),
        items: vec![Item::Text(fonts.run(SERIF, "Конец", 10.5, 56.0, 100.0))],
        links: vec![],
    };
    let section = |title: &str, y: f32| OutlineEntry { title: title.to_string(), page: 2, y, children: vec![] };
    Document {
        geometry: Geometry { width: TRIM.0, height: TRIM.1, bleed: BLEED, crop_marks: true, folds: None },
        pages: vec![title, body, last],
        outline: vec![
            OutlineEntry {
                title: "Динамическая память".to_string(),
                page: 1,
                y: 60.0,
                children: vec![OutlineEntry {
                    children: vec![section("Подраздел", 120.0)],
                    ..section("Раздел", 100.0)
                }],
            },
            section("Листинги", 0.0),
        ],
        ..Document::default()
    }
}

/// "ал-ло" broken after "ло": the first hyphen is the word's, the last one
/// is drawn for the soft hyphen the run's text has there.
fn broken_word(fonts: &TestFonts) -> TextRun {
    let mut run = fonts.run(SERIF, "ал-ло-", 10.5, 56.0, 93.0);
    assert_eq!(run.glyphs[2].id, run.glyphs[5].id);
    run.text = "ал-ло\u{AD}".to_string();
    run
}

const PRINT: Edition = Edition::Print(crate::manifest::Press::Coated);

/// The sample as the reader's PDF.
fn write_sample() -> (Vec<u8>, lopdf::Document) {
    write_sample_as(Edition::Reader)
}

fn write_sample_as(edition: Edition) -> (Vec<u8>, lopdf::Document) {
    let fonts = TestFonts::load();
    let bytes = write_pdf(&sample(&fonts), &fonts, &metadata(), edition).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    (bytes, doc)
}

fn dict<'a>(doc: &'a lopdf::Document, object: &'a Object) -> &'a Dictionary {
    match object {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(dict) => dict,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn get<'a>(doc: &'a lopdf::Document, dict: &'a Dictionary, key: &str) -> &'a Object {
    let object = dict.get(key.as_bytes()).unwrap_or_else(|_| panic!("no /{key} in {dict:?}"));
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        object => object,
    }
}

fn numbers(object: &Object) -> Vec<f32> {
    object.as_array().unwrap().iter().map(|n| n.as_float().unwrap()).collect()
}

/// Whether `object` is the PDF text string of `text`.
fn is_text(object: &Object, text: &str) -> bool {
    *object == metadata::text_string(text)
}

fn pages(doc: &lopdf::Document) -> Vec<ObjectId> {
    doc.get_pages().into_values().collect()
}

#[test]
fn two_writes_are_byte_identical() {
    let fonts = TestFonts::load();
    let document = sample(&fonts);
    let first = write_pdf(&document, &fonts, &metadata(), Edition::Reader).unwrap();
    let second = write_pdf(&document, &fonts, &metadata(), Edition::Reader).unwrap();
    assert!(first == second, "the same input gave different bytes");
    assert!(first.starts_with(b"%PDF-1.7"));
}

#[test]
fn the_readers_pdf_is_the_trimmed_page_alone() {
    let (_, doc) = write_sample();
    for page in pages(&doc) {
        let page = doc.get_dictionary(page).unwrap();
        let trim = [0.0, 0.0, TRIM.0, TRIM.1];
        for key in ["MediaBox", "CropBox", "BleedBox", "TrimBox"] {
            assert_eq!(numbers(get(&doc, page, key)), trim, "{key}");
        }
        assert!(get(&doc, page, "Contents").as_stream().is_ok(), "no crop marks");
    }
}

#[test]
fn the_print_files_media_box_adds_bleed_and_slug_to_the_trim_box() {
    let (_, doc) = write_sample_as(PRINT);
    let sheet = Sheet { width: TRIM.0, height: TRIM.1, bleed: BLEED, crop_marks: true, folds: None };
    let (m, slug) = (sheet.margin(), sheet.slug());
    assert!(slug > 0.0);
    for page in pages(&doc) {
        let page = doc.get_dictionary(page).unwrap();
        let media = [0.0, 0.0, TRIM.0 + 2.0 * m, TRIM.1 + 2.0 * m];
        assert_eq!(numbers(get(&doc, page, "MediaBox")), media);
        assert_eq!(numbers(get(&doc, page, "CropBox")), media);
        assert_eq!(numbers(get(&doc, page, "BleedBox")), [slug, slug, media[2] - slug, media[3] - slug]);
        assert_eq!(numbers(get(&doc, page, "TrimBox")), [m, m, TRIM.0 + m, TRIM.1 + m]);
        // Crop marks: a stream of their own, in the registration colour.
        assert_eq!(get(&doc, page, "Contents").as_array().unwrap().len(), 2);
        let resources = dict(&doc, page.get(b"Resources").unwrap());
        let spaces = dict(&doc, resources.get(b"ColorSpace").unwrap());
        let registration = get(&doc, spaces, "Registration").as_array().unwrap();
        assert_eq!(registration[1].as_name().unwrap(), b"All");
    }
}

#[test]
fn metadata_language_and_dates_come_from_the_book() {
    let (_, doc) = write_sample();
    let info = dict(&doc, doc.trailer.get(b"Info").unwrap());
    assert!(is_text(get(&doc, info, "Title"), "Память в Zig"));
    assert!(is_text(get(&doc, info, "Author"), "Анна Петрова, John Smith"));
    assert!(is_text(get(&doc, info, "Subject"), "Пробная книга"));
    assert!(is_text(get(&doc, info, "Keywords"), "Zig, память"));
    assert!(is_text(get(&doc, info, "Creator"), "verstka"));
    assert!(is_text(get(&doc, info, "CreationDate"), "D:20261123000000Z"));
    assert!(is_text(get(&doc, info, "ModDate"), "D:20261123000000Z"));
    assert!(info.get(b"GTS_PDFXVersion").is_err());
    let catalog = doc.catalog().unwrap();
    assert!(is_text(get(&doc, catalog, "Lang"), "ru"));
    let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(id[0].as_str().unwrap().len(), 16);
    assert_ne!(id[0].as_str().unwrap(), [0; 16]);
}

#[test]
fn page_labels_follow_the_folios() {
    let (_, doc) = write_sample();
    let labels = dict(&doc, doc.catalog().unwrap().get(b"PageLabels").unwrap());
    let nums = get(&doc, labels, "Nums").as_array().unwrap();
    assert_eq!(nums.len(), 4, "{nums:?}");
    assert_eq!(nums[0].as_i64().unwrap(), 0);
    assert!(dict(&doc, &nums[1]).is_empty());
    assert_eq!(nums[2].as_i64().unwrap(), 1);
    let body = dict(&doc, &nums[3]);
    assert_eq!(body.get(b"S").unwrap().as_name().unwrap(), b"D");
    assert_eq!(body.get(b"St").unwrap().as_i64().unwrap(), 1);
}

#[test]
fn outline_nests_chapters_sections_and_subsections() {
    let (_, doc) = write_sample();
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"PageMode").unwrap().as_name().unwrap(), b"UseOutlines");
    let root = dict(&doc, catalog.get(b"Outlines").unwrap());
    assert_eq!(root.get(b"Count").unwrap().as_i64().unwrap(), 2);
    let chapter = dict(&doc, root.get(b"First").unwrap());
    assert!(is_text(get(&doc, chapter, "Title"), "Динамическая память"));
    assert_eq!(chapter.get(b"Count").unwrap().as_i64().unwrap(), -2, "chapters start closed");
    let destination = get(&doc, chapter, "Dest").as_array().unwrap();
    assert_eq!(destination[0].as_reference().unwrap(), pages(&doc)[1]);
    assert_eq!(destination[3].as_float().unwrap(), TRIM.1 - 60.0);
    let section = dict(&doc, chapter.get(b"First").unwrap());
    assert!(is_text(get(&doc, section, "Title"), "Раздел"));
    let subsection = dict(&doc, section.get(b"First").unwrap());
    assert!(is_text(get(&doc, subsection, "Title"), "Подраздел"));
    let next = dict(&doc, chapter.get(b"Next").unwrap());
    assert!(is_text(get(&doc, next, "Title"), "Листинги"));
    assert_eq!(root.get(b"Last").unwrap(), chapter.get(b"Next").unwrap());
}

#[test]
fn links_go_to_pages_and_uris_as_indirect_annotations() {
    let (_, doc) = write_sample();
    let pages = pages(&doc);
    let body = doc.get_dictionary(pages[1]).unwrap();
    let annotations = body.get(b"Annots").unwrap().as_array().unwrap();
    assert_eq!(annotations.len(), 2);
    assert!(annotations.iter().all(|a| a.as_reference().is_ok()), "annotations must be indirect");
    let internal = dict(&doc, &annotations[0]);
    assert_eq!(numbers(get(&doc, internal, "Border")), [0.0, 0.0, 0.0]);
    assert_eq!(numbers(get(&doc, internal, "Rect")), [56.0, TRIM.1 - 82.0, 136.0, TRIM.1 - 70.0]);
    let action = dict(&doc, internal.get(b"A").unwrap());
    assert_eq!(action.get(b"S").unwrap().as_name().unwrap(), b"GoTo");
    let destination = get(&doc, action, "D").as_array().unwrap();
    assert_eq!(destination[0].as_reference().unwrap(), pages[2]);
    assert_eq!(destination[3].as_float().unwrap(), TRIM.1 - 100.0);
    let external = dict(&doc, dict(&doc, &annotations[1]).get(b"A").unwrap());
    assert_eq!(external.get(b"URI").unwrap().as_str().unwrap(), b"https://ziglang.org/");
    assert!(doc.get_dictionary(pages[0]).unwrap().get(b"Annots").is_err());
}

#[test]
fn a_link_to_a_missing_page_is_an_error() {
    let fonts = TestFonts::load();
    let mut document = sample(&fonts);
    document.pages[0].links.push(LinkArea {
        x: 0.0,
        y: 0.0,
        width: 1.0,
        height: 1.0,
        target: LinkDestination::Page { page: 3, y: 0.0 },
        tag: Tag::Artifact,
        text: String::new(),
    });
    let error = write_pdf(&document, &fonts, &metadata(), Edition::Reader).unwrap_err();
    assert!(error.to_string().contains("page 4 of 3"), "{error}");
}

#[test]
fn a_missing_image_is_an_error_naming_it() {
    let fonts = TestFonts::load();
    let mut document = sample(&fonts);
    document.pages[2].items.push(Item::Image {
        path: "no/such.png".into(),
        x: 0.0,
        y: 0.0,
        width: 1.0,
        height: 1.0,
        tag: Tag::Artifact,
    });
    let error = write_pdf(&document, &fonts, &metadata(), Edition::Reader).unwrap_err();
    assert!(error.to_string().contains("no/such.png"), "{error}");
}

#[test]
fn an_image_drawn_twice_is_embedded_once() {
    let (_, doc) = write_sample();
    let images: Vec<&Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .map(|s| &s.dict)
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .collect();
    assert_eq!(images.len(), 1);
    assert_eq!(images[0].get(b"Width").unwrap().as_i64().unwrap(), 120);
    assert_eq!(images[0].get(b"Height").unwrap().as_i64().unwrap(), 60);
}

/// The fonts, by `/BaseFont`.
fn fonts(doc: &lopdf::Document) -> BTreeMap<String, &Dictionary> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0"))
        .map(|d| (String::from_utf8(d.get(b"BaseFont").unwrap().as_name().unwrap().to_vec()).unwrap(), d))
        .collect()
}

#[test]
fn fonts_are_embedded_subsets_with_tounicode() {
    let (_, doc) = write_sample();
    let fonts = fonts(&doc);
    assert_eq!(fonts.len(), 2);
    for (name, font) in fonts {
        let (tag, family) = name.split_once('+').unwrap();
        assert!(tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()), "{name}");
        assert!(["PTSerif-Regular", "PTSans-Bold"].contains(&family));
        assert_eq!(font.get(b"Encoding").unwrap().as_name().unwrap(), b"Identity-H");
        let cid_font = dict(&doc, &font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]);
        assert_eq!(cid_font.get(b"Subtype").unwrap().as_name().unwrap(), b"CIDFontType2");
        let descriptor = dict(&doc, cid_font.get(b"FontDescriptor").unwrap());
        let program = get(&doc, descriptor, "FontFile2").as_stream().unwrap();
        let program = program.decompressed_content().unwrap();
        let subset = ttf_parser::Face::parse(&program, 0).unwrap();
        assert!(subset.number_of_glyphs() < 100, "{name}: {} glyphs", subset.number_of_glyphs());
        assert!(get(&doc, font, "ToUnicode").as_stream().is_ok());
    }
}

#[test]
fn the_same_glyph_with_other_text_gets_another_code() {
    let fonts = TestFonts::load();
    let mut codes = codes::GlyphCodes::new(&fonts);
    let serif = codes.font(SERIF).unwrap();
    let hyphen = serif.code(10, "-").unwrap();
    let soft = serif.code(10, "\u{AD}").unwrap();
    assert_ne!(hyphen, soft);
    assert_eq!(serif.code(10, "-").unwrap(), hyphen);
    assert!(serif.code(u16::MAX, "x").is_err());
}

#[test]
fn every_object_is_used() {
    let (_, mut doc) = write_sample();
    // lopdf keeps the object streams it unpacked and the cross-reference
    // stream: the file's packing, unreferenced.
    let is_packing = |object: &Object| matches!(object.type_name(), Ok(b"ObjStm" | b"XRef"));
    let packing: Vec<ObjectId> = doc.objects.iter().filter(|(_, o)| is_packing(o)).map(|(id, _)| *id).collect();
    assert!(!packing.is_empty());
    assert_eq!(doc.prune_objects(), packing);
}

#[test]
fn a_page_without_items_and_a_book_without_outline_still_make_a_valid_file() {
    let fonts = TestFonts::load();
    let geometry = Geometry { width: TRIM.0, height: TRIM.1, bleed: 0.0, crop_marks: true, folds: None };
    let document = Document { geometry, pages: vec![Page::default()], ..Document::default() };
    let bytes = write_pdf(&document, &fonts, &metadata(), Edition::Reader).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let page = doc.get_dictionary(pages(&doc)[0]).unwrap();
    assert_eq!(numbers(get(&doc, page, "MediaBox")), [0.0, 0.0, TRIM.0, TRIM.1]);
    assert!(doc.catalog().unwrap().get(b"Outlines").is_err());
    // The reader's PDF has no crop marks: the page's own (empty) content only.
    assert!(get(&doc, page, "Contents").as_stream().is_ok());
}

/// The XMP packet of a written file.
fn xmp_packet(doc: &lopdf::Document) -> String {
    let metadata = get(doc, doc.catalog().unwrap(), "Metadata").as_stream().unwrap();
    String::from_utf8(metadata.content.clone()).unwrap()
}

#[test]
fn the_readers_pdf_declares_pdfua_and_pdfa_with_an_srgb_intent_unless_a_glyph_is_notdef() {
    let (_, doc) = write_sample();
    let xmp = xmp_packet(&doc);
    assert!(
        xmp.contains("<pdfuaid:part>1</pdfuaid:part>") && xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>")
    );
    let intents = get(&doc, doc.catalog().unwrap(), "OutputIntents").as_array().unwrap();
    assert_eq!(get(&doc, dict(&doc, &intents[0]), "S").as_name().unwrap(), b"GTS_PDFA1");

    // A character no font has is drawn as `.notdef`: neither standard allows it.
    let fonts = TestFonts::load();
    let mut document = sample(&fonts);
    let mut missing = fonts.run(SERIF, "x", 10.0, 50.0, 50.0);
    missing.glyphs[0].id = 0;
    document.pages[0].items.push(Item::Text(missing));
    let bytes = write_pdf(&document, &fonts, &metadata(), Edition::Reader).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    assert!(!xmp_packet(&doc).contains("pdfaid") && !xmp_packet(&doc).contains("pdfuaid"));
    assert!(doc.catalog().unwrap().get(b"OutputIntents").is_err());
}
