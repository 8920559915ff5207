//! Numbered captions: «Листинг 6.2. Арена на стеке» above a listing or a
//! table, below a figure — the title in bold, real text, a `Caption`
//! element — in type a point and a half below the text's. References to a
//! label lead to the top of its block.

use crate::document::{Caption, Inline};
use crate::pdf::page::Role;
use crate::pdf::paragraph::Align;

use super::blocks::{Frame, Setter};
use super::galley::{Destination, Mark, Slab};

/// Where a caption stands relative to its block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Above a listing or a table, flush left; it keeps with the block.
    Above,
    /// Below a figure, centred.
    Below,
}

/// The lines of `caption`, tagged as a `Caption` element in the open one.
pub fn caption(setter: &Setter, caption: &Caption, frame: Frame, side: Side) -> Vec<Slab> {
    let tag = setter.structure.element(Role::Caption);
    let size = (frame.size - 1.5).max(7.0);
    let caption_frame = Frame { size, leading: size * 1.25, ..frame };
    let mut style = setter.text_style(caption_frame, 0.0);
    style.hyphenate = false;
    style.align = match side {
        Side::Above => Align::Left,
        Side::Below => Align::Center,
    };
    let mut content = Vec::with_capacity(caption.content.len() + 1);
    if let Some(lead) = &caption.lead {
        content.push(Inline::Strong(vec![Inline::Text(lead.clone())]));
    }
    content.extend(caption.content.iter().cloned());
    let mut lines = setter.lines(&content, style, frame.x, tag);
    let gap = 0.4 * frame.leading;
    match side {
        Side::Above => {
            lines.iter_mut().for_each(|line| line.keep_with_next = true);
            if let Some(last) = lines.last_mut() {
                last.height += gap;
            }
        }
        Side::Below => {
            if let Some(first) = lines.first_mut() {
                first.space_before = gap;
            }
        }
    }
    if let (Side::Above, Some(first)) = (side, lines.first_mut()) {
        first.marks.extend(mark(setter, caption));
    }
    lines
}

/// The place references to `caption`'s label lead to: its block's top (the
/// caption above a listing or table, the image of a figure).
pub fn mark(setter: &Setter, caption: &Caption) -> Option<Mark> {
    let label = caption.label.clone()?;
    Some(Mark { destination: Destination::Heading(setter.chapter, label), outline: None })
}
