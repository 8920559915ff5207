//! The cover: the spread of the fixture book `cover` (an ISBN, a back text)
//! read back with lopdf — its sheet and boxes from the formula, the spine
//! following the interior's page count, crop and fold marks outside the
//! bleed, PDF/X-4 as the print file is (tests/common/pdfx.rs) in sRGB and
//! pure black, never a device RGB or grey, the same bytes from two builds,
//! the barcode decoded by zbarimg where it is installed — and the store
//! cover the EPUB gets.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use lopdf::content::Content;
use lopdf::{Document, Object};

use verstka::cover::spread::spine_mm;
use verstka::pipeline::Format;

#[path = "common/build.rs"]
mod build;

#[path = "common/pdf_text.rs"]
#[allow(dead_code, reason = "each test crate uses part of the shared reader")]
mod pdf_text;

#[path = "common/pdfx.rs"]
mod pdfx;

use pdf_text::{page_box, resolve, text_runs};

const MM: f32 = 72.0 / 25.4;
/// The fixture's trim (the default), bleed (the default) and paper (80 g/m² offset).
const TRIM_MM: (f32, f32) = (170.0, 240.0);
const BLEED_MM: f32 = 3.0;
const LEAF_MM: f32 = 0.1;
const ALLOWANCE_MM: f32 = 0.5;
/// The print file's slug past a 3 mm bleed: 1 mm of gap, 5 mm marks, 2 mm beyond.
const SLUG_MM: f32 = 8.0;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books/cover")
}

/// The interior and the cover of the book in `dir`, as lopdf reads them,
/// and the cover's bytes.
struct Printed {
    pages: usize,
    cover: Document,
    cover_bytes: Vec<u8>,
}

fn build_print(dir: &Path) -> Printed {
    let (_out, built) = build::build_book(dir, vec![Format::Pdf, Format::Cover]);
    let written: Vec<PathBuf> = built.unwrap().output.files.into_iter().map(|file| file.path).collect();
    let names: Vec<String> = written.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["allocators.pdf", "allocators-cover.pdf"]);
    let interior = Document::load_mem(&std::fs::read(&written[0]).unwrap()).unwrap();
    let cover_bytes = std::fs::read(&written[1]).unwrap();
    Printed { pages: interior.get_pages().len(), cover: Document::load_mem(&cover_bytes).unwrap(), cover_bytes }
}

/// A copy of the fixture with the chapter repeated to `chapters` chapters,
/// on `paper` (a line of `[cover]`).
fn thicker(chapters: usize, paper: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("chapters")).unwrap();
    let chapter = std::fs::read_to_string(fixture().join("chapters/01-allocators.md")).unwrap();
    let mut manifest = std::fs::read_to_string(fixture().join("book.toml")).unwrap();
    manifest = manifest.replace("paper = \"80gsm-offset\"", paper);
    for n in 2..=chapters {
        std::fs::write(dir.path().join(format!("chapters/{n:02}.md")), &chapter).unwrap();
        manifest.push_str(&format!("\n[[chapters]]\nfile = \"chapters/{n:02}.md\"\n"));
    }
    std::fs::write(dir.path().join("chapters/01-allocators.md"), &chapter).unwrap();
    std::fs::write(dir.path().join("book.toml"), manifest).unwrap();
    dir
}

/// The fixture's spread, built once for the tests that only read it.
fn fixture_cover() -> &'static Printed {
    static PRINTED: OnceLock<Printed> = OnceLock::new();
    PRINTED.get_or_init(|| build_print(&fixture()))
}

fn the_page(doc: &Document) -> (lopdf::ObjectId, &lopdf::Dictionary) {
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1, "the spread is one sheet");
    let id = pages[&1];
    (id, doc.get_dictionary(id).unwrap())
}

fn width([x0, _, x1, _]: [f32; 4]) -> f32 {
    x1 - x0
}

fn assert_close(actual: f32, expected: f32, what: &str) {
    assert!((actual - expected).abs() < 0.01, "{what}: {actual} pt, expected {expected} pt");
}

