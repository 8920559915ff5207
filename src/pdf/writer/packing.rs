//! The file's bytes (ISO 32000-1, 7.5): streams as indirect objects, every
//! other object packed into compressed object streams (7.5.7), and a
//! cross-reference stream (7.5.8) as the trailer.
//!
//! A tagged book has thousands of small dictionaries (structure elements,
//! annotations); written one by one they would add a quarter to the file.
//! lopdf can pack them too, but serialises each object three times on one
//! thread; here each is serialised once and the packs are built side by side.

use std::collections::BTreeMap;
use std::io::Write;

use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use rayon::prelude::*;

use super::content::write_decimal;
use crate::error::{Error, Result};

/// Objects per object stream: large enough to compress well, small enough
/// for a reader to unpack one quickly.
const PER_STREAM: usize = 200;

/// Where an object is: at a byte offset, or the `index`th in object stream `stream`.
#[derive(Clone, Copy)]
enum Place {
    At(usize),
    Packed { stream: u32, index: u16 },
}

/// One object stream, compressed: its objects' numbers, the offset of the
/// first object in the decompressed data, and the data.
struct Pack {
    numbers: Vec<u32>,
    first: usize,
    data: Vec<u8>,
}

/// An object to pack: one of lopdf's, or one written already (its number, its bytes).
enum Packed<'a> {
    Object(&'a ObjectId, &'a Object),
    Written(u32, &'a [u8]),
}

/// The document as a PDF file, its trailer in a cross-reference stream;
/// `written` are objects of generation 0 already in PDF syntax, numbered
/// by `doc` but not in it.
pub(crate) fn serialise(doc: &lopdf::Document, written: &[(u32, Vec<u8>)]) -> Result<Vec<u8>> {
    let (direct, packed): (Vec<_>, Vec<_>) = doc
        .objects
        .iter()
        .partition(|((_, generation), object)| matches!(object, Object::Stream(_)) || *generation != 0);
    let packed: Vec<Packed> = packed
        .into_iter()
        .map(|(id, object)| Packed::Object(id, object))
        .chain(written.iter().map(|(number, bytes)| Packed::Written(*number, bytes)))
        .collect();
    let packs = packed.par_chunks(PER_STREAM).map(pack).collect::<Result<Vec<_>>>()?;

    let mut out = Vec::with_capacity(packs.iter().map(|pack| pack.data.len()).sum::<usize>() + (1 << 16));
    out.extend_from_slice(format!("%PDF-{}\n", doc.version).as_bytes());
    // Bytes above 127 mark the file as binary for transfer programs.
    out.extend_from_slice(b"%\xE2\xE3\xCF\xD3\n");
    let mut places: BTreeMap<u32, Place> = BTreeMap::new();
    for ((number, generation), object) in direct {
        places.insert(*number, Place::At(out.len()));
        indirect(&mut out, (*number, *generation), object);
    }
    let mut next = doc.max_id + 1;
    for pack in packs {
        let stream = next;
        next += 1;
        for (index, number) in pack.numbers.iter().enumerate() {
            let index = u16::try_from(index).map_err(|_| Error::render("PDF", "an object stream overflowed"))?;
            places.insert(*number, Place::Packed { stream, index });
        }
        places.insert(stream, Place::At(out.len()));
        let mut dict = Dictionary::new();
        dict.set("Type", "ObjStm");
        dict.set("N", pack.numbers.len() as i64);
        dict.set("First", pack.first as i64);
        dict.set("Filter", "FlateDecode");
        stream_object(&mut out, (stream, 0), &dict, &pack.data);
    }
    let xref = next;
    places.insert(xref, Place::At(out.len()));
    let table = deflate(&cross_references(&places, xref))?;
    let mut trailer = Dictionary::new();
    for key in [&b"Root"[..], b"Info", b"ID"] {
        if let Ok(value) = doc.trailer.get(key) {
            trailer.set(key.to_vec(), value.clone());
        }
    }
    trailer.set("Type", "XRef");
    trailer.set("Size", i64::from(xref + 1));
    trailer.set("W", vec![1.into(), 4.into(), 2.into()]);
    trailer.set("Filter", "FlateDecode");
    let start = out.len();
    stream_object(&mut out, (xref, 0), &trailer, &table);
    out.extend_from_slice(format!("startxref\n{start}\n%%EOF\n").as_bytes());
    Ok(out)
}

/// Objects serialised one after the other with the offsets table in front, compressed.
fn pack(objects: &[Packed]) -> Result<Pack> {
    let mut body = Vec::new();
    let mut table = Vec::new();
    let mut numbers = Vec::with_capacity(objects.len());
    for object in objects {
        let number = match object {
            Packed::Object((number, _), _) => *number,
            Packed::Written(number, _) => *number,
        };
        write_decimal(&mut table, u64::from(number));
        table.push(b' ');
        write_decimal(&mut table, body.len() as u64);
        table.push(b' ');
        numbers.push(number);
        match object {
            Packed::Object(_, object) => write_object(&mut body, object),
            Packed::Written(_, bytes) => body.extend_from_slice(bytes),
        }
        body.push(b'\n');
    }
    let first = table.len();
    let mut data = table;
    data.extend_from_slice(&body);
    Ok(Pack { numbers, first, data: deflate(&data)? })
}

