//! `[cover]`: the print shop's cover spread and the e-book's store cover,
//! and the checks of its values (each an error at its line).

use std::ops::RangeInclusive;
use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use super::sections::NamedFile;
use super::spans::Spans;
use crate::error::{Error, Location};

/// Bleed of the cover, in millimetres.
const BLEEDS: RangeInclusive<f32> = 0.0..=10.0;
/// The safety margin inside the trim and beside the folds, in millimetres.
const SAFETIES: RangeInclusive<f32> = 0.0..=20.0;
/// One leaf's thickness, in millimetres: from bible paper to board.
const LEAF_THICKNESSES: RangeInclusive<f32> = 0.03..=0.5;
/// What the spine adds to the text block, in millimetres.
const ALLOWANCES: RangeInclusive<f32> = 0.0..=5.0;
/// Grammages of a named paper, g/m².
const GRAMMAGES: RangeInclusive<f32> = 40.0..=200.0;

/// `[cover]`: the cover. With the table, `build` writes `NAME-cover.pdf`
/// (back, spine and front on one sheet) beside the print edition, and the
/// EPUB gets the front as its cover when `[epub] cover` is not set.
#[derive(Debug, Clone)]
pub struct CoverConfig {
    /// The front: a PNG or JPEG image of the trim size plus the bleed.
    /// Default: a typographic front set from the title, subtitle and authors.
    pub front: Option<NamedFile>,
    /// Text for the back, paragraphs split by blank lines. Default: none.
    pub back: Option<String>,
    /// The text on the spine. Default: the authors — the title.
    pub spine_text: Option<String>,
    /// The cover's background colour, `#RRGGBB`. Default: `#1F3A5F` (deep blue).
    pub background: String,
    /// The colour of the cover's text, `#RRGGBB`. Default: `#FFFFFF`.
    pub color: String,
    /// The paper of the interior: `"<g>gsm-offset"` (uncoated) or
    /// `"<g>gsm-coated"`. Default: `"80gsm-offset"`.
    pub paper: String,
    /// One leaf's thickness (two pages) in millimetres; set instead of `paper`
    /// when the print shop gives the caliper.
    pub paper_thickness: Option<f32>,
    /// Added to the text block's thickness for the cover's own wrap, mm. Default: 0.5.
    pub spine_allowance: f32,
    /// Bleed on every side, millimetres. Default: 3.
    pub bleed: f32,
    /// Nothing but background this close to the trim and the folds, mm. Default: 5.
    pub safety: f32,
    /// Draw the ISBN's EAN-13 barcode on the back when the identifier is an ISBN. Default: true.
    pub barcode: bool,
    /// Where `back` stands (else `[cover]`), for errors about the back's text.
    pub back_location: Location,
    /// Where `spine-text` stands (else `[cover]`), for warnings about the spine.
    pub spine_location: Location,
}

/// `[cover]` as written: the front still a span of the manifest's text.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawCoverConfig {
    front: Option<Spanned<PathBuf>>,
    back: Option<String>,
    spine_text: Option<String>,
    background: String,
    color: String,
    paper: Option<String>,
    paper_thickness: Option<f32>,
    spine_allowance: f32,
    bleed: f32,
    safety: f32,
    barcode: bool,
}

impl Default for RawCoverConfig {
    fn default() -> Self {
        RawCoverConfig {
            front: None,
            back: None,
            spine_text: None,
            background: "#1F3A5F".to_string(),
            color: "#FFFFFF".to_string(),
            paper: None,
            paper_thickness: None,
            spine_allowance: 0.5,
            bleed: 3.0,
            safety: 5.0,
            barcode: true,
        }
    }
}

/// The named paper when none is given.
const DEFAULT_PAPER: &str = "80gsm-offset";

impl RawCoverConfig {
    pub(super) fn resolve(self, named: impl Fn(Spanned<PathBuf>) -> NamedFile, spans: &Spans) -> CoverConfig {
        CoverConfig {
            front: self.front.map(named),
            back: self.back,
            spine_text: self.spine_text,
            background: self.background,
            color: self.color,
            paper: self.paper.unwrap_or_else(|| DEFAULT_PAPER.to_string()),
            paper_thickness: self.paper_thickness,
            spine_allowance: self.spine_allowance,
            bleed: self.bleed,
            safety: self.safety,
            barcode: self.barcode,
            back_location: spans.first_set(&["cover.back", "cover"]),
            spine_location: spans.first_set(&["cover.spine-text", "cover"]),
        }
    }
}

