//! The writer: page descriptions → PDF bytes.
//!
//! Input: a composed [`Document`] (pages of positioned glyph runs, rules,
//! images and links, plus the outline), the fonts, and the book for its
//! metadata. Output: the bytes of a print-ready PDF 1.7 file.
//!
//! printpdf 0.12 writes the document's skeleton: page tree, pages, shared
//! resources and image XObjects. The content streams are
//! encoded by [`content`] (printpdf's per-glyph objects were too slow for a
//! whole book), and everything printpdf lacks or gets wrong is done on the
//! lopdf document it hands over (`PdfDocument::to_lopdf_document`) before
//! saving:
//!
//! - fonts ([`fonts`]): printpdf subsets only with its heavy `text_layout`
//!   feature (azul) and keeps one ToUnicode entry per glyph, so one glyph
//!   could not stand for two texts (a hyphen ending a line after a word's
//!   own hyphen, say, and one inside it). Here every distinct (glyph, text) pair gets its own CID
//!   ([`codes`]); the font is a Type0/CIDFontType2 subset (allsorts) with a
//!   `CIDToGIDMap`, exact `/W` widths and a ToUnicode CMap;
//! - page boxes: printpdf writes boxes as `[x y w h]`; [`pdfx::Sheet`] sets
//!   them — the trim alone in the reader's PDF; trim + bleed + slug, with
//!   crop marks in the registration colour, in the print file;
//! - the logical structure ([`structure`]): the structure tree of the
//!   elements compose recorded, the content streams' marked content mapped
//!   to them, a Link element per link annotation — a tagged PDF, its
//!   objects written straight as bytes;
//! - the nested outline ([`outline`]), `/PageLabels` ([`labels`]), and the
//!   document information, `/Lang`, fixed dates and a content-derived `/ID`
//!   ([`metadata`], [`xmp`]); link annotations, written straight as bytes
//!   ([`links`]);
//! - the print file ([`Edition::Print`]) is PDF/X-4 ([`pdfx`]): no
//!   annotations, every colour grey, the press's output intent; so is the
//!   cover spread ([`Edition::Cover`]), in colour: its greys on the black
//!   plate, its colours in sRGB ([`content::Colours::Press`],
//!   [`pdfx::calibrate`]), fold marks beside the crop marks.
//!
//! Same input, same bytes: no clock, no random ids, maps iterated in order.

mod codes;
mod content;
mod fonts;
mod images;
mod labels;
mod links;
mod metadata;
mod outline;
mod packing;
mod standards;
mod streams;
mod structure;
mod svg;
mod tounicode;
mod xmp;

#[cfg(test)]
mod tests;

use rayon::prelude::*;

use printpdf::{PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Pt};

use codes::GlyphCodes;
use content::{Colours, PageContent};

use crate::document::Book;
use crate::error::{Error, Result};

use super::fonts::{FontBook, FontId};
use super::page::{Document, ElementId, Geometry};
use super::pdfx::{self, OutputIntent, Sheet};
use super::Edition;

pub(crate) use images::jpeg_components;
pub(crate) use metadata::Metadata;
pub(crate) use svg::{options as svg_options, parse as parse_svg};

/// Writes `document` as the PDF bytes of `edition`; `book` supplies the metadata.
pub fn write(document: &Document, fonts: &FontBook, book: &Book, edition: Edition) -> Result<Vec<u8>> {
    write_pdf(document, fonts, &Metadata::from_book(book), edition)
}

/// Where the writer gets font programs from (the [`FontBook`] in a build).
pub(crate) trait FontFiles {
    /// The TrueType file's bytes.
    fn data(&self, font: FontId) -> &[u8];
    /// The PostScript name, for `/BaseFont`.
    fn postscript_name(&self, font: FontId) -> &str;
}

impl FontFiles for FontBook {
    fn data(&self, font: FontId) -> &[u8] {
        FontBook::data(self, font)
    }

    fn postscript_name(&self, font: FontId) -> &str {
        FontBook::postscript_name(self, font)
    }
}

