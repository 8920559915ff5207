//! The machine-checkable requirements of the standards the reader's PDF
//! declares — PDF/A-2a (ISO 19005-2) and PDF/UA-1 (ISO 14289-1, as the
//! Matterhorn Protocol 1.1 lists its failure conditions) — walked with lopdf
//! on the fixture books and `book/`. No validator (veraPDF) can run here;
//! the README lists which checkpoints these are and which are not tested.
//! The content's tagging itself (Matterhorn 01-005, 14-003 …) is
//! `tests/pdf_tags.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

#[path = "common/pdf_text.rs"]
#[allow(dead_code)]
mod pdf_text;

use pdf_text::{build_pdf, dict, resolve};

/// The books walked: every fixture with an interior, and `book/`.
const BOOKS: [&str; 4] =
    ["tests/fixtures/books/full", "tests/fixtures/books/index", "tests/fixtures/books/print", "book"];

/// Each book's reader PDF, built once for all tests: (book, bytes, document).
fn books() -> &'static [(String, Vec<u8>, Document)] {
    static BUILT: OnceLock<Vec<(String, Vec<u8>, Document)>> = OnceLock::new();
    BUILT.get_or_init(|| {
        BOOKS
            .iter()
            .map(|book| {
                let bytes = build_pdf(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(book));
                let doc = Document::load_mem(&bytes).unwrap();
                (book.to_string(), bytes, doc)
            })
            .collect()
    })
}

