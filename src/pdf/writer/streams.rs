//! Saving: streams compressed (in parallel, at the fastest level: a book's
//! text compresses well anyway), the file written by [`packing`](super::packing)
//! (the other objects in object streams, a cross-reference stream), and a
//! document `/ID` that is the MD5 of the file itself, so it is fixed for
//! fixed content.

use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{Object, StringFormat};
use md5::{Digest, Md5};
use rayon::prelude::*;

use crate::error::{Error, Result};

/// Stands for the `/ID` until the file's hash is known.
const ID_PLACEHOLDER: [u8; 16] = [0; 16];

/// The finished document's bytes; `written` are objects of `doc`'s
/// numbering already in PDF syntax (see [`serialise`](super::packing::serialise)).
pub(crate) fn save(mut doc: lopdf::Document, written: &[(u32, Vec<u8>)]) -> Result<Vec<u8>> {
    compress(&mut doc)?;
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![placeholder.clone(), placeholder]);

    let mut bytes = super::packing::serialise(&doc, written)?;
    let id = Md5::digest(&bytes);
    set_id(&mut bytes, &id)?;
    Ok(bytes)
}

/// Compresses every stream that allows it and is not compressed yet.
fn compress(doc: &mut lopdf::Document) -> Result<()> {
    doc.objects.par_iter_mut().try_for_each(|(_, object)| {
        let Object::Stream(stream) = object else { return Ok(()) };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            return Ok(());
        }
        let mut encoder = ZlibEncoder::new(Vec::with_capacity(stream.content.len() / 3), Compression::fast());
        let compressed = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish())
            .map_err(|e| Error::render("PDF", format!("cannot compress a stream: {e}")))?;
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(compressed);
        Ok(())
    })
}

/// Writes the hash over both placeholder strings in the trailer (the
/// cross-reference stream's dictionary, the file's last object).
fn set_id(bytes: &mut [u8], id: &[u8]) -> Result<()> {
    let placeholder: String = ID_PLACEHOLDER.iter().map(|b| format!("{b:02X}")).collect();
    let hex: String = id.iter().map(|b| format!("{b:02X}")).collect();
    let trailer = trailer_start(bytes).ok_or_else(|| Error::render("PDF", "cannot find the cross-reference stream"))?;
    let mut found = 0;
    let mut at = trailer;
    while let Some(offset) = find(&bytes[at..], placeholder.as_bytes()) {
        let start = at + offset;
        bytes[start..start + hex.len()].copy_from_slice(hex.as_bytes());
        at = start + hex.len();
        found += 1;
    }
    if found != 2 {
        return Err(Error::render("PDF", "cannot find the document ID in the trailer"));
    }
    Ok(())
}

/// Where the cross-reference stream starts: the offset after `startxref`.
fn trailer_start(bytes: &[u8]) -> Option<usize> {
    let keyword = bytes.windows(9).rposition(|w| w == b"startxref")?;
    let digits = bytes[keyword + 9..].iter().skip_while(|b| b.is_ascii_whitespace()).take_while(|b| b.is_ascii_digit());
    let offset: String = digits.map(|&b| char::from(b)).collect();
    offset.parse().ok().filter(|&offset: &usize| offset < keyword)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}
