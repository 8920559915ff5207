//! The EPUB edition: the finished model → an EPUB 3 file.
//!
//! Input: a [`Book`] after typography and highlighting. Output: the bytes of
//! an EPUB 3 package that EPUBCheck accepts without errors or warnings, with
//! an NCX for EPUB 2 readers, and byte-for-byte the same on every build of
//! the same input and timestamp.
//!
//! The pipeline: the book's images and contents tree → side by side,
//! epub-builder fed with metadata, stylesheet, front matter, the chapters'
//! places and images, and the chapters' and the index's XHTML documents,
//! deflated → the container repackaged with fixed dates, the metadata
//! epub-builder cannot write, the chapters, the index and the fonts
//! (deflated at compile time).

mod accessibility;
mod assets;
mod escape;
mod faces;
mod front;
mod images;
mod index;
mod listing;
mod metadata;
mod nav;
mod page_list;
mod xhtml;
mod zip;

use epub_builder::{EpubBuilder, EpubContent, EpubVersion, ReferenceType, ZipLibrary};
use rayon::prelude::*;

use crate::document::{is_russian, Book};
use crate::error::{Error, Result};
use assets::FontFace;
use images::{CoverImage, ImageSet};
use nav::NavEntry;

/// The cover page's document, when the book has a cover.
const COVER_PAGE: &str = "cover.xhtml";

/// Renders `book` as the bytes of an EPUB file.
pub fn render(book: &Book) -> Result<Vec<u8>> {
    let images = ImageSet::collect(book)?;
    let cover = cover_image(book)?;
    let faces = embedded_faces(book);
    let files: Vec<String> = (1..=book.chapters.len()).map(|n| format!("chapter-{n:02}.xhtml")).collect();
    let contents: Vec<NavEntry> =
        book.chapters.iter().zip(&files).map(|(chapter, file)| nav::chapter_entry(chapter, file)).collect();
    let (package, (chapters, index_page)) = rayon::join(
        || build_package(book, &files, &contents, &images, cover.as_ref(), &faces),
        || rayon::join(|| deflated_chapters(book, &files, &images), || deflated_index_page(book, &files)),
    );
    let mut deflated = chapters?;
    deflated.extend(index_page?);
    complete(book, &package?, &deflated, &contents, &faces)
}

/// The subject index's page, deflated as its package entry, while
/// epub-builder writes the rest. At level 2: its thousands of like links
/// shrink elevenfold there already, and the default level's last quarter
/// takes three times as long.
fn deflated_index_page(book: &Book, files: &[String]) -> Result<Option<Vec<u8>>> {
    let Some(subject) = &book.index else { return Ok(None) };
    let page = index::page(subject, &book.manifest.book.language, files, &page_list::index_markers(book));
    zip::deflated(&format!("OEBPS/{}", index::INDEX_PAGE), page.as_bytes(), Some(2)).map(Some)
}

/// The cover image: `[epub] cover`, else `[cover] front`, else, for a book
/// with `[cover]`, its typographic front rendered at store size.
fn cover_image(book: &Book) -> Result<Option<CoverImage>> {
    let manifest = &book.manifest;
    let given = manifest.epub.cover.as_ref().or(manifest.cover.as_ref().and_then(|cover| cover.front.as_ref()));
    match (given, &manifest.cover) {
        (Some(file), _) => images::cover(file, &manifest.files).map(Some),
        (None, Some(_)) => Ok(Some(images::rendered_cover(crate::cover::store_cover(book)?))),
        (None, None) => Ok(None),
    }
}

/// Whether the package has a cover image (see [`cover_image`]).
pub fn has_cover(book: &Book) -> bool {
    book.manifest.epub.cover.is_some() || book.manifest.cover.is_some()
}

/// epub-builder's package completed: the metadata and navigation it cannot
/// write, the deflated chapters in their places, the fonts, fixed dates.
fn complete(
    book: &Book,
    package: &[u8],
    chapters: &[Vec<u8>],
    contents: &[NavEntry],
    faces: &[&FontFace],
) -> Result<Vec<u8>> {
    let meta = &book.manifest.book;
    let holdings = accessibility::Holdings::of(book);
    let complete_opf = |opf: &str| assets::with_font_items(&metadata::complete_opf(opf, book, &holdings), faces);
    let labels = labels(&meta.language);
    let cover_landmark = has_cover(book).then_some((COVER_PAGE, labels.cover));
    let files: Vec<String> = contents.iter().map(|entry| entry.href.clone()).collect();
    let page_list = page_list::nav(book, &files, labels.page_list);
    let complete_nav = |nav: &str| {
        let nav = nav::complete_nav(nav, &meta.language, labels.landmarks, cover_landmark);
        nav.replacen("</body>", &format!("{page_list}</body>"), 1)
    };
    let identifier = metadata::package_uuid(book).urn().to_string();
    let complete_ncx = |ncx: &str| nav::complete_ncx(ncx, &meta.title, &identifier, contents);
    let patches: [zip::Patch; 3] =
        [("OEBPS/content.opf", &complete_opf), ("OEBPS/nav.xhtml", &complete_nav), ("OEBPS/toc.ncx", &complete_ncx)];
    let how = zip::Repackaging {
        timestamp: book.timestamp,
        patches: &patches,
        replacements: chapters,
        additions: Some((assets::FONTS_ZIP, &assets::font_entries(faces))),
    };
    zip::repackage(package, &how)
}

