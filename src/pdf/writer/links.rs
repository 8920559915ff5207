//! Link annotations: clickable areas going to a page of the book or a URI.
//!
//! printpdf writes them inline in each page's `/Annots`; ISO 32000-1
//! (table 30) wants indirect references there, so [`hoist`] moves them into
//! objects of their own, printable (`/F 4`) and described by their text
//! (`/Contents`, what a screen reader says). The border is invisible: a
//! printed book has no boxes around its links.

use lopdf::{Object, ObjectId};
use printpdf::{Actions, BorderArray, ColorArray, Destination, HighlightingMode, LinkAnnotation, Op, Pt, Rect};

use crate::error::{Error, Result};
use crate::pdf::page::{LinkArea, LinkDestination, Page};

use super::metadata::text_string;
use super::Space;

/// Appends a link annotation for each area.
pub(crate) fn add(ops: &mut Vec<Op>, links: &[LinkArea], space: &Space, page_count: usize) -> Result<()> {
    for link in links {
        let actions = match &link.target {
            LinkDestination::Page { page, y } if *page < page_count => {
                Actions::Goto(Destination::Xyz { page: page + 1, left: None, top: Some(space.y(*y)), zoom: None })
            }
            LinkDestination::Page { page, .. } => {
                return Err(Error::render("PDF", format!("a link goes to page {} of {page_count}", page + 1)));
            }
            LinkDestination::Uri(uri) => Actions::Uri(ascii_uri(uri)),
        };
        let rect =
            Rect::from_xywh(Pt(space.x(link.x)), Pt(space.y(link.y + link.height)), Pt(link.width), Pt(link.height));
        let annotation = LinkAnnotation::new(
            rect,
            actions,
            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
            Some(ColorArray::Transparent),
            Some(HighlightingMode::Invert),
        );
        ops.push(Op::LinkAnnotation { link: annotation });
    }
    Ok(())
}

/// A URI as PDF wants it: 7-bit ASCII, anything else percent-encoded as UTF-8.
fn ascii_uri(uri: &str) -> String {
    let mut ascii = String::with_capacity(uri.len());
    for byte in uri.bytes() {
        if byte.is_ascii_graphic() {
            ascii.push(char::from(byte));
        } else {
            ascii.push_str(&format!("%{byte:02X}"));
        }
    }
    ascii
}

/// Moves every page's inline annotation dictionaries (those [`add`] made
/// for `areas`) into indirect objects and drops empty `/Annots` arrays.
/// Returns each page's annotations with the areas they stand for.
pub(crate) fn hoist<'a>(
    doc: &mut lopdf::Document,
    pages: &[ObjectId],
    areas: &'a [Page],
) -> Vec<Vec<(ObjectId, &'a LinkArea)>> {
    let mut hoisted = Vec::with_capacity(pages.len());
    for (page, composed) in pages.iter().zip(areas) {
        let mut on_page = Vec::new();
        let annotations = match doc.get_dictionary_mut(*page).map(|dict| dict.remove(b"Annots")) {
            Ok(Some(Object::Array(annotations))) => annotations,
            _ => Vec::new(),
        };
        for (mut annotation, area) in annotations.into_iter().zip(&composed.links) {
            if let Object::Dictionary(dict) = &mut annotation {
                dict.set("F", 4);
                dict.set("Contents", text_string(&area.text));
            }
            on_page.push((doc.add_object(annotation), area));
        }
        if !on_page.is_empty() {
            let references: Vec<Object> = on_page.iter().map(|(id, _)| Object::Reference(*id)).collect();
            if let Ok(dict) = doc.get_dictionary_mut(*page) {
                dict.set("Annots", references);
            }
        }
        hoisted.push(on_page);
    }
    hoisted
}

#[cfg(test)]
mod tests {
    use super::ascii_uri;

    #[test]
    fn uris_are_percent_encoded_ascii() {
        assert_eq!(
            ascii_uri("https://ziglang.org/документация"),
            "https://ziglang.org/%D0%B4%D0%BE%D0%BA%D1%83%D0%BC%D0%B5%D0%BD%D1%82%D0%B0%D1%86%D0%B8%D1%8F"
        );
        assert_eq!(ascii_uri("https://a.b/c d"), "https://a.b/c%20d");
    }
}
