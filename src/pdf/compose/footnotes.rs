//! Footnotes: each note set apart as lines in a smaller size, numbered as
//! in the chapter, and placed at the foot of the page of its first
//! reference below a short rule. A note longer than the room there
//! continues at the foot of the next page, as TeX continues one.

use crate::document::{Block, BlockKind, Footnote, Inline};
use crate::error::Result;
use crate::pdf::page::{Color, Item, Role, Tag};

use super::blocks::{Frame, Setter};
use super::galley::{Destination, Mark, Slab, Target};
use super::pages::{Draft, Grid};

/// Space the separator takes above the first note: rule and gaps.
pub const SEPARATOR: f32 = 9.0;
/// The separator's length as a share of the measure.
const RULE_SHARE: f32 = 0.25;

/// Footnote `note` of the setter's chapter: its `Note` element, and its
/// lines, never empty; the first carries the note's destination.
pub fn note(setter: &Setter, note: &Footnote) -> Result<(Tag, Vec<Slab>)> {
    let body = setter.body();
    let size = (body.size - 2.0).max(7.0);
    let frame = Frame { size, leading: size * 1.2, ..body };
    let mut blocks = note.blocks.clone();
    number_first_paragraph(&mut blocks, note.number);
    let (element, mut lines) =
        setter.structure.within(Role::Note, |tag| setter.blocks(&blocks, frame).map(|lines| (tag, lines)))?;
    // A note's own number leads back to where the text refers to it, not to
    // itself. A note it cites is set after it by the page builder, and
    // leads back here if the text does not cite it first.
    let itself = Destination::Note(setter.chapter, note.number);
    let reference = Destination::NoteRef(setter.chapter, note.number);
    for line in &mut lines {
        line.marks.retain(|mark| mark.destination != reference);
        for link in line.links.iter_mut().filter(|link| link.target == Target::Place(itself.clone())) {
            link.target = Target::Place(reference.clone());
        }
    }
    if let Some(first) = lines.first_mut() {
        first.marks.insert(0, Mark { destination: itself, outline: None });
    }
    Ok((element, lines))
}

/// Opens the note's text with its number raised, as in the text (or
/// opens the note with it, if the note starts with no paragraph).
fn number_first_paragraph(blocks: &mut Vec<Block>, number: usize) {
    let mark = [Inline::FootnoteRef(number), Inline::Text("\u{a0}".to_string())];
    match blocks.first_mut() {
        Some(Block { kind: BlockKind::Paragraph(content), .. }) => {
            content.splice(0..0, mark);
        }
        _ => blocks.insert(0, Block { kind: BlockKind::Paragraph(mark.to_vec()), line: 0 }),
    }
}

/// Sets `notes` (each note's part on the page as one slab) at the foot of
/// the text block (from `x`, ending at `bottom`) below a short rule.
pub fn place(draft: &mut Draft, notes: Vec<Slab>, x: f32, bottom: f32, measure: f32) {
    if notes.is_empty() {
        return;
    }
    let height: f32 = notes.iter().map(|n| n.height).sum();
    let top = bottom - height;
    let rule_y = top - SEPARATOR / 2.0;
    let color = Color::BLACK;
    draft.items.push(Item::Line { x1: x, y1: rule_y, x2: x + RULE_SHARE * measure, y2: rule_y, thickness: 0.4, color });
    draft.stack(notes, x, top, Grid::NONE);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_opens_the_note() {
        let mut blocks =
            vec![Block { kind: BlockKind::Paragraph(vec![Inline::Text("См. выше.".into())]), line: 3 }];
        number_first_paragraph(&mut blocks, 4);
        assert_eq!(
            blocks[0].kind,
            BlockKind::Paragraph(vec![
                Inline::FootnoteRef(4),
                Inline::Text("\u{a0}".into()),
                Inline::Text("См. выше.".into())
            ])
        );
        let mut empty = Vec::new();
        number_first_paragraph(&mut empty, 1);
        assert_eq!(empty.len(), 1);
    }

    #[test]
    fn notes_end_at_the_bottom_below_a_short_rule() {
        let mut draft = Draft::default();
        place(&mut draft, vec![Slab::new(10.0), Slab::new(20.0)], 50.0, 600.0, 300.0);
        let Item::Line { x1, x2, y1, .. } = draft.items[0] else { panic!("no rule") };
        assert_eq!((x1, x2), (50.0, 125.0));
        assert!(y1 < 570.0 && y1 > 570.0 - SEPARATOR);
        place(&mut draft, Vec::new(), 50.0, 600.0, 300.0);
        assert_eq!(draft.items.len(), 1);
    }
}
