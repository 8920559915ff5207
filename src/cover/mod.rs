//! The cover: the print shop's cover spread and the e-book's store cover.
//!
//! ```text
//! [cover] + interior page count ─► spread ─► design ─► pdf writer ─► NAME-cover.pdf
//!                                  (spine    (front,    (one page: PDF/X-4, slug,
//!                                   width)    back,      crop and fold marks)
//!                                             spine, barcode)
//! [cover] ─► design::front ─► raster ─► the EPUB's cover image (PNG)
//! ```
//!
//! - [`spread`]: the sheet's geometry; the spine is `⌈pages / 2⌉ × leaf +
//!   allowance` from the interior laid out in the same build;
//! - [`design`]: the typographic front, the back's text, the spine's line,
//!   as page items (the same front goes into the PDF and the PNG);
//! - [`barcode`]: the ISBN's EAN-13 symbol as vector bars and digits;
//! - [`raster`]: page items → pixels (tiny-skia), for the store cover.
//!
//! The PDF writer makes the spread a print shop's file as it makes the
//! interior's print file ([`Edition::Cover`]): PDF/X-4 for `[print] press`,
//! the sheet's boxes and marks ([`crate::pdf::pdfx::Sheet`] with the
//! spine's folds), the colours in sRGB for the RIP, black on the black plate.
//!
//! Input: the finished [`Book`] (its manifest's `[book]`, `[pdf]` trim and
//! `[cover]`) and, for the spread, the interior's page count. Output: PDF
//! or PNG bytes, and warnings for what had to be left out.

pub mod barcode;
pub mod design;
mod raster;
pub mod spread;

use crate::diagnostic::{Category, Diagnostic};
use crate::document::Book;
use crate::error::{Error, Location, Result};
use crate::manifest::{
    CoverConfig, ImageFormat, ImageProbe, Isbn, IsbnReading, NamedFile, Page as Trim, POINTS_PER_MM,
};
use crate::pdf::fonts::FontBook;
use crate::pdf::page::{Color, Document, Geometry, Item, Page, Tag};
use crate::pdf::pdfx::Sheet;
use crate::pdf::writer::{write_pdf, Metadata};
use crate::pdf::Edition;

use design::Panel;
use spread::Spread;

/// The store cover's height in pixels (stores ask for 1600 × 2560; the
/// width follows the trim's proportions).
pub const STORE_HEIGHT: u32 = 2560;
/// The front image's resolution print shops ask for, pixels per inch.
const PRINT_PPI: f32 = 300.0;

/// A rendered cover spread.
#[derive(Debug)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub warnings: Vec<Diagnostic>,
}

/// The cover spread for an interior of `pages` pages, as PDF bytes.
pub fn render(book: &Book, pages: usize) -> Result<Rendered> {
    let (config, trim) = settings(book)?;
    let fonts = FontBook::load(&book.manifest)?;
    let spread = Spread::new(config, &trim, pages);
    let (page, warnings) = spread_page(book, config, &spread, &fonts)?;
    let Sheet { width, height, bleed, crop_marks, folds } = spread.sheet();
    let document = Document {
        geometry: Geometry { width, height, bleed, crop_marks, folds },
        pages: vec![page],
        ..Document::default()
    };
    let mut meta = Metadata::from_book(book);
    meta.title =
        format!("{} — {}", meta.title, if book.manifest.book.language.starts_with("ru") { "обложка" } else { "cover" });
    let bytes = write_pdf(&document, &fonts, &meta, Edition::Cover(book.manifest.print_config().press))?;
    Ok(Rendered { bytes, warnings })
}

/// A warning about the cover: something it had to do without, and what to do.
fn cover_warning(location: Location, message: String, help: impl Into<String>) -> Diagnostic {
    Diagnostic::warning(Category::Cover, location, message).with_help(help)
}

/// The cover's settings and the interior's trim.
fn settings(book: &Book) -> Result<(&CoverConfig, Trim)> {
    let manifest = &book.manifest;
    let config = manifest.cover.as_ref().ok_or_else(|| Error::render("cover", "the book has no [cover]"))?;
    let trim = manifest.pdf.page().ok_or_else(|| Error::render("cover", "the trim is no page size"))?;
    Ok((config, trim))
}

