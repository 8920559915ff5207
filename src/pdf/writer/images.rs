//! Images: each file the pages show becomes one image XObject, however often
//! it is drawn.
//!
//! JPEG files go in as they are (`/DCTDecode`); PNG files are decoded (png
//! crate: palettes expanded, 16 bits cut to 8) and stored as
//! Flate-compressed 8-bit samples, their alpha channel as a soft mask.
//! printpdf's own decoding would need the `image` crate.
//!
//! In the print file a colour image becomes grey, pixel by pixel, by
//! [`pdfx::luminance`] (a colour JPEG is decoded with zune-jpeg for that);
//! the reader's PDF keeps the colours.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use flate2::write::ZlibEncoder;
use flate2::Compression;
use printpdf::{DictItem, ExternalStream, ExternalXObject, PdfDocument, XObject, XObjectId};

use crate::error::{Error, Result};
use crate::manifest::{read_regular_file, ImageFormat, MAX_IMAGE_PIXELS};
use crate::pdf::page::{Document, Item};
use crate::pdf::pdfx;

/// The image XObjects of a document, by file.
pub(crate) struct Images {
    ids: BTreeMap<PathBuf, XObjectId>,
    /// The SVG forms' resources, to attach once printpdf has written them.
    pub svg_resources: Vec<(XObjectId, super::svg::SvgResources)>,
}

impl Images {
    /// The XObject drawing `path`.
    pub fn id(&self, path: &Path) -> Result<XObjectId> {
        self.ids
            .get(path)
            .cloned()
            .ok_or_else(|| Error::render("PDF", format!("{}: image was not loaded", path.display())))
    }
}

/// Reads every image the pages show and adds it to `pdf`'s resources, in
/// grey if `grey`.
pub(crate) fn load(document: &Document, pdf: &mut PdfDocument, grey: bool) -> Result<Images> {
    let mut ids = BTreeMap::new();
    let paths = document.pages.iter().flat_map(|page| &page.items).filter_map(|item| match item {
        Item::Image { path, .. } => Some(path),
        _ => None,
    });
    let mut svg_options = None;
    let mut svg_resources = Vec::new();
    for path in paths {
        if ids.contains_key(path) {
            continue;
        }
        let bytes = read_regular_file(path)
            .map_err(|refusal| Error::render("PDF", format!("image {}: {refusal}", path.display())))?;
        let failed = |message: String| Error::render("PDF", format!("{}: {message}", path.display()));
        // Names in page order, so the same pages give the same file.
        let id = XObjectId(format!("Im{}", ids.len()));
        let stream = if ImageFormat::of(&bytes) == ImageFormat::Svg {
            let form =
                super::svg::form(&bytes, svg_options.get_or_insert_with(super::svg::options), grey).map_err(failed)?;
            svg_resources.push((id.clone(), form.resources));
            form.stream
        } else {
            image_stream(&bytes, grey).map_err(failed)?
        };
        let xobject = ExternalXObject { stream, width: None, height: None, dpi: None };
        pdf.resources.xobjects.map.insert(id.clone(), XObject::External(xobject));
        ids.insert(path.clone(), id);
    }
    Ok(Images { ids, svg_resources })
}

/// An image XObject stream for the file's bytes.
fn image_stream(bytes: &[u8], grey: bool) -> std::result::Result<ExternalStream, String> {
    if bytes.starts_with(b"\x89PNG") {
        png_stream(bytes, grey)
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg_stream(bytes, grey)
    } else {
        Err("not a PNG or JPEG file; the PDF edition takes only these".to_string())
    }
}

fn png_stream(bytes: &[u8], grey: bool) -> std::result::Result<ExternalStream, String> {
    // The document stage refused images over the pixel limit by their
    // header; the decoder is held to it too (4 bytes a pixel, and slack).
    let limits = png::Limits { bytes: (MAX_IMAGE_PIXELS * 4 + (16 << 20)) as usize };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|e| format!("cannot decode the PNG: {e}"))?;
    let size = reader.output_buffer_size().ok_or("the PNG is too large")?;
    let mut pixels = vec![0; size];
    let frame = reader.next_frame(&mut pixels).map_err(|e| format!("cannot decode the PNG: {e}"))?;
    pixels.truncate(frame.buffer_size());

    let (colors, has_alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (3, true),
        png::ColorType::Indexed => return Err("cannot expand the PNG's palette".to_string()),
    };
    let (mut color, alpha) = if has_alpha { split_alpha(&pixels, colors) } else { (pixels, Vec::new()) };
    let mut colors = colors;
    if grey && colors == 3 {
        color = to_grey(&color);
        colors = 1;
    }
    let mut dict = sample_dict(frame.width, frame.height, colors)?;
    if alpha.iter().any(|a| *a != u8::MAX) {
        let mask = ExternalStream {
            dict: sample_dict(frame.width, frame.height, 1)?,
            content: deflate(&alpha)?,
            compress: false,
        };
        dict.insert("SMask".into(), DictItem::Stream { stream: mask });
    }
    Ok(ExternalStream { dict, content: deflate(&color)?, compress: false })
}