#[test]
fn the_sheet_is_two_panels_the_spine_the_bleed_and_the_slug() {
    let printed = fixture_cover();
    let (_, page) = the_page(&printed.cover);
    let spine = spine_mm(printed.pages, LEAF_MM, ALLOWANCE_MM);
    assert_eq!(spine, (printed.pages.div_ceil(2) as f32) * 0.1 + 0.5);
    let trim = 2.0 * TRIM_MM.0 + spine;
    assert_close(
        width(page_box(&printed.cover, page, b"MediaBox")),
        (trim + 2.0 * BLEED_MM + 2.0 * SLUG_MM) * MM,
        "MediaBox",
    );
    assert_close(width(page_box(&printed.cover, page, b"TrimBox")), trim * MM, "TrimBox");
    assert_close(width(page_box(&printed.cover, page, b"BleedBox")), (trim + 2.0 * BLEED_MM) * MM, "BleedBox");
    let [_, y0, _, y1] = page_box(&printed.cover, page, b"MediaBox");
    assert_close(y1 - y0, (TRIM_MM.1 + 2.0 * BLEED_MM + 2.0 * SLUG_MM) * MM, "MediaBox height");
}

#[test]
fn a_thicker_interior_makes_a_wider_spine_that_holds_its_text() {
    let thin = fixture_cover();
    let dir = thicker(12, "paper = \"80gsm-offset\"");
    let thick = build_print(dir.path());
    assert!(thick.pages > thin.pages + 10, "{} pages, then {}", thin.pages, thick.pages);
    let media = |printed: &Printed| width(page_box(&printed.cover, the_page(&printed.cover).1, b"MediaBox"));
    let wider = media(&thick) - media(thin);
    let formula = spine_mm(thick.pages, LEAF_MM, ALLOWANCE_MM) - spine_mm(thin.pages, LEAF_MM, ALLOWANCE_MM);
    assert_close(wider, formula * MM, "the spine grows by the formula");

    // A thin book's spine has no room for its text; a thick one's sets it.
    let spine_text = |printed: &Printed| {
        let (id, _) = the_page(&printed.cover);
        text_runs(&printed.cover, id).iter().any(|run| run.text.contains("Аллокаторы") && run.text.contains("Zig"))
            && text_runs(&printed.cover, id).iter().any(|run| run.text.starts_with("Анна Петрова —"))
    };
    assert!(!spine_text(thin), "a 0.8 mm spine has no text");
    let board = build_print(thicker(12, "paper-thickness = 0.5").path());
    assert!(spine_text(&board), "a spine of {} mm sets its text", spine_mm(board.pages, 0.5, ALLOWANCE_MM));
}

#[test]
fn crop_and_fold_marks_stand_outside_the_bleed_and_the_spread_is_reproducible() {
    let printed = build_print(&fixture());
    let (id, page) = the_page(&printed.cover);
    let [bx0, by0, bx1, by1] = page_box(&printed.cover, page, b"BleedBox");
    let [tx0, ty0, tx1, ty1] = page_box(&printed.cover, page, b"TrimBox");
    let marks = pdfx::marks(&printed.cover, id);
    // Four corners with two crop marks each, two folds with a mark at head and foot.
    assert_eq!(marks.len(), 8 + 4, "{marks:?}");
    for [x1, y1, x2, y2] in &marks {
        for (x, y) in [(x1, y1), (x2, y2)] {
            let outside = *x < bx0 || *x > bx1 || *y < by0 || *y > by1;
            assert!(outside, "a mark's point ({x}, {y}) is inside the bleed box");
        }
    }
    let spine = spine_mm(printed.pages, LEAF_MM, ALLOWANCE_MM);
    let folds = [tx0 + TRIM_MM.0 * MM, tx0 + (TRIM_MM.0 + spine) * MM];
    for fold in folds {
        let at_fold: Vec<_> = marks.iter().filter(|[x1, _, x2, _]| (x1 - fold).abs() < 0.01 && x1 == x2).collect();
        assert_eq!(at_fold.len(), 2, "a mark at the head and the foot of the fold at {fold}: {marks:?}");
        assert!(at_fold.iter().any(|m| m[1].max(m[3]) < ty0) && at_fold.iter().any(|m| m[1].min(m[3]) > ty1));
    }
    assert!((folds[1] - folds[0] - spine * MM).abs() < 0.01 && folds[1] < tx1);
    assert_eq!(build_print(&fixture()).cover_bytes, printed.cover_bytes, "the same bytes from two builds");
}

// ---- PDF/X-4: the checks of the print file (tests/common/pdfx.rs) ----

