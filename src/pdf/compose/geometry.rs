//! Page geometry from `[pdf]`: the trim, mirrored margins, the text block and
//! the body type size, all in points.

use crate::error::{Error, Location, Result};
use crate::manifest::{Manifest, PdfConfig};
use crate::pdf::page::Geometry;

const POINTS_PER_MM: f32 = 72.0 / 25.4;

/// Where text may go on a page, resolved once from the manifest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    /// The paper: trim, bleed, crop marks.
    pub paper: Geometry,
    /// Margin at the spine.
    pub inner: f32,
    /// Margin at the fore-edge.
    pub outer: f32,
    /// From the trim's top to the text block's top.
    pub top: f32,
    /// The text block's width.
    pub measure: f32,
    /// The text block's height: a whole number of body lines.
    pub height: f32,
    /// Body type size in points.
    pub font_size: f32,
    /// Body baseline-to-baseline distance in points.
    pub leading: f32,
}

impl Layout {
    /// Resolves `[pdf]`; an impossible page is an error naming `book.toml`.
    pub fn new(manifest: &Manifest) -> Result<Layout> {
        let config = &manifest.pdf;
        let invalid =
            |message: String, help: &str| Error::book(Location::file(&manifest.path), message).with_help(help);
        let (width, height) = parse_trim(&config.trim).ok_or_else(|| {
            invalid(
                format!("`pdf.trim` is `{}`, not a page size", config.trim),
                "write a named size (a4, a5, b5) or width x height with a unit: \"170x240mm\", \"6x9in\"",
            )
        })?;
        Layout::from_config(config, width, height).map_err(|message| invalid(message, "see the README's «[pdf]»"))
    }

    fn from_config(config: &PdfConfig, width: f32, height: f32) -> Result<Layout, String> {
        let margin = |value: Option<f32>, share: f32, of: f32| value.map_or(share * of, |mm| mm * POINTS_PER_MM);
        let inner = margin(config.margins.inner, 0.13, width);
        let outer = margin(config.margins.outer, 0.105, width);
        let top = margin(config.margins.top, 0.075, height);
        let bottom = margin(config.margins.bottom, 0.092, height);
        if !(5.0..=30.0).contains(&config.font_size) {
            return Err(format!("`pdf.font-size` is {} pt; use 5 to 30", config.font_size));
        }
        if !(config.font_size..=config.font_size * 3.0).contains(&config.leading) {
            return Err(format!("`pdf.leading` is {} pt; use the font size up to three times it", config.leading));
        }
        if !(0.0..=10.0).contains(&config.bleed) {
            return Err(format!("`pdf.bleed` is {} mm; use 0 to 10 (print shops ask for 3)", config.bleed));
        }
        let measure = width - inner - outer;
        let lines = ((height - top - bottom) / config.leading).floor();
        if [inner, outer, top, bottom].iter().any(|m| *m < 0.0) || measure < 20.0 * config.font_size || lines < 10.0 {
            return Err("the margins leave too little room for text".to_string());
        }
        // The text block is whole lines, so the bottom margin is what they leave.
        room_for_heads(top, height - top - lines * config.leading, config.leading)?;
        Ok(Layout {
            paper: Geometry { width, height, bleed: config.bleed * POINTS_PER_MM, crop_marks: config.crop_marks },
            inner,
            outer,
            top,
            measure,
            height: lines * config.leading,
            font_size: config.font_size,
            leading: config.leading,
        })
    }

    /// The text block's left edge: the inner margin on a recto, the outer on a verso.
    pub fn left(&self, recto: bool) -> f32 {
        if recto {
            self.inner
        } else {
            self.outer
        }
    }

    /// The text block's bottom edge.
    pub fn bottom(&self) -> f32 {
        self.top + self.height
    }
}

/// Fails unless the top and bottom margins hold the running head and an
/// opening page's folio.
fn room_for_heads(top: f32, bottom: f32, leading: f32) -> Result<(), String> {
    let (head, foot) = super::running::margins_taken(leading);
    let (name, margin, needed, what) = if top < head {
        ("top", top, head, "running head")
    } else if bottom < foot {
        ("bottom", bottom, foot, "folio below a chapter's first page")
    } else {
        return Ok(());
    };
    let mm = |points: f32| points / POINTS_PER_MM;
    Err(format!(
        "the {name} margin is {:.1} mm, too little for the {what}: set `pdf.margins.{name}` to {:.0} mm or more",
        mm(margin),
        mm(needed).ceil()
    ))
}