/// The spread's one page: background, back, spine and front.
fn spread_page(
    book: &Book,
    config: &CoverConfig,
    spread: &Spread,
    fonts: &FontBook,
) -> Result<(Page, Vec<Diagnostic>)> {
    let meta = &book.manifest.book;
    let ink = Color::from_rgb8(config.color_rgb());
    let (bleed, height) = (spread.bleed, spread.height);
    let mut items = vec![Item::Rect {
        x: -bleed,
        y: -bleed,
        width: spread.width() + 2.0 * bleed,
        height: height + 2.0 * bleed,
        color: Color::from_rgb8(config.background_rgb()),
    }];
    let isbn = barcode_isbn(book, config);
    let back_text = config.back.as_deref().map(|text| (text, &config.back_location));
    let back = Panel::new(0.0, spread.panel_width, height, spread.safety);
    items.extend(design::back(fonts, back_text, isbn.as_ref().map(|(isbn, label)| (isbn, label.as_str())), back, ink)?);

    let mut warnings = Vec::new();
    match spine(book, config, spread, fonts) {
        Ok(spine) => items.extend(spine),
        Err(warning) => warnings.push(warning),
    }

    let front = Panel::new(spread.front_left(), spread.panel_width, height, spread.safety);
    match &config.front {
        Some(image) => items.push(front_image(image, book, spread)?),
        None => items.extend(design::front(fonts, meta, front, ink)),
    }
    Ok((Page { items, ..Page::default() }, warnings))
}

/// The ISBN for the barcode and its text as written, when there is to be one.
fn barcode_isbn(book: &Book, config: &CoverConfig) -> Option<(Isbn, String)> {
    let identifier = book.manifest.book.identifier.as_deref().filter(|_| config.barcode)?;
    match Isbn::read(identifier) {
        IsbnReading::Valid(isbn) => Some((isbn, identifier.trim()["urn:isbn:".len()..].to_string())),
        _ => None,
    }
}

/// The spine's line, or why it is left out.
fn spine(book: &Book, config: &CoverConfig, spread: &Spread, fonts: &FontBook) -> Result<Vec<Item>, Diagnostic> {
    let parts = spine_parts(book, config);
    let ink = Color::from_rgb8(config.color_rgb());
    design::spine(fonts, &parts, spread.spine_left(), spread.spine, spread.height, spread.safety, ink).ok_or_else(
        || {
            cover_warning(
                config.spine_location.clone(),
                format!(
                    "the spine text «{}» does not fit a spine of {:.1} mm; it is left out",
                    parts.iter().map(|(text, _)| text.as_str()).collect::<String>(),
                    spread.spine / POINTS_PER_MM
                ),
                "6 pt type needs a spine of about 5 mm; a shorter `cover.spine-text` fits a longer one".to_string(),
            )
        },
    )
}

/// The spine's text in parts, each bold or not: `spine-text` in bold, or
/// the authors, a dash and the title in bold.
fn spine_parts(book: &Book, config: &CoverConfig) -> Vec<(String, bool)> {
    let meta = &book.manifest.book;
    match &config.spine_text {
        Some(text) => vec![(text.trim().to_string(), true)],
        None => vec![(format!("{} — ", meta.authors.join(", ")), false), (meta.title.clone(), true)],
    }
}

/// The front image over the front panel and its bleed: a PNG or JPEG, or
/// an SVG (vector, drawn as the interior's SVG figures are).
fn front_image(image: &NamedFile, book: &Book, spread: &Spread) -> Result<Item> {
    let (probe, bytes) = read(image, book)?;
    let refused =
        |why: String| Error::book(image.location.clone(), format!("cover front `{}`: {why}", image.file.display()));
    match probe.format {
        ImageFormat::Jpeg if crate::pdf::writer::jpeg_components(&bytes) == Some(4) => {
            return Err(refused("a CMYK JPEG, made for one press: the spread takes RGB or grey".to_string())
                .with_help("save it as an RGB JPEG; the print shop's RIP separates it for its press"))
        }
        ImageFormat::Png | ImageFormat::Jpeg => {}
        ImageFormat::Svg => {
            crate::pdf::writer::parse_svg(&bytes, &crate::pdf::writer::svg_options()).map_err(|why| {
                refused(why)
                    .with_help("open it in a browser or Inkscape to see what is wrong, and save it as plain SVG")
            })?;
        }
        other => {
            return Err(refused(format!("the print cover takes PNG, JPEG and SVG, not {}", other.name()))
                .with_help("export the front as PNG or JPEG at 300 ppi, the trim size plus the bleed, or as SVG"))
        }
    }
    Ok(Item::Image {
        path: image.path.clone(),
        x: spread.front_left(),
        y: -spread.bleed,
        width: spread.panel_width + spread.bleed,
        height: spread.height + 2.0 * spread.bleed,
        tag: Tag::Artifact,
    })
}

