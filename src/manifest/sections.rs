//! The per-stage tables of `book.toml`, each owned by the stage it configures.

use serde::Deserialize;

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

/// `[highlight]`: how listings are coloured.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct HighlightConfig {
    /// Print listings in colour instead of shades of grey. Default: false.
    pub print_colors: bool,
}

/// `[epub]`: the e-book edition.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct EpubConfig {
    /// Embed PT Serif, PT Sans and PT Mono so every reader shows the book's fonts. Default: true.
    pub embed_fonts: bool,
}

impl Default for EpubConfig {
    fn default() -> Self {
        EpubConfig { embed_fonts: true }
    }
}

/// `[pdf]`: the print edition.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PdfConfig {}

/// `[check]`: what `verstka check` verifies.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckConfig {
    /// The Zig version the listings target.
    pub zig: String,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig { zig: "0.11.0".to_string() }
    }
}
