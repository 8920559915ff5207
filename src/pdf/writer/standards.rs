//! The reader's PDF declares the standards `[pdf] standards` asks for —
//! PDF/UA-1 (ISO 14289-1) and PDF/A-2a (ISO 19005-2, level A) — and what
//! each needs beyond the tagged file every build writes: PDF/A's output
//! intent (sRGB, the space of every colour the writer paints) and the XMP
//! identification (`pdfuaid`, `pdfaid`, and the extension schema PDF/A asks
//! for a namespace it does not predefine, PDF/UA's).
//!
//! A claim is only made where it holds: both standards forbid drawing the
//! `.notdef` glyph and ask every drawn glyph to map to Unicode, so a page
//! with a character no font has (a warning at its line already) or a glyph
//! with no text of its own is written without the declarations.

use std::fmt::Write;

use crate::manifest::Standard;
use crate::pdf::pdfx::{OutputIntent, SRGB_PROFILE};

use super::codes::GlyphCodes;

/// The PDF/A output intent: sRGB (IEC 61966-2-1), the profile embedded.
pub(crate) const SRGB_INTENT: OutputIntent = OutputIntent {
    subtype: "GTS_PDFA1",
    identifier: "sRGB IEC61966-2.1",
    condition: "sRGB IEC61966-2.1",
    info: "sRGB IEC61966-2.1; profile sRGB.icc of icc-profiles-free (zlib)",
    registry: "http://www.color.org",
    profile: SRGB_PROFILE,
    components: 3,
};

/// The standards asked for that the file can claim: none if a glyph drawn
/// is `.notdef` or stands for no text.
pub(crate) fn claimable(asked: &[Standard], codes: &GlyphCodes) -> Vec<Standard> {
    if codes.every_glyph_has_text() {
        asked.to_vec()
    } else {
        Vec::new()
    }
}

/// Adds what the claimed standards need to the document: the output intent.
pub(crate) fn prepare(doc: &mut lopdf::Document, claimed: &[Standard]) {
    if claimed.contains(&Standard::A2a) {
        SRGB_INTENT.add(doc);
    }
}

/// The XMP `rdf:Description`s that identify the claimed standards.
pub(crate) fn xmp_description(claimed: &[Standard]) -> String {
    let mut xmp = String::new();
    let pdfa = claimed.contains(&Standard::A2a);
    if pdfa {
        xmp.push_str(
            "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n\
             <pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n\
             </rdf:Description>\n",
        );
    }
    if claimed.contains(&Standard::Ua1) {
        xmp.push_str(
            "<rdf:Description rdf:about=\"\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
             <pdfuaid:part>1</pdfuaid:part>\n</rdf:Description>\n",
        );
        if pdfa {
            xmp.push_str(&pdfua_extension_schema());
        }
    }
    xmp
}

/// PDF/A (ISO 19005-2, 6.6.2.3.3) takes XMP properties of a namespace it
/// does not predefine only with their schema described in the packet.
fn pdfua_extension_schema() -> String {
    let mut xmp = String::from(
        "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" \
         xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" \
         xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n\
         <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n",
    );
    let _ = write!(
        xmp,
        "<pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>\n\
         <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n\
         <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n\
         <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n\
         <pdfaProperty:name>part</pdfaProperty:name>\n\
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n\
         <pdfaProperty:category>internal</pdfaProperty:category>\n\
         <pdfaProperty:description>The part of ISO 14289 the file conforms to</pdfaProperty:description>\n\
         </rdf:li></rdf:Seq></pdfaSchema:property>\n"
    );
    xmp.push_str("</rdf:li></rdf:Bag></pdfaExtension:schemas>\n</rdf:Description>\n");
    xmp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_standard_is_identified_and_pdfua_described_for_pdfa() {
        let both = xmp_description(&[Standard::Ua1, Standard::A2a]);
        assert!(both.contains("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>"));
        assert!(both.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(both.contains("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"));
        let ua = xmp_description(&[Standard::Ua1]);
        assert!(ua.contains("<pdfuaid:part>1</pdfuaid:part>") && !ua.contains("pdfaid:") && !ua.contains("pdfaSchema"));
        assert!(xmp_description(&[]).is_empty());
    }

    #[test]
    fn the_pdfa_intent_is_srgb_with_three_components() {
        assert_eq!(SRGB_INTENT.components, 3);
        assert_eq!(&SRGB_INTENT.profile[36..40], b"acsp", "an ICC profile");
        assert_eq!(&SRGB_INTENT.profile[16..20], b"RGB ", "an RGB profile");
    }
}
