//! Page boxes and crop marks, for the print shop.
//!
//! MediaBox = CropBox = BleedBox = the trim size plus the bleed on every
//! side; TrimBox = the finished page. With crop marks, each corner gets two
//! hairlines in the registration colour (`/Separation /All`, on every plate)
//! along the trim lines, in the bleed, stopping a third of the bleed short
//! of the trim; without a bleed there is no room for them and none are drawn.

use lopdf::{dictionary, Object, ObjectId, Stream};

use super::Space;

/// The crop marks' line width in points.
const HAIRLINE: f32 = 0.25;

/// Sets every page's boxes and, when asked, draws the crop marks.
pub(crate) fn set(doc: &mut lopdf::Document, pages: &[ObjectId], space: &Space) {
    let bleed = space.geometry.bleed;
    let media = rectangle(0.0, 0.0, space.media_width(), space.media_height());
    let trim = rectangle(bleed, bleed, bleed + space.geometry.width, bleed + space.geometry.height);
    let marks = (space.geometry.crop_marks && bleed > 0.0).then(|| crop_marks(doc, space));
    for page in pages {
        let Ok(dict) = doc.get_dictionary_mut(*page) else { continue };
        dict.set("MediaBox", media.clone());
        dict.set("CropBox", media.clone());
        dict.set("BleedBox", media.clone());
        dict.set("TrimBox", trim.clone());
        if let Some((marks, color_space)) = &marks {
            // The marks first: the page's own content paints over them.
            let contents = match dict.remove(b"Contents") {
                Some(Object::Array(mut streams)) => {
                    streams.insert(0, (*marks).into());
                    streams
                }
                Some(content) => vec![(*marks).into(), content],
                None => vec![(*marks).into()],
            };
            dict.set("Contents", contents);
            let resources = dict.get(b"Resources").and_then(Object::as_reference).ok();
            if let Some(resources) = resources.and_then(|id| doc.get_dictionary_mut(id).ok()) {
                resources.set("ColorSpace", dictionary! { "Registration" => *color_space });
            }
        }
    }
}

fn rectangle(left: f32, bottom: f32, right: f32, top: f32) -> Object {
    vec![left.into(), bottom.into(), right.into(), top.into()].into()
}

/// The crop-mark content stream shared by every page, and the registration
/// colour space it paints in.
fn crop_marks(doc: &mut lopdf::Document, space: &Space) -> (ObjectId, ObjectId) {
    let tint = dictionary! {
        "FunctionType" => 2,
        "Domain" => vec![0.into(), 1.into()],
        "C0" => vec![0.into(), 0.into(), 0.into(), 0.into()],
        "C1" => vec![1.into(), 1.into(), 1.into(), 1.into()],
        "N" => 1,
    };
    let color_space: Object = vec!["Separation".into(), "All".into(), "DeviceCMYK".into(), tint.into()].into();
    let color_space = doc.add_object(color_space);

    let bleed = space.geometry.bleed;
    let reach = bleed * 2.0 / 3.0;
    let (right, top) = (space.media_width(), space.media_height());
    let (trim_right, trim_top) = (right - bleed, top - bleed);
    // An artifact: the print shop's, not the book's.
    let mut ops = format!("/Artifact BMC q /Registration CS 1 SCN {HAIRLINE} w\n");
    for y in [bleed, trim_top] {
        ops.push_str(&format!("0 {y} m {reach} {y} l {right} {y} m {} {y} l\n", right - reach));
    }
    for x in [bleed, trim_right] {
        ops.push_str(&format!("{x} 0 m {x} {reach} l {x} {top} m {x} {} l\n", top - reach));
    }
    ops.push_str("S Q EMC\n");
    let mut stream = Stream::new(lopdf::Dictionary::new(), ops.into_bytes());
    stream.allows_compression = true;
    (doc.add_object(stream), color_space)
}