/// Runs `check` on every book and fails with every violation found.
fn each_book(check: impl Fn(&[u8], &Document, &mut Vec<String>)) {
    let mut failures = Vec::new();
    for (book, bytes, doc) in books() {
        let mut found = Vec::new();
        check(bytes, doc, &mut found);
        failures.extend(found.into_iter().map(|f| format!("{book}: {f}")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn catalog(doc: &Document) -> &Dictionary {
    doc.catalog().unwrap()
}

fn name(object: &Object) -> &[u8] {
    object.as_name().unwrap_or(b"")
}

/// The name under `key`, or nothing.
fn named<'a>(dict: &'a Dictionary, key: &[u8]) -> &'a [u8] {
    dict.get(key).map(name).unwrap_or(b"")
}

/// The XMP packet as text.
fn xmp(doc: &Document) -> String {
    let stream = resolve(doc, catalog(doc).get(b"Metadata").unwrap()).as_stream().unwrap();
    String::from_utf8(stream.content.clone()).unwrap()
}

/// A text string's value.
fn text(object: &Object) -> String {
    pdf_text::text_string(object.as_str().unwrap())
}

/// Every page's content operations, with the page's resources.
fn page_operations(doc: &Document) -> Vec<(ObjectId, Vec<lopdf::content::Operation>)> {
    doc.get_pages()
        .into_values()
        .map(|page| (page, Content::decode(&doc.get_page_content(page)).unwrap().operations))
        .collect()
}

/// Every dictionary in the file, streams' included.
fn dictionaries(doc: &Document) -> impl Iterator<Item = (&ObjectId, &Dictionary)> {
    doc.objects.iter().filter_map(|(id, object)| match object {
        Object::Dictionary(d) => Some((id, d)),
        Object::Stream(s) => Some((id, &s.dict)),
        _ => None,
    })
}

// ---- PDF/A-2 (ISO 19005-2) ------------------------------------------------

#[test]
fn pdfa_6_1_file_structure() {
    each_book(file_structure);
}

fn file_structure(bytes: &[u8], doc: &Document, found: &mut Vec<String>) {
    // 6.1.2: the header, then a comment of four bytes above 127.
    let second = bytes.split(|b| *b == b'\n').nth(1).unwrap_or_default();
    if !bytes.starts_with(b"%PDF-1.") || second.len() < 5 || second[0] != b'%' || second[1..5].iter().any(|b| *b < 128)
    {
        found.push("6.1.2: header or binary comment".into());
    }
    // 6.1.3: an /ID, no encryption.
    if !matches!(doc.trailer.get(b"ID"), Ok(Object::Array(id)) if id.len() == 2) {
        found.push("6.1.3: no /ID in the trailer".into());
    }
    if doc.trailer.has(b"Encrypt") {
        found.push("6.1.3: encrypted".into());
    }
    // 6.1.7: no external streams, no LZW.
    for (id, dict) in dictionaries(doc) {
        if dict.has(b"F") && doc.objects.get(id).is_some_and(|o| o.as_stream().is_ok()) {
            found.push(format!("6.1.7: stream {id:?} is external"));
        }
        let filters = match dict.get(b"Filter") {
            Ok(Object::Name(n)) => vec![n.clone()],
            Ok(Object::Array(a)) => a.iter().map(|f| name(f).to_vec()).collect(),
            _ => vec![],
        };
        if filters.iter().any(|f| f == b"LZWDecode") {
            found.push(format!("6.1.7: LZW in {id:?}"));
        }
    }
}

#[test]
fn pdfa_6_2_2_the_output_intent_is_srgb_with_its_profile() {
    each_book(output_intent);
}

fn output_intent(_bytes: &[u8], doc: &Document, found: &mut Vec<String>) {
    let intents = resolve(doc, catalog(doc).get(b"OutputIntents").unwrap()).as_array().unwrap();
    let pdfa: Vec<&Dictionary> = intents
        .iter()
        .filter_map(|i| resolve(doc, i).as_dict().ok())
        .filter(|i| named(i, b"S") == b"GTS_PDFA1")
        .collect();
    let [intent] = pdfa[..] else { return found.push(format!("6.2.2: {} PDF/A intents", pdfa.len())) };
    let profile = resolve(doc, intent.get(b"DestOutputProfile").unwrap()).as_stream().unwrap();
    let data = profile.decompressed_content().unwrap_or_else(|_| profile.content.clone());
    if profile.dict.get(b"N").and_then(Object::as_i64).ok() != Some(3)
        || &data[16..20] != b"RGB "
        || &data[36..40] != b"acsp"
    {
        found.push("6.2.2: the profile is not a 3-component RGB ICC profile".into());
    }
    if !matches!(&data[8], 2..=4) {
        found.push(format!("6.2.2: ICC version {}", data[8]));
    }
}

#[test]
fn pdfa_6_2_4_no_cmyk_under_an_rgb_intent() {
    each_book(colour);
}

fn colour(_bytes: &[u8], doc: &Document, found: &mut Vec<String>) {
    for (page, operations) in page_operations(doc) {
        for op in operations {
            let cmyk_space = matches!(op.operator.as_str(), "cs" | "CS")
                && op.operands.first().map(name) == Some(b"DeviceCMYK".as_slice());
            if matches!(op.operator.as_str(), "k" | "K") || cmyk_space {
                found.push(format!("6.2.4.3: CMYK colour on page {page:?}"));
            }
        }
    }
    for (id, dict) in dictionaries(doc) {
        if named(dict, b"ColorSpace") == b"DeviceCMYK" {
            found.push(format!("6.2.4.3: DeviceCMYK image {id:?}"));
        }
    }
}

#[test]
fn pdfa_6_2_8_to_6_2_10_images_and_graphics_states() {
    each_book(images_and_states);
}

fn images_and_states(_bytes: &[u8], doc: &Document, found: &mut Vec<String>) {
    for (id, dict) in dictionaries(doc) {
        if dict.get(b"Interpolate").and_then(Object::as_bool).ok() == Some(true) {
            found.push(format!("6.2.8: image {id:?} interpolates"));
        }
        for key in [b"Alternates".as_slice(), b"OPI", b"TR", b"TR2", b"HTP", b"HTO"] {
            if dict.has(key) && !(key == b"TR2" && named(dict, key) == b"Default") {
                found.push(format!("6.2.8–6.2.10: /{} in {id:?}", String::from_utf8_lossy(key)));
            }
        }
        if named(dict, b"Subtype") == b"PS" || named(dict, b"S") == b"JavaScript" {
            found.push(format!("6.2.9, 6.6.1: PostScript or JavaScript in {id:?}"));
        }
    }
}

/// Every font drawn with, by its `/BaseFont` (a subset's, so unique), and
/// the CIDs drawn with it.
fn cids_drawn(doc: &Document) -> BTreeMap<String, (&Dictionary, BTreeSet<u16>)> {
    let mut drawn = BTreeMap::new();
    for (page, operations) in page_operations(doc) {
        let fonts = doc.get_page_fonts(page).unwrap();
        let mut current = None;
        for op in operations {
            match op.operator.as_str() {
                "Tf" => current = Some(fonts[name(&op.operands[0])]),
                "TJ" | "Tj" => {
                    let font = current.expect("a font is set before text");
                    let base_font = String::from_utf8_lossy(named(font, b"BaseFont")).into_owned();
                    let cids = &mut drawn.entry(base_font).or_insert_with(|| (font, BTreeSet::new())).1;
                    let strings =
                        op.operands.iter().flat_map(|o| o.as_array().cloned().unwrap_or_else(|_| vec![o.clone()]));
                    for bytes in strings.filter_map(|operand| operand.as_str().ok().map(<[u8]>::to_vec)) {
                        cids.extend(bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])));
                    }
                }
                _ => {}
            }
        }
    }
    drawn
}

