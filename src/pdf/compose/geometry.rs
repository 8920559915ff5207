//! Page geometry from `[pdf]`: the trim, mirrored margins, the text block and
//! the body type size, all in points. The manifest stage resolved the page
//! and checked every number; here the text block becomes whole lines.

use crate::error::{Error, Location, Result};
use crate::manifest::{Manifest, Page, PdfConfig, POINTS_PER_MM};
use crate::pdf::page::Geometry;

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
    /// Resolves `[pdf]`; a trim that is no page size, or margins with no
    /// room for the running head or a folio, is an error naming `book.toml`.
    pub fn new(manifest: &Manifest) -> Result<Layout> {
        let config = &manifest.pdf;
        let invalid = |message: String| Error::book(Location::file(&manifest.path), message);
        let page = config.page().ok_or_else(|| invalid(format!("`pdf.trim` is `{}`, not a page size", config.trim)))?;
        let layout = Layout::from_page(config, page);
        // The text block is whole lines, so the bottom margin is what they leave.
        let bottom = layout.paper.height - layout.bottom();
        room_for_heads(layout.top, bottom, layout.leading)
            .map_err(|message| invalid(message).with_help("see the README's «[pdf]»"))?;
        Ok(layout)
    }

    fn from_page(config: &PdfConfig, page: Page) -> Layout {
        let lines = page.lines(config.leading);
        Layout {
            paper: Geometry {
                width: page.width,
                height: page.height,
                bleed: config.bleed * POINTS_PER_MM,
                crop_marks: config.crop_marks,
                folds: None,
            },
            inner: page.inner,
            outer: page.outer,
            top: page.top,
            measure: page.measure(),
            height: lines * config.leading,
            font_size: config.font_size,
            leading: config.leading,
        }
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
fn room_for_heads(top: f32, bottom: f32, leading: f32) -> std::result::Result<(), String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn mm(points: f32) -> f32 {
        (points / POINTS_PER_MM * 10.0).round() / 10.0
    }

    #[test]
    fn default_page_has_a_wider_inner_margin_and_whole_lines() {
        let config = PdfConfig::default();
        let page = config.page().unwrap();
        let layout = Layout::from_page(&config, page);
        assert_eq!((mm(layout.paper.width), mm(layout.paper.height)), (170.0, 240.0));
        assert!(layout.inner > layout.outer);
        assert_eq!(layout.left(true), layout.inner);
        assert_eq!(layout.left(false), layout.outer);
        let lines = layout.height / layout.leading;
        assert_eq!(lines, lines.round());
        assert!(layout.bottom() < layout.paper.height);
        assert!((layout.measure - (page.width - layout.inner - layout.outer)).abs() < 1e-3);
    }

    #[test]
    fn margins_too_small_for_the_heads_are_refused() {
        let toml = "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n[[chapters]]\nfile = \"a.md\"\n[pdf.margins]\n";
        let layout = |margin: &str| {
            let manifest = Manifest::parse(".".as_ref(), "book.toml".as_ref(), &format!("{toml}{margin}\n")).unwrap();
            Layout::new(&manifest).map_err(|e| e.to_string())
        };
        assert!(layout("top = 4").unwrap_err().contains("`pdf.margins.top` to 10 mm"));
        assert!(layout("bottom = 5").unwrap_err().contains("`pdf.margins.bottom`"));
        assert!(layout("top = 18").is_ok());
    }

    #[test]
    fn the_bleed_is_read_in_millimetres() {
        let config = PdfConfig { trim: "a5".to_string(), bleed: 3.0, ..PdfConfig::default() };
        let layout = Layout::from_page(&config, config.page().unwrap());
        assert!((mm(layout.paper.bleed) - 3.0).abs() < 0.05);
    }
}
