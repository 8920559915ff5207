//! The package metadata: Dublin Core, dates, identifier, accessibility.
//!
//! Nothing here depends on when or where the book is built: the identifier
//! is the manifest's or a name-based UUID of title and authors, and every
//! date comes from the book's timestamp or the manifest.

use chrono::{DateTime, Utc};
use epub_builder::{EpubBuilder, ZipLibrary};
use uuid::Uuid;

use super::accessibility::Holdings;
use super::escape::escaped;
use crate::document::Book;
use crate::error::{Error, Result};

/// The namespace of the identifiers verstka derives (a v5 UUID of a URL of ours).
const NAMESPACE_NAME: &str = "https://github.com/verstka/verstka/book-identifier";

/// Sets the metadata fields epub-builder has.
pub fn apply(epub: &mut EpubBuilder<ZipLibrary>, book: &Book) -> Result<()> {
    let meta = &book.manifest.book;
    epub.set_title(&meta.title);
    epub.set_authors(meta.authors.clone());
    epub.set_generator(format!("verstka {}", env!("CARGO_PKG_VERSION")));
    epub.set_toc_name(super::labels(&meta.language).contents);
    if let Some(description) = &meta.description {
        epub.add_description(description);
    }
    epub.set_uuid(package_uuid(book));
    epub.set_modified_date(utc(book.timestamp)?);
    if let Some(date) = book.manifest.date_timestamp() {
        epub.set_publication_date(utc(date)?);
    }
    Ok(())
}

/// The package's unique identifier: a v5 UUID of the manifest's identifier,
/// or of the title and authors when it has none.
pub fn package_uuid(book: &Book) -> Uuid {
    let meta = &book.manifest.book;
    let name = match &meta.identifier {
        Some(identifier) => identifier.clone(),
        None => format!("{}\n{}", meta.title, meta.authors.join("\n")),
    };
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, NAMESPACE_NAME.as_bytes());
    Uuid::new_v5(&namespace, name.as_bytes())
}

fn utc(timestamp: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp(timestamp, 0)
        .ok_or_else(|| Error::render("EPUB", format!("the timestamp {timestamp} is not a date")))
}

/// The package document with the metadata epub-builder has no field for,
/// the accessibility metadata among them. The language is among them too:
/// epub-builder would give `dc:language` the id of the first `dc:creator`,
/// which EPUBCheck rejects; and so is the package's own `xml:lang`, which
/// accessibility checkers ask for.
pub fn complete_opf(opf: &str, book: &Book, holdings: &Holdings) -> String {
    let extra = extra_metadata(book, holdings);
    let package = "<package version=\"3.0\"";
    let language = format!("{package} xml:lang=\"{}\"", escaped(&book.manifest.book.language));
    opf.replacen(package, &language, 1).replacen("  </metadata>", &format!("{extra}  </metadata>"), 1)
}

fn extra_metadata(book: &Book, holdings: &Holdings) -> String {
    let meta = &book.manifest.book;
    let mut lines = vec![format!("<dc:language>{}</dc:language>", escaped(&meta.language))];
    if let Some(identifier) = &meta.identifier {
        lines.push(format!("<dc:identifier id=\"manifest-identifier\">{}</dc:identifier>", escaped(identifier)));
    }
    for (n, translator) in meta.translators.iter().enumerate() {
        lines.push(format!("<dc:contributor id=\"translator-{n}\">{}</dc:contributor>", escaped(translator)));
        lines.push(format!("<meta refines=\"#translator-{n}\" property=\"role\" scheme=\"marc:relators\">trl</meta>"));
    }
    // Where the page list's page numbers come from, as EPUB 3.2 names it
    // (EPUBCheck 4 knows no `a11y:pageBreakSource`, its EPUB 3.3 successor).
    if let Some(source) = super::accessibility::page_break_source(book, holdings) {
        lines.push(format!("<dc:source id=\"print-edition\">{}</dc:source>", escaped(&source)));
        lines.push("<meta refines=\"#print-edition\" property=\"source-of\">pagination</meta>".to_string());
    }
    lines.extend(
        super::accessibility::properties(book, holdings)
            .into_iter()
            .map(|(property, value)| format!("<meta property=\"{property}\">{}</meta>", escaped(&value))),
    );
    lines.iter().map(|line| format!("    {line}\n")).collect()
}
