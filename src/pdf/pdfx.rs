//! PDF/X-4 (ISO 15930-7:2010) for print files: the pieces any document
//! writer of the book — the pages, a cover — calls to make its lopdf
//! document a print shop's file.
//!
//! - [`Sheet`]: the paper around the trimmed page — bleed, a slug for the
//!   marks, a cover spread's folds — and the page boxes
//!   ([`Sheet::set_boxes`]), crop and fold marks ([`Sheet::draw_marks`]) on it;
//! - [`calibrate`]: a file's RGB colours made device-independent (sRGB), its
//!   grey images the black plate's, for a file that keeps its colours (the
//!   cover spread) — a PDF/X-4 file may hold no DeviceRGB;
//! - [`OutputIntent`]: the press condition with its ICC profile embedded
//!   ([`OutputIntent::press`]; another subtype and profile, e.g. sRGB for
//!   PDF/A, fit the same struct);
//! - [`declare`]: the version, `/GTS_PDFXVersion` and `/Trapped /False` in
//!   the information dictionary, and [`xmp_description`] for the XMP packet;
//! - [`luminance`]: how colour becomes grey in a print file.
//!
//! Why X-4 and not X-1a:2003: X-1a is PDF 1.4, so it forbids what the
//! writer uses — object streams (PDF 1.5), live transparency (a PNG's alpha
//! as a soft mask) — and would need them flattened; X-4 keeps both and is
//! what current RIPs (Adobe PDF Print Engine) take natively.

use lopdf::{dictionary, Object, ObjectId, Stream};

use crate::manifest::{Press, POINTS_PER_MM};

/// The standard's name, in `/GTS_PDFXVersion` and the XMP packet.
pub const VERSION: &str = "PDF/X-4";

/// The crop marks' line width in points.
const HAIRLINE: f32 = 0.25;
/// How far from the trim a crop mark starts at least.
const MARK_OFFSET: f32 = 3.0 * POINTS_PER_MM;
/// The gap between the bleed's edge and a mark, so no rendering of the
/// bleed box catches a mark's end.
const MARK_GAP: f32 = 1.0 * POINTS_PER_MM;
/// A crop mark's length.
const MARK_LENGTH: f32 = 5.0 * POINTS_PER_MM;
/// Paper left beyond the marks' ends.
const SLUG_MARGIN: f32 = 2.0 * POINTS_PER_MM;

/// The dashes of a fold mark, in points: a fold is no cut.
const FOLD_DASH: &str = "[2 1] 0 d";

/// A page's paper in points: the trimmed page, the bleed around it, and the
/// slug beyond the bleed that holds the crop marks (and, on a cover
/// spread, the fold marks).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sheet {
    pub width: f32,
    pub height: f32,
    pub bleed: f32,
    pub crop_marks: bool,
    /// A cover spread's spine: its two folds, from the trim's left edge
    /// (none for a book's page).
    pub folds: Option<[f32; 2]>,
}

impl Sheet {
    /// Where a crop mark starts, from the trim: outside the bleed.
    fn mark_offset(&self) -> f32 {
        (self.bleed + MARK_GAP).max(MARK_OFFSET)
    }

    /// The slug: from the bleed's edge to the paper's (none without marks).
    pub fn slug(&self) -> f32 {
        if self.crop_marks {
            self.mark_offset() + MARK_LENGTH + SLUG_MARGIN - self.bleed
        } else {
            0.0
        }
    }

    /// From the media box's edge to the trim, on every side.
    pub fn margin(&self) -> f32 {
        self.bleed + self.slug()
    }

    pub fn media_width(&self) -> f32 {
        self.width + 2.0 * self.margin()
    }

    pub fn media_height(&self) -> f32 {
        self.height + 2.0 * self.margin()
    }

