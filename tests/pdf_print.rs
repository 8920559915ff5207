//! The print shop's fixture (`tests/fixtures/books/print`: bleed, crop
//! marks, a colour PNG at 150 ppi, a grey PNG at 600 ppi, an SVG diagram)
//! built as the reader's PDF and the print file, read back with lopdf.
//!
//! No independent PDF/X validator can be installed here, so the print file
//! is held to the machine-checkable requirements of PDF/X-4 (ISO
//! 15930-7:2010) one test each; the README lists them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

#[path = "common/pdf_text.rs"]
#[allow(dead_code, reason = "each test crate uses part of the shared reader")]
mod pdf_text;

#[path = "common/pdfx.rs"]
mod pdfx;

use pdf_text::{all_lines, decode_operands, dict, page_box, resolve, runs_outside_the_trim_box};

const MM: f32 = 72.0 / 25.4;

struct Editions {
    reader: (Vec<u8>, Document),
    print: (Vec<u8>, Document),
    /// What `build` printed on stderr.
    stderr: String,
}

/// Both PDFs of the fixture, built once for all tests.
fn editions() -> &'static Editions {
    static EDITIONS: OnceLock<Editions> = OnceLock::new();
    EDITIONS.get_or_init(|| {
        let book = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books/print");
        let out = tempfile::tempdir().unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_verstka"))
            .args(["build", book.to_str().unwrap(), "--out", out.path().to_str().unwrap()])
            .args(["--format", "pdf", "--format", "print"])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{stderr}");
        let read = |name: &str| {
            let bytes = std::fs::read(out.path().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            let doc = Document::load_mem(&bytes).unwrap();
            (bytes, doc)
        };
        Editions { reader: read("print-fixture.pdf"), print: read("print-fixture-print.pdf"), stderr }
    })
}

fn print() -> &'static Document {
    &editions().print.1
}

fn reader() -> &'static Document {
    &editions().reader.1
}

fn pages(doc: &Document) -> Vec<(ObjectId, &Dictionary)> {
    doc.get_pages().into_values().map(|id| (id, doc.get_dictionary(id).unwrap())).collect()
}

// ---- PDF/X-4: the file (the checks every print shop's file passes, tests/common/pdfx.rs) ----

#[test]
fn pdfx_the_header_is_pdf_1_6_at_most() {
    pdfx::assert_header(&editions().print.0);
}

#[test]
fn pdfx_info_declares_the_version_trapping_title_and_dates() {
    pdfx::assert_info_declares_the_version(print());
}

#[test]
fn pdfx_the_trailer_has_an_id_and_no_encryption() {
    pdfx::assert_id_and_no_encryption(print());
}

#[test]
fn pdfx_the_output_intent_embeds_a_cmyk_output_profile() {
    pdfx::assert_output_intent(print(), "FOGRA39");
}

#[test]
fn pdfx_the_xmp_identifies_the_standard_and_the_document() {
    pdfx::assert_xmp_identifies_the_standard(print());
}

#[test]
fn pdfx_no_page_has_annotations_and_nothing_runs_script() {
    pdfx::assert_nothing_interactive(print());
}

#[test]
fn pdfx_every_page_has_trim_bleed_and_media_boxes_nested() {
    for [media, bleed, trim] in pdfx::assert_boxes_nested(print()) {
        // 170 × 240 mm, 3 mm of bleed, and a slug beyond it for the marks.
        assert!(((trim[2] - trim[0]) / MM - 170.0).abs() < 0.05 && ((trim[3] - trim[1]) / MM - 240.0).abs() < 0.05);
        for side in 0..4 {
            assert!(((bleed[side] - trim[side]).abs() / MM - 3.0).abs() < 0.01, "bleed {bleed:?} trim {trim:?}");
            assert!((media[side] - bleed[side]).abs() / MM > 5.0, "a slug: {media:?} {bleed:?}");
        }
    }
}

#[test]
fn pdfx_every_font_is_embedded() {
    pdfx::assert_fonts_embedded(print());
}