/// The cross-reference stream's rows (`/W [1 4 2]`) for objects 0 to `last`.
fn cross_references(places: &BTreeMap<u32, Place>, last: u32) -> Vec<u8> {
    let mut rows = Vec::with_capacity(7 * (last as usize + 1));
    for number in 0..=last {
        let (kind, field, second): (u8, u32, u16) = match places.get(&number) {
            Some(Place::At(offset)) => (1, *offset as u32, 0),
            Some(Place::Packed { stream, index }) => (2, *stream, *index),
            None => (0, 0, if number == 0 { u16::MAX } else { 0 }),
        };
        rows.push(kind);
        rows.extend_from_slice(&field.to_be_bytes());
        rows.extend_from_slice(&second.to_be_bytes());
    }
    rows
}

fn deflate(data: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(data.len() / 3), Compression::fast());
    encoder
        .write_all(data)
        .and_then(|()| encoder.finish())
        .map_err(|e| Error::render("PDF", format!("cannot compress an object stream: {e}")))
}

fn indirect(out: &mut Vec<u8>, (number, generation): ObjectId, object: &Object) {
    out.extend_from_slice(format!("{number} {generation} obj\n").as_bytes());
    write_object(out, object);
    out.extend_from_slice(b"\nendobj\n");
}

/// A stream object whose `/Length` is its data's.
fn stream_object(out: &mut Vec<u8>, (number, generation): ObjectId, dict: &Dictionary, data: &[u8]) {
    out.extend_from_slice(format!("{number} {generation} obj\n").as_bytes());
    write_stream(out, dict, data);
    out.extend_from_slice(b"\nendobj\n");
}

fn write_stream(out: &mut Vec<u8>, dict: &Dictionary, data: &[u8]) {
    let mut dict = dict.clone();
    dict.set("Length", data.len() as i64);
    write_dictionary(out, &dict);
    out.extend_from_slice(b"stream\n");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
}

/// An object in PDF syntax (7.3).
pub(crate) fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(value) => out.extend_from_slice(if *value { b"true" } else { b"false" }),
        Object::Integer(value) => {
            if *value < 0 {
                out.push(b'-');
            }
            write_decimal(out, value.unsigned_abs());
        }
        Object::Real(value) => {
            let _ = write!(out, "{value}");
        }
        Object::Name(name) => write_name(out, name),
        Object::String(text, StringFormat::Literal) => write_literal(out, text),
        Object::String(text, StringFormat::Hexadecimal) => {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push(b'<');
            out.extend(text.iter().flat_map(|byte| [HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]]));
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict),
        Object::Stream(stream) => write_stream(out, &stream.dict, &stream.content),
        Object::Reference((number, generation)) => {
            write_decimal(out, u64::from(*number));
            out.push(b' ');
            write_decimal(out, u64::from(*generation));
            out.extend_from_slice(b" R");
        }
    }
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict {
        write_name(out, key);
        out.push(b' ');
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

/// A name, with white space, delimiters and bytes outside `!`–`~` as `#xx` (7.3.5).
pub(crate) fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b"()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            let _ = write!(out, "#{byte:02X}");
        } else {
            out.push(byte);
        }
    }
}

/// A literal string: backslash, both parentheses and carriage return escaped (7.3.4.2).
fn write_literal(out: &mut Vec<u8>, text: &[u8]) {
    out.push(b'(');
    for &byte in text {
        match byte {
            b'\\' | b'(' | b')' => out.extend_from_slice(&[b'\\', byte]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(byte),
        }
    }
    out.push(b')');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(object: &Object) -> String {
        let mut out = Vec::new();
        write_object(&mut out, object);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn objects_are_written_in_pdf_syntax() {
        let dict = lopdf::dictionary! { "Type" => "StructElem", "K" => vec![0.into(), (4, 0).into()], "A b" => 1.5 };
        assert_eq!(written(&dict.into()), "<</Type /StructElem/K [0 4 0 R]/A#20b 1.5>>");
        assert_eq!(written(&Object::string_literal("a(b)\\c\r")), "(a\\(b\\)\\\\c\\r)");
        assert_eq!(written(&Object::String(vec![0xFE, 0xFF, 4], StringFormat::Hexadecimal)), "<FEFF04>");
    }

    #[test]
    fn a_saved_document_reads_back_whole() {
        let mut doc = lopdf::Document::with_version("1.7");
        let pages = doc.new_object_id();
        let content = doc.add_object(lopdf::Stream::new(Dictionary::new(), b"BT ET".to_vec()));
        let page = doc.add_object(lopdf::dictionary! { "Type" => "Page", "Parent" => pages, "Contents" => content });
        let kids: Vec<Object> = vec![page.into()];
        doc.objects.insert(pages, lopdf::dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 1 }.into());
        let catalog = doc.add_object(lopdf::dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        for i in 0..500 {
            doc.add_object(Object::Integer(i));
        }
        let bytes = serialise(&doc, &[]).unwrap();
        let read = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(read.get_pages().len(), 1);
        assert!(read.get_page_content(page).starts_with(b"BT ET"));
        assert_eq!(read.get_object((doc.max_id, 0)).unwrap(), &Object::Integer(499));
    }
}
