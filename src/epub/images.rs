//! The images the chapters show: each file once in the package, under a
//! plain-ASCII name, with the media type its extension names.

use std::path::{Path, PathBuf};

use crate::document::{Book, Image};
use crate::error::{Error, Location, Result};
use crate::manifest::NamedFile;

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
        let (extension, media_type) = extension_and_media_type(&image.path);
        let media_type = media_type.ok_or_else(|| {
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

    /// Whether any chapter shows an image.
    pub fn is_empty(&self) -> bool {
        self.images.is_empty()
    }

    pub fn images(&self) -> &[PackagedImage] {
        &self.images
    }
}

/// The cover image of `[epub] cover` (the manifest made sure it exists),
/// packaged as `images/cover.<ext>`. A format EPUB cannot carry is an error
/// at the manifest line that names it.
pub fn cover(cover: &NamedFile) -> Result<PackagedImage> {
    let shown = cover.file.display();
    let (extension, media_type) = extension_and_media_type(&cover.path);
    let media_type = media_type.ok_or_else(|| {
        Error::book(cover.location.clone(), format!("cover image `{shown}`: EPUB readers cannot show this format"))
            .with_help("convert it to JPEG or PNG")
    })?;
    Ok(PackagedImage { path: cover.path.clone(), href: format!("images/cover.{extension}"), media_type })
}

/// The lower-case extension of an image file, and the EPUB 3 core media
/// type it names, if any.
fn extension_and_media_type(path: &Path) -> (String, Option<&'static str>) {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let media_type = match extension.as_str() {
        "png" => Some("image/png"),
        "jpg" | "jpeg" => Some("image/jpeg"),
        "gif" => Some("image/gif"),
        "svg" => Some("image/svg+xml"),
        _ => None,
    };
    (extension, media_type)
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

    fn image(path: &str) -> Image {
        Image { src: path.to_string(), path: PathBuf::from(path), alt: String::new(), title: String::new() }
    }

    #[test]
    fn each_file_is_packaged_once_under_an_ascii_name() {
        let mut set = ImageSet::default();
        let chapter = Path::new("ch.md");
        for (line, path) in ["img/Схема памяти.PNG", "img/stack.jpg", "img/Схема памяти.PNG"].iter().enumerate()
        {
            set.add(&image(path), chapter, line).unwrap();
        }
        assert_eq!(set.href(&image("img/Схема памяти.PNG")), "images/01-image.png");
        assert_eq!(set.href(&image("img/stack.jpg")), "images/02-stack.jpg");
        let images = set.images();
        assert_eq!(images.len(), 2);
        assert_eq!(images[0].media_type, "image/png");
    }

    #[test]
    fn unsupported_formats_are_errors_at_the_image() {
        let error = ImageSet::default().add(&image("a.bmp"), Path::new("ch.md"), 7).unwrap_err();
        assert!(error.to_string().starts_with("ch.md:7: error: image `a.bmp`"), "{error}");
    }
}