/// Whether a content stream paints in a colour space of three components.
fn paints_rgb(content: &[u8]) -> Vec<String> {
    Content::decode(content)
        .unwrap()
        .operations
        .iter()
        .filter(|op| {
            matches!(op.operator.as_str(), "rg" | "RG")
                || (matches!(op.operator.as_str(), "sc" | "scn" | "SC" | "SCN") && op.operands.len() == 3)
        })
        .map(|op| format!("{} {:?}", op.operator, op.operands))
        .collect()
}

#[test]
fn pdfx_nothing_is_rgb_in_the_print_file() {
    let doc = print();
    for object in doc.objects.values() {
        let dict = match object {
            Object::Dictionary(dict) => dict,
            Object::Stream(stream) => &stream.dict,
            _ => continue,
        };
        for (key, value) in dict.iter() {
            assert!(
                value.as_name().map_or(true, |n| n != b"DeviceRGB"),
                "/{} /DeviceRGB",
                String::from_utf8_lossy(key)
            );
        }
        let is_icc = dict.get(b"N").is_ok() && dict.get(b"Type").is_err() && dict.get(b"Subtype").is_err();
        assert!(!(is_icc && dict.get(b"N").unwrap().as_i64().unwrap() == 3), "an RGB ICC profile: {dict:?}");
    }
    for content in pdfx::content_streams(doc) {
        assert_eq!(paints_rgb(&content), Vec::<String>::new());
    }
    for object in doc.objects.values() {
        if let Ok(stream) = object.as_stream() {
            if stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Image") {
                let space = stream.dict.get(b"ColorSpace").unwrap().as_name().unwrap();
                assert_eq!(space, b"DeviceGray");
            }
        }
    }
}

// ---- the marks ----

#[test]
fn crop_marks_are_in_the_slug_outside_the_bleed_on_every_page() {
    let doc = print();
    for (id, page) in pages(doc) {
        let (media, bleed, trim) =
            (page_box(doc, page, b"MediaBox"), page_box(doc, page, b"BleedBox"), page_box(doc, page, b"TrimBox"));
        let marks = pdfx::marks(doc, id);
        assert_eq!(marks.len(), 8, "two at each corner");
        for [x1, y1, x2, y2] in marks {
            let on_trim_line = [trim[0], trim[2]].iter().any(|x| (x1 - x).abs() < 0.01 && (x2 - x).abs() < 0.01)
                || [trim[1], trim[3]].iter().any(|y| (y1 - y).abs() < 0.01 && (y2 - y).abs() < 0.01);
            assert!(on_trim_line, "a mark continues a trim line: {x1} {y1} {x2} {y2}");
            for (x, y) in [(x1, y1), (x2, y2)] {
                let outside_bleed =
                    x <= bleed[0] + 0.01 || x >= bleed[2] - 0.01 || y <= bleed[1] + 0.01 || y >= bleed[3] - 0.01;
                assert!(outside_bleed, "({x}, {y}) inside the bleed box {bleed:?}");
                assert!(pdfx::contains(media, [x, y, x, y]), "({x}, {y}) off the paper");
            }
        }
    }
    let spaces = dict(doc, dict(doc, pages(doc)[0].1, b"Resources").unwrap(), b"ColorSpace").unwrap();
    let registration = resolve(doc, spaces.get(b"Registration").unwrap()).as_array().unwrap();
    assert_eq!(registration[0].as_name().unwrap(), b"Separation");
    assert_eq!(registration[1].as_name().unwrap(), b"All");
}

// ---- one layout, two files ----

#[test]
fn the_print_files_text_starts_inside_its_trim_box() {
    let (outside, checked) = runs_outside_the_trim_box(print());
    assert!(outside.is_empty(), "text outside the trim box: {outside:?}");
    assert!(checked > 20, "only {checked} text runs found");
}

#[test]
fn both_files_have_the_same_pages_and_the_same_text() {
    assert_eq!(pages(reader()).len(), pages(print()).len());
    assert_eq!(all_lines(reader()), all_lines(print()));
    let labels = |doc: &Document| format!("{:?}", resolve(doc, doc.catalog().unwrap().get(b"PageLabels").unwrap()));
    assert_eq!(labels(reader()), labels(print()));
}

