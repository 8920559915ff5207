//! The per-stage tables of `book.toml`, each owned by the stage it configures.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use crate::error::Location;

/// `[typography]`: Russian typesetting rules over the prose.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct TypographyConfig {
    /// Apply quotes, dashes, non-breaking spaces and ellipses. Default: true.
    /// Soft hyphens are `[hyphenation]`'s business and do not depend on it.
    pub enabled: bool,
}

impl Default for TypographyConfig {
    fn default() -> Self {
        TypographyConfig { enabled: true }
    }
}

/// `[hyphenation]`: where long words may break.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct HyphenationConfig {
    /// Insert soft hyphens into prose words of six or more letters, so both
    /// editions may break them at line ends. Default: true.
    pub enabled: bool,
    /// Words hyphenated by hand, breaks marked with `-`: `["алло-ка-тор"]`;
    /// a word without `-` never breaks. Each entry is one word form, matched
    /// regardless of case.
    pub exceptions: Vec<String>,
}

impl Default for HyphenationConfig {
    fn default() -> Self {
        HyphenationConfig { enabled: true, exceptions: Vec::new() }
    }
}

/// An entry of `[hyphenation] exceptions`: `алло-ка-тор` → the word in lower
/// case (`аллокатор`) and its breaks, counted in letters from its start
/// (4, 6); `None` unless it is letters with single hyphens between them.
pub fn parse_exception(entry: &str) -> Option<(String, Vec<usize>)> {
    let parts: Vec<&str> = entry.split('-').collect();
    if parts.iter().any(|part| part.is_empty() || !part.chars().all(char::is_alphabetic)) {
        return None;
    }
    let breaks = parts
        .iter()
        .scan(0, |letters, part| {
            *letters += part.chars().count();
            Some(*letters)
        })
        .take(parts.len() - 1)
        .collect();
    Some((parts.concat().to_lowercase(), breaks))
}

/// `[highlight]`: how listings are coloured.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct HighlightConfig {
    /// Print listings in colour instead of shades of grey. Default: false.
    pub print_colors: bool,
}

/// `[epub]`: the e-book edition.
#[derive(Debug, Clone)]
pub struct EpubConfig {
    /// Embed PT Serif, PT Sans and PT Mono so every reader shows the book's fonts. Default: true.
    pub embed_fonts: bool,
    /// The cover image (JPEG, PNG, GIF or SVG), relative to the book folder:
    /// reading systems show it in their library and as the first page. Default: none.
    pub cover: Option<NamedFile>,
}

/// `[epub]` as written: the cover still a span of the manifest's text.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawEpubConfig {
    pub embed_fonts: bool,
    pub cover: Option<Spanned<PathBuf>>,
}

impl Default for RawEpubConfig {
    fn default() -> Self {
        RawEpubConfig { embed_fonts: true, cover: None }
    }
}

/// A file `book.toml` names: as written, resolved, and where it is named.
#[derive(Debug, Clone)]
pub struct NamedFile {
    /// The path as written in the manifest (relative to the book folder).
    pub file: PathBuf,
    /// The path resolved against the book folder.
    pub path: PathBuf,
    /// Where the manifest names it, for errors about the file.
    pub location: Location,
}

/// `[pdf]`: the print edition.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PdfConfig {
    /// The trimmed page: `"170x240mm"` (default), `"a4"`, `"a5"`, `"b5"`, `"6x9in"`, or `"WxH"` in mm, cm, in or pt.
    pub trim: String,
    /// Page margins in millimetres; a margin left out is proportional to the trim.
    pub margins: PdfMargins,
    /// Body text size in points. Default: 10.5.
    pub font_size: f32,
    /// Baseline-to-baseline distance of body text in points. Default: 13.
    pub leading: f32,
    /// Bleed on every side in millimetres, for the print shop (usually 3). Default: 0.
    pub bleed: f32,
    /// Draw crop marks in the bleed area. Default: false.
    pub crop_marks: bool,
    /// Extra lines for the imprint page (publisher, ISBN, copyright); paragraphs split by blank lines.
    pub imprint: Option<String>,
    /// Keywords for the PDF's document information: `["Zig", "память"]`.
    pub keywords: Vec<String>,
    /// The standards the reader's PDF declares it meets. Default: both.
    pub standards: Vec<Standard>,
}

