//! Character codes: every distinct (glyph, text) pair of a font gets its own
//! CID, so ToUnicode can say exactly what each drawn glyph stands for — the
//! `ﬁ` ligature copies out as "fi", a word's own hyphen ending a line as
//! U+2010 while other hyphens stay `-`. CIDs are handed out from 1 in order of
//! first use, so the same pages give the same codes.

use std::collections::btree_map::{BTreeMap, Entry};

use crate::error::{Error, Result};
use crate::pdf::fonts::FontId;

use super::FontFiles;

/// The codes of every font used so far.
pub(crate) struct GlyphCodes<'f> {
    files: &'f dyn FontFiles,
    fonts: BTreeMap<FontId, FontCodes<'f>>,
}

/// One font's codes and the metrics the content stream needs.
/// Every font's codes, once all are given: read-only, so pages can be
/// written on several threads.
pub(crate) type Assigned<'f> = BTreeMap<FontId, FontCodes<'f>>;

pub(crate) struct FontCodes<'f> {
    pub face: ttf_parser::Face<'f>,
    /// The resource name in the pages' `/Font` dictionary.
    pub resource: String,
    /// Per original glyph id: the texts seen with it and their CIDs.
    by_glyph: Vec<Vec<(Box<str>, u16)>>,
    /// Per CID − 1: the original glyph id and its text.
    pub cids: Vec<(u16, Box<str>)>,
}

impl<'f> GlyphCodes<'f> {
    pub fn new(files: &'f dyn FontFiles) -> GlyphCodes<'f> {
        GlyphCodes { files, fonts: BTreeMap::new() }
    }

    /// The font's codes, parsing it on first use.
    pub fn font(&mut self, font: FontId) -> Result<&mut FontCodes<'f>> {
        let files = self.files;
        let count = self.fonts.len();
        match self.fonts.entry(font) {
            Entry::Occupied(entry) => Ok(entry.into_mut()),
            Entry::Vacant(entry) => {
                let face = ttf_parser::Face::parse(files.data(font), 0).map_err(|e| {
                    let name = files.postscript_name(font);
                    Error::render("PDF", format!("cannot read font {name} for embedding: {e}"))
                })?;
                let by_glyph = vec![Vec::new(); usize::from(face.number_of_glyphs())];
                let resource = format!("T{count}");
                Ok(entry.insert(FontCodes { face, resource, by_glyph, cids: Vec::new() }))
            }
        }
    }

    /// The fonts used, in id order.
    pub fn used(&self) -> impl Iterator<Item = (FontId, &FontCodes<'f>)> {
        self.fonts.iter().map(|(id, codes)| (*id, codes))
    }

    /// Whether every glyph drawn is a real one (not `.notdef`, glyph 0) and
    /// stands for text of its own — what PDF/A and PDF/UA ask of fonts.
    pub fn every_glyph_has_text(&self) -> bool {
        self.fonts.values().all(|font| font.cids.iter().all(|(glyph, text)| *glyph != 0 && !text.is_empty()))
    }

    /// The codes given so far, for writing content streams side by side.
    pub fn assigned(&self) -> &Assigned<'f> {
        &self.fonts
    }
}

impl FontCodes<'_> {
    /// The CID for `glyph` standing for `text` (empty for the second and later
    /// glyphs of a cluster).
    pub fn code(&mut self, glyph: u16, text: &str) -> Result<u16> {
        let Some(seen) = self.by_glyph.get_mut(usize::from(glyph)) else {
            return Err(Error::render("PDF", format!("glyph {glyph} is not in the font {}", self.resource)));
        };
        if let Some((_, cid)) = seen.iter().find(|(t, _)| &**t == text) {
            return Ok(*cid);
        }
        let cid = u16::try_from(self.cids.len() + 1)
            .ok()
            .filter(|cid| *cid < u16::MAX)
            .ok_or_else(|| Error::render("PDF", "more than 65 534 distinct glyphs in one font"))?;
        seen.push((text.into(), cid));
        self.cids.push((glyph, text.into()));
        Ok(cid)
    }

    /// The glyph's advance width in thousandths of an em — what `/W` says and
    /// what the viewer moves the pen by.
    /// The code given earlier to `glyph` showing `text`.
    pub fn given(&self, glyph: u16, text: &str) -> Result<u16> {
        self.by_glyph
            .get(usize::from(glyph))
            .and_then(|seen| seen.iter().find(|(t, _)| &**t == text))
            .map(|(_, cid)| *cid)
            .ok_or_else(|| Error::render("PDF", format!("glyph {glyph} of {} was given no code", self.resource)))
    }

    pub fn width(&self, glyph: u16) -> f32 {
        let advance = self.face.glyph_hor_advance(ttf_parser::GlyphId(glyph)).unwrap_or(0);
        let width = f32::from(advance) * 1000.0 / f32::from(self.face.units_per_em());
        (width * 100.0).round() / 100.0
    }
}
