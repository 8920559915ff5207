//! Link annotations: clickable areas going to a page of the book or a URI.
//!
//! Each is an object of its own (ISO 32000-1, table 30, wants indirect
//! references in a page's `/Annots`), printable (`/F 4`) and described by
//! its text (`/Contents`, what a screen reader says). The border is
//! invisible: a printed book has no boxes around its links.
//!
//! They are written straight as bytes ([`Annotations`]) beside lopdf's
//! objects, and printpdf is not asked for them: as lopdf dictionaries (an
//! `Object` is 120 bytes, a dictionary entry 152) the thousands of page
//! numbers of a subject index cost more memory, and so time, than all the
//! rest of the book's pages.

use std::io::Write;

use lopdf::{Object, ObjectId};
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::pdf::page::{LinkArea, LinkDestination, Page};

use super::content::{write_decimal, write_number};
use super::metadata::text_string;
use super::packing::write_object;
use super::Space;

/// A document's link annotations, each written but for its `/StructParent`.
pub(crate) struct Annotations<'a> {
    /// Per page: each annotation's object and the area it stands for.
    pub on_pages: Vec<Vec<(ObjectId, &'a LinkArea)>>,
    /// Each annotation's object number and bytes, open at the end, in page order.
    written: Vec<(u32, Vec<u8>)>,
}

impl Annotations<'_> {
    /// The finished objects, their `/StructParent` keys counted from
    /// `first_key` in page order (as the structure's parent tree numbers
    /// them).
    pub fn finish(self, first_key: usize) -> Vec<(u32, Vec<u8>)> {
        let mut written = self.written;
        for (key, (_, bytes)) in (first_key..).zip(&mut written) {
            bytes.extend_from_slice(b"/StructParent ");
            write_decimal(bytes, key as u64);
            bytes.extend_from_slice(b">>");
        }
        written
    }
}

/// Gives each area of each page an annotation object and sets the page's
/// `/Annots` (printpdf's empty arrays dropped); with `interactive` false (a
/// print file) there are none.
pub(crate) fn add<'a>(
    doc: &mut lopdf::Document,
    pages: &[ObjectId],
    areas: &'a [Page],
    space: &Space,
    interactive: bool,
) -> Result<Annotations<'a>> {
    let mut on_pages = Vec::with_capacity(pages.len());
    for (page, composed) in pages.iter().zip(areas) {
        if let Ok(dict) = doc.get_dictionary_mut(*page) {
            dict.remove(b"Annots");
        }
        let links = if interactive { composed.links.as_slice() } else { &[] };
        let on_page: Vec<(ObjectId, &LinkArea)> = links.iter().map(|link| (doc.new_object_id(), link)).collect();
        if !on_page.is_empty() {
            let references: Vec<Object> = on_page.iter().map(|(id, _)| Object::Reference(*id)).collect();
            if let Ok(dict) = doc.get_dictionary_mut(*page) {
                dict.set("Annots", references);
            }
        }
        on_pages.push(on_page);
    }
    // The annotations' bytes, side by side: an index has thousands.
    let written = on_pages
        .par_iter()
        .flatten()
        .map(|(id, link)| Ok((id.0, annotation(link, pages, space)?)))
        .collect::<Result<Vec<_>>>()?;
    Ok(Annotations { on_pages, written })
}

/// One link's annotation dictionary, open at the end for its `/StructParent`.
fn annotation(link: &LinkArea, pages: &[ObjectId], space: &Space) -> Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(160 + 4 * link.text.len());
    let (left, bottom) = (space.x(link.x), space.y(link.y + link.height));
    let (right, top) = (left + link.width, bottom + link.height);
    bytes.extend_from_slice(b"<</Type/Annot/Subtype/Link/Rect[");
    for (n, value) in [left, bottom, right, top].into_iter().enumerate() {
        if n > 0 {
            bytes.push(b' ');
        }
        write_number(&mut bytes, value);
    }
    // No border, and the default highlight (`/H /I`).
    bytes.extend_from_slice(b"]/Border[0 0 0]/F 4/A");
    match &link.target {
        LinkDestination::Page { page, y } => {
            let Some((number, generation)) = pages.get(*page) else {
                return Err(Error::render("PDF", format!("a link goes to page {} of {}", page + 1, pages.len())));
            };
            let _ = write!(bytes, "<</S/GoTo/D[{number} {generation} R/XYZ null ");
            write_number(&mut bytes, space.y(*y));
            bytes.extend_from_slice(b" null]>>");
        }
        LinkDestination::Uri(uri) => {
            bytes.extend_from_slice(b"<</S/URI/URI");
            write_object(&mut bytes, &Object::string_literal(ascii_uri(uri)));
            bytes.extend_from_slice(b">>");
        }
    }
    bytes.extend_from_slice(b"/Contents");
    write_object(&mut bytes, &text_string(&link.text));
    Ok(bytes)
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
