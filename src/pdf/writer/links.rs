//! Link annotations: clickable areas going to a page of the book or a URI.
//!
//! printpdf writes them inline in each page's `/Annots`; ISO 32000-1
//! (table 30) wants indirect references there, so [`hoist`] moves them into
//! objects of their own. The border is invisible: a printed book has no boxes
//! around its links.

use lopdf::{Object, ObjectId};
use printpdf::{Actions, BorderArray, ColorArray, Destination, HighlightingMode, LinkAnnotation, Op, Pt, Rect};

use crate::error::{Error, Result};
use crate::pdf::page::{LinkArea, LinkDestination};

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

/// Moves every page's inline annotation dictionaries into indirect objects
/// and drops empty `/Annots` arrays.
pub(crate) fn hoist(doc: &mut lopdf::Document, pages: &[ObjectId]) {
    for page in pages {
        let Ok(dict) = doc.get_dictionary_mut(*page) else { continue };
        let Some(Object::Array(annotations)) = dict.remove(b"Annots") else { continue };
        if annotations.is_empty() {
            continue;
        }
        let references: Vec<Object> =
            annotations.into_iter().map(|annotation| Object::Reference(doc.add_object(annotation))).collect();
        if let Ok(dict) = doc.get_dictionary_mut(*page) {
            dict.set("Annots", references);
        }
    }
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