#[test]
fn pdfx_the_cover_is_declared_for_the_press_like_the_print_file() {
    let printed = fixture_cover();
    let doc = &printed.cover;
    pdfx::assert_header(&printed.cover_bytes);
    pdfx::assert_info_declares_the_version(doc);
    pdfx::assert_id_and_no_encryption(doc);
    pdfx::assert_output_intent(doc, "FOGRA39");
    pdfx::assert_xmp_identifies_the_standard(doc);
    pdfx::assert_nothing_interactive(doc);
    pdfx::assert_fonts_embedded(doc);
    let [[media, bleed, trim]] = pdfx::assert_boxes_nested(doc)[..] else { panic!("one page") };
    for side in 0..4 {
        assert!(((bleed[side] - trim[side]).abs() / MM - BLEED_MM).abs() < 0.01, "bleed {bleed:?} trim {trim:?}");
        assert!(((media[side] - bleed[side]).abs() / MM - SLUG_MM).abs() < 0.01, "slug {media:?} {bleed:?}");
    }
    // The cover names itself a cover, in the XMP as in the information dictionary.
    assert!(pdfx::xmp(doc).contains("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Аллокаторы в Zig — обложка"));
}

#[test]
fn pdfx_an_uncoated_press_gets_its_own_intent() {
    let dir = thicker(1, "paper = \"80gsm-offset\"");
    let manifest = std::fs::read_to_string(dir.path().join("book.toml")).unwrap();
    std::fs::write(dir.path().join("book.toml"), format!("{manifest}\n[print]\npress = \"uncoated\"\n")).unwrap();
    pdfx::assert_output_intent(&build_print(dir.path()).cover, "FOGRA29");
}

/// Where the file names a device RGB or grey colour space, other than as a
/// soft mask's (which ISO 32000 requires to be DeviceGray, and paints nothing).
fn device_colour(doc: &Document) -> Vec<String> {
    fn walk(object: &Object, path: String, found: &mut Vec<String>) {
        match object {
            Object::Name(name) if name == b"DeviceRGB" || name == b"DeviceGray" => {
                found.push(format!("{path} /{}", String::from_utf8_lossy(name)));
            }
            Object::Array(items) => items.iter().for_each(|item| walk(item, format!("{path}[]"), found)),
            Object::Dictionary(dict) => dict.iter().for_each(|(key, value)| {
                walk(value, format!("{path}/{}", String::from_utf8_lossy(key)), found);
            }),
            Object::Stream(stream) => walk(&Object::Dictionary(stream.dict.clone()), path, found),
            _ => {}
        }
    }
    let masks: Vec<lopdf::ObjectId> = doc
        .objects
        .values()
        .filter_map(|object| object.as_stream().ok()?.dict.get(b"SMask").ok()?.as_reference().ok())
        .collect();
    let mut found = Vec::new();
    for (id, object) in &doc.objects {
        if masks.contains(id) {
            let space = object.as_stream().unwrap().dict.get(b"ColorSpace").unwrap();
            assert_eq!(space.as_name().unwrap(), b"DeviceGray", "a soft mask");
            continue;
        }
        walk(object, format!("{id:?}"), &mut found);
    }
    for content in pdfx::content_streams(doc) {
        for op in Content::decode(&content).unwrap().operations {
            let names = op.operands.iter().any(|o| o.as_name().is_ok_and(|n| n == b"DeviceRGB" || n == b"DeviceGray"));
            if matches!(op.operator.as_str(), "rg" | "RG" | "g" | "G") || names {
                found.push(format!("content: {} {:?}", op.operator, op.operands));
            }
        }
    }
    found
}

#[test]
fn pdfx_no_device_rgb_or_grey_anywhere_colours_in_srgb_and_the_barcode_on_the_black_plate() {
    let doc = &fixture_cover().cover;
    assert_eq!(device_colour(doc), Vec::<String>::new());
    let (id, page) = the_page(doc);
    let spaces = pdf_text::dict(doc, pdf_text::dict(doc, page, b"Resources").unwrap(), b"ColorSpace").unwrap();
    let srgb = resolve(doc, spaces.get(b"sRGB").unwrap()).as_array().unwrap();
    assert_eq!(srgb[0].as_name().unwrap(), b"ICCBased");
    let profile = resolve(doc, &srgb[1]).as_stream().unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    let icc = profile.decompressed_content().unwrap_or_else(|_| profile.content.clone());
    assert_eq!((&icc[12..16], &icc[16..20]), (b"mntr".as_slice(), b"RGB ".as_slice()), "the sRGB display profile");

    let ops = Content::decode(&doc.get_page_content(id)).unwrap().operations;
    let colour =
        |op: &lopdf::content::Operation| -> Vec<f32> { op.operands.iter().map(|o| o.as_float().unwrap()).collect() };
    // The background (#1F3A5F) in sRGB: the RIP separates it by the intent.
    let background = ops.iter().position(|op| op.operator == "sc").expect("a colour in sRGB");
    assert_eq!(ops[background - 1].operator, "cs");
    assert_eq!(ops[background - 1].operands[0].as_name().unwrap(), b"sRGB");
    let expected = [0x1F, 0x3A, 0x5F].map(|c| (f32::from(c as u8) / 255.0 * 1000.0).round() / 1000.0);
    assert_eq!(colour(&ops[background]), expected);
    // The barcode: a white panel, then 30 bars and the digits in black on the black plate alone.
    let black = ops.iter().position(|op| op.operator == "k" && colour(op) == [0.0, 0.0, 0.0, 1.0]).expect("pure K");
    assert!(ops[..black].iter().rev().find(|op| op.operator == "k").is_some_and(|op| colour(op) == [0.0; 4]));
    let painted = ops[black + 1..].iter().take_while(|op| !matches!(op.operator.as_str(), "k" | "sc" | "cs"));
    assert_eq!(painted.filter(|op| op.operator == "re").count(), 30, "EAN-13's 30 bars");
}

