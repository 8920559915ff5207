//! The machine-checkable requirements of PDF/X-4 (ISO 15930-7:2010) that
//! every print shop's file verstka writes must meet — the interior's print
//! file (tests/pdf_print.rs) and the cover spread (tests/cover.rs) — one
//! function each; the README lists which test calls which. Colour is each
//! file's own: the print file is grey, the cover in sRGB and black.

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::pdf_text::{page_box, resolve};

fn pages(doc: &Document) -> Vec<&Dictionary> {
    doc.get_pages().into_values().map(|id| doc.get_dictionary(id).unwrap()).collect()
}

fn string(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    Some(String::from_utf8_lossy(resolve(doc, dict.get(key).ok()?).as_str().ok()?).into_owned())
}

/// The XMP packet of the catalog's `/Metadata`.
pub fn xmp(doc: &Document) -> String {
    let catalog = doc.catalog().unwrap();
    let stream = resolve(doc, catalog.get(b"Metadata").unwrap()).as_stream().unwrap();
    String::from_utf8(stream.content.clone()).unwrap()
}

/// The header says PDF 1.6 or older.
pub fn assert_header(bytes: &[u8]) {
    assert!(["%PDF-1.4", "%PDF-1.5", "%PDF-1.6"].iter().any(|header| bytes.starts_with(header.as_bytes())));
}

/// The information dictionary.
pub fn info(doc: &Document) -> &Dictionary {
    resolve(doc, doc.trailer.get(b"Info").unwrap()).as_dict().unwrap()
}

/// Info: `GTS_PDFXVersion`, `Trapped` False, Title, CreationDate, ModDate.
pub fn assert_info_declares_the_version(doc: &Document) {
    let info = info(doc);
    assert_eq!(string(doc, info, b"GTS_PDFXVersion").as_deref(), Some("PDF/X-4"));
    assert_eq!(info.get(b"Trapped").unwrap().as_name().unwrap(), b"False");
    for key in [b"Title".as_slice(), b"CreationDate", b"ModDate"] {
        assert!(info.has(key), "no /{}", String::from_utf8_lossy(key));
    }
}

/// A trailer `/ID`; no encryption.
pub fn assert_id_and_no_encryption(doc: &Document) {
    assert_eq!(doc.trailer.get(b"ID").unwrap().as_array().unwrap().len(), 2);
    assert!(!doc.trailer.has(b"Encrypt"));
}

/// Exactly one `GTS_PDFX` output intent, for `condition`, with an embedded
/// CMYK output profile (`prtr`) of ICC version 4 or older.
pub fn assert_output_intent(doc: &Document, condition: &str) {
    let intents = resolve(doc, doc.catalog().unwrap().get(b"OutputIntents").unwrap()).as_array().unwrap();
    let pdfx: Vec<&Dictionary> = intents
        .iter()
        .map(|i| resolve(doc, i).as_dict().unwrap())
        .filter(|i| i.get(b"S").unwrap().as_name().unwrap() == b"GTS_PDFX")
        .collect();
    assert_eq!(pdfx.len(), 1, "exactly one GTS_PDFX intent");
    let intent = pdfx[0];
    assert_eq!(string(doc, intent, b"OutputConditionIdentifier").as_deref(), Some(condition));
    assert_eq!(string(doc, intent, b"RegistryName").as_deref(), Some("http://www.color.org"));
    assert!(string(doc, intent, b"Info").unwrap().contains(&format!("{condition}L-verstka.icc")));
    let profile = resolve(doc, intent.get(b"DestOutputProfile").unwrap()).as_stream().unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 4);
    let icc = profile.decompressed_content().unwrap_or_else(|_| profile.content.clone());
    assert_eq!(u32::from_be_bytes(icc[0..4].try_into().unwrap()) as usize, icc.len(), "the ICC header's size");
    assert_eq!(&icc[12..16], b"prtr", "an output profile");
    assert_eq!(&icc[16..20], b"CMYK");
    assert_eq!(&icc[36..40], b"acsp");
    assert!(icc[8] <= 4, "ICC version 4 or older");
}