/// The whole pipeline: pages with printpdf, then the lopdf finishing passes.
pub(crate) fn write_pdf(
    document: &Document,
    fonts: &dyn FontFiles,
    meta: &Metadata,
    edition: Edition,
) -> Result<Vec<u8>> {
    let space = Space::new(document.geometry, edition);
    let mut codes = codes::GlyphCodes::new(fonts);
    let (pdf, contents, svg_resources) = draft(document, &space, &mut codes, &meta.title, edition)?;
    let mut doc = to_lopdf(&pdf)?;
    // Its pages and images are lopdf's now: free them before the file grows.
    drop(pdf);
    let pages = page_ids(&doc, document.pages.len())?;
    attach_svg_resources(&mut doc, &pages, svg_resources)?;
    let marked: Vec<Vec<ElementId>> = contents.iter().map(|content| content.marked.clone()).collect();
    set_contents(&mut doc, &pages, contents);
    fonts::embed(&mut doc, &pages, &codes, fonts)?;
    space.sheet.set_boxes(&mut doc, &pages);
    space.sheet.draw_marks(&mut doc, &pages);
    // Print files (the interior's, the cover) have no interactive
    // annotations: PDF/X forbids them on the page.
    let interactive = edition == Edition::Reader;
    let annotations = links::add(&mut doc, &pages, &document.pages, &space, interactive)?;
    let mut written = structure::add(&mut doc, &pages, &document.structure, &marked, &annotations.on_pages);
    // The parent tree's keys: the pages', then the annotations' in page order.
    written.extend(annotations.finish(pages.len()));
    outline::add(&mut doc, &pages, &document.outline, &space)?;
    labels::add(&mut doc, document);
    metadata::add(&mut doc, meta);
    match edition {
        Edition::Reader => {
            let claimed = standards::claimable(&meta.standards, &codes);
            standards::prepare(&mut doc, &claimed);
            xmp::add(&mut doc, meta, &standards::xmp_description(&claimed));
        }
        Edition::Print(press) | Edition::Cover(press) => {
            let cover = matches!(edition, Edition::Cover(_));
            if cover {
                pdfx::calibrate(&mut doc, &pages);
            }
            pdfx::declare(&mut doc);
            OutputIntent::press(press).add(&mut doc);
            let part = if cover { "cover" } else { "print" };
            let (document_id, instance_id) = meta.print_ids(part);
            xmp::add(&mut doc, meta, &pdfx::xmp_description(&document_id, &instance_id));
        }
    }
    streams::save(doc, &written)
}

/// printpdf's document (pages with their links, the images) and each page's
/// content stream.
fn draft(
    document: &Document,
    space: &Space,
    codes: &mut GlyphCodes,
    title: &str,
    edition: Edition,
) -> Result<(PdfDocument, Vec<PageContent>, Vec<SvgForm>)> {
    let mut pdf = PdfDocument::new(title);
    let colours = Colours::of(edition);
    let mut images = images::load(document, &mut pdf, colours == Colours::Grey)?;
    let svg_resources = std::mem::take(&mut images.svg_resources);
    let (width, height) = (Pt(space.media_width()).into(), Pt(space.media_height()).into());
    content::assign_codes(&document.pages, codes)?;
    let assigned = codes.assigned();
    let contents = document
        .pages
        .par_iter()
        .map(|page| content::page(page, space, assigned, &images, &document.structure, colours))
        .collect::<Result<Vec<_>>>()?;
    for _ in &document.pages {
        pdf.pages.push(PdfPage::new(width, height, Vec::new()));
    }
    Ok((pdf, contents, svg_resources))
}

