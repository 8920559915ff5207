//! SVG figures: vector in both PDFs, through usvg (parsing, text layout with
//! the book's own fonts) and svg2pdf (PDF drawing, text kept as text in
//! embedded subset fonts, so it can be searched and copied).
//!
//! svg2pdf writes a one-page PDF; its page becomes a Form XObject (the
//! page's resources inlined), drawn in the figure's box like an image.
//!
//! The SVG may name any font: `serif`, `sans-serif` and `monospace` are PT
//! Serif, PT Sans and PT Mono, and a family the book does not have falls
//! back to PT Sans. It reads no file: `<image>` links to files are refused,
//! and so are raster images inside (the figure must be vector).
//!
//! In the print file every colour becomes its grey ([`pdfx::luminance`]):
//! svg2pdf paints in an ICC-based sRGB space, which a press would separate
//! into all four inks; each colour operand, shading function and colour
//! space is rewritten to DeviceGray.

use std::collections::BTreeMap;
use std::sync::Arc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Object};
use printpdf::{DictItem, ExternalStream};
use svg2pdf::usvg;

use crate::pdf::fonts;
use crate::pdf::pdfx;

/// How deep svg2pdf's object graph is followed when inlining it.
const MAX_DEPTH: usize = 64;

/// Parsing options: the book's fonts, no file access.
pub(crate) fn options() -> usvg::Options<'static> {
    let mut database = usvg::fontdb::Database::new();
    for data in fonts::built_in_files() {
        database.load_font_source(usvg::fontdb::Source::Binary(Arc::new(data)));
    }
    database.set_serif_family("PT Serif");
    database.set_sans_serif_family("PT Sans");
    database.set_monospace_family("PT Mono");
    usvg::Options {
        font_family: "PT Sans".to_string(),
        fontdb: Arc::new(database),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

/// Parses an SVG file; an SVG verstka cannot set is an error saying why.
pub(crate) fn parse(bytes: &[u8], options: &usvg::Options) -> Result<usvg::Tree, String> {
    let tree = usvg::Tree::from_data(bytes, options).map_err(|e| format!("cannot read the SVG: {e}"))?;
    if has_image(tree.root()) {
        return Err("the SVG holds a raster image; a figure must be vector (or be a PNG or JPEG)".to_string());
    }
    Ok(tree)
}

fn has_image(group: &usvg::Group) -> bool {
    group.children().iter().any(|node| match node {
        usvg::Node::Image(_) => true,
        usvg::Node::Group(group) => has_image(group),
        _ => false,
    })
}

/// The SVG as a Form XObject of 1 × 1 units (scaled into its box like an
/// image), in grey if `grey`.
pub(crate) fn form(bytes: &[u8], options: &usvg::Options, grey: bool) -> Result<ExternalStream, String> {
    let tree = parse(bytes, options)?;
    let conversion = svg2pdf::ConversionOptions { compress: false, ..svg2pdf::ConversionOptions::default() };
    let pdf = svg2pdf::to_pdf(&tree, conversion, svg2pdf::PageOptions { dpi: 72.0 })
        .map_err(|e| format!("cannot convert the SVG: {e}"))?;
    let mut doc = lopdf::Document::load_mem(&pdf).map_err(|e| format!("cannot read svg2pdf's PDF: {e}"))?;
    let page = *doc.get_pages().values().next().ok_or("svg2pdf wrote no page")?;
    let mut content = doc.get_page_content(page);
    if grey {
        content = to_grey(&mut doc, content)?;
    }
    let page = doc.get_dictionary(page).map_err(|e| format!("svg2pdf's page: {e}"))?;
    let size = tree.size();
    let (width, height) = (size.width(), size.height());
    let mut dict: BTreeMap<String, DictItem> = BTreeMap::from([
        ("Type".to_string(), DictItem::Name(b"XObject".to_vec())),
        ("Subtype".to_string(), DictItem::Name(b"Form".to_vec())),
        ("BBox".to_string(), reals(&[0.0, 0.0, width, height])),
        ("Matrix".to_string(), reals(&[1.0 / width, 0.0, 0.0, 1.0 / height, 0.0, 0.0])),
    ]);
    for key in ["Resources", "Group"] {
        if let Ok(object) = page.get(key.as_bytes()) {
            dict.insert(key.to_string(), inline(&doc, object, 0)?);
        }
    }
    Ok(ExternalStream { dict, content, compress: true })
}

fn reals(values: &[f32]) -> DictItem {
    DictItem::Array(values.iter().map(|v| DictItem::Real(*v)).collect())
}

/// A lopdf object of svg2pdf's document with every reference resolved, so
/// the form carries what it needs into ours.
fn inline(doc: &lopdf::Document, object: &Object, depth: usize) -> Result<DictItem, String> {
    if depth > MAX_DEPTH {
        return Err("svg2pdf's objects nest too deep".to_string());
    }
    let dict = |dict: &Dictionary| -> Result<BTreeMap<String, DictItem>, String> {
        dict.iter()
            .map(|(key, value)| Ok((String::from_utf8_lossy(key).into_owned(), inline(doc, value, depth + 1)?)))
            .collect()
    };
    Ok(match object {
        Object::Null => DictItem::Null,
        Object::Boolean(b) => DictItem::Bool(*b),
        Object::Integer(i) => DictItem::Int(*i),
        Object::Real(r) => DictItem::Real(*r),
        Object::Name(name) => DictItem::Name(name.clone()),
        Object::String(data, format) => {
            DictItem::String { data: data.clone(), literal: matches!(format, lopdf::StringFormat::Literal) }
        }
        Object::Array(items) => {
            DictItem::Array(items.iter().map(|item| inline(doc, item, depth + 1)).collect::<Result<_, _>>()?)
        }
        Object::Dictionary(d) => DictItem::Dict { map: dict(d)? },
        Object::Stream(stream) => {
            let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
            let decoded = stream.is_compressed() && content != stream.content;
            let mut map = dict(&stream.dict)?;
            map.remove("Length");
            if decoded {
                map.remove("Filter");
                map.remove("DecodeParms");
            }
            DictItem::Stream { stream: ExternalStream { dict: map, content, compress: decoded } }
        }
        Object::Reference(id) => {
            let target = doc.get_object(*id).map_err(|e| format!("svg2pdf's object {id:?}: {e}"))?;
            inline(doc, target, depth + 1)?
        }
    })
}

/// Makes svg2pdf's document grey: colour spaces of three components become
/// DeviceGray, shading functions' colours and the page's and forms' colour
/// operands their luminance. Returns the page's content, rewritten.
fn to_grey(doc: &mut lopdf::Document, page_content: Vec<u8>) -> Result<Vec<u8>, String> {
    let rgb_profiles: Vec<lopdf::ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, object)| {
            object.as_stream().is_ok_and(|s| s.dict.get(b"N").and_then(Object::as_i64).is_ok_and(|n| n == 3))
        })
        .map(|(id, _)| *id)
        .collect();
    let ids: Vec<lopdf::ObjectId> = doc.objects.keys().copied().collect();
    for id in ids {
        let Some(object) = doc.objects.get_mut(&id) else { continue };
        grey_object(object, &rgb_profiles);
        if let Object::Stream(stream) = object {
            if stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Form")
                || stream.dict.has(b"PatternType")
            {
                let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
                stream.dict.remove(b"Filter");
                stream.set_content(grey_content(&content)?);
            }
        }
    }
    grey_content(&page_content)
}

