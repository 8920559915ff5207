//! Document metadata: the information dictionary (title, authors,
//! description, keywords, tool names, dates from the book's timestamp — never
//! the clock), the catalog's `/Lang`, and viewer preferences.

use lopdf::{dictionary, Object, StringFormat};

use crate::document::Book;
use crate::manifest::{utc_parts, Standard};

/// The `/Producer`: this program and the libraries writing the file.
pub(crate) const PRODUCER: &str = concat!("verstka ", env!("CARGO_PKG_VERSION"), " (printpdf 0.12, lopdf)");

/// What the writer says about the book.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Metadata {
    pub title: String,
    pub authors: Vec<String>,
    /// The book's description.
    pub subject: Option<String>,
    pub keywords: Vec<String>,
    /// BCP 47, e.g. `ru`.
    pub language: String,
    /// What names the book for good: `[book] identifier`, else its title and authors.
    pub identifier: String,
    /// Seconds since the Unix epoch, for CreationDate and ModDate.
    pub timestamp: i64,
    /// The standards to declare (the reader's PDF).
    pub standards: Vec<Standard>,
}

impl Metadata {
    pub fn from_book(book: &Book) -> Metadata {
        let meta = &book.manifest.book;
        Metadata {
            title: meta.title.clone(),
            authors: meta.authors.clone(),
            subject: meta.description.clone(),
            keywords: book.manifest.pdf.keywords.clone(),
            language: meta.language.clone(),
            identifier: meta
                .identifier
                .clone()
                .unwrap_or_else(|| format!("{}\n{}", meta.title, meta.authors.join("\n"))),
            timestamp: book.timestamp,
            standards: book.manifest.pdf.standards.clone(),
        }
    }

    /// A print shop's file's XMP `DocumentID` (the book's `part`, `print`
    /// or `cover`, whatever its version) and `InstanceID` (this build's):
    /// UUIDs derived from the identifier and the timestamp, never random.
    pub fn print_ids(&self, part: &str) -> (String, String) {
        let uuid = |name: String| format!("uuid:{}", uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes()));
        let document = format!("verstka:{part}:{}", self.identifier);
        (uuid(document.clone()), uuid(format!("{document}:{}", self.timestamp)))
    }
}

/// Writes the information dictionary and the catalog entries.
pub(crate) fn add(doc: &mut lopdf::Document, meta: &Metadata) {
    let date = Object::string_literal(pdf_date(meta.timestamp));
    let mut info = dictionary! {
        "Title" => text_string(&meta.title),
        "Author" => text_string(&meta.authors.join(", ")),
        "Creator" => text_string("verstka"),
        "Producer" => text_string(PRODUCER),
        "CreationDate" => date.clone(),
        "ModDate" => date,
    };
    if let Some(subject) = meta.subject.as_deref().filter(|s| !s.trim().is_empty()) {
        info.set("Subject", text_string(subject));
    }
    if !meta.keywords.is_empty() {
        info.set("Keywords", text_string(&meta.keywords.join(", ")));
    }
    // Replaces printpdf's (in its object), which claims a PDF/X version and
    // carries an `/Identifier` key no reader knows.
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) => {
            doc.objects.insert(id, info.into());
        }
        Err(_) => {
            let id = doc.add_object(info);
            doc.trailer.set("Info", id);
        }
    }
    doc.version = "1.7".to_string();
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Lang", Object::string_literal(meta.language.as_str()));
        catalog.set("ViewerPreferences", dictionary! { "DisplayDocTitle" => true });
    }
}

/// A PDF text string: PDFDocEncoding is ASCII-compatible, anything beyond
/// ASCII goes as UTF-16BE with a byte-order mark.
pub(crate) fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::string_literal(text);
    }
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// `D:YYYYMMDDHHmmSSZ` in UTC.
fn pdf_date(timestamp: i64) -> String {
    let (date, time) = utc_parts(timestamp);
    format!("D:{:04}{:02}{:02}{:02}{:02}{:02}Z", date.0, date.1, date.2, time.0, time.1, time.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_dates() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(315_532_800), "D:19800101000000Z");
        // 2026-11-23 (the fixture book's date) plus 13:45:07.
        let date = crate::manifest::parse_date("2026-11-23").unwrap();
        assert_eq!(pdf_date(date + 13 * 3600 + 45 * 60 + 7), "D:20261123134507Z");
        assert_eq!(pdf_date(crate::manifest::parse_date("2024-02-29").unwrap()), "D:20240229000000Z");
    }

    #[test]
    fn text_strings_are_ascii_or_utf16() {
        assert_eq!(text_string("Zig"), Object::string_literal("Zig"));
        assert_eq!(text_string("Я"), Object::String(vec![0xFE, 0xFF, 0x04, 0x2F], StringFormat::Hexadecimal));
    }
}
