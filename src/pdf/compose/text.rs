//! Text helpers shared by the composers: shaped strings as glyph runs, and
//! paragraph lines as slabs.

use crate::document::LinkTarget;
use crate::pdf::fonts::{FontBook, FontStyle, Shaped};
use crate::pdf::page::{Color, Item, Role, Tag, TextRun};
use crate::pdf::paragraph::{Line, LineLinkTarget, LinePhrase};

use super::galley::{keep_lines_together, Destination, Mark, PendingLink, Slab, Start, Target};
use super::structure::Structure;

/// A strike-through rule: its height above the baseline (through the middle
/// of PT Serif's lower case) and its thickness, in ems.
const STRIKE_HEIGHT: f32 = 0.27;
const STRIKE_THICKNESS: f32 = 0.05;

/// Where the baseline sits in a line box of `leading` for type of `size`:
/// the descender's room is left below it.
pub const fn baseline(size: f32, leading: f32) -> f32 {
    leading - (leading - size) / 2.0 - 0.22 * size
}

/// Shaped text as glyph runs starting at (x, baseline), one run per font,
/// artifacts until tagged.
pub fn runs(shaped: Shaped, size: f32, x: f32, y: f32, color: Color) -> Vec<Item> {
    let mut pen = x;
    shaped
        .runs
        .into_iter()
        .map(|run| {
            let (font, glyphs, text, tag) = (run.font, run.glyphs, run.text, Tag::default());
            let item = Item::Text(TextRun { font, size, x: pen, y, glyphs, text, color, tag });
            pen += run.width;
            item
        })
        .collect()
}

/// A single-line label: `text` shaped in `style` at (x, baseline), aligned by `anchor`
/// (0 left, 0.5 centre, 1 right of x). Returns the items and the width.
pub fn label(
    fonts: &FontBook,
    text: &str,
    style: FontStyle,
    size: f32,
    x: f32,
    y: f32,
    anchor: f32,
) -> (Vec<Item>, f32) {
    let shaped = fonts.shape(text, style, size);
    let width = shaped.width;
    (runs(shaped, size, x - anchor * width, y, Color::BLACK), width)
}

/// Where a link of the model points, for a link in `chapter`.
pub fn target(link: &LineLinkTarget, chapter: usize) -> Target {
    match link {
        LineLinkTarget::Footnote(number) => Target::Place(Destination::Note(chapter, *number)),
        LineLinkTarget::Link(LinkTarget::External(url)) => Target::Uri(url.clone()),
        LineLinkTarget::Link(LinkTarget::Internal { chapter, anchor: None }) => {
            Target::Place(Destination::Chapter(*chapter))
        }
        LineLinkTarget::Link(LinkTarget::Internal { chapter, anchor: Some(id) }) => {
            Target::Place(Destination::Heading(*chapter, id.clone()))
        }
    }
}

/// Paragraph lines as slabs one `leading` high, indented by `x`, their text
/// content of `tag` (a link's, of a `Link` element in it; a foreign
/// phrase's, of a `Span` with its `/Lang`; both recorded in `structure`); a
/// break between them leaves at least two lines on each side.
pub fn line_slabs(
    lines: Vec<Line>,
    x: f32,
    size: f32,
    leading: f32,
    chapter: usize,
    tag: Tag,
    structure: &Structure,
) -> Vec<Slab> {
    let mut tags = ParagraphTags { structure, paragraph: tag, phrases: Vec::new() };
    let mut slabs: Vec<Slab> =
        lines.into_iter().map(|line| line_slab(line, x, size, leading, chapter, &mut tags)).collect();
    keep_lines_together(&mut slabs, 2);
    slabs
}

/// The structure elements a paragraph's text is content of.
struct ParagraphTags<'a> {
    structure: &'a Structure,
    /// The paragraph's own element.
    paragraph: Tag,
    /// The `Span` of each foreign phrase met so far, by its index in the
    /// paragraph: a phrase broken over lines is one element.
    phrases: Vec<(usize, Tag)>,
}

impl ParagraphTags<'_> {
    fn phrase(&mut self, phrase: &LinePhrase) -> Tag {
        if let Some(&(_, tag)) = self.phrases.iter().find(|(index, _)| *index == phrase.phrase) {
            return tag;
        }
        let tag = self.structure.foreign(self.paragraph, &phrase.lang);
        self.phrases.push((phrase.phrase, tag));
        tag
    }
}