    /// MediaBox = CropBox = trim + bleed + slug (so viewers show the marks),
    /// BleedBox = trim + bleed, TrimBox = the finished page.
    pub fn set_boxes(&self, doc: &mut lopdf::Document, pages: &[ObjectId]) {
        let (m, b) = (self.margin(), self.slug());
        let media = rectangle(0.0, 0.0, self.media_width(), self.media_height());
        let bleed = rectangle(b, b, self.media_width() - b, self.media_height() - b);
        let trim = rectangle(m, m, m + self.width, m + self.height);
        for page in pages {
            if let Ok(dict) = doc.get_dictionary_mut(*page) {
                dict.set("MediaBox", media.clone());
                dict.set("CropBox", media.clone());
                dict.set("BleedBox", bleed.clone());
                dict.set("TrimBox", trim.clone());
            }
        }
    }

    /// The crop marks' line segments `(x1, y1, x2, y2)` in PDF space: two at
    /// each corner along the trim lines, from outside the bleed into the slug.
    pub fn crop_mark_lines(&self) -> Vec<[f32; 4]> {
        if !self.crop_marks {
            return Vec::new();
        }
        let m = self.margin();
        let (near, far) = (m - self.mark_offset(), m - self.mark_offset() - MARK_LENGTH);
        let (right, top) = (self.media_width(), self.media_height());
        let mut lines = Vec::with_capacity(8);
        for y in [m, top - m] {
            lines.push([far, y, near, y]);
            lines.push([right - near, y, right - far, y]);
        }
        for x in [m, right - m] {
            lines.push([x, far, x, near]);
            lines.push([x, top - near, x, top - far]);
        }
        lines
    }

    /// The fold marks' line segments, as [`Sheet::crop_mark_lines`]' but
    /// along the folds, at the head and the foot.
    pub fn fold_mark_lines(&self) -> Vec<[f32; 4]> {
        let Some(folds) = self.folds.filter(|_| self.crop_marks) else { return Vec::new() };
        let m = self.margin();
        let (near, far) = (m - self.mark_offset(), m - self.mark_offset() - MARK_LENGTH);
        let top = self.media_height();
        folds
            .iter()
            .flat_map(|fold| [[m + fold, far, m + fold, near], [m + fold, top - near, m + fold, top - far]])
            .collect()
    }

    /// Draws the crop marks, and the fold marks dashed, on every page,
    /// under its content, in the registration colour (`/Separation /All`:
    /// every plate), as artifacts.
    pub fn draw_marks(&self, doc: &mut lopdf::Document, pages: &[ObjectId]) {
        let lines = self.crop_mark_lines();
        if lines.is_empty() {
            return;
        }
        let path = |ops: &mut String, lines: Vec<[f32; 4]>| {
            for [x1, y1, x2, y2] in lines {
                ops.push_str(&format!("{x1} {y1} m {x2} {y2} l\n"));
            }
            ops.push_str("S\n");
        };
        let mut ops = format!("/Artifact BMC q /Registration CS 1 SCN {HAIRLINE} w\n");
        path(&mut ops, lines);
        let folds = self.fold_mark_lines();
        if !folds.is_empty() {
            ops.push_str(FOLD_DASH);
            ops.push('\n');
            path(&mut ops, folds);
        }
        ops.push_str("Q EMC\n");
        let mut stream = Stream::new(lopdf::Dictionary::new(), ops.into_bytes());
        stream.allows_compression = true;
        let marks = doc.add_object(stream);
        let registration = doc.add_object(registration_colour());
        for page in pages {
            let Ok(dict) = doc.get_dictionary_mut(*page) else { continue };
            // The marks first: the page's own content paints over them.
            let contents = match dict.remove(b"Contents") {
                Some(Object::Array(mut streams)) => {
                    streams.insert(0, marks.into());
                    streams
                }
                Some(content) => vec![marks.into(), content],
                None => vec![marks.into()],
            };
            dict.set("Contents", contents);
            add_colour_space(doc, *page, "Registration", registration.into());
        }
    }
}