/// XMP: `pdfxid:GTS_PDFXVersion`, `pdf:Trapped`, `xmpMM:DocumentID`,
/// `InstanceID`, `VersionID`, `RenditionClass`, dates, title.
pub fn assert_xmp_identifies_the_standard(doc: &Document) {
    let xmp = xmp(doc);
    for expected in [
        "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>",
        "<pdf:Trapped>False</pdf:Trapped>",
        "<xmpMM:DocumentID>uuid:",
        "<xmpMM:InstanceID>uuid:",
        "<xmpMM:VersionID>1</xmpMM:VersionID>",
        "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>",
        "<xmp:CreateDate>",
        "<xmp:ModifyDate>",
        "<dc:title>",
    ] {
        assert!(xmp.contains(expected), "{expected} missing from\n{xmp}");
    }
}

/// No annotation on a page, no actions, JavaScript or embedded files.
pub fn assert_nothing_interactive(doc: &Document) {
    for page in pages(doc) {
        assert!(!page.has(b"Annots"), "{page:?}");
        assert!(!page.has(b"AA"));
    }
    let catalog = doc.catalog().unwrap();
    assert!(!catalog.has(b"AA") && !catalog.has(b"OpenAction"));
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict() {
            assert!(!dict.get(b"S").and_then(Object::as_name).is_ok_and(|s| s == b"JavaScript"));
            assert!(!dict.has(b"EmbeddedFiles"));
        }
    }
}

/// Whether the rectangle `outer` holds `inner` (to 0.01 pt).
pub fn contains(outer: [f32; 4], inner: [f32; 4]) -> bool {
    outer[0] <= inner[0] + 0.01
        && outer[1] <= inner[1] + 0.01
        && outer[2] >= inner[2] - 0.01
        && outer[3] >= inner[3] - 0.01
}

/// Every page has a TrimBox inside its BleedBox inside its MediaBox; the
/// boxes of each page, (media, bleed, trim), for the caller's own checks.
pub fn assert_boxes_nested(doc: &Document) -> Vec<[[f32; 4]; 3]> {
    pages(doc)
        .into_iter()
        .map(|page| {
            assert!(page.has(b"TrimBox") && page.has(b"BleedBox"));
            let (media, bleed, trim) =
                (page_box(doc, page, b"MediaBox"), page_box(doc, page, b"BleedBox"), page_box(doc, page, b"TrimBox"));
            assert!(contains(media, bleed) && contains(bleed, trim), "{media:?} {bleed:?} {trim:?}");
            [media, bleed, trim]
        })
        .collect()
}

/// Every font's program is embedded.
pub fn assert_fonts_embedded(doc: &Document) {
    let mut fonts = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).is_ok_and(|t| t == b"FontDescriptor") {
            let embedded = [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"].iter().any(|key| dict.has(key));
            assert!(embedded, "{dict:?}");
            fonts += 1;
        }
    }
    assert!(fonts > 0, "no fonts at all");
}

/// Every content stream of the file: pages' and forms' and patterns'.
pub fn content_streams(doc: &Document) -> Vec<Vec<u8>> {
    let mut streams: Vec<Vec<u8>> = doc.get_pages().into_values().map(|id| doc.get_page_content(id)).collect();
    for object in doc.objects.values() {
        if let Ok(stream) = object.as_stream() {
            let form = stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Form");
            if form || stream.dict.has(b"PatternType") {
                streams.push(stream.decompressed_content().unwrap_or_else(|_| stream.content.clone()));
            }
        }
    }
    streams
}

/// The marks' segments (crop and fold): what paints in /Registration,
/// 0.25 pt wide.
pub fn marks(doc: &Document, page: ObjectId) -> Vec<[f32; 4]> {
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let mut lines = Vec::new();
    let (mut registration, mut at) = (false, [0.0, 0.0]);
    for op in content.operations {
        let n: Vec<f32> = op.operands.iter().filter_map(|o| o.as_float().ok()).collect();
        match op.operator.as_str() {
            "CS" => registration = op.operands[0].as_name().unwrap() == b"Registration",
            "w" if registration => assert!((n[0] - 0.25).abs() < 1e-4, "0.25 pt marks"),
            "m" if registration => at = [n[0], n[1]],
            "l" if registration => lines.push([at[0], at[1], n[0], n[1]]),
            "Q" => registration = false,
            _ => {}
        }
    }
    lines
}