/// The font faces the book's pages use, or none with `embed-fonts = false`.
fn embedded_faces(book: &Book) -> Vec<&'static FontFace> {
    if book.manifest.epub.embed_fonts {
        faces::used(book)
    } else {
        Vec::new()
    }
}

/// The chapters' XHTML documents, each deflated as its package entry; side
/// by side, while epub-builder writes the rest.
fn deflated_chapters(book: &Book, files: &[String], images: &ImageSet) -> Result<Vec<Vec<u8>>> {
    book.chapters
        .par_iter()
        .zip(files)
        .enumerate()
        .map(|(index, (chapter, file))| {
            let pages: Vec<xhtml::PageBreak> = book
                .print_pages
                .iter()
                .flat_map(|map| map.chapter_starts(index).map(|(_, page, position)| (page.folio.as_str(), position)))
                .collect();
            zip::deflated(&format!("OEBPS/{file}"), xhtml::chapter(chapter, files, images, &pages)?.as_bytes(), None)
        })
        .collect()
}

/// The package as epub-builder writes it: metadata, stylesheet, front
/// matter (the cover first, if the book has one), the chapters' places
/// (their documents come later, as do the fonts) and images.
fn build_package(
    book: &Book,
    files: &[String],
    contents: &[NavEntry],
    images: &ImageSet,
    cover: Option<&CoverImage>,
    faces: &[&FontFace],
) -> Result<Vec<u8>> {
    let meta = &book.manifest.book;
    let labels = labels(&meta.language);
    let mut epub = EpubBuilder::new(ZipLibrary::new().map_err(failed)?).map_err(failed)?;
    epub.epub_version(EpubVersion::V30);
    metadata::apply(&mut epub, book)?;
    epub.stylesheet(assets::stylesheet(faces).as_bytes()).map_err(failed)?;
    if let Some(cover) = cover {
        epub.add_cover_image(&cover.href, cover.data.as_slice(), cover.media_type).map_err(failed)?;
        let page = front::cover_page(meta, &labels, &cover.href);
        epub.add_content(EpubContent::new(COVER_PAGE, page.as_bytes()).reftype(ReferenceType::Cover))
            .map_err(failed)?;
    }
    let [title_pages, contents_pages] = page_list::front_markers(book, files);
    let title_page = front::title_page(meta, &labels, &title_pages);
    epub.add_content(EpubContent::new(page_list::TITLE_PAGE, title_page.as_bytes())).map_err(failed)?;
    let index_entry = book.index.as_ref().map(|index| NavEntry {
        href: index::INDEX_PAGE.to_string(),
        title: index.title.clone(),
        children: Vec::new(),
    });
    let contents_page =
        front::contents_page(meta, &labels, &[contents, index_entry.as_slice()].concat(), &contents_pages);
    epub.add_content(
        EpubContent::new(page_list::CONTENTS_PAGE, contents_page.as_bytes())
            .title(labels.contents)
            .reftype(ReferenceType::Toc),
    )
    .map_err(failed)?;
    for (n, entry) in contents.iter().enumerate() {
        let mut content = EpubContent::new(entry.href.as_str(), [].as_slice()).title(entry.title.as_str());
        content = entry.children.iter().fold(content, |content, child| content.child(child.toc_element()));
        if n == 0 {
            content = content.reftype(ReferenceType::Text);
        }
        epub.add_content(content).map_err(failed)?;
    }
    if let Some(entry) = &index_entry {
        let content = EpubContent::new(index::INDEX_PAGE, [].as_slice()).title(entry.title.as_str());
        epub.add_content(content.reftype(ReferenceType::Index)).map_err(failed)?;
    }
    for image in images.images() {
        let data = read_book_file(book, &image.path)?;
        epub.add_resource(&image.href, data.as_slice(), image.media_type).map_err(failed)?;
    }
    let mut bytes = Vec::new();
    epub.generate(&mut bytes).map_err(failed)?;
    Ok(bytes)
}

/// An image the document stage found, read again through the book's confinement.
fn read_book_file(book: &Book, path: &std::path::Path) -> Result<Vec<u8>> {
    book.manifest.files.read(path).map_err(|refusal| Error::render("EPUB", format!("{}: {refusal}", path.display())))
}

fn failed(error: epub_builder::Error) -> Error {
    Error::render("EPUB", error)
}

/// The words the package itself writes, in the book's language.
pub struct Labels {
    pub cover: &'static str,
    pub contents: &'static str,
    pub landmarks: &'static str,
    pub translation: &'static str,
    pub page_list: &'static str,
}

/// Russian labels for Russian books, English ones for every other language.
fn labels(language: &str) -> Labels {
    if is_russian(language) {
        Labels {
            cover: "Обложка",
            contents: "Оглавление",
            landmarks: "Ориентиры",
            translation: "Перевод",
            page_list: "Страницы печатного издания",
        }
    } else {
        Labels {
            cover: "Cover",
            contents: "Contents",
            landmarks: "Landmarks",
            translation: "Translated by",
            page_list: "Pages of the print edition",
        }
    }
}