/// Names `space` `name` in the page's resources (`/ColorSpace`).
fn add_colour_space(doc: &mut lopdf::Document, page: ObjectId, name: &str, space: Object) {
    let resources =
        doc.get_dictionary(page).and_then(|dict| dict.get(b"Resources")).and_then(Object::as_reference).ok();
    if let Some(resources) = resources.and_then(|id| doc.get_dictionary_mut(id).ok()) {
        match resources.get_mut(b"ColorSpace").and_then(Object::as_dict_mut) {
            Ok(spaces) => spaces.set(name, space),
            Err(_) => resources.set("ColorSpace", dictionary! { name => space }),
        }
    }
}

/// `/Separation /All`: a tint on every plate at once.
pub fn registration_colour() -> Object {
    separation("All", [1, 1, 1, 1])
}

/// `/Separation /Black`: a tint of the black plate alone.
pub fn black_plate() -> Object {
    separation("Black", [0, 0, 0, 1])
}

/// A separation colour space named `colorant`: tint 1 is `full` in CMYK, 0 no ink.
fn separation(colorant: &str, full: [i64; 4]) -> Object {
    let tint = dictionary! {
        "FunctionType" => 2,
        "Domain" => vec![0.into(), 1.into()],
        "C0" => vec![0.into(), 0.into(), 0.into(), 0.into()],
        "C1" => full.map(Object::from).to_vec(),
        "N" => 1,
    };
    vec!["Separation".into(), colorant.into(), "DeviceCMYK".into(), tint.into()].into()
}

/// The name of the sRGB colour space in the pages' resources, once
/// [`calibrate`] has run: content paints `/sRGB cs r g b sc`.
pub const SRGB: &str = "sRGB";

/// Makes a file that keeps its colours (the cover spread) fit for a press's
/// output intent, which allows no DeviceRGB and leaves DeviceGray to the
/// RIP: the sRGB profile ([`SRGB_PROFILE`]) embedded once and named
/// [`SRGB`] on every page, for the content's colours; every DeviceRGB
/// image in it, for the RIP to separate; every DeviceGray image on the
/// black plate (`/Separation /Black`, its samples inverted by `/Decode`),
/// as the interior's greys are. Soft masks stay DeviceGray: ISO 32000
/// requires it of them, and they paint nothing.
pub fn calibrate(doc: &mut lopdf::Document, pages: &[ObjectId]) {
    let mut profile = Stream::new(dictionary! { "N" => 3 }, SRGB_PROFILE.to_vec());
    profile.allows_compression = true;
    let profile = doc.add_object(profile);
    let srgb = doc.add_object(Object::Array(vec!["ICCBased".into(), profile.into()]));
    for page in pages {
        add_colour_space(doc, *page, SRGB, srgb.into());
    }
    let masks: Vec<ObjectId> = doc
        .objects
        .values()
        .filter_map(|object| object.as_stream().ok()?.dict.get(b"SMask").ok()?.as_reference().ok())
        .collect();
    for (id, object) in &mut doc.objects {
        let Ok(stream) = object.as_stream_mut() else { continue };
        let is_image = stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Image");
        if !is_image || masks.contains(id) {
            continue;
        }
        match stream.dict.get(b"ColorSpace").and_then(Object::as_name) {
            Ok(b"DeviceRGB") => stream.dict.set("ColorSpace", srgb),
            Ok(b"DeviceGray") => {
                stream.dict.set("ColorSpace", black_plate());
                stream.dict.set("Decode", vec![1.into(), 0.into()]);
            }
            _ => {}
        }
    }
}

/// A PDF rectangle (a box's value): left, bottom, right, top.
pub fn rectangle(left: f32, bottom: f32, right: f32, top: f32) -> Object {
    vec![left.into(), bottom.into(), right.into(), top.into()].into()
}

/// The sRGB profile (`profiles/sRGB.icc`, zlib licence): the colour space
/// of the RGB colours the writer paints, for an `/ICCBased` colour space
/// ([`calibrate`]) or a PDF/A output intent.
pub const SRGB_PROFILE: &[u8] = include_bytes!("../../profiles/sRGB.icc");

