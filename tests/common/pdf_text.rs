//! A PDF's text read back with lopdf alone (no outside tool: `cargo test`
//! needs only a Rust toolchain): each text-showing operator decoded through
//! its font's ToUnicode map, where it starts on the page, and the page's
//! lines top to bottom. Shared by the test crates with `#[path]`.

use std::path::Path;
use std::process::Command;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

/// Builds the PDF of `book` (no `SOURCE_DATE_EPOCH`: the book's own date)
/// into a fresh folder and returns its bytes (the interior's, not the cover's).
pub fn build_pdf(book: &Path) -> Vec<u8> {
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_verstka"))
        .args(["-q", "build", book.to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--format", "pdf"])
        .env_remove("SOURCE_DATE_EPOCH")
        .status()
        .unwrap();
    assert!(status.success());
    let pdf = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension() == Some("pdf".as_ref()) && !p.to_string_lossy().ends_with("-cover.pdf"));
    std::fs::read(pdf.expect("a PDF is written")).unwrap()
}

/// A PDF text string's text: UTF-16BE after a byte-order mark, else
/// PDFDocEncoding (its ASCII part, all verstka writes otherwise).
pub fn text_string(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16_lossy(&units)
        }
        _ => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

pub fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map(|(_, o)| o).unwrap_or(object)
}

pub fn dict<'a>(doc: &'a Document, parent: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    resolve(doc, parent.get(key).ok()?).as_dict().ok()
}

fn number(object: &Object) -> f32 {
    match object {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => panic!("not a number: {object:?}"),
    }
}

/// A page's box as [x0, y0, x1, y1] (the page tree's MediaBox if the page has none).
pub fn page_box(doc: &Document, page: &Dictionary, key: &[u8]) -> [f32; 4] {
    let media = page.get(key).or_else(|_| page.get(b"MediaBox"));
    let array = match media {
        Ok(object) => resolve(doc, object).as_array().unwrap().clone(),
        Err(_) => {
            let parent = dict(doc, page, b"Parent").unwrap();
            resolve(doc, parent.get(b"MediaBox").unwrap()).as_array().unwrap().clone()
        }
    };
    let v: Vec<f32> = array.iter().map(|o| number(resolve(doc, o))).collect();
    [v[0], v[1], v[2], v[3]]
}

/// Multiplies two PDF matrices [a b c d e f].
fn multiply(m: [f32; 6], n: [f32; 6]) -> [f32; 6] {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// One text-showing operator: where it starts, in default user space, and its text.
pub struct TextRun {
    pub x: f32,
    pub y: f32,
    pub text: String,
}

/// Every text-showing operator of a page, decoded through its font's
/// encoding (the ToUnicode map of verstka's CID fonts).
pub fn text_runs(doc: &Document, page: lopdf::ObjectId) -> Vec<TextRun> {
    const IDENTITY: [f32; 6] = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let encodings: std::collections::BTreeMap<Vec<u8>, lopdf::Encoding> = doc
        .get_page_fonts(page)
        .unwrap()
        .into_iter()
        .map(|(name, font)| (name, font.get_font_encoding(doc).unwrap()))
        .collect();
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let (mut ctm, mut stack, mut line, mut leading) = (IDENTITY, Vec::new(), IDENTITY, 0.0);
    let (mut text_matrix, mut font) = (IDENTITY, None);
    let mut runs = Vec::new();
    for op in content.operations {
        let args: Vec<f32> = op
            .operands
            .iter()
            .filter_map(|o| match o {
                Object::Integer(_) | Object::Real(_) => Some(number(o)),
                _ => None,
            })
            .collect();
        let translate = |m: [f32; 6], x: f32, y: f32| multiply([1.0, 0.0, 0.0, 1.0, x, y], m);
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(IDENTITY),
            "cm" => ctm = multiply(args[..6].try_into().unwrap(), ctm),
            "BT" => (line, text_matrix) = (IDENTITY, IDENTITY),
            "Tf" => font = encodings.get(op.operands[0].as_name().unwrap()),
            "Tm" => (line, text_matrix) = (args[..6].try_into().unwrap(), args[..6].try_into().unwrap()),
            "TL" => leading = args[0],
            "Td" | "TD" => {
                if op.operator == "TD" {
                    leading = -args[1];
                }
                line = translate(line, args[0], args[1]);
                text_matrix = line;
            }
            "T*" => {
                line = translate(line, 0.0, -leading);
                text_matrix = line;
            }
            "Tj" | "TJ" | "'" | "\"" => {
                let m = multiply(text_matrix, ctm);
                let mut text = String::new();
                decode_operands(&op.operands, font.expect("a font is set before text"), &mut text);
                runs.push(TextRun { x: m[4], y: m[5], text });
            }
            _ => {}
        }
    }
    runs
}

/// The text of string operands; a `TJ` gap wider than a fifth of an em is a space.
pub fn decode_operands(operands: &[Object], encoding: &lopdf::Encoding, text: &mut String) {
    for operand in operands {
        match operand {
            Object::String(bytes, _) => text.push_str(&Document::decode_text(encoding, bytes).unwrap()),
            Object::Array(items) => decode_operands(items, encoding, text),
            Object::Integer(_) | Object::Real(_) if number(operand) < -200.0 => text.push(' '),
            _ => {}
        }
    }
}

/// A page's text as lines, top to bottom: runs on one baseline, left to
/// right, joined by a space (enough to find words and lines, not a layout).
pub fn text_lines(doc: &Document, page: lopdf::ObjectId) -> Vec<String> {
    let mut runs = text_runs(doc, page);
    runs.sort_by(|a, b| (-a.y.round(), a.x).partial_cmp(&(-b.y.round(), b.x)).unwrap());
    let mut lines: Vec<(f32, String)> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some((y, text)) if (*y - run.y).abs() < 1.0 => {
                text.push(' ');
                text.push_str(&run.text);
            }
            _ => lines.push((run.y, run.text)),
        }
    }
    lines.into_iter().map(|(_, text)| text.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// The text of every page in order, as lines.
pub fn all_lines(doc: &Document) -> Vec<String> {
    doc.get_pages().values().flat_map(|id| text_lines(doc, *id)).collect()
}

/// Every run that starts outside its page's trim box, as (page from 1, x, y, text),
/// and how many runs were checked.
pub fn runs_outside_the_trim_box(doc: &Document) -> (Vec<(u32, f32, f32, String)>, usize) {
    let mut outside = Vec::new();
    let mut checked = 0;
    for (&number, id) in &doc.get_pages() {
        let [x0, y0, x1, y1] = page_box(doc, doc.get_dictionary(*id).unwrap(), b"TrimBox");
        for TextRun { x, y, text } in text_runs(doc, *id) {
            if !(x >= x0 && x <= x1 && y >= y0 && y <= y1) {
                outside.push((number, x, y, text));
            }
            checked += 1;
        }
    }
    (outside, checked)
}
