//! Embedded fonts: each font used becomes a Type0 font with Identity-H
//! encoding over a CIDFontType2 whose program is a subset of the TrueType
//! file (allsorts), keeping only the glyphs drawn.
//!
//! CIDs come from [`GlyphCodes`]: several CIDs may show the same glyph with
//! different texts, so `/CIDToGIDMap` maps each CID to its glyph in the
//! subset, `/W` gives each CID its advance and the ToUnicode CMap its text.

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use lopdf::{dictionary, Dictionary, Object, ObjectId, Stream};
use md5::{Digest, Md5};

use crate::error::{Error, Result};
use crate::pdf::fonts::FontId;

use super::codes::{FontCodes, GlyphCodes};
use super::{tounicode, FontFiles};

/// Embeds every font used and puts it in the pages' shared `/Font` dictionary.
pub(crate) fn embed(
    doc: &mut lopdf::Document,
    pages: &[ObjectId],
    codes: &GlyphCodes,
    files: &dyn FontFiles,
) -> Result<()> {
    let mut resources = Dictionary::new();
    for (font, codes) in codes.used() {
        let reference = embed_font(doc, font, codes, files)?;
        resources.set(codes.resource.as_bytes(), reference);
    }
    // printpdf points every page's `/Font` at one shared dictionary, empty
    // since it knows no fonts; fill it.
    let shared = pages
        .first()
        .and_then(|page| doc.get_dictionary(*page).ok())
        .and_then(|page| page.get(b"Resources").and_then(Object::as_reference).ok())
        .and_then(|resources| doc.get_dictionary(resources).ok())
        .and_then(|resources| resources.get(b"Font").and_then(Object::as_reference).ok());
    match shared {
        Some(id) => doc.set_object(id, resources),
        None if resources.is_empty() => {}
        None => return Err(Error::render("PDF", "printpdf wrote no font resources")),
    }
    Ok(())
}

fn embed_font(doc: &mut lopdf::Document, font: FontId, codes: &FontCodes, files: &dyn FontFiles) -> Result<Object> {
    let name = files.postscript_name(font);
    // CIDToGIDMap, which lets two CIDs show one glyph, exists for TrueType
    // outlines only; CFF fonts would need another encoding scheme.
    if codes.face.tables().glyf.is_none() {
        return Err(Error::render(
            "PDF",
            format!("the font {name} has no TrueType outlines; only TrueType fonts can be embedded"),
        ));
    }
    let glyphs = subset_glyphs(codes);
    let program = subset(&font_provider(files.data(font))?, &glyphs, &SubsetProfile::Pdf, CmapTarget::Unrestricted)
        .map_err(|e| Error::render("PDF", format!("cannot subset the font {name}: {e}")))?;
    let base_font = format!("{}+{name}", subset_tag(name, &glyphs));

    let mut program_stream = Stream::new(dictionary! { "Length1" => program.len() as i64 }, program);
    program_stream.allows_compression = true;
    let descriptor = descriptor(codes, &base_font, doc.add_object(program_stream));
    let descriptor = doc.add_object(descriptor);
    let cid_font = dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => base_font.as_str(),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 0,
        "W" => widths(codes),
        "CIDToGIDMap" => doc.add_object(cid_to_gid_map(codes, &glyphs)),
    };
    let cid_font = doc.add_object(cid_font);
    let to_unicode = doc.add_object(Stream::new(Dictionary::new(), tounicode::cmap(&codes.cids)));
    let type0 = dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => base_font.as_str(),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![cid_font.into()],
        "ToUnicode" => to_unicode,
    };
    Ok(doc.add_object(type0).into())
}

fn font_provider(data: &[u8]) -> Result<impl allsorts::tables::FontTableProvider + '_> {
    let unreadable =
        |e: &dyn std::fmt::Display| Error::render("PDF", format!("cannot read a font for subsetting: {e}"));
    let font = ReadScope::new(data).read::<FontData>().map_err(|e| unreadable(&e))?;
    font.table_provider(0).map_err(|e| unreadable(&e))
}

/// The subset's glyphs: `.notdef`, then each glyph drawn, in order of first
/// use; a glyph's index here is its id in the subset.
fn subset_glyphs(codes: &FontCodes) -> Vec<u16> {
    let mut glyphs = vec![0];
    let mut seen = std::collections::HashSet::from([0]);
    glyphs.extend(codes.cids.iter().map(|(glyph, _)| *glyph).filter(|glyph| seen.insert(*glyph)));
    glyphs
}

/// Six capitals naming the subset (ISO 32000-1, 9.6.4), derived from the
/// font and its glyphs so the same subset always gets the same tag.
fn subset_tag(name: &str, glyphs: &[u16]) -> String {
    let mut hash = Md5::new();
    hash.update(name.as_bytes());
    glyphs.iter().for_each(|glyph| hash.update(glyph.to_be_bytes()));
    hash.finalize().iter().take(6).map(|byte| char::from(b'A' + byte % 26)).collect()
}

/// `/W`: the advance of each CID, from 1 on.
fn widths(codes: &FontCodes) -> Vec<Object> {
    let widths = codes.cids.iter().map(|(glyph, _)| Object::Real(codes.width(*glyph))).collect::<Vec<_>>();
    vec![1.into(), widths.into()]
}

/// The CID → subset glyph id table: two bytes per CID from 0.
fn cid_to_gid_map(codes: &FontCodes, glyphs: &[u16]) -> Stream {
    let mut position = vec![0u16; glyphs.iter().max().map_or(1, |max| usize::from(*max) + 1)];
    for (index, glyph) in glyphs.iter().enumerate() {
        position[usize::from(*glyph)] = index as u16;
    }
    let mut map = vec![0, 0];
    for (glyph, _) in &codes.cids {
        map.extend_from_slice(&position[usize::from(*glyph)].to_be_bytes());
    }
    Stream::new(Dictionary::new(), map)
}

/// The font descriptor, with metrics in thousandths of an em.
fn descriptor(codes: &FontCodes, base_font: &str, program: ObjectId) -> Dictionary {
    let face = &codes.face;
    let scale = 1000.0 / f32::from(face.units_per_em());
    let em = |units: i16| (f32::from(units) * scale).round() as i64;
    let bbox = face.global_bounding_box();
    let weight = f32::from(face.weight().to_number());
    let flags = 4 // symbolic: glyphs outside the standard Latin set
        | if face.is_monospaced() { 1 } else { 0 }
        | if face.is_italic() { 64 } else { 0 };
    dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => base_font,
        "Flags" => flags,
        "FontBBox" => vec![em(bbox.x_min).into(), em(bbox.y_min).into(), em(bbox.x_max).into(), em(bbox.y_max).into()],
        "ItalicAngle" => Object::Real(face.italic_angle()),
        "Ascent" => em(face.ascender()),
        "Descent" => em(face.descender()),
        "CapHeight" => em(face.capital_height().unwrap_or(face.ascender())),
        // Not in TrueType files; the usual estimate from the weight class.
        "StemV" => (10.0 + 220.0 * (weight - 50.0) / 900.0).round() as i64,
        "FontFile2" => program,
    }
}