/// An output intent (ISO 32000-1, 14.11.5): the condition the file is
/// made for, with its ICC profile.
#[derive(Debug, Clone, Copy)]
pub struct OutputIntent {
    /// `GTS_PDFX` (PDF/X), `GTS_PDFA1` (PDF/A).
    pub subtype: &'static str,
    /// The condition's name in the ICC's registry of characterisations.
    pub identifier: &'static str,
    /// The condition, in words.
    pub condition: &'static str,
    /// What a person reads: the condition and the profile's source.
    pub info: &'static str,
    /// The registry `identifier` is from.
    pub registry: &'static str,
    /// The ICC profile, embedded as `/DestOutputProfile`.
    pub profile: &'static [u8],
    /// The profile's colour components: 1 grey, 3 RGB, 4 CMYK.
    pub components: u8,
}

impl OutputIntent {
    /// The PDF/X intent for an ISO 12647-2 offset condition. The profiles
    /// (`profiles/`) are ArgyllCMS builds of FOGRA's characterisation data
    /// as Debian's icc-profiles-free ships it (Zlib licence).
    pub fn press(press: Press) -> OutputIntent {
        match press {
            Press::Coated => OutputIntent {
                subtype: "GTS_PDFX",
                identifier: "FOGRA39",
                condition: "Offset printing, coated art paper (paper type 1 or 2), ISO 12647-2:2004/Amd 1",
                info: "Coated FOGRA39 (ISO 12647-2:2004/Amd 1); profile FOGRA39L-verstka.icc, \
                       ArgyllCMS from FOGRA39L.ti3 (icc-profiles-free, Zlib)",
                registry: "http://www.color.org",
                profile: include_bytes!("../../profiles/FOGRA39L-verstka.icc"),
                components: 4,
            },
            Press::Uncoated => OutputIntent {
                subtype: "GTS_PDFX",
                identifier: "FOGRA29",
                condition: "Offset printing, white uncoated paper (paper type 4), ISO 12647-2:2004",
                info: "Uncoated FOGRA29 (ISO 12647-2:2004); profile FOGRA29L-verstka.icc, \
                       ArgyllCMS from FOGRA29L.ti3 (icc-profiles-free, Zlib)",
                registry: "http://www.color.org",
                profile: include_bytes!("../../profiles/FOGRA29L-verstka.icc"),
                components: 4,
            },
        }
    }

    /// Adds the intent, its profile embedded, to the catalog's `/OutputIntents`.
    pub fn add(&self, doc: &mut lopdf::Document) {
        let mut profile = Stream::new(dictionary! { "N" => i64::from(self.components) }, self.profile.to_vec());
        profile.allows_compression = true;
        let profile = doc.add_object(profile);
        let intent = doc.add_object(dictionary! {
            "Type" => "OutputIntent",
            "S" => self.subtype,
            "OutputConditionIdentifier" => Object::string_literal(self.identifier),
            "OutputCondition" => Object::string_literal(self.condition),
            "RegistryName" => Object::string_literal(self.registry),
            "Info" => Object::string_literal(self.info),
            "DestOutputProfile" => profile,
        });
        if let Ok(catalog) = doc.catalog_mut() {
            match catalog.get_mut(b"OutputIntents").and_then(Object::as_array_mut) {
                Ok(intents) => intents.push(intent.into()),
                Err(_) => catalog.set("OutputIntents", vec![intent.into()]),
            }
        }
    }
}

/// Declares the file PDF/X-4: PDF 1.6 in the header (X-4's base), and
/// `/GTS_PDFXVersion` and `/Trapped /False` (no trapping was done; the
/// print shop may trap) in the information dictionary, which must exist.
pub fn declare(doc: &mut lopdf::Document) {
    doc.version = "1.6".to_string();
    let info = doc.trailer.get(b"Info").and_then(Object::as_reference).ok();
    if let Some(info) = info.and_then(|id| doc.get_dictionary_mut(id).ok()) {
        info.set("GTS_PDFXVersion", Object::string_literal(VERSION));
        info.set("Trapped", Object::Name(b"False".to_vec()));
    }
}