/// `"170x240mm"`, `"6 × 9 in"`, `"a4"` → width and height in points.
pub fn parse_trim(trim: &str) -> Option<(f32, f32)> {
    let trim = trim.trim().to_ascii_lowercase();
    let named = match trim.as_str() {
        "a4" => Some((210.0, 297.0)),
        "a5" => Some((148.0, 210.0)),
        "b5" => Some((176.0, 250.0)),
        _ => None,
    };
    if let Some((w, h)) = named {
        return Some((w * POINTS_PER_MM, h * POINTS_PER_MM));
    }
    let number = trim.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let scale = match &trim[number.len()..] {
        "mm" | "" => POINTS_PER_MM,
        "cm" => 10.0 * POINTS_PER_MM,
        "in" => 72.0,
        "pt" => 1.0,
        _ => return None,
    };
    let (w, h) = number.split_once(['x', '×'])?;
    let w: f32 = w.trim().parse().ok()?;
    let h: f32 = h.trim().parse().ok()?;
    let valid = |v: f32| v.is_finite() && v > 0.0 && v * scale <= 14_400.0;
    (valid(w) && valid(h)).then_some((w * scale, h * scale))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::PdfMargins;

    fn mm(points: f32) -> f32 {
        (points / POINTS_PER_MM * 10.0).round() / 10.0
    }

    #[test]
    fn trims_are_read_in_any_unit() {
        let size = |t| parse_trim(t).map(|(w, h)| (mm(w), mm(h)));
        assert_eq!(size("170x240mm"), Some((170.0, 240.0)));
        assert_eq!(size("170 × 240 mm"), Some((170.0, 240.0)));
        assert_eq!(size("A4"), Some((210.0, 297.0)));
        assert_eq!(size("b5"), Some((176.0, 250.0)));
        assert_eq!(size("6x9in"), Some((152.4, 228.6)));
        assert_eq!(size("17x24cm"), Some((170.0, 240.0)));
        assert_eq!(size("125x200"), Some((125.0, 200.0)));
        for bad in ["", "a3", "170mm", "0x240mm", "170x240furlongs", "-5x9in", "x9in"] {
            assert_eq!(parse_trim(bad), None, "{bad}");
        }
    }

    #[test]
    fn default_page_has_a_wider_inner_margin_and_whole_lines() {
        let config = PdfConfig::default();
        let (w, h) = parse_trim(&config.trim).unwrap();
        let layout = Layout::from_config(&config, w, h).unwrap();
        assert_eq!((mm(layout.paper.width), mm(layout.paper.height)), (170.0, 240.0));
        assert!(layout.inner > layout.outer);
        assert_eq!(layout.left(true), layout.inner);
        assert_eq!(layout.left(false), layout.outer);
        let lines = layout.height / layout.leading;
        assert_eq!(lines, lines.round());
        assert!(layout.bottom() < layout.paper.height);
        assert!((layout.measure - (w - layout.inner - layout.outer)).abs() < 1e-3);
    }

    #[test]
    fn a_bad_trim_in_book_toml_is_an_error_naming_the_key() {
        let toml = "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n[[chapters]]\nfile = \"a.md\"\n[pdf]\ntrim = \"huge\"\n";
        let manifest = Manifest::parse(".".as_ref(), "book/book.toml".as_ref(), toml).unwrap();
        let error = Layout::new(&manifest).unwrap_err();
        assert!(error.to_string().starts_with("book/book.toml: error: `pdf.trim` is `huge`"), "{error}");
        assert!(error.help().unwrap().contains("170x240mm"));
    }

    #[test]
    fn impossible_settings_are_refused() {
        let (w, h) = parse_trim("a5").unwrap();
        let mut config = PdfConfig { leading: 9.0, ..PdfConfig::default() };
        assert!(Layout::from_config(&config, w, h).unwrap_err().contains("leading"));
        config.leading = 13.0;
        config.margins.inner = Some(70.0);
        config.margins.outer = Some(70.0);
        assert!(Layout::from_config(&config, w, h).unwrap_err().contains("margins"));
        config.margins = PdfMargins { top: Some(4.0), ..Default::default() };
        assert!(Layout::from_config(&config, w, h).unwrap_err().contains("`pdf.margins.top` to 10 mm"));
        config.margins = PdfMargins { bottom: Some(5.0), ..Default::default() };
        assert!(Layout::from_config(&config, w, h).unwrap_err().contains("`pdf.margins.bottom`"));
        config.margins = Default::default();
        config.bleed = 3.0;
        let layout = Layout::from_config(&config, w, h).unwrap();
        assert!((mm(layout.paper.bleed) - 3.0).abs() < 0.05);
    }
}