/// Separates interleaved colour and alpha samples.
fn split_alpha(pixels: &[u8], colors: usize) -> (Vec<u8>, Vec<u8>) {
    let count = pixels.len() / (colors + 1);
    let mut color = Vec::with_capacity(count * colors);
    let mut alpha = Vec::with_capacity(count);
    for pixel in pixels.chunks_exact(colors + 1) {
        color.extend_from_slice(&pixel[..colors]);
        alpha.push(pixel[colors]);
    }
    (color, alpha)
}

/// The dictionary of 8-bit, Flate-compressed image samples.
fn sample_dict(width: u32, height: u32, colors: usize) -> std::result::Result<BTreeMap<String, DictItem>, String> {
    let mut dict = image_dict(width, height, colors)?;
    dict.insert("Filter".into(), name("FlateDecode"));
    Ok(dict)
}

fn image_dict(width: u32, height: u32, colors: usize) -> std::result::Result<BTreeMap<String, DictItem>, String> {
    let space = match colors {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        _ => return Err(format!("{colors} colour channels; only grey and RGB images are supported")),
    };
    Ok(BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Image")),
        ("Width".to_string(), DictItem::Int(i64::from(width))),
        ("Height".to_string(), DictItem::Int(i64::from(height))),
        ("ColorSpace".to_string(), name(space)),
        ("BitsPerComponent".to_string(), DictItem::Int(8)),
    ]))
}

fn name(name: &str) -> DictItem {
    DictItem::Name(name.as_bytes().to_vec())
}

fn deflate(bytes: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).and_then(|()| encoder.finish()).map_err(|e| format!("cannot compress the image: {e}"))
}

/// Each RGB pixel's grey: [`pdfx::luminance`], through a table per channel
/// of linear light and one of the 4096 levels back.
fn to_grey(rgb: &[u8]) -> Vec<u8> {
    let weighted: Vec<[f32; 3]> = (0..=255u8)
        .map(|v| {
            let light = pdfx::linear(f32::from(v) / 255.0);
            [0.2126 * light, 0.7152 * light, 0.0722 * light]
        })
        .collect();
    let encoded: Vec<u8> = (0..4096u16).map(|y| (pdfx::encoded(f32::from(y) / 4095.0) * 255.0).round() as u8).collect();
    rgb.chunks_exact(3)
        .map(|p| {
            let y = weighted[usize::from(p[0])][0] + weighted[usize::from(p[1])][1] + weighted[usize::from(p[2])][2];
            encoded[((y * 4095.0).round() as usize).min(4095)]
        })
        .collect()
}

/// A JPEG goes in unchanged; its frame header gives the size and channels.
/// A colour JPEG in the print file is decoded and stored grey instead.
fn jpeg_stream(bytes: &[u8], grey: bool) -> std::result::Result<ExternalStream, String> {
    let (width, height, colors) = jpeg_frame(bytes).ok_or("cannot find the JPEG's frame header")?;
    if grey && colors == 3 {
        let options = zune_jpeg::zune_core::options::DecoderOptions::default()
            .jpeg_set_out_colorspace(zune_jpeg::zune_core::colorspace::ColorSpace::RGB);
        let mut decoder = zune_jpeg::JpegDecoder::new_with_options(bytes, options);
        let rgb = decoder.decode().map_err(|e| format!("cannot decode the JPEG: {e:?}"))?;
        let dict = sample_dict(width, height, 1)?;
        return Ok(ExternalStream { dict, content: deflate(&to_grey(&rgb))?, compress: false });
    }
    let mut dict = image_dict(width, height, colors)?;
    dict.insert("Filter".into(), name("DCTDecode"));
    Ok(ExternalStream { dict, content: bytes.to_vec(), compress: false })
}