impl Default for PdfConfig {
    fn default() -> Self {
        PdfConfig {
            trim: "170x240mm".to_string(),
            margins: PdfMargins::default(),
            font_size: 10.5,
            leading: 13.0,
            bleed: 0.0,
            crop_marks: false,
            imprint: None,
            keywords: Vec::new(),
            standards: vec![Standard::Ua1, Standard::A2a],
        }
    }
}

/// `[print]`: the print shop's file. Its presence makes `build` write the
/// print file by default; its keys have defaults, so `[print]` alone will do.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PrintConfig {
    /// The press condition the file is made for: its OutputIntent. Default: coated.
    pub press: Press,
    /// Effective resolution (pixels per inch at the placed size) under which an image is a warning. Default: 300.
    pub warn_ppi: f32,
    /// Effective resolution under which an image is an error. Default: 150.
    pub min_ppi: f32,
}

impl Default for PrintConfig {
    fn default() -> Self {
        PrintConfig { press: Press::Coated, warn_ppi: 300.0, min_ppi: 150.0 }
    }
}

/// A standard the reader's PDF can declare (`[pdf] standards`). The file is
/// tagged either way; declaring is a claim, made only for what is tested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Standard {
    /// PDF/UA-1 (ISO 14289-1): universal accessibility.
    #[serde(rename = "ua-1")]
    Ua1,
    /// PDF/A-2a (ISO 19005-2, level A): archival, tagged and accessible.
    #[serde(rename = "a-2a")]
    A2a,
}

/// A standard offset press condition (ISO 12647-2), by its paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Press {
    /// Coated art paper: FOGRA39.
    Coated,
    /// White uncoated offset paper: FOGRA29.
    Uncoated,
}

/// `[pdf.margins]`: mirrored margins in millimetres (inner is at the spine).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PdfMargins {
    /// At the spine; default 13% of the trim width (22 mm on 170 mm).
    pub inner: Option<f32>,
    /// At the fore-edge; default 10.5% of the trim width (18 mm on 170 mm).
    pub outer: Option<f32>,
    /// Above the text block (the running head sits in it); default 7.5% of the height (18 mm on 240 mm).
    pub top: Option<f32>,
    /// Below the text block; default 9.2% of the height (22 mm on 240 mm).
    pub bottom: Option<f32>,
}

/// `[check]`: what `verstka check` verifies.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckConfig {
    /// The Zig version the listings target. Default: "0.11.0".
    pub zig: String,
    /// The book's own spelling word list, relative to the book folder. Default: "dictionary.txt".
    pub dictionary: PathBuf,
    /// Check the spelling of the prose. Default: true.
    pub spelling: bool,
    /// Seconds one listing may take to compile and run its tests. Default: 10.
    pub timeout: u64,
    /// The translator's term base: a discouraged term → the preferred one,
    /// `"распределитель/K памяти" = "аллокатор"`; words may carry affix flags
    /// as in the word list. Default: none.
    pub terms: BTreeMap<String, String>,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            zig: "0.11.0".to_string(),
            dictionary: PathBuf::from("dictionary.txt"),
            spelling: true,
            timeout: 10,
            terms: BTreeMap::new(),
        }
    }
}

/// `[index]`: the subject index both editions end with.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct IndexConfig {
    /// The index's entries, one a line, relative to the book folder; no such
    /// file, no index. Default: "index.txt".
    pub file: PathBuf,
    /// The index's title. Default: «Предметный указатель», or «Index» for a
    /// book that is not Russian.
    pub title: Option<String>,
}

impl Default for IndexConfig {
    fn default() -> Self {
        IndexConfig { file: PathBuf::from("index.txt"), title: None }
    }
}