/// Rewrites colour spaces and shading functions inside one object.
fn grey_object(object: &mut Object, rgb_profiles: &[lopdf::ObjectId]) {
    match object {
        Object::Array(items) => {
            let icc_rgb = items.len() == 2
                && items[0].as_name().is_ok_and(|n| n == b"ICCBased")
                && items[1].as_reference().is_ok_and(|id| rgb_profiles.contains(&id));
            let device_rgb = items.len() == 1 && items[0].as_name().is_ok_and(|n| n == b"DeviceRGB");
            if icc_rgb || device_rgb {
                *object = Object::Name(b"DeviceGray".to_vec());
            } else {
                items.iter_mut().for_each(|item| grey_object(item, rgb_profiles));
            }
        }
        Object::Name(name) if name == b"DeviceRGB" => *name = b"DeviceGray".to_vec(),
        Object::Dictionary(dict) => grey_dictionary(dict, rgb_profiles),
        Object::Stream(stream) => grey_dictionary(&mut stream.dict, rgb_profiles),
        _ => {}
    }
}

fn grey_dictionary(dict: &mut Dictionary, rgb_profiles: &[lopdf::ObjectId]) {
    // An exponential function's colours (C0, C1) of three components.
    if dict.get(b"FunctionType").and_then(Object::as_i64).is_ok_and(|t| t == 2) {
        let mut greyed = false;
        for key in [b"C0".as_slice(), b"C1"] {
            if let Ok(Object::Array(values)) = dict.get_mut(key) {
                if let Some(grey) = luminance_of(values) {
                    *values = vec![Object::Real(grey)];
                    greyed = true;
                }
            }
        }
        // One output now: one range.
        if greyed && dict.has(b"Range") {
            dict.set("Range", vec![0.into(), 1.into()]);
        }
    }
    for (_, value) in dict.iter_mut() {
        grey_object(value, rgb_profiles);
    }
}

/// The luminance of three numbers.
fn luminance_of(values: &[Object]) -> Option<f32> {
    let numbers: Vec<f32> = values.iter().filter_map(|v| v.as_float().ok()).collect();
    match numbers[..] {
        [r, g, b] if values.len() == 3 => Some(pdfx::luminance([r, g, b])),
        _ => None,
    }
}

/// A content stream with every three-component colour operand as its grey.
fn grey_content(content: &[u8]) -> Result<Vec<u8>, String> {
    let mut decoded = Content::decode(content).map_err(|e| format!("svg2pdf's content: {e}"))?;
    for operation in &mut decoded.operations {
        let Operation { operator, operands } = operation;
        let renamed = match operator.as_str() {
            "rg" => Some("g"),
            "RG" => Some("G"),
            "sc" | "scn" | "SC" | "SCN" => None,
            _ => continue,
        };
        if let Some(grey) = luminance_of(operands) {
            *operands = vec![Object::Real(grey)];
            if let Some(renamed) = renamed {
                *operator = renamed.to_string();
            }
        }
    }
    decoded.encode().map_err(|e| format!("svg2pdf's content: {e}"))
}