/// The XMP `rdf:Description` PDF/X-4 asks for: `pdfxid:GTS_PDFXVersion`,
/// `pdf:Trapped`, and the document's identity (`xmpMM:DocumentID`,
/// `InstanceID`, `VersionID`, `RenditionClass`). `document_id` and
/// `instance_id` are URIs (`uuid:…`) derived from the book, never random.
pub fn xmp_description(document_id: &str, instance_id: &str) -> String {
    format!(
        "<rdf:Description rdf:about=\"\" xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\" \
         xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
         <pdfxid:GTS_PDFXVersion>{VERSION}</pdfxid:GTS_PDFXVersion>\n\
         <pdf:Trapped>False</pdf:Trapped>\n\
         <xmpMM:DocumentID>{document_id}</xmpMM:DocumentID>\n\
         <xmpMM:InstanceID>{instance_id}</xmpMM:InstanceID>\n\
         <xmpMM:VersionID>1</xmpMM:VersionID>\n\
         <xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n\
         </rdf:Description>\n"
    )
}

/// The grey a colour prints as: its relative luminance (CIE Y of sRGB,
/// ITU-R BT.709 weights on the linear values), encoded back with sRGB's
/// curve so mid-tones stay mid-tones. sRGB components 0–1; 0 is black.
pub fn luminance([r, g, b]: [f32; 3]) -> f32 {
    let y = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    encoded(y.clamp(0.0, 1.0))
}