/// A ToUnicode CMap's `bfchar` entries: CID → text.
fn to_unicode(cmap: &[u8]) -> BTreeMap<u16, String> {
    let text = String::from_utf8_lossy(cmap);
    let mut map = BTreeMap::new();
    for block in text.split("beginbfchar").skip(1) {
        let block = block.split("endbfchar").next().unwrap();
        for line in block.lines().filter(|l| l.starts_with('<')) {
            let parts: Vec<&str> = line.split(['<', '>']).filter(|p| !p.trim().is_empty()).collect();
            let cid = u16::from_str_radix(parts[0], 16).unwrap();
            let units: Vec<u16> = parts[1]
                .as_bytes()
                .chunks(4)
                .map(|c| u16::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap())
                .collect();
            map.insert(cid, String::from_utf16(&units).unwrap());
        }
    }
    map
}

#[test]
fn pdfa_6_2_11_fonts_are_embedded_with_true_widths_unicode_and_no_notdef() {
    each_book(fonts);
}

fn fonts(_bytes: &[u8], doc: &Document, found: &mut Vec<String>) {
    let drawn = cids_drawn(doc);
    if drawn.values().map(|(_, cids)| cids.len()).sum::<usize>() < 50 {
        found.push(format!("fewer than 50 glyphs drawn: {:?}", drawn.keys()));
    }
    for (font, (type0, cids)) in drawn {
        let cid_font = resolve(doc, &type0.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]).as_dict().unwrap();
        let descriptor = dict(doc, cid_font, b"FontDescriptor").unwrap();
        let Ok(program) = descriptor.get(b"FontFile2").and_then(Object::as_reference) else {
            found.push(format!("6.2.11.4: font {font:?} not embedded"));
            continue;
        };
        let program = doc.get_object(program).unwrap().as_stream().unwrap().decompressed_content().unwrap();
        let face = ttf_parser::Face::parse(&program, 0).unwrap();
        let map = resolve(doc, cid_font.get(b"CIDToGIDMap").unwrap()).as_stream().unwrap();
        let map = map.decompressed_content().unwrap_or_else(|_| map.content.clone());
        let widths = resolve(doc, cid_font.get(b"W").unwrap()).as_array().unwrap();
        let first = widths[0].as_i64().unwrap() as usize;
        let widths = widths[1].as_array().unwrap();
        let unicode = to_unicode(
            &resolve(doc, type0.get(b"ToUnicode").unwrap()).as_stream().unwrap().decompressed_content().unwrap(),
        );
        for cid in cids {
            let gid = u16::from_be_bytes([map[2 * cid as usize], map[2 * cid as usize + 1]]);
            if gid == 0 {
                found.push(format!("6.2.11.8: CID {cid} of {font:?} draws .notdef"));
            }
            let advance = face.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap_or(0) as f32 * 1000.0
                / face.units_per_em() as f32;
            let width = widths[cid as usize - first].as_float().unwrap();
            if (width - advance).abs() > 1.0 {
                found.push(format!("6.2.11.5: CID {cid} of {font:?}: /W {width}, font {advance}"));
            }
            match unicode.get(&cid) {
                Some(text) if !text.is_empty() && !text.contains(['\0', '\u{FEFF}', '\u{FFFE}']) => {}
                _ => found.push(format!("6.2.11.7.2: CID {cid} of {font:?} has no Unicode")),
            }
        }
    }
    for (id, dict) in dictionaries(doc) {
        if named(dict, b"Type") == b"Font" && named(dict, b"Subtype") == b"CIDFontType2" {
            let info = dict.get(b"CIDSystemInfo").map(|i| resolve(doc, i).as_dict().unwrap()).unwrap();
            if info.get(b"Ordering").ok().and_then(|o| o.as_str().ok()) != Some(b"Identity".as_slice())
                || !dict.has(b"CIDToGIDMap")
            {
                found.push(format!("6.2.11.3: CIDFont {id:?}"));
            }
        }
    }
}