#[test]
fn the_barcode_decodes_to_the_isbn() {
    let Ok(version) = Command::new("zbarimg").arg("--version").output() else {
        eprintln!("zbarimg is not installed (Debian zbar-tools): the barcode is checked by its modules only");
        return;
    };
    assert!(version.status.success());
    let printed = fixture_cover();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("cover.pdf");
    std::fs::write(&pdf, &printed.cover_bytes).unwrap();
    let png = dir.path().join("cover");
    let rendered =
        Command::new("pdftoppm").args(["-r", "600", "-gray", "-png", "-singlefile"]).arg(&pdf).arg(&png).status();
    let Ok(status) = rendered else {
        eprintln!("pdftoppm is not installed (Debian poppler-utils)");
        return;
    };
    assert!(status.success());
    let decoded = Command::new("zbarimg").args(["-q", "--raw"]).arg(dir.path().join("cover.png")).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&decoded.stdout).trim(), "9785604000038");
}

#[test]
fn the_epub_gets_the_typographic_front_at_store_size() {
    let (_out, built) = build::build_book(&fixture(), vec![Format::Epub]);
    let written = built.unwrap().output.files;
    assert_eq!(written.len(), 1, "no cover spread unless asked for");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&written[0].path).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut bytes).unwrap();
        bytes
    };
    let opf = String::from_utf8(read("OEBPS/content.opf")).unwrap();
    assert!(opf.contains("properties=\"cover-image\" id=\"cover-image\" href=\"images/cover.png\""), "{opf}");
    let page = String::from_utf8(read("OEBPS/cover.xhtml")).unwrap();
    assert!(page.contains("alt=\"Обложка: Аллокаторы в Zig — Анна Петрова\""), "{page}");
    let png = read("OEBPS/images/cover.png");
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let reader = decoder.read_info().unwrap();
    let info = reader.info();
    // 2560 px high, as wide as 170 × 240 mm is: 1813 px.
    assert_eq!((info.width, info.height), (1813, 2560));
}

/// A `width` × `height` PNG of one grey.
fn grey_png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&vec![128; (width * height) as usize]).unwrap();
    writer.finish().unwrap();
    bytes
}

