//! The per-stage tables of `book.toml`, each owned by the stage it configures.

use std::path::PathBuf;

use serde::Deserialize;

/// `[typography]`: Russian typesetting rules over the prose.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct TypographyConfig {
    /// Apply quotes, dashes, non-breaking spaces and ellipses. Default: true.
    pub enabled: bool,
}

impl Default for TypographyConfig {
    fn default() -> Self {
        TypographyConfig { enabled: true }
    }
}

/// `[hyphenation]`: where long words may break.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct HyphenationConfig {
    /// Words hyphenated by hand, breaks marked with `-`: `["алло-ка-тор"]`.
    pub exceptions: Vec<String>,
}

/// `[highlight]`: how listings are coloured.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct HighlightConfig {
    /// Print listings in colour instead of shades of grey. Default: false.
    pub print_colors: bool,
}

/// `[epub]`: the e-book edition.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct EpubConfig {}

/// `[pdf]`: the print edition.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PdfConfig {}

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
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig { zig: "0.11.0".to_string(), dictionary: PathBuf::from("dictionary.txt"), spelling: true }
    }
}