/// The file's annotations with their pages.
fn annotations(doc: &Document) -> Vec<(ObjectId, &Dictionary)> {
    let mut all = Vec::new();
    for page in doc.get_pages().into_values() {
        let Ok(annots) = doc.get_dictionary(page).unwrap().get(b"Annots") else { continue };
        for annot in resolve(doc, annots).as_array().unwrap() {
            all.push((page, resolve(doc, annot).as_dict().unwrap()));
        }
    }
    all
}

#[test]
fn pdfa_6_3_and_6_5_annotations_print_and_actions_only_go_or_link_out() {
    each_book(annotations_and_actions);
}

fn annotations_and_actions(_bytes: &[u8], doc: &Document, found: &mut Vec<String>) {
    for (page, annot) in annotations(doc) {
        let flags = annot.get(b"F").and_then(Object::as_i64).unwrap_or(0);
        // Print set; Invisible, Hidden, NoView clear.
        if flags & 4 == 0 || flags & (1 | 2 | 32) != 0 {
            found.push(format!("6.3.2: annotation on {page:?} has /F {flags}"));
        }
        if named(annot, b"Subtype") != b"Link" && !annot.has(b"AP") {
            found.push(format!("6.3.3: annotation on {page:?} has no appearance"));
        }
        if let Ok(action) = annot.get(b"A") {
            let kind = resolve(doc, action).as_dict().unwrap().get(b"S").map(name).unwrap_or(b"");
            if kind != b"GoTo" && kind != b"URI" {
                found.push(format!("6.5.1: action {} on {page:?}", String::from_utf8_lossy(kind)));
            }
        }
    }
    for key in [b"AA".as_slice(), b"OpenAction", b"AcroForm"] {
        if catalog(doc).has(key) {
            found.push(format!("6.5–6.4: the catalog has /{}", String::from_utf8_lossy(key)));
        }
    }
    if let Some(names) = dict(doc, catalog(doc), b"Names") {
        if names.has(b"JavaScript") || names.has(b"EmbeddedFiles") {
            found.push("6.5.1, 6.8: JavaScript or embedded files".into());
        }
    }
}

#[test]
fn pdfa_6_6_metadata_identifies_pdfa_2a_and_agrees_with_the_information_dictionary() {
    each_book(metadata);
}

