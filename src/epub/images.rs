//! The images the chapters show: each file once in the package, under a
//! plain-ASCII name, with the media type its extension names.

use std::path::{Path, PathBuf};

use crate::document::{Book, Image};
use crate::error::{Error, Location, Result};
use crate::manifest::{BookFiles, ImageFormat, NamedFile};

/// The images met so far, in the order they were first met.
#[derive(Default)]
pub struct ImageSet {
    images: Vec<PackagedImage>,
}

/// One image file and where it lives in the package.
pub struct PackagedImage {
    /// The file on disk.
    pub path: PathBuf,
    /// Its name in the package, relative to the content documents.
    pub href: String,
    pub media_type: &'static str,
}

impl ImageSet {
    /// Every image `book` shows, numbered in the order the book first shows
    /// them, so chapters can then be written in any order.
    pub fn collect(book: &Book) -> Result<ImageSet> {
        let mut set = ImageSet::default();
        let mut result = Ok(());
        for chapter in &book.chapters {
            chapter.for_each_image(&mut |image, line| {
                if result.is_ok() {
                    result = set.add(image, &chapter.path, line);
                }
            });
        }
        result.map(|()| set)
    }

    /// Adds `image` the first time it is met. `chapter` and `line` place the
    /// error for a format EPUB cannot carry.
    fn add(&mut self, image: &Image, chapter: &Path, line: usize) -> Result<()> {
        if self.images.iter().any(|i| i.path == image.path) {
            return Ok(());
        }
        let (extension, media_type) = extension_and_media_type(image.format).ok_or_else(|| {
            Error::book(
                Location::at(chapter, line, 0),
                format!("image `{}`: EPUB readers cannot show this format", image.src),
            )
            .with_help("convert it to PNG, JPEG, GIF or SVG")
        })?;
        let href = format!("images/{:02}-{}.{extension}", self.images.len() + 1, ascii_stem(&image.path));
        self.images.push(PackagedImage { path: image.path.clone(), href, media_type });
        Ok(())
    }

    /// The package href of `image`, one of the book's the set was collected from.
    pub fn href(&self, image: &Image) -> &str {
        self.images.iter().find(|i| i.path == image.path).map_or("", |i| i.href.as_str())
    }

    pub fn images(&self) -> &[PackagedImage] {
        &self.images
    }
}

/// The package's cover image: its bytes, where it goes and as what.
pub struct CoverImage {
    pub data: Vec<u8>,
    pub href: String,
    pub media_type: &'static str,
}

/// The cover image of `[epub] cover` or `[cover] front` (the manifest made
/// sure it is a file of the book), packaged as `images/cover.<ext>`. A
/// format EPUB cannot carry is an error at the manifest line that names it.
pub fn cover(cover: &NamedFile, files: &BookFiles) -> Result<CoverImage> {
    let shown = cover.file.display();
    let bytes = files.read(&cover.path).map_err(|refusal| {
        Error::book(cover.location.clone(), format!("cover image `{shown}` {refusal}")).with_help(refusal.help())
    })?;
    let (extension, media_type) = extension_and_media_type(ImageFormat::of(&bytes)).ok_or_else(|| {
        Error::book(cover.location.clone(), format!("cover image `{shown}`: EPUB readers cannot show this format"))
            .with_help("convert it to JPEG or PNG")
    })?;
    Ok(CoverImage { data: bytes, href: format!("images/cover.{extension}"), media_type })
}

/// A cover rendered as PNG (the typographic front of `[cover]`).
pub fn rendered_cover(png: Vec<u8>) -> CoverImage {
    CoverImage { data: png, href: "images/cover.png".to_string(), media_type: "image/png" }
}

/// The extension and EPUB 3 core media type of an image told by its
/// content (a name may lie, and EPUBCheck reads the content); `None` for a
/// format EPUB cannot carry.
fn extension_and_media_type(format: ImageFormat) -> Option<(&'static str, &'static str)> {
    match format {
        ImageFormat::Png => Some(("png", "image/png")),
        ImageFormat::Jpeg => Some(("jpg", "image/jpeg")),
        ImageFormat::Gif => Some(("gif", "image/gif")),
        ImageFormat::Svg => Some(("svg", "image/svg+xml")),
        ImageFormat::Other => None,
    }
}

/// The file stem reduced to ASCII letters, digits and hyphens.
fn ascii_stem(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
    let cleaned: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let trimmed = cleaned.trim_matches('-');
    if trimmed.is_empty() {
        "image".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An image of `format` (as its content says) at `path`.
    fn image(path: &str, format: ImageFormat) -> Image {
        let (src, path) = (path.to_string(), PathBuf::from(path));
        Image { src, path, format, pixels: Some((1, 1)), alt: String::new(), title: String::new(), caption: None }
    }

    #[test]
    fn each_file_is_packaged_once_under_an_ascii_name() {
        let mut set = ImageSet::default();
        let chapter = Path::new("ch.md");
        let (scheme, stack) = (image("img/Схема памяти.PNG", ImageFormat::Png), image("img/stack", ImageFormat::Jpeg));
        for (line, image) in [&scheme, &stack, &scheme].into_iter().enumerate() {
            set.add(image, chapter, line).unwrap();
        }
        assert_eq!(set.href(&scheme), "images/01-image.png");
        assert_eq!(set.href(&stack), "images/02-stack.jpg", "the extension says what the content is");
        let images = set.images();
        assert_eq!(images.len(), 2);
        assert_eq!((images[0].media_type, images[1].media_type), ("image/png", "image/jpeg"));
    }

    #[test]
    fn unsupported_formats_are_errors_at_the_image() {
        let error = ImageSet::default().add(&image("a.png", ImageFormat::Other), Path::new("ch.md"), 7).unwrap_err();
        assert!(error.to_string().starts_with("ch.md:7: error: image `a.png`"), "{error}");
    }
}