#[test]
fn the_readers_pdf_is_the_trimmed_page_with_links_outline_and_colour() {
    let doc = reader();
    for (id, page) in pages(doc) {
        assert_eq!(page_box(doc, page, b"MediaBox"), page_box(doc, page, b"TrimBox"));
        assert!(pdfx::marks(doc, id).is_empty());
    }
    let uris: BTreeSet<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Link"))
        .filter_map(|d| {
            resolve(doc, d.get(b"A").ok()?)
                .as_dict()
                .ok()?
                .get(b"URI")
                .ok()?
                .as_str()
                .ok()
                .map(|u| String::from_utf8_lossy(u).into_owned())
        })
        .collect();
    assert!(uris.contains("https://ziglang.org"), "{uris:?}");
    assert!(doc.catalog().unwrap().has(b"Outlines") && print().catalog().unwrap().has(b"Outlines"));
    // The reader's PDF has PDF/A's sRGB intent, not the press's.
    let intents = resolve(doc, doc.catalog().unwrap().get(b"OutputIntents").unwrap()).as_array().unwrap();
    let subtypes: Vec<&[u8]> =
        intents.iter().map(|i| resolve(doc, i).as_dict().unwrap().get(b"S").unwrap().as_name().unwrap()).collect();
    assert_eq!(subtypes, [b"GTS_PDFA1".as_slice()]);
    assert!(pdfx::info(doc).get(b"GTS_PDFXVersion").is_err());
    let colour_listing = pdfx::content_streams(doc).iter().any(|content| !paints_rgb(content).is_empty());
    assert!(colour_listing, "print-colors: the reader's listing is in colour");
    let rgb_image = doc.objects.values().filter_map(|o| o.as_stream().ok()).any(|s| {
        s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image")
            && s.dict.get(b"ColorSpace").and_then(Object::as_name).is_ok_and(|n| n == b"DeviceRGB")
    });
    assert!(rgb_image, "the colour PNG stays in colour");
}

// ---- figures ----

/// The text drawn by every Form XObject (the SVG figures), through its fonts' ToUnicode.
fn form_text(doc: &Document) -> String {
    let mut text = String::new();
    for object in doc.objects.values() {
        let Ok(stream) = object.as_stream() else { continue };
        if !stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Form") {
            continue;
        }
        let fonts = resolve(doc, stream.dict.get(b"Resources").unwrap()).as_dict().unwrap().get(b"Font");
        let Ok(fonts) = fonts.map(|f| resolve(doc, f).as_dict().unwrap()) else { continue };
        let content =
            Content::decode(&stream.decompressed_content().unwrap_or_else(|_| stream.content.clone())).unwrap();
        let mut encoding = None;
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    let font = resolve(doc, fonts.get(op.operands[0].as_name().unwrap()).unwrap()).as_dict().unwrap();
                    encoding = Some(font.get_font_encoding(doc).unwrap());
                }
                "Tj" | "TJ" => decode_operands(&op.operands, encoding.as_ref().unwrap(), &mut text),
                "ET" => text.push(' '),
                _ => {}
            }
        }
    }
    text
}

#[test]
fn the_svg_is_vector_with_its_text_extractable_in_both_files() {
    for doc in [reader(), print()] {
        // svg2pdf places each glyph itself, so spacing says nothing: letters only.
        let text: String = form_text(doc).chars().filter(|c| !c.is_whitespace()).collect();
        for word in ["Программа", "Аллокатор", "Куча", "allocator.alloc(u8,512)", "памятьвозвращаетсячерезfree"]
        {
            assert!(text.contains(word), "{word} not in the SVG's text: {text}");
        }
        // Two raster images (the PNGs) and nothing rasterised from the SVG.
        let images = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image"))
            .count();
        assert_eq!(images, 2);
    }
}

#[test]
fn the_150_ppi_image_is_a_warning_at_its_line_and_the_600_ppi_one_passes() {
    let stderr = &editions().stderr;
    let at = Path::new("chapters/01-figures.md:6");
    assert!(
        stderr.contains(&format!("{}: warning: image `../images/colour-150ppi.png` prints at 150 ppi", at.display())),
        "{stderr}"
    );
    assert!(!stderr.contains("grey-600ppi"), "{stderr}");
}
