//! The cover spread's geometry: back, spine and front side by side, the
//! spine as thick as the interior's text block.

use crate::manifest::{CoverConfig, Page, POINTS_PER_MM};
use crate::pdf::pdfx::Sheet;

/// The spine text keeps this far from each fold, in millimetres (print
/// shops ask for 1.5 to 2; the panels keep the larger safety margin).
pub const SPINE_MARGIN_MM: f32 = 1.5;

/// The spread, in points; x from the back's trim edge, y from the top trim.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// The interior's trimmed page: each panel's size.
    pub panel_width: f32,
    pub height: f32,
    /// The spine's width.
    pub spine: f32,
    pub bleed: f32,
    /// Nothing but background this close to the trim and the folds.
    pub safety: f32,
}

/// The spine's width in millimetres for an interior of `pages` pages:
/// `⌈pages / 2⌉ × leaf + allowance` — each leaf is two pages, `leaf` the
/// paper's thickness, `allowance` the cover's own wrap.
pub fn spine_mm(pages: usize, leaf: f32, allowance: f32) -> f32 {
    pages.div_ceil(2) as f32 * leaf + allowance
}

impl Spread {
    /// The spread of a cover for an interior of `pages` pages of `page`.
    pub fn new(config: &CoverConfig, page: &Page, pages: usize) -> Spread {
        let leaf = config.leaf_thickness().unwrap_or(0.1);
        Spread {
            panel_width: page.width,
            height: page.height,
            spine: spine_mm(pages, leaf, config.spine_allowance) * POINTS_PER_MM,
            bleed: config.bleed * POINTS_PER_MM,
            safety: config.safety * POINTS_PER_MM,
        }
    }

    /// The trimmed cover's width: back, spine, front.
    pub fn width(&self) -> f32 {
        2.0 * self.panel_width + self.spine
    }

    /// Where the spine begins (the back's fold).
    pub fn spine_left(&self) -> f32 {
        self.panel_width
    }

    /// Where the front begins (the front's fold).
    pub fn front_left(&self) -> f32 {
        self.panel_width + self.spine
    }

    /// The print shop's sheet: the trimmed cover, the bleed, the folds, and
    /// the slug that holds the crop and fold marks (the print file's).
    pub fn sheet(&self) -> Sheet {
        Sheet {
            width: self.width(),
            height: self.height,
            bleed: self.bleed,
            crop_marks: true,
            folds: Some([self.spine_left(), self.front_left()]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spine_counts_leaves_and_adds_the_allowance() {
        assert_eq!(spine_mm(200, 0.1, 0.5), 10.5);
        // An odd page count still takes a whole leaf.
        assert_eq!(spine_mm(201, 0.1, 0.5), spine_mm(202, 0.1, 0.5));
        assert!(spine_mm(202, 0.1, 0.5) > spine_mm(200, 0.1, 0.5));
    }
}
