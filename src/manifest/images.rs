//! What an image file of the book holds, told by its content rather than its
//! name, and whether it is small enough to decode: width and height come
//! from the header, before any pixel is decoded, so a 100 000 × 100 000 PNG
//! of a few kilobytes is refused instead of asking for 40 GB.

/// The most pixels an image may have: 50 megapixels, twice what a full
/// 170 × 240 mm page needs at 600 ppi (4016 × 5669).
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;

/// What an image file holds, told by its first bytes rather than its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Gif,
    Svg,
    Other,
}

impl ImageFormat {
    /// The format of a file that starts with `head`.
    pub fn of(head: &[u8]) -> ImageFormat {
        let text = String::from_utf8_lossy(&head[..head.len().min(1024)]);
        if head.starts_with(b"\x89PNG") {
            ImageFormat::Png
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            ImageFormat::Jpeg
        } else if head.starts_with(b"GIF8") {
            ImageFormat::Gif
        } else if text.trim_start_matches('\u{feff}').trim_start().starts_with('<') && text.contains("<svg") {
            ImageFormat::Svg
        } else {
            ImageFormat::Other
        }
    }

    /// The format's usual name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            ImageFormat::Png => "PNG",
            ImageFormat::Jpeg => "JPEG",
            ImageFormat::Gif => "GIF",
            ImageFormat::Svg => "SVG",
            ImageFormat::Other => "this format",
        }
    }
}

/// An image's format and its size in pixels (an SVG's in CSS pixels, 96
/// to the inch; none for an SVG that cannot be read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageProbe {
    pub format: ImageFormat,
    pub pixels: Option<(u32, u32)>,
}

impl ImageProbe {
    /// Reads the header of the image in `bytes`. A raster image whose header
    /// gives no size, or a size over [`MAX_IMAGE_PIXELS`], is an error saying why.
    pub fn of(bytes: &[u8]) -> Result<ImageProbe, String> {
        let format = ImageFormat::of(bytes);
        match format {
            ImageFormat::Svg => return Ok(ImageProbe { format, pixels: svg_size(bytes) }),
            ImageFormat::Other => return Ok(ImageProbe { format, pixels: None }),
            _ => {}
        }
        let size =
            imagesize::blob_size(bytes).map_err(|e| format!("its {} header cannot be read ({e})", format.name()))?;
        let (width, height) = (size.width as u64, size.height as u64);
        if width == 0 || height == 0 {
            return Err(format!("its {} header gives a size of {width} × {height} pixels", format.name()));
        }
        if width.saturating_mul(height) > MAX_IMAGE_PIXELS {
            return Err(format!(
                "it is {width} × {height} pixels, more than the {} megapixels an image may have",
                MAX_IMAGE_PIXELS / 1_000_000
            ));
        }
        Ok(ImageProbe { format, pixels: Some((width as u32, height as u32)) })
    }
}

/// An SVG's size (its `width` and `height`, else its `viewBox`), parsed
/// without reading any file it links to.
fn svg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    use svg2pdf::usvg;
    let options = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    let size = usvg::Tree::from_data(bytes, &options).ok()?.size();
    Some((size.width().round().max(1.0) as u32, size.height().round().max(1.0) as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG header (signature and IHDR) claiming `width` × `height`.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(ImageFormat::of(b"\x89PNG\r\n\x1a\n"), ImageFormat::Png);
        assert_eq!(ImageFormat::of(&[0xFF, 0xD8, 0xFF, 0xE0]), ImageFormat::Jpeg);
        assert_eq!(ImageFormat::of(b"GIF89a"), ImageFormat::Gif);
        assert_eq!(ImageFormat::of(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<svg xmlns=\"...\">"), ImageFormat::Svg);
        assert_eq!(ImageFormat::of(b"BM\x36\x00"), ImageFormat::Other);
        assert_eq!(ImageFormat::of(b"<html>no drawing</html>"), ImageFormat::Other);
    }

    #[test]
    fn sizes_come_from_the_header() {
        let probe = ImageProbe::of(&png_header(1600, 2560)).unwrap();
        assert_eq!(probe, ImageProbe { format: ImageFormat::Png, pixels: Some((1600, 2560)) });
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="480" height="200"/>"#;
        assert_eq!(ImageProbe::of(svg).unwrap(), ImageProbe { format: ImageFormat::Svg, pixels: Some((480, 200)) });
        assert_eq!(ImageProbe::of(b"<svg width=\"480").unwrap().pixels, None, "unreadable: no size");
    }

    #[test]
    fn huge_and_empty_images_are_refused_from_the_header() {
        let huge = ImageProbe::of(&png_header(100_000, 100_000)).unwrap_err();
        assert!(huge.contains("100000 × 100000 pixels, more than the 50 megapixels"), "{huge}");
        assert!(ImageProbe::of(&png_header(20_000, 20_000)).is_err());
        assert!(ImageProbe::of(&png_header(0, 10)).is_err());
        assert!(ImageProbe::of(b"\x89PNG\r\n\x1a\n").is_err(), "a header cut short");
    }
}
