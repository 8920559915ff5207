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
    /// Resolves `[pdf]`; a trim that is no page size is an error naming `book.toml`.
    pub fn new(manifest: &Manifest) -> Result<Layout> {
        let config = &manifest.pdf;
        let page = config.page().ok_or_else(|| {
            Error::book(Location::file(&manifest.path), format!("`pdf.trim` is `{}`, not a page size", config.trim))
        })?;
        Ok(Layout::from_page(config, page))
    }

    fn from_page(config: &PdfConfig, page: Page) -> Layout {
        let lines = page.lines(config.leading);
        Layout {
            paper: Geometry {
                width: page.width,
                height: page.height,
                bleed: config.bleed * POINTS_PER_MM,
                crop_marks: config.crop_marks,
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
    fn the_bleed_is_read_in_millimetres() {
        let config = PdfConfig { trim: "a5".to_string(), bleed: 3.0, ..PdfConfig::default() };
        let layout = Layout::from_page(&config, config.page().unwrap());
        assert!((mm(layout.paper.bleed) - 3.0).abs() < 0.05);
    }
}