/// The front image's header and bytes.
fn read(image: &NamedFile, book: &Book) -> Result<(ImageProbe, Vec<u8>)> {
    let shown = image.file.display();
    let bytes = book.manifest.files.read(&image.path).map_err(|refusal| {
        Error::book(image.location.clone(), format!("cover front `{shown}` {refusal}")).with_help(refusal.help())
    })?;
    let probe = ImageProbe::of(&bytes)
        .map_err(|why| Error::book(image.location.clone(), format!("cover front `{shown}`: {why}")))?;
    Ok((probe, bytes))
}

/// The store cover: the typographic front as a PNG of [`STORE_HEIGHT`]
/// pixels, for a book with `[cover]` and no front image.
pub fn store_cover(book: &Book) -> Result<Vec<u8>> {
    let (config, trim) = settings(book)?;
    let fonts = FontBook::load(&book.manifest)?;
    let background = Item::Rect {
        x: 0.0,
        y: 0.0,
        width: trim.width,
        height: trim.height,
        color: Color::from_rgb8(config.background_rgb()),
    };
    let panel = Panel::new(0.0, trim.width, trim.height, config.safety * POINTS_PER_MM);
    let mut items = vec![background];
    items.extend(design::front(&fonts, &book.manifest.book, panel, Color::from_rgb8(config.color_rgb())));
    let scale = STORE_HEIGHT as f32 / trim.height;
    raster::png(&items, &fonts, (trim.width * scale).round() as u32, STORE_HEIGHT, scale)
}

/// What `check` says about the cover of an interior of `pages` pages: a
/// spine too thin for its text, a front image the spread cannot take (an
/// error, as in `build`), under 300 ppi at the trim size or not of the
/// front's proportions.
pub fn check(book: &Book, pages: usize) -> Result<Vec<Diagnostic>> {
    let Ok((config, trim)) = settings(book) else { return Ok(Vec::new()) };
    let fonts = FontBook::load(&book.manifest)?;
    let spread = Spread::new(config, &trim, pages);
    let mut warnings: Vec<Diagnostic> = spine(book, config, &spread, &fonts).err().into_iter().collect();
    if let Some(image) = &config.front {
        // What the build would refuse, as its error; else what it would print badly.
        match front_image(image, book, &spread) {
            Ok(_) => warnings.extend(front_image_warnings(image, book, config, &trim)),
            Err(error) => warnings.extend(Diagnostic::from_error(&error)),
        }
    }
    Ok(warnings)
}

