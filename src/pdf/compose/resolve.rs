//! The last pass: destinations → pages. Every place a page defines is
//! collected, then links are pointed at them and the outline is nested
//! chapter → section → subsection.

use rustc_hash::FxHashMap;

use crate::pdf::page::{Geometry, LinkArea, LinkDestination, OutlineEntry, Page, PageLabel, StructurePart};

use super::galley::{Destination, Target};
use super::pages::Draft;

/// Turns drafts with their labels into the finished document.
pub fn document(
    paper: Geometry,
    drafts: Vec<(Draft, PageLabel)>,
    structure: Vec<StructurePart>,
) -> crate::pdf::page::Document {
    let mut places: FxHashMap<&Destination, (usize, f32)> = FxHashMap::default();
    let mut outline = Vec::new();
    for (page, (draft, _)) in drafts.iter().enumerate() {
        for (mark, y) in &draft.marks {
            places.entry(&mark.destination).or_insert((page, *y));
            if let Some((level, title)) = &mark.outline {
                let title = bookmark_title(title);
                insert(&mut outline, *level, OutlineEntry { title, page, y: *y, children: Vec::new() });
            }
        }
    }
    let targets: Vec<Vec<Option<LinkDestination>>> = drafts
        .iter()
        .map(|(draft, _)| draft.links.iter().map(|link| destination(&link.target, &places)).collect())
        .collect();
    let pages = drafts
        .into_iter()
        .zip(targets)
        .map(|((draft, label), targets)| Page {
            label,
            items: draft.items,
            links: draft
                .links
                .into_iter()
                .zip(targets)
                .filter_map(|(link, target)| {
                    let (x, y, width, height) = (link.x, link.y, link.width, link.height);
                    Some(LinkArea { x, y, width, height, target: target?, tag: link.tag, text: link.text })
                })
                .collect(),
        })
        .collect();
    crate::pdf::page::Document { geometry: paper, pages, outline, structure, ..Default::default() }
}

/// Where a link goes; a heading that is not there sends the reader to its chapter.
fn destination(target: &Target, places: &FxHashMap<&Destination, (usize, f32)>) -> Option<LinkDestination> {
    let place = match target {
        Target::Uri(uri) => return Some(LinkDestination::Uri(uri.clone())),
        Target::Place(destination) => places.get(destination).or_else(|| match destination {
            Destination::Heading(chapter, _) => places.get(&Destination::Chapter(*chapter)),
            _ => None,
        }),
    };
    place.map(|&(page, y)| LinkDestination::Page { page, y })
}

/// A title as a bookmark shows it: plain spaces, no soft hyphens.
fn bookmark_title(title: &str) -> String {
    title.chars().filter(|&c| c != '\u{ad}').map(|c| if c == '\u{a0}' { ' ' } else { c }).collect()
}

/// Adds an entry at `level` under the last entry one level up (or higher, if a level was skipped).
fn insert(list: &mut Vec<OutlineEntry>, level: u8, entry: OutlineEntry) {
    match list.last_mut() {
        Some(last) if level > 1 => insert(&mut last.children, level - 1, entry),
        _ => list.push(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::compose::galley::{Mark, PendingLink};

    fn draft(marks: &[(Destination, Option<(u8, &str)>)], links: &[Target]) -> Draft {
        Draft {
            items: Vec::new(),
            marks: marks
                .iter()
                .map(|(destination, outline)| {
                    let outline = outline.map(|(level, title)| (level, title.to_string()));
                    (Mark { destination: destination.clone(), outline }, 50.0)
                })
                .collect(),
            links: links
                .iter()
                .map(|target| PendingLink {
                    x: 1.0,
                    y: 2.0,
                    width: 3.0,
                    height: 4.0,
                    target: target.clone(),
                    tag: Default::default(),
                    text: String::new(),
                })
                .collect(),
            start: None,
        }
    }

    #[test]
    fn links_reach_pages_defined_later_and_missing_anchors_fall_back() {
        let heading = |id: &str| Destination::Heading(1, id.to_string());
        let drafts = vec![
            (
                draft(&[], &[Target::Place(heading("b")), Target::Place(heading("zz")), Target::Uri("u".into())]),
                PageLabel::None,
            ),
            (
                draft(&[(Destination::Chapter(1), None)], &[Target::Place(Destination::Note(0, 9))]),
                PageLabel::Arabic(1),
            ),
            (draft(&[(heading("b"), None)], &[]), PageLabel::Arabic(2)),
        ];
        let doc = document(Geometry::default(), drafts, Vec::new());
        let targets: Vec<&LinkDestination> = doc.pages[0].links.iter().map(|l| &l.target).collect();
        assert_eq!(
            targets,
            [
                &LinkDestination::Page { page: 2, y: 50.0 },
                &LinkDestination::Page { page: 1, y: 50.0 },
                &LinkDestination::Uri("u".into())
            ]
        );
        assert!(doc.pages[1].links.is_empty(), "a note that is nowhere is no link");
        assert_eq!(doc.pages[2].label, PageLabel::Arabic(2));
    }

    #[test]
    fn the_outline_nests_by_level() {
        let marks = [
            (Destination::Chapter(0), Some((1, "Глава\u{a0}1"))),
            (Destination::Heading(0, "a".into()), Some((2, "Раз\u{ad}дел"))),
            (Destination::Heading(0, "b".into()), Some((3, "Подраздел"))),
            (Destination::Heading(0, "c".into()), Some((2, "Ещё раздел"))),
            (Destination::Chapter(1), Some((1, "Вторая"))),
            (Destination::Heading(1, "d".into()), Some((3, "Сразу подраздел"))),
        ];
        let doc = document(Geometry::default(), vec![(draft(&marks, &[]), PageLabel::Arabic(1))], Vec::new());
        let titles = |entries: &[OutlineEntry]| entries.iter().map(|e| e.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&doc.outline), ["Глава 1", "Вторая"]);
        assert_eq!(titles(&doc.outline[0].children), ["Раздел", "Ещё раздел"]);
        assert_eq!(titles(&doc.outline[0].children[0].children), ["Подраздел"]);
        assert_eq!(titles(&doc.outline[1].children), ["Сразу подраздел"]);
    }
}
