//! SVG figures: vector in both PDFs, through usvg (parsing, text layout with
//! the book's own fonts) and svg2pdf (PDF drawing, text kept as text in
//! embedded subset fonts, so it can be searched and copied).
//!
//! svg2pdf writes a one-page PDF; its page becomes a Form XObject drawn in
//! the figure's box like an image, and the objects its resources reach
//! (fonts with their ToUnicode maps, shadings) are copied over.
//!
//! The SVG may name any font: `serif`, `sans-serif` and `monospace` are PT
//! Serif, PT Sans and PT Mono, and a family the book does not have falls
//! back to PT Sans. It reads no file: `<image>` links to files are refused,
//! and so are raster images inside (the figure must be vector).
//!
//! In the print file every colour becomes its grey ([`pdfx::luminance`]):
//! svg2pdf paints in an ICC-based sRGB space, which a press would separate
//! into all four inks. Each colour space becomes `/Separation /Black` (the
//! black plate alone, even where an SVG's opacity makes the RIP blend
//! colours: DeviceGray blended in a CMYK page comes out as four-colour
//! grey), each colour operand and shading colour its tint, `1 − grey`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Object};
use printpdf::{DictItem, ExternalStream};
use svg2pdf::usvg;

use crate::pdf::fonts;
use crate::pdf::pdfx;

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

/// An SVG drawn by svg2pdf: the Form XObject for printpdf, and what its
/// resources need, added to the finished document afterwards.
pub(crate) struct SvgForm {
    pub stream: ExternalStream,
    pub resources: SvgResources,
}

/// A form's resources (and transparency group) in svg2pdf's document.
pub(crate) struct SvgResources {
    objects: lopdf::Document,
    resources: Object,
    group: Option<Object>,
}

/// The SVG as a Form XObject of 1 × 1 units (scaled into its box like an
/// image), in grey if `grey`.
pub(crate) fn form(bytes: &[u8], options: &usvg::Options, grey: bool) -> Result<SvgForm, String> {
    let tree = parse(bytes, options)?;
    let conversion = svg2pdf::ConversionOptions { compress: false, ..svg2pdf::ConversionOptions::default() };
    let pdf = svg2pdf::to_pdf(&tree, conversion, svg2pdf::PageOptions { dpi: 72.0 })
        .map_err(|e| format!("cannot convert the SVG: {e}"))?;
    let mut objects = lopdf::Document::load_mem(&pdf).map_err(|e| format!("cannot read svg2pdf's PDF: {e}"))?;
    let page = *objects.get_pages().values().next().ok_or("svg2pdf wrote no page")?;
    let mut content = objects.get_page_content(page);
    if grey {
        content = to_grey(&mut objects, content)?;
    }
    let page = objects.get_dictionary(page).map_err(|e| format!("svg2pdf's page: {e}"))?;
    let resources = page.get(b"Resources").cloned().unwrap_or_else(|_| Dictionary::new().into());
    let mut group = page.get(b"Group").ok().cloned();
    if let (true, Some(Object::Dictionary(group))) = (grey, &mut group) {
        // Blended in the page's space: a grey group's result would reach
        // a CMYK press through the profile, as a four-colour grey.
        group.remove(b"CS");
    }
    let size = tree.size();
    let (width, height) = (size.width(), size.height());
    let dict: BTreeMap<String, DictItem> = BTreeMap::from([
        ("Type".to_string(), DictItem::Name(b"XObject".to_vec())),
        ("Subtype".to_string(), DictItem::Name(b"Form".to_vec())),
        ("BBox".to_string(), reals(&[0.0, 0.0, width, height])),
        ("Matrix".to_string(), reals(&[1.0 / width, 0.0, 0.0, 1.0 / height, 0.0, 0.0])),
    ]);
    let stream = ExternalStream { dict, content, compress: true };
    Ok(SvgForm { stream, resources: SvgResources { objects, resources, group } })
}

fn reals(values: &[f32]) -> DictItem {
    DictItem::Array(values.iter().map(|v| DictItem::Real(*v)).collect())
}