/// An sRGB component (0–1) as linear light.
pub(crate) fn linear(c: f32) -> f32 {
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// Linear light (0–1) as an sRGB-encoded component.
pub(crate) fn encoded(y: f32) -> f32 {
    if y <= 0.003_130_8 {
        12.92 * y
    } else {
        1.055 * y.powf(1.0 / 2.4) - 0.055
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MM: f32 = POINTS_PER_MM;

    #[test]
    fn the_slug_holds_marks_that_start_outside_the_bleed() {
        let sheet = Sheet { width: 100.0, height: 200.0, bleed: 3.0 * MM, crop_marks: true, folds: None };
        assert!((sheet.margin() - 11.0 * MM).abs() < 1e-3, "3 mm bleed, marks 4–9 mm, 2 mm beyond");
        for [x1, y1, x2, y2] in sheet.crop_mark_lines() {
            let outside = |x: f32, y: f32| {
                x <= 7.0 * MM + 1e-3
                    || x >= sheet.media_width() - 7.0 * MM - 1e-3
                    || y <= 7.0 * MM + 1e-3
                    || y >= sheet.media_height() - 7.0 * MM - 1e-3
            };
            assert!(outside(x1, y1) && outside(x2, y2), "{x1} {y1} {x2} {y2}");
            assert!(x1.min(x2) >= 0.0 && y1.min(y2) >= 0.0);
            assert!(x1.max(x2) <= sheet.media_width() && y1.max(y2) <= sheet.media_height());
        }
        assert_eq!(sheet.crop_mark_lines().len(), 8);
    }

    #[test]
    fn a_wide_bleed_pushes_the_marks_out() {
        let sheet = Sheet { width: 100.0, height: 200.0, bleed: 5.0 * MM, crop_marks: true, folds: None };
        let lines = sheet.crop_mark_lines();
        // The lower-left horizontal mark ends 1 mm short of the bleed's edge.
        assert!((lines[0][2] - (sheet.slug() - MM)).abs() < 1e-3, "{:?} slug {}", lines[0], sheet.slug());
    }

    #[test]
    fn a_spread_has_dashed_fold_marks_at_head_and_foot_in_the_slug() {
        let sheet =
            Sheet { width: 300.0, height: 200.0, bleed: 3.0 * MM, crop_marks: true, folds: Some([140.0, 160.0]) };
        let folds = sheet.fold_mark_lines();
        assert_eq!(folds.len(), 4);
        let m = sheet.margin();
        for (line, x) in folds.iter().zip([140.0, 140.0, 160.0, 160.0]) {
            assert_eq!((line[0], line[2]), (m + x, m + x), "vertical, on the fold");
            let (low, high) = (line[1].min(line[3]), line[1].max(line[3]));
            assert!(high <= m - 4.0 * MM + 1e-3 || low >= m + 200.0 + 4.0 * MM - 1e-3, "in the slug: {line:?}");
        }
        let mut doc = lopdf::Document::with_version("1.6");
        let resources = doc.add_object(lopdf::Dictionary::new());
        let page = doc.add_object(dictionary! { "Type" => "Page", "Resources" => resources });
        sheet.draw_marks(&mut doc, &[page]);
        let marks = doc.get_dictionary(page).unwrap().get(b"Contents").unwrap().as_array().unwrap()[0].as_reference();
        let ops = String::from_utf8(doc.get_object(marks.unwrap()).unwrap().as_stream().unwrap().content.clone());
        let ops = ops.unwrap();
        let (crops, folds) = ops.split_once(FOLD_DASH).unwrap();
        assert_eq!((crops.matches(" m ").count(), folds.matches(" m ").count()), (8, 4), "{ops}");
        assert!(doc
            .get_dictionary(resources)
            .unwrap()
            .get(b"ColorSpace")
            .unwrap()
            .as_dict()
            .unwrap()
            .has(b"Registration"));
    }

    #[test]
    fn calibrated_images_are_srgb_or_the_black_plate_and_masks_stay_grey() {
        let mut doc = lopdf::Document::with_version("1.6");
        let image = |space: &str| Stream::new(dictionary! { "Subtype" => "Image", "ColorSpace" => space }, vec![]);
        let mask = doc.add_object(image("DeviceGray"));
        let mut colour = image("DeviceRGB");
        colour.dict.set("SMask", mask);
        let colour = doc.add_object(colour);
        let grey = doc.add_object(image("DeviceGray"));
        let resources = doc.add_object(lopdf::Dictionary::new());
        let page = doc.add_object(dictionary! { "Type" => "Page", "Resources" => resources });
        calibrate(&mut doc, &[page]);
        let dict = |id| doc.get_object(id).unwrap().as_stream().unwrap().dict.clone();
        let srgb = dict(colour).get(b"ColorSpace").unwrap().as_reference().unwrap();
        let space = doc.get_object(srgb).unwrap().as_array().unwrap();
        assert_eq!(space[0].as_name().unwrap(), b"ICCBased");
        let profile = doc.get_object(space[1].as_reference().unwrap()).unwrap().as_stream().unwrap();
        assert_eq!((profile.dict.get(b"N").unwrap().as_i64().unwrap(), profile.content.len()), (3, SRGB_PROFILE.len()));
        assert_eq!(dict(grey).get(b"ColorSpace").unwrap(), &black_plate());
        assert_eq!(dict(grey).get(b"Decode").unwrap(), &Object::from(vec![1.into(), 0.into()]));
        assert_eq!(dict(mask).get(b"ColorSpace").unwrap().as_name().unwrap(), b"DeviceGray");
        let spaces = doc.get_dictionary(resources).unwrap().get(b"ColorSpace").unwrap().as_dict().unwrap();
        assert_eq!(spaces.get(SRGB.as_bytes()).unwrap().as_reference().unwrap(), srgb);
    }

    #[test]
    fn no_marks_no_slug() {
        let sheet = Sheet { width: 100.0, height: 200.0, bleed: 3.0 * MM, crop_marks: false, folds: None };
        assert_eq!(sheet.slug(), 0.0);
        assert!(sheet.crop_mark_lines().is_empty());
    }

    #[test]
    fn luminance_weighs_green_most_and_keeps_greys() {
        assert!((luminance([0.5, 0.5, 0.5]) - 0.5).abs() < 1e-3);
        assert_eq!(luminance([0.0, 0.0, 0.0]), 0.0);
        assert!((luminance([1.0, 1.0, 1.0]) - 1.0).abs() < 1e-4);
        assert!(luminance([0.0, 1.0, 0.0]) > luminance([1.0, 0.0, 0.0]));
        assert!(luminance([1.0, 0.0, 0.0]) > luminance([0.0, 0.0, 1.0]));
    }
}