#[test]
fn a_front_image_covers_the_front_and_check_warns_when_it_is_too_coarse() {
    let dir = thicker(1, "paper = \"80gsm-offset\"\nfront = \"front.png\"");
    std::fs::write(dir.path().join("front.png"), grey_png(700, 1000)).unwrap();
    let printed = build_print(dir.path());
    let (id, _) = the_page(&printed.cover);
    let images = printed.cover.get_page_images(id).unwrap();
    assert_eq!(images.len(), 1, "the front image");
    assert_eq!((images[0].width, images[0].height), (700, 1000));
    // A grey image prints on the black plate, as the interior's greys do.
    let space = resolve(&printed.cover, images[0].origin_dict.get(b"ColorSpace").unwrap()).as_array().unwrap();
    assert_eq!(
        (space[0].as_name().unwrap(), space[1].as_name().unwrap()),
        (b"Separation".as_slice(), b"Black".as_slice())
    );
    assert_eq!(device_colour(&printed.cover), Vec::<String>::new());

    let output = Command::new(env!("CARGO_BIN_EXE_verstka"))
        .args(["check", "--no-run", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let cover: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter(|value| value["category"] == "cover")
        .collect();
    let messages: Vec<&str> = cover.iter().map(|value| value["message"].as_str().unwrap()).collect();
    assert_eq!(cover.len(), 2, "{messages:?}");
    assert!(messages[0].contains("does not fit a spine of 0.8 mm"), "{messages:?}");
    // 700 px over 173 mm is 103 ppi; 2079 × 2905 px is the trim and bleed at 300 ppi.
    assert!(messages[1].contains("700 × 1000 pixels: 103 ppi at the trim size, under 300"), "{messages:?}");
    assert!(cover[1]["help"].as_str().unwrap().contains("2044 × 2906"), "{:?}", cover[1]["help"]);
    assert_eq!(cover[1]["line"], 21, "at `front`");
}

/// An RGB PNG with an alpha channel.
fn colour_png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    let mut writer = encoder.write_header().unwrap();
    let pixels: Vec<u8> =
        (0..width * height).flat_map(|i| [31, 58, (i % 256) as u8, if i % 7 == 0 { 128 } else { 255 }]).collect();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
    bytes
}

/// A front drawn in SVG: a gradient, a masked and translucent ring, type.
const SVG_FRONT: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="173mm" height="246mm" viewBox="0 0 173 246">
  <defs>
    <linearGradient id="g" x2="0" y2="1"><stop offset="0" stop-color="#0B3D2E"/><stop offset="1" stop-color="#E8A33D"/></linearGradient>
    <mask id="m"><rect width="173" height="246" fill="white"/><circle cx="86" cy="150" r="40" fill="black"/></mask>
  </defs>
  <rect width="173" height="246" fill="url(#g)"/>
  <circle cx="86" cy="150" r="60" fill="#ffffff" opacity="0.4" mask="url(#m)"/>
  <text x="20" y="60" font-family="sans-serif" font-weight="bold" font-size="18" fill="#ffffff">Аллокаторы</text>
</svg>"##;

#[test]
fn a_colour_front_in_png_or_svg_stays_in_srgb_for_the_rip() {
    let dir = thicker(1, "paper = \"80gsm-offset\"\nfront = \"front.png\"");
    std::fs::write(dir.path().join("front.png"), colour_png(64, 90)).unwrap();
    let png = build_print(dir.path());
    assert_eq!(device_colour(&png.cover), Vec::<String>::new());
    let (id, _) = the_page(&png.cover);
    let image = &png.cover.get_page_images(id).unwrap()[0];
    let space = resolve(&png.cover, image.origin_dict.get(b"ColorSpace").unwrap()).as_array().unwrap();
    assert_eq!(space[0].as_name().unwrap(), b"ICCBased");
    let profile = resolve(&png.cover, &space[1]).as_stream().unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    assert!(image.origin_dict.has(b"SMask"), "the alpha channel is a soft mask");

    let dir = thicker(1, "paper = \"80gsm-offset\"\nfront = \"front.svg\"");
    std::fs::write(dir.path().join("front.svg"), SVG_FRONT).unwrap();
    let svg = build_print(dir.path());
    assert_eq!(device_colour(&svg.cover), Vec::<String>::new());
    let forms = svg.cover.objects.values().filter_map(|object| object.as_stream().ok());
    let forms = forms.filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Form"));
    assert!(forms.count() >= 1, "the SVG is drawn as a form, in vectors");
    assert!(svg.cover.get_page_images(the_page(&svg.cover).0).unwrap().is_empty(), "no raster made of it");
    let (id, _) = the_page(&svg.cover);
    assert!(pdfx::marks(&svg.cover, id).len() == 12);
    pdfx::assert_output_intent(&svg.cover, "FOGRA39");
}

#[test]
fn a_front_the_print_cover_cannot_take_is_an_error_at_its_line_in_build_and_check() {
    for (file, bytes, expected) in [
        (
            "front.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect".as_slice(),
            "cover front `front.svg`: cannot read the SVG",
        ),
        ("front.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "the print cover takes PNG, JPEG and SVG, not GIF"),
        // SOI, an APP0 of 4 bytes, SOF0: 8 bits, 60 × 120, 4 components.
        (
            "front.jpg",
            &[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 8, 0, 60, 0, 120, 4],
            "cover front `front.jpg`: a CMYK JPEG",
        ),
    ] {
        let dir = thicker(1, &format!("paper = \"80gsm-offset\"\nfront = \"{file}\""));
        std::fs::write(dir.path().join(file), bytes).unwrap();
        let (out, built) = build::build_book(dir.path(), vec![Format::Cover]);
        let error = built.unwrap_err().to_string();
        assert!(error.contains("book.toml:21:") && error.contains(expected), "{error}");
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "nothing written");
        // `check` says what `build` would.
        let output = Command::new(env!("CARGO_BIN_EXE_verstka"))
            .args(["check", "--no-run"])
            .arg(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success() && said.contains(expected), "{said}");
    }
}