impl CoverConfig {
    /// One leaf's thickness in millimetres: `paper-thickness`, or the named
    /// paper's grammage times its bulk (offset 1.25 cm³/g, coated 0.9 cm³/g:
    /// 80 g/m² offset is 0.1 mm); `None` for a paper with no such name.
    pub fn leaf_thickness(&self) -> Option<f32> {
        if let Some(mm) = self.paper_thickness {
            return Some(mm);
        }
        let (grammage, kind) = self.paper.trim().split_once("gsm-")?;
        let bulk = match kind {
            "offset" => 1.25,
            "coated" => 0.9,
            _ => return None,
        };
        let grammage: f32 = grammage.parse().ok().filter(|g| GRAMMAGES.contains(g))?;
        // g/m² × cm³/g = µm.
        Some(grammage * bulk / 1000.0)
    }

    pub fn background_rgb(&self) -> [u8; 3] {
        parse_color(&self.background).unwrap_or([0x1F, 0x3A, 0x5F])
    }

    pub fn color_rgb(&self) -> [u8; 3] {
        parse_color(&self.color).unwrap_or([0xFF; 3])
    }
}

/// `#RRGGBB` → its three bytes.
pub fn parse_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#').filter(|hex| hex.len() == 6 && hex.is_ascii())?;
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// Every problem with `[cover]`'s values, each at the value at fault.
pub(super) fn check(cover: &CoverConfig, spans: &Spans) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut out_of = |key: &str, value: f32, range: RangeInclusive<f32>, help: &str| {
        if !range.contains(&value) {
            let message = format!("`{key}` is {value} mm; use {} to {}", range.start(), range.end());
            errors.push(Error::book(spans.location(key), message).with_help(help));
        }
    };
    out_of("cover.bleed", cover.bleed, BLEEDS, "print shops ask for 3 mm, some for 5");
    out_of("cover.safety", cover.safety, SAFETIES, "print shops ask for 5 mm");
    out_of(
        "cover.spine-allowance",
        cover.spine_allowance,
        ALLOWANCES,
        "the cover's wrap around the block; ask the print shop, 0.5 mm is usual",
    );
    if let Some(mm) = cover.paper_thickness {
        out_of("cover.paper-thickness", mm, LEAF_THICKNESSES, "a leaf of 80 g/m² offset paper is 0.1 mm");
    }
    for key in ["background", "color"] {
        let value = if key == "color" { &cover.color } else { &cover.background };
        if parse_color(value).is_none() {
            errors.push(
                Error::book(
                    spans.location(&format!("cover.{key}")),
                    format!("`cover.{key}` is `{value}`, not a colour"),
                )
                .with_help("write a colour as #RRGGBB, e.g. \"#1F3A5F\""),
            );
        }
    }
    let paper_set = spans.is_set("cover.paper");
    if paper_set && cover.paper_thickness.is_some() {
        errors.push(
            Error::book(
                spans.location("cover.paper-thickness"),
                "`cover.paper` and `cover.paper-thickness` are both set",
            )
            .with_help("keep one: the paper's name, or the thickness of one leaf the print shop gives"),
        );
    } else if cover.leaf_thickness().is_none() {
        errors.push(
            Error::book(spans.location("cover.paper"), format!("`cover.paper` is `{}`, not a paper verstka knows", cover.paper))
                .with_help("write the grammage and kind, \"80gsm-offset\" or \"115gsm-coated\" (40–200 g/m²), or set paper-thickness in mm"),
        );
    }
    errors
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn named_papers_give_their_leaf_thickness() {
        let text = "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n[[chapters]]\nfile = \"a.md\"\n[cover]\n";
        let manifest = super::super::Manifest::parse(Path::new("book"), Path::new("book/book.toml"), text).unwrap();
        let cover = manifest.cover.unwrap();
        assert_eq!(cover.spine_location.to_string(), "book/book.toml:6:1");
        assert_eq!(cover.leaf_thickness(), Some(0.1));
        let coated = CoverConfig { paper: "115gsm-coated".to_string(), ..cover.clone() };
        assert!((coated.leaf_thickness().unwrap() - 0.1035).abs() < 1e-6);
        let given = CoverConfig { paper_thickness: Some(0.12), ..cover.clone() };
        assert_eq!(given.leaf_thickness(), Some(0.12));
        for unknown in ["80gsm", "80gsm-silk", "10gsm-offset", "heavy"] {
            assert_eq!(CoverConfig { paper: unknown.to_string(), ..cover.clone() }.leaf_thickness(), None, "{unknown}");
        }
    }

    #[test]
    fn colours_are_hex_triples() {
        assert_eq!(parse_color("#1F3A5f"), Some([0x1F, 0x3A, 0x5F]));
        for bad in ["1F3A5F", "#1F3A5", "#GGGGGG", "#1F3A5F00", "#ааа"] {
            assert_eq!(parse_color(bad), None, "{bad}");
        }
    }
}
