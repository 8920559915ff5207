//! Callouts (`> [!WARNING]`): a block between two rules, its title in the
//! bold sans, its text a point smaller than the text around it. A callout
//! under a third of a page is kept whole; a longer one may break, but its
//! title never ends a page and its closing rule never starts one.

use crate::document::Callout;
use crate::error::Result;
use crate::pdf::page::{Color, Item, Role};

use super::blocks::{Frame, Setter};
use super::galley::Slab;

/// The rules' thickness above and below.
const RULE: f32 = 0.6;

/// Sets `callout` in `frame`; the caller opens its element.
pub fn callout(setter: &Setter, callout: &Callout, frame: Frame) -> Result<Vec<Slab>> {
    let inner = setter.smaller(frame, 0.0);
    let gap = 0.4 * frame.leading;
    let rule = |y: f32| Item::Line {
        x1: frame.x,
        y1: y,
        x2: frame.x + frame.measure,
        y2: y,
        thickness: RULE,
        color: Color::grey(0.35),
    };
    let mut opening = Slab::new(gap);
    opening.items.push(rule(0.0));
    let style = setter.heading_style(inner.size, inner.leading, inner.measure);
    let title = setter.lines(&callout.title, style, inner.x, setter.structure.element(Role::P));
    let mut body = setter.blocks(&callout.blocks, inner)?;
    if let Some(first) = body.first_mut() {
        first.space_before = 0.25 * inner.leading;
    }
    // The opening rule and the title keep with the first line of the text.
    let kept_above = 1 + title.len();
    let mut closing = Slab::new(gap);
    closing.items.push(rule(gap));
    let mut slabs: Vec<Slab> = std::iter::once(opening).chain(title).chain(body).chain([closing]).collect();
    // Nothing of a callout's lines sits on the body's grid: it is a block apart.
    slabs.iter_mut().for_each(|slab| slab.on_grid = false);
    let height: f32 = slabs.iter().map(|slab| slab.space_before + slab.height).sum();
    let count = slabs.len();
    let whole = height < setter.layout.height / 3.0;
    for (i, slab) in slabs.iter_mut().enumerate() {
        slab.keep_with_next |= whole || i < kept_above || i + 2 == count;
    }
    if let Some(last) = slabs.last_mut() {
        last.keep_with_next = false;
    }
    Ok(slabs)
}