fn line_slab(line: Line, x: f32, size: f32, leading: f32, chapter: usize, tags: &mut ParagraphTags) -> Slab {
    let mut slab = Slab::new(leading);
    slab.start = line.offset.map(|offset| Start { path: Vec::new(), offset });
    let paragraph = tags.paragraph;
    slab.items = line.runs.into_iter().map(|run| Item::Text(TextRun { tag: paragraph, ..run })).collect();
    for phrase in &line.phrases {
        let tag = tags.phrase(phrase);
        super::structure::tag_items(&mut slab.items[phrase.runs.clone()], tag);
    }
    slab.links = line
        .links
        .into_iter()
        .map(|link| {
            // A link in a foreign phrase is in its `Span`.
            let parent = match slab.items.get(link.runs.start) {
                Some(Item::Text(run)) => run.tag,
                _ => paragraph,
            };
            let tag = tags.structure.child(parent, Role::Link);
            super::structure::tag_items(&mut slab.items[link.runs.clone()], tag);
            PendingLink {
                x: link.x,
                y: -size,
                width: link.width,
                height: size * 1.25,
                target: target(&link.target, chapter),
                tag,
                text: link.text,
            }
        })
        .collect();
    slab.items.extend(line.strikes.iter().map(|strike| {
        let y = -STRIKE_HEIGHT * strike.size;
        let (x1, x2) = (strike.x, strike.x + strike.width);
        Item::Line { x1, y1: y, x2, y2: y, thickness: STRIKE_THICKNESS * strike.size, color: Color::BLACK }
    }));
    slab.marks =
        line.footnotes.iter().map(|&n| Mark { destination: Destination::NoteRef(chapter, n), outline: None }).collect();
    slab.marks.extend(
        line.anchors.iter().map(|id| Mark { destination: Destination::Heading(chapter, id.clone()), outline: None }),
    );
    slab.notes = line.footnotes;
    slab.shift(x, baseline(size, leading));
    slab
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontId;
    use crate::pdf::page::Glyph;
    use crate::pdf::paragraph::LineLink;

    fn glyph_run(text: &str, x: f32) -> TextRun {
        let glyph = Glyph { id: 1, cluster: 0, x_advance: 5.0, x_offset: 0.0, y_offset: 0.0 };
        let (glyphs, text, color) = (vec![glyph], text.into(), Color::BLACK);
        TextRun { font: FontId(0), size: 10.0, x, y: 0.0, glyphs, text, color, tag: Tag::Artifact }
    }

    #[test]
    fn the_baseline_leaves_room_for_descenders() {
        let y = baseline(10.5, 13.0);
        assert!(y > 9.0 && y < 13.0 - 2.0, "{y}");
    }

    #[test]
    fn lines_become_slabs_with_their_links_and_notes() {
        let line = |text: &str| Line { runs: vec![glyph_run(text, 2.0)], width: 100.0, ..Line::default() };
        let mut first = line("a");
        first.footnotes = vec![3];
        let target = LineLinkTarget::Footnote(3);
        first.links.push(LineLink { x: 4.0, width: 10.0, target, text: "3".into(), runs: 0..1 });
        let structure = Structure::default();
        let slabs = line_slabs(vec![first, line("b"), line("c")], 20.0, 10.0, 12.0, 7, Tag::Artifact, &structure);
        assert_eq!(slabs.len(), 3);
        let costs: Vec<bool> = slabs.iter().map(|slab| slab.break_cost > 0.0).collect();
        assert_eq!(costs, [true, true, false], "no widow and no orphan but at a cost");
        assert_eq!(slabs[0].notes, [3]);
        let Item::Text(run) = &slabs[0].items[0] else { panic!("not text") };
        assert_eq!((run.x, run.y), (22.0, baseline(10.0, 12.0)));
        let link = &slabs[0].links[0];
        assert_eq!(link.x, 24.0);
        assert!(link.y < run.y && link.y + link.height > run.y);
        assert_eq!(link.target, Target::Place(Destination::Note(7, 3)));
    }

    #[test]
    fn a_foreign_phrase_over_two_lines_is_one_span_holding_its_links() {
        let phrase = |runs| LinePhrase { phrase: 0, lang: "en".into(), runs };
        let first = Line {
            runs: vec![glyph_run("это ", 0.0), glyph_run("memory", 20.0)],
            phrases: vec![phrase(1..2)],
            ..Line::default()
        };
        let target = LineLinkTarget::Link(LinkTarget::External("https://a.org".into()));
        let link = LineLink { x: 0.0, width: 30.0, target, text: "allocator".into(), runs: 0..1 };
        let second = Line {
            runs: vec![glyph_run("allocator", 0.0), glyph_run(" и", 40.0)],
            phrases: vec![phrase(0..1)],
            links: vec![link],
            ..Line::default()
        };
        let structure = Structure::new(0, None);
        let paragraph = structure.element(Role::P);
        let slabs = line_slabs(vec![first, second], 0.0, 10.0, 12.0, 0, paragraph, &structure);
        let tags: Vec<Vec<Tag>> = slabs
            .iter()
            .map(|slab| {
                let tag = |item: &Item| match item {
                    Item::Text(run) => Some(run.tag),
                    _ => None,
                };
                slab.items.iter().filter_map(tag).collect()
            })
            .collect();
        let elements = structure.finish().elements;
        let summary: Vec<_> = elements.iter().map(|e| (e.role.name(), e.parent, e.lang.as_deref())).collect();
        assert_eq!(summary, [("P", None, None), ("Span", Some(0), Some("en")), ("Link", Some(1), None)]);
        let id = |index| Tag::Element(crate::pdf::page::ElementId { part: 0, index });
        assert_eq!(tags, [vec![id(0), id(1)], vec![id(2), id(0)]]);
    }

    #[test]
    fn internal_links_point_at_chapters_and_headings() {
        let internal = |anchor: Option<&str>| {
            target(&LineLinkTarget::Link(LinkTarget::Internal { chapter: 2, anchor: anchor.map(str::to_string) }), 0)
        };
        assert_eq!(internal(None), Target::Place(Destination::Chapter(2)));
        assert_eq!(internal(Some("x")), Target::Place(Destination::Heading(2, "x".into())));
        let external = LineLinkTarget::Link(LinkTarget::External("https://ziglang.org".into()));
        assert_eq!(target(&external, 0), Target::Uri("https://ziglang.org".into()));
    }
}