impl SvgResources {
    /// Gives the form `form` of `doc` its resources and group, with the
    /// svg2pdf objects they reach (fonts, shadings, …) renumbered past `doc`'s.
    pub fn attach(self, doc: &mut lopdf::Document, form: lopdf::ObjectId) -> Result<(), String> {
        let mut queue = Vec::new();
        references(&self.resources, &mut queue);
        if let Some(group) = &self.group {
            references(group, &mut queue);
        }
        let mut reached = BTreeSet::new();
        while let Some(id) = queue.pop() {
            if reached.insert(id) {
                let object = self.objects.get_object(id).map_err(|e| format!("svg2pdf's object {id:?}: {e}"))?;
                references(object, &mut queue);
            }
        }
        let offset = doc.max_id;
        for id in reached {
            let mut object = self.objects.objects[&id].clone();
            shift(&mut object, offset);
            doc.objects.insert((id.0 + offset, id.1), object);
        }
        doc.max_id += self.objects.max_id;
        let stream =
            doc.get_object_mut(form).and_then(Object::as_stream_mut).map_err(|e| format!("the SVG's form: {e}"))?;
        let mut resources = self.resources;
        shift(&mut resources, offset);
        stream.dict.set("Resources", resources);
        if let Some(mut group) = self.group {
            shift(&mut group, offset);
            stream.dict.set("Group", group);
        }
        Ok(())
    }
}

/// Pushes every object `object` refers to.
fn references(object: &Object, out: &mut Vec<lopdf::ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|item| references(item, out)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, value)| references(value, out)),
        Object::Stream(stream) => stream.dict.iter().for_each(|(_, value)| references(value, out)),
        _ => {}
    }
}

/// Renumbers the references inside `object` by `offset`.
fn shift(object: &mut Object, offset: u32) {
    match object {
        Object::Reference(id) => id.0 += offset,
        Object::Array(items) => items.iter_mut().for_each(|item| shift(item, offset)),
        Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, value)| shift(value, offset)),
        Object::Stream(stream) => stream.dict.iter_mut().for_each(|(_, value)| shift(value, offset)),
        _ => {}
    }
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
    // A soft mask's group computes its luminosity in grey.
    let mut masks = Vec::new();
    doc.objects.values().for_each(|object| luminosity_groups(object, &mut masks));
    for id in masks {
        if let Ok(Object::Dictionary(group)) =
            doc.get_object_mut(id).and_then(Object::as_stream_mut).and_then(|s| s.dict.get_mut(b"Group"))
        {
            group.set("CS", Object::Name(b"DeviceGray".to_vec()));
        }
    }
    grey_content(&page_content)
}

/// The forms (`/G`) of the luminosity soft masks in `object`.
fn luminosity_groups(object: &Object, out: &mut Vec<lopdf::ObjectId>) {
    let dict = match object {
        Object::Dictionary(dict) => dict,
        Object::Stream(stream) => &stream.dict,
        Object::Array(items) => return items.iter().for_each(|item| luminosity_groups(item, out)),
        _ => return,
    };
    if dict.get(b"S").and_then(Object::as_name).is_ok_and(|s| s == b"Luminosity") {
        out.extend(dict.get(b"G").and_then(Object::as_reference));
    }
    dict.iter().for_each(|(_, value)| luminosity_groups(value, out));
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
                *object = pdfx::black_plate();
            } else {
                items.iter_mut().for_each(|item| grey_object(item, rgb_profiles));
            }
        }
        Object::Name(name) if name == b"DeviceRGB" => *object = pdfx::black_plate(),
        Object::Dictionary(dict) => grey_dictionary(dict, rgb_profiles),
        Object::Stream(stream) => grey_dictionary(&mut stream.dict, rgb_profiles),
        _ => {}
    }
}

fn grey_dictionary(dict: &mut Dictionary, rgb_profiles: &[lopdf::ObjectId]) {
    // A group blends in the page's space (a grey group's result would reach
    // the press through the profile, as four-colour grey); a soft mask's in
    // grey, where its luminosity is computed.
    if dict.get(b"S").and_then(Object::as_name).is_ok_and(|s| s == b"Transparency") && dict.has(b"CS") {
        dict.remove(b"CS");
    }
    // An exponential function's colours (C0, C1) of three components.
    if dict.get(b"FunctionType").and_then(Object::as_i64).is_ok_and(|t| t == 2) {
        let mut greyed = false;
        for key in [b"C0".as_slice(), b"C1"] {
            if let Ok(Object::Array(values)) = dict.get_mut(key) {
                if let Some(grey) = luminance_of(values) {
                    *values = vec![Object::Real(1.0 - grey)];
                    greyed = true;
                }
            }
        }
        // One output now: one range.
        if greyed && dict.has(b"Range") {
            dict.set("Range", vec![0.into(), 1.into()]);
        }
    }
    for (key, value) in dict.iter_mut() {
        if key.as_slice() != b"CS" {
            grey_object(value, rgb_profiles);
        }
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

/// A content stream with every three-component colour operand as its
/// black tint (`rg`, `RG`: DeviceGray's grey).
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
            match renamed {
                Some(renamed) => {
                    *operands = vec![Object::Real(grey)];
                    *operator = renamed.to_string();
                }
                None => *operands = vec![Object::Real(1.0 - grey)],
            }
        }
    }
    decoded.encode().map_err(|e| format!("svg2pdf's content: {e}"))
}