fn metadata(_bytes: &[u8], doc: &Document, found: &mut Vec<String>) {
    let metadata = resolve(doc, catalog(doc).get(b"Metadata").unwrap()).as_stream().unwrap();
    if metadata.dict.has(b"Filter") {
        found.push("6.6.2.1: the metadata stream is filtered".into());
    }
    let xmp = xmp(doc);
    for needed in ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>A</pdfaid:conformance>", "<?xpacket begin="] {
        if !xmp.contains(needed) {
            found.push(format!("6.6.2: XMP lacks {needed}"));
        }
    }
    if xmp.contains("pdfuaid:")
        && !xmp.contains("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>")
    {
        found.push("6.6.2.3.3: pdfuaid has no extension schema".into());
    }
    let info = resolve(doc, doc.trailer.get(b"Info").unwrap()).as_dict().unwrap();
    let entry = |key: &[u8]| info.get(key).ok().map(text);
    let escape = |s: String| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let expect = [
        (
            "Title",
            entry(b"Title")
                .map(|t| format!("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li>", escape(t))),
        ),
        ("Author", entry(b"Author").map(|a| format!("<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq>", escape(a)))),
        (
            "Subject",
            entry(b"Subject")
                .map(|s| format!("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li>", escape(s))),
        ),
        ("Keywords", entry(b"Keywords").map(|k| format!("<pdf:Keywords>{}</pdf:Keywords>", escape(k)))),
        ("Producer", entry(b"Producer").map(|p| format!("<pdf:Producer>{}</pdf:Producer>", escape(p)))),
        ("Creator", entry(b"Creator").map(|c| format!("<xmp:CreatorTool>{}</xmp:CreatorTool>", escape(c)))),
    ];
    for (key, wanted) in expect {
        if let Some(wanted) = wanted.filter(|w| !xmp.contains(w.as_str())) {
            found.push(format!("6.6.2.3.1: /{key} differs from the XMP ({wanted})"));
        }
    }
    for (key, property) in [(b"CreationDate".as_slice(), "CreateDate"), (b"ModDate", "ModifyDate")] {
        let date = entry(key).unwrap();
        let iso = format!(
            "{}-{}-{}T{}:{}:{}Z",
            &date[2..6],
            &date[6..8],
            &date[8..10],
            &date[10..12],
            &date[12..14],
            &date[14..16]
        );
        if !xmp.contains(&format!("<xmp:{property}>{iso}</xmp:{property}>")) {
            found.push(format!("6.6.2.3.1: {date} is not xmp:{property}"));
        }
    }
}

#[test]
fn pdfa_6_7_level_a_is_tagged_with_a_language() {
    each_book(level_a);
}

fn level_a(_bytes: &[u8], doc: &Document, found: &mut Vec<String>) {
    let catalog = catalog(doc);
    let marked = dict(doc, catalog, b"MarkInfo").and_then(|m| m.get(b"Marked").ok()?.as_bool().ok());
    if marked != Some(true) || !catalog.has(b"StructTreeRoot") {
        found.push("6.7.2: not a tagged PDF".into());
    }
    if catalog.get(b"Lang").map(text).unwrap_or_default().is_empty() {
        found.push("6.7.3: no /Lang".into());
    }
}

// ---- PDF/UA-1 (Matterhorn Protocol 1.1 failure conditions) -----------------

/// Every structure element, depth first, with its parent's type.
fn structure_elements(doc: &Document) -> Vec<(&Dictionary, Vec<u8>)> {
    let root = dict(doc, catalog(doc), b"StructTreeRoot").unwrap();
    let mut elements = Vec::new();
    let mut stack: Vec<(&Object, Vec<u8>)> = match root.get(b"K") {
        Ok(Object::Array(kids)) => kids.iter().map(|k| (k, b"StructTreeRoot".to_vec())).collect(),
        Ok(kid) => vec![(kid, b"StructTreeRoot".to_vec())],
        Err(_) => vec![],
    };
    while let Some((object, parent)) = stack.pop() {
        let Ok(element) = resolve(doc, object).as_dict() else { continue };
        if named(element, b"Type") == b"MCR" || named(element, b"Type") == b"OBJR" {
            continue;
        }
        let kind = element.get(b"S").map(name).unwrap_or(b"").to_vec();
        match element.get(b"K") {
            Ok(Object::Array(kids)) => stack.extend(kids.iter().map(|k| (k, kind.clone()))),
            Ok(kid @ (Object::Reference(_) | Object::Dictionary(_))) => stack.push((kid, kind.clone())),
            _ => {}
        }
        elements.push((element, parent));
    }
    elements
}

