//! The XMP metadata stream (ISO 32000-1, 14.3.2): the same facts as the
//! information dictionary, in the form PDF 2.0, preflight tools and asset
//! managers read — Dublin Core title, creators, description, subjects and
//! language, the tool and the dates. Stored uncompressed, as the spec
//! recommends, so tools that do not parse PDF can still find it.

use std::fmt::Write;

use lopdf::{dictionary, Stream};

use super::metadata::{Metadata, PRODUCER};
use crate::manifest::utc_parts;

/// Adds `/Metadata` to the catalog; `more` is further `rdf:Description`s
/// (a standard's identification, [`crate::pdf::pdfx::xmp_description`]).
pub(crate) fn add(doc: &mut lopdf::Document, meta: &Metadata, more: &str) {
    let mut stream =
        Stream::new(dictionary! { "Type" => "Metadata", "Subtype" => "XML" }, packet(meta, more).into_bytes());
    stream.allows_compression = false;
    let id = doc.add_object(stream);
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Metadata", id);
    }
}

fn packet(meta: &Metadata, more: &str) -> String {
    let ((year, month, day), (hour, minute, second)) = utc_parts(meta.timestamp);
    let date = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z");
    let mut xmp = String::from(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
         <dc:format>application/pdf</dc:format>\n",
    );
    let _ = writeln!(xmp, "<dc:title>{}</dc:title>", list("Alt", [meta.title.as_str()]));
    // One entry, as `/Author` has it: PDF/A (ISO 19005-2, 6.6.2.3.1) asks
    // the two to be equivalent.
    let _ = writeln!(xmp, "<dc:creator>{}</dc:creator>", list("Seq", [meta.authors.join(", ").as_str()]));
    if let Some(subject) = meta.subject.as_deref().filter(|s| !s.trim().is_empty()) {
        let _ = writeln!(xmp, "<dc:description>{}</dc:description>", list("Alt", [subject]));
    }
    if !meta.keywords.is_empty() {
        let _ = writeln!(xmp, "<dc:subject>{}</dc:subject>", list("Bag", meta.keywords.iter().map(String::as_str)));
        let _ = writeln!(xmp, "<pdf:Keywords>{}</pdf:Keywords>", escape(&meta.keywords.join(", ")));
    }
    let _ = writeln!(xmp, "<dc:language>{}</dc:language>", list("Bag", [meta.language.as_str()]));
    let _ = writeln!(xmp, "<pdf:Producer>{}</pdf:Producer>", escape(PRODUCER));
    xmp.push_str("<xmp:CreatorTool>verstka</xmp:CreatorTool>\n");
    for key in ["CreateDate", "ModifyDate", "MetadataDate"] {
        let _ = writeln!(xmp, "<xmp:{key}>{date}</xmp:{key}>");
    }
    xmp.push_str("</rdf:Description>\n");
    xmp.push_str(more);
    xmp.push_str("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");
    xmp
}

/// An RDF container (`Alt` items are in the default language).
fn list<'a>(kind: &str, items: impl IntoIterator<Item = &'a str>) -> String {
    let language = if kind == "Alt" { " xml:lang=\"x-default\"" } else { "" };
    let items: String = items.into_iter().map(|item| format!("<rdf:li{language}>{}</rdf:li>", escape(item))).collect();
    format!("<rdf:{kind}>{items}</rdf:{kind}>")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Metadata {
        Metadata {
            title: "Память & <Zig>".to_string(),
            authors: vec!["Анна Петрова".to_string(), "John Smith".to_string()],
            subject: None,
            keywords: vec![],
            language: "ru".to_string(),
            identifier: "urn:isbn:9780000000000".to_string(),
            timestamp: 1_795_392_000 + 3661,
            standards: Vec::new(),
        }
    }

    #[test]
    fn the_packet_says_what_the_information_dictionary_says() {
        let xmp = packet(&meta(), "");
        assert!(xmp.contains("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Память &amp; &lt;Zig&gt;</rdf:li>"));
        assert!(xmp.contains("<rdf:Seq><rdf:li>Анна Петрова, John Smith</rdf:li></rdf:Seq>"));
        assert!(xmp.contains("<dc:language><rdf:Bag><rdf:li>ru</rdf:li></rdf:Bag></dc:language>"));
        assert!(xmp.contains("<xmp:CreateDate>2026-11-23T01:01:01Z</xmp:CreateDate>"));
        assert!(!xmp.contains("dc:description") && !xmp.contains("dc:subject"));
    }
}