/// A JPEG's colour components: 1 grey, 3 colour, 4 CMYK.
pub(crate) fn jpeg_components(bytes: &[u8]) -> Option<usize> {
    jpeg_frame(bytes).map(|(_, _, components)| components)
}

/// Width, height and component count from the first SOFn marker.
fn jpeg_frame(bytes: &[u8]) -> Option<(u32, u32, usize)> {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let header = bytes.get(at + 4..at + 10)?;
            let height = u32::from(u16::from_be_bytes([header[1], header[2]]));
            let width = u32::from(u16::from_be_bytes([header[3], header[4]]));
            return Some((width, height, usize::from(header[5])));
        }
        at += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_frame_header_gives_size_and_channels() {
        // SOI, an APP0 segment of 4 bytes, then SOF0: 8 bits, 60 × 120, 3 channels.
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 8, 0, 60, 0, 120, 3];
        assert_eq!(jpeg_frame(&jpeg), Some((120, 60, 3)));
        assert_eq!(jpeg_frame(&[0xFF, 0xD8, 0x00]), None);
    }

    #[test]
    fn alpha_is_split_from_colour() {
        let (color, alpha) = split_alpha(&[1, 2, 3, 255, 4, 5, 6, 0], 3);
        assert_eq!(color, [1, 2, 3, 4, 5, 6]);
        assert_eq!(alpha, [255, 0]);
    }

    fn png(width: u32, height: u32, color: png::ColorType, pixels: &[u8]) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(color);
        encoder.write_header().unwrap().write_image_data(pixels).unwrap();
        bytes
    }

    fn inflate(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(bytes), &mut out).unwrap();
        out
    }

    #[test]
    fn png_alpha_becomes_a_soft_mask() {
        let stream =
            image_stream(&png(2, 1, png::ColorType::Rgba, &[10, 20, 30, 255, 40, 50, 60, 128]), false).unwrap();
        assert_eq!(stream.dict["ColorSpace"], name("DeviceRGB"));
        assert_eq!(inflate(&stream.content), [10, 20, 30, 40, 50, 60]);
        let DictItem::Stream { stream: mask } = &stream.dict["SMask"] else { panic!("no soft mask") };
        assert_eq!(mask.dict["ColorSpace"], name("DeviceGray"));
        assert_eq!(inflate(&mask.content), [255, 128]);
    }

    #[test]
    fn opaque_grey_png_has_no_mask() {
        let stream =
            image_stream(&png(3, 1, png::ColorType::GrayscaleAlpha, &[0, 255, 128, 255, 255, 255]), false).unwrap();
        assert_eq!(stream.dict["ColorSpace"], name("DeviceGray"));
        assert_eq!(inflate(&stream.content), [0, 128, 255]);
        assert!(!stream.dict.contains_key("SMask"));
    }

    #[test]
    fn other_files_are_refused() {
        assert!(image_stream(b"GIF89a", false).unwrap_err().contains("PNG or JPEG"));
    }

    #[test]
    fn the_print_file_gets_colour_as_grey_by_luminance() {
        let pixels = [255, 0, 0, 0, 255, 0, 0, 0, 255, 128, 128, 128];
        let stream = image_stream(&png(4, 1, png::ColorType::Rgb, &pixels), true).unwrap();
        assert_eq!(stream.dict["ColorSpace"], name("DeviceGray"));
        let grey = inflate(&stream.content);
        let expected: Vec<u8> = pixels
            .chunks(3)
            .map(|p| (pdfx::luminance([p[0], p[1], p[2]].map(|c| f32::from(c) / 255.0)) * 255.0).round() as u8)
            .collect();
        for (got, want) in grey.iter().zip(&expected) {
            assert!(got.abs_diff(*want) <= 1, "{grey:?} vs {expected:?}");
        }
        assert!(grey[1] > grey[0] && grey[0] > grey[2], "green lightest, blue darkest: {grey:?}");
        assert_eq!(grey[3], 128, "grey stays grey");
    }

    #[test]
    fn a_palette_png_is_expanded() {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, 2, 1);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_palette(vec![255, 0, 0, 0, 0, 255]);
        encoder.write_header().unwrap().write_image_data(&[0, 1]).unwrap();
        let stream = image_stream(&bytes, false).unwrap();
        assert_eq!(stream.dict["ColorSpace"], name("DeviceRGB"));
        assert_eq!(inflate(&stream.content), [255, 0, 0, 0, 0, 255]);
    }
}