/// ISO 32000-1's standard structure types (14.8.4); verstka writes no role map.
const STANDARD_TYPES: [&str; 47] = [
    "Document",
    "Part",
    "Art",
    "Sect",
    "Div",
    "BlockQuote",
    "Caption",
    "TOC",
    "TOCI",
    "Index",
    "NonStruct",
    "Private",
    "P",
    "H",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "L",
    "LI",
    "Lbl",
    "LBody",
    "Table",
    "TR",
    "TH",
    "TD",
    "THead",
    "TBody",
    "TFoot",
    "Span",
    "Quote",
    "Note",
    "Reference",
    "BibEntry",
    "Code",
    "Link",
    "Annot",
    "Ruby",
    "Warichu",
    "RB",
    "RT",
    "RP",
    "WT",
    "WP",
    "Figure",
];

#[test]
fn matterhorn_02_06_07_11_document_level() {
    each_book(document_level);
}

fn document_level(_bytes: &[u8], doc: &Document, found: &mut Vec<String>) {
    let catalog = catalog(doc);
    let xmp = xmp(doc);
    if !xmp.contains("<pdfuaid:part>1</pdfuaid:part>") {
        found.push("06-002: no pdfuaid:part 1".into());
    }
    if !xmp.contains("<dc:title>") {
        found.push("06-003: no dc:title".into());
    }
    let display_title =
        dict(doc, catalog, b"ViewerPreferences").and_then(|v| v.get(b"DisplayDocTitle").ok()?.as_bool().ok());
    if display_title != Some(true) {
        found.push("07-001: DisplayDocTitle is not true".into());
    }
    let suspects = dict(doc, catalog, b"MarkInfo").and_then(|m| m.get(b"Suspects").ok()?.as_bool().ok());
    if suspects == Some(true) {
        found.push("01-002: Suspects is true".into());
    }
    if catalog.has(b"RoleMap") || dict(doc, catalog, b"StructTreeRoot").is_some_and(|r| r.has(b"RoleMap")) {
        found.push("02-001: a role map (verstka writes standard types only)".into());
    }
    for (element, _) in structure_elements(doc) {
        let kind = String::from_utf8_lossy(element.get(b"S").map(name).unwrap_or(b"")).to_string();
        if !STANDARD_TYPES.contains(&kind.as_str()) {
            found.push(format!("02-004: non-standard structure type {kind}"));
        }
    }
}

#[test]
fn matterhorn_13_15_16_19_elements_carry_what_they_need() {
    each_book(elements);
}

fn elements(_bytes: &[u8], doc: &Document, found: &mut Vec<String>) {
    let mut seen = BTreeSet::new();
    for (element, parent) in structure_elements(doc) {
        let kind = element.get(b"S").map(name).unwrap_or(b"");
        seen.insert(kind.to_vec());
        match kind {
            b"Figure" if !element.has(b"Alt") && !element.has(b"ActualText") => {
                found.push("13-004: a Figure without /Alt".into())
            }
            b"TH" => {
                let scope =
                    element.get(b"A").ok().and_then(|a| resolve(doc, a).as_dict().ok()?.get(b"Scope").ok().cloned());
                if scope.is_none() {
                    found.push("15-003: a TH without /Scope".into());
                }
            }
            b"LI" if parent != b"L" => found.push("16-001: an LI outside an L".into()),
            b"Lbl" | b"LBody" if parent != b"LI" => found.push("16-002: Lbl/LBody outside an LI".into()),
            b"Note" if !element.has(b"ID") => found.push("19-003: a Note without /ID".into()),
            b"TR" if !matches!(parent.as_slice(), b"Table" | b"THead" | b"TBody" | b"TFoot") => {
                found.push("15-001: a TR outside a table".into())
            }
            _ => {}
        }
    }
    assert!(seen.contains(b"P".as_slice()) && seen.contains(b"H1".as_slice()), "no structure walked");
}

#[test]
fn matterhorn_28_links_are_tagged_described_and_in_tab_order() {
    each_book(links);
}