/// Gives each SVG figure's form, as printpdf wrote it, its resources.
fn attach_svg_resources(doc: &mut lopdf::Document, pages: &[lopdf::ObjectId], forms: Vec<SvgForm>) -> Result<()> {
    for (name, resources) in forms {
        let form = pages.iter().find_map(|page| {
            let resources = doc.get_dictionary(*page).ok()?.get(b"Resources").ok()?;
            let resources = doc.dereference(resources).ok()?.1.as_dict().ok()?;
            let xobjects = doc.dereference(resources.get(b"XObject").ok()?).ok()?.1.as_dict().ok()?;
            xobjects.get(name.0.as_bytes()).ok()?.as_reference().ok()
        });
        let form =
            form.ok_or_else(|| Error::render("PDF", format!("printpdf did not write the SVG form {}", name.0)))?;
        resources.attach(doc, form).map_err(|message| Error::render("PDF", message))?;
    }
    Ok(())
}

/// An SVG figure's form by its XObject name, and its resources to attach.
type SvgForm = (printpdf::XObjectId, svg::SvgResources);

/// printpdf's serialisation, before saving; its errors are ours.
fn to_lopdf(pdf: &PdfDocument) -> Result<lopdf::Document> {
    let mut warnings = Vec::new();
    let doc = pdf.to_lopdf_document(&save_options(), &mut warnings);
    match warnings.iter().find(|w| w.severity == PdfParseErrorSeverity::Error) {
        Some(error) => Err(Error::render("PDF", format!("printpdf: {}", error.msg))),
        None => Ok(doc),
    }
}

fn save_options() -> PdfSaveOptions {
    PdfSaveOptions {
        // We compress, faster than lopdf's best level.
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    }
}

/// Gives each page its content stream, in the object of printpdf's empty one.
fn set_contents(doc: &mut lopdf::Document, pages: &[lopdf::ObjectId], contents: Vec<PageContent>) {
    for (page, content) in pages.iter().zip(contents) {
        let stream = lopdf::Stream::new(lopdf::Dictionary::new(), content.bytes);
        match doc.get_dictionary(*page).and_then(|d| d.get(b"Contents")).and_then(lopdf::Object::as_reference) {
            Ok(empty) => {
                doc.objects.insert(empty, stream.into());
            }
            Err(_) => {
                let id = doc.add_object(stream);
                if let Ok(page) = doc.get_dictionary_mut(*page) {
                    page.set("Contents", id);
                }
            }
        }
    }
}

/// The page objects in page order.
fn page_ids(doc: &lopdf::Document, expected: usize) -> Result<Vec<lopdf::ObjectId>> {
    let ids: Vec<_> = doc.get_pages().into_values().collect();
    if ids.len() != expected {
        return Err(Error::render("PDF", format!("printpdf wrote {} pages of {expected}", ids.len())));
    }
    Ok(ids)
}

/// The page geometry in PDF terms: composition's coordinates are points from
/// the trim box's top-left corner with y down; PDF's are from the media box's
/// bottom-left corner with y up, and the print file's media box adds the
/// bleed and the slug.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Space {
    pub sheet: Sheet,
}

impl Space {
    /// The reader's PDF is the trimmed page alone; the print file and the
    /// cover have the bleed and, with crop marks, a slug for them.
    pub fn new(geometry: Geometry, edition: Edition) -> Space {
        let Geometry { width, height, bleed, crop_marks, folds } = geometry;
        let sheet = match edition {
            Edition::Reader => Sheet { width, height, bleed: 0.0, crop_marks: false, folds: None },
            Edition::Print(_) | Edition::Cover(_) => Sheet { width, height, bleed: bleed.max(0.0), crop_marks, folds },
        };
        Space { sheet }
    }

    pub fn media_width(&self) -> f32 {
        self.sheet.media_width()
    }

    pub fn media_height(&self) -> f32 {
        self.sheet.media_height()
    }

    /// A horizontal position in PDF space.
    pub fn x(&self, x: f32) -> f32 {
        round(x + self.sheet.margin())
    }

    /// A vertical position in PDF space.
    pub fn y(&self, y: f32) -> f32 {
        round(self.sheet.height + self.sheet.margin() - y)
    }
}

/// Rounds a coordinate to 1/1000 pt: finer than any device, short in the file.
pub(crate) fn round(value: f32) -> f32 {
    (value * 1000.0).round() / 1000.0
}