fn front_image_warnings(image: &NamedFile, book: &Book, config: &CoverConfig, trim: &Trim) -> Vec<Diagnostic> {
    let Ok((ImageProbe { pixels: Some((width, height)), format }, _)) = read(image, book) else { return Vec::new() };
    let bleed = config.bleed * POINTS_PER_MM;
    // The image covers the front and its bleed on three sides.
    let (inches_wide, inches_high) = ((trim.width + bleed) / 72.0, (trim.height + 2.0 * bleed) / 72.0);
    let ppi = (width as f32 / inches_wide).min(height as f32 / inches_high);
    let mut warnings = Vec::new();
    let needed = ((inches_wide * PRINT_PPI).ceil(), (inches_high * PRINT_PPI).ceil());
    // An SVG's size is its proportions; it has no pixels to lack.
    if format != ImageFormat::Svg && ppi < PRINT_PPI {
        warnings.push(cover_warning(
            image.location.clone(),
            format!(
                "cover front `{}` is {width} × {height} pixels: {ppi:.0} ppi at the trim size, under {PRINT_PPI}",
                image.file.display()
            ),
            format!("print needs {} × {} pixels (the trim plus the bleed at 300 ppi)", needed.0, needed.1),
        ));
    }
    let (wanted, given) = (inches_wide / inches_high, width as f32 / height as f32);
    if (wanted / given - 1.0).abs() > 0.02 {
        let (size, help) = if format == ImageFormat::Svg {
            let mm = |inches: f32| (inches * 25.4 * 10.0).round() / 10.0;
            ("units".to_string(), format!("make it {} × {} mm", mm(inches_wide), mm(inches_high)))
        } else {
            ("pixels".to_string(), format!("make it {} × {} pixels", needed.0, needed.1))
        };
        warnings.push(cover_warning(
            image.location.clone(),
            format!(
                "cover front `{}` is {width} × {height} {size}, not of the front's proportions: it is stretched",
                image.file.display()
            ),
            format!("{help}: the trim plus the bleed at the fore-edge, head and foot"),
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::manifest::Manifest;

    /// The fixture book with `from` in its manifest replaced by `to`.
    fn fixture(from: &str, to: &str) -> Book {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books/cover");
        let text = std::fs::read_to_string(root.join("book.toml")).unwrap().replace(from, to);
        let manifest = Manifest::parse(&root, &root.join("book.toml"), &text).unwrap();
        crate::document::load(manifest).unwrap()
    }

    /// Where an item draws, roughly: (left, top, right, bottom).
    fn extent(item: &Item) -> (f32, f32, f32, f32) {
        let advance = |run: &crate::pdf::page::TextRun| run.glyphs.iter().map(|g| g.x_advance).sum::<f32>();
        match item {
            Item::Text(run) => (run.x, run.y - 0.8 * run.size, run.x + advance(run), run.y + 0.25 * run.size),
            Item::TextDown(run) => (run.x - 0.25 * run.size, run.y, run.x + 0.8 * run.size, run.y + advance(run)),
            Item::Rect { x, y, width, height, .. } | Item::Image { x, y, width, height, .. } => {
                (*x, *y, x + width, y + height)
            }
            Item::Line { x1, y1, x2, y2, .. } => (x1.min(*x2), y1.min(*y2), x1.max(*x2), y1.max(*y2)),
        }
    }

    #[test]
    fn nothing_but_the_background_comes_near_the_trim_or_the_folds() {
        let book =
            fixture("paper = \"80gsm-offset\"", "paper-thickness = 0.5\nspine-text = \"Петрова. Аллокаторы в Zig\"");
        let (config, trim) = settings(&book).unwrap();
        let fonts = FontBook::built_in().unwrap();
        let spread = Spread::new(config, &trim, 60);
        let (page, warnings) = spread_page(&book, config, &spread, &fonts).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(page.items.iter().any(|item| matches!(item, Item::TextDown(_))), "the spine has its line");
        let (safety, fold_margin) = (spread.safety, spread::SPINE_MARGIN_MM * POINTS_PER_MM);
        let areas = [
            (safety, spread.spine_left() - safety),
            (spread.spine_left() + fold_margin, spread.front_left() - fold_margin),
            (spread.front_left() + safety, spread.width() - safety),
        ];
        // The first item is the background, over the whole bleed.
        assert_eq!(
            extent(&page.items[0]),
            (-spread.bleed, -spread.bleed, spread.width() + spread.bleed, spread.height + spread.bleed)
        );
        for item in &page.items[1..] {
            let (left, top, right, bottom) = extent(item);
            let inside = areas.iter().any(|(from, to)| left >= *from && right <= *to);
            assert!(
                inside && top >= safety && bottom <= spread.height - safety,
                "{item:?} comes within the safety margin"
            );
        }
    }

    #[test]
    fn a_back_text_longer_than_the_back_is_an_error_at_its_line() {
        let long = "Абзац о книге, который повторяется. ".repeat(400);
        let book = fixture("Книга о том,", &format!("{long}Книга о том,"));
        let error = render(&book, 40).unwrap_err().to_string();
        assert!(error.contains("book.toml:14:8: error: the back's text takes"), "{error}");
    }
}