fn links(_bytes: &[u8], doc: &Document, found: &mut Vec<String>) {
    let mut pages_with_links = BTreeSet::new();
    for (page, annot) in annotations(doc) {
        if named(annot, b"Subtype") != b"Link" {
            continue;
        }
        pages_with_links.insert(page);
        if annot.get(b"Contents").map(text).unwrap_or_default().trim().is_empty() {
            found.push(format!("28-012: a link on {page:?} has no /Contents"));
        }
        if annot.get(b"StructParent").and_then(Object::as_i64).is_err() {
            found.push(format!("28-011: a link on {page:?} has no /StructParent"));
        }
    }
    for page in pages_with_links {
        if named(doc.get_dictionary(page).unwrap(), b"Tabs") != b"S" {
            found.push(format!("28-008: page {page:?} has links but no /Tabs /S"));
        }
    }
    // 28-011: every link annotation is the object of a Link element.
    let linked = structure_elements(doc)
        .into_iter()
        .filter(|(e, _)| named(e, b"S") == b"Link")
        .flat_map(|(e, _)| match e.get(b"K") {
            Ok(Object::Array(kids)) => kids.clone(),
            Ok(kid) => vec![kid.clone()],
            Err(_) => vec![],
        })
        .filter_map(|kid| resolve(doc, &kid).as_dict().ok()?.get(b"Obj").ok()?.as_reference().ok())
        .count();
    let links = annotations(doc).iter().filter(|(_, a)| named(a, b"Subtype") == b"Link").count();
    if linked != links {
        found.push(format!("28-011: {links} link annotations, {linked} referred to from Link elements"));
    }
}

/// The checks find what they look for: the full fixture's PDF, broken in
/// one place for each, fails each.
#[test]
fn each_check_catches_a_broken_file() {
    let (_, bytes, original) = &books()[0];
    type Check = fn(&[u8], &Document, &mut Vec<String>);
    let broken = |check: Check, breaking: &dyn Fn(&mut Document)| {
        let mut doc = original.clone();
        breaking(&mut doc);
        let mut found = Vec::new();
        check(bytes, &doc, &mut found);
        found
    };
    let set_catalog = |key: &'static [u8], value: Object| {
        move |doc: &mut Document| doc.catalog_mut().unwrap().set(key, value.clone())
    };
    assert!(!broken(level_a, &set_catalog(b"Lang", Object::string_literal(""))).is_empty());
    assert!(!broken(document_level, &set_catalog(b"ViewerPreferences", lopdf::dictionary! {}.into())).is_empty());
    assert!(!broken(annotations_and_actions, &set_catalog(b"OpenAction", Object::Null)).is_empty());
    let in_every = |key: &'static [u8], from: &'static [u8], to: Object| {
        move |doc: &mut Document| {
            for object in doc.objects.values_mut() {
                let dict = match object {
                    Object::Dictionary(d) => d,
                    Object::Stream(s) => &mut s.dict,
                    _ => continue,
                };
                if dict.has(key) && (from.is_empty() || named(dict, b"Type") == from || named(dict, b"Subtype") == from)
                {
                    dict.set(key, to.clone());
                }
            }
        }
    };
    assert!(!broken(links, &in_every(b"Contents", b"Link", Object::string_literal(" "))).is_empty());
    assert!(!broken(annotations_and_actions, &in_every(b"F", b"Link", Object::Integer(0))).is_empty());
    assert!(!broken(
        fonts,
        &in_every(b"W", b"CIDFontType2", vec![1.into(), vec![Object::Real(1.0); 400].into()].into())
    )
    .is_empty());
    let unscoped = |doc: &mut Document| {
        for object in doc.objects.values_mut() {
            if let Object::Dictionary(dict) = object {
                if named(dict, b"S") == b"TH" {
                    dict.remove(b"A");
                }
            }
        }
    };
    assert!(!broken(elements, &unscoped).is_empty());
    assert!(!broken(output_intent, &in_every(b"S", b"OutputIntent", "GTS_PDFX".into())).is_empty());
    let unmark = |doc: &mut Document| {
        for object in doc.objects.values_mut() {
            if let Object::Stream(stream) = object {
                if named(&stream.dict, b"Type") == b"Metadata" {
                    let packet =
                        String::from_utf8(stream.content.clone()).unwrap().replace("pdfaid:part>2", "pdfaid:part>3");
                    stream.set_content(packet.into_bytes());
                }
            }
        }
    };
    assert!(!broken(metadata, &unmark).is_empty());
}
