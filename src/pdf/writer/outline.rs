//! The document outline (bookmarks), nested chapter → section → subsection
//! (ISO 32000-1, 12.3.3). printpdf has only a flat list, so the items are
//! written here: each with `/Parent`, `/Prev`, `/Next`, `/First`, `/Last`,
//! `/Count` and an explicit destination at its heading. Chapters start
//! closed, so the panel opens on a short table of contents. Titles are plain
//! text for the viewer's panel, which wraps them itself: no-break spaces
//! become spaces and soft hyphens go.

use lopdf::{dictionary, Dictionary, Object, ObjectId};

use crate::error::{Error, Result};
use crate::pdf::page::OutlineEntry;

use super::metadata::text_string;
use super::Space;

/// Adds the outline to the catalog and opens the viewer's outline panel.
pub(crate) fn add(
    doc: &mut lopdf::Document,
    pages: &[ObjectId],
    entries: &[OutlineEntry],
    space: &Space,
) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let root = doc.new_object_id();
    let writer = OutlineWriter { pages, space };
    let (first, last) = writer.items(doc, root, entries, false)?;
    let root_dict = dictionary! {
        "Type" => "Outlines",
        "First" => first,
        "Last" => last,
        "Count" => entries.len() as i64,
    };
    doc.objects.insert(root, root_dict.into());
    let catalog = doc.catalog_mut().map_err(|e| Error::render("PDF", e))?;
    catalog.set("Outlines", root);
    catalog.set("PageMode", "UseOutlines");
    Ok(())
}

struct OutlineWriter<'a> {
    pages: &'a [ObjectId],
    space: &'a Space,
}

impl OutlineWriter<'_> {
    /// Writes `entries` as the children of `parent`; returns the first and
    /// last item. `open` items show their children.
    fn items(
        &self,
        doc: &mut lopdf::Document,
        parent: ObjectId,
        entries: &[OutlineEntry],
        open: bool,
    ) -> Result<(ObjectId, ObjectId)> {
        let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
        for (index, entry) in entries.iter().enumerate() {
            let mut item = self.item(entry, parent)?;
            if index > 0 {
                item.set("Prev", ids[index - 1]);
            }
            if let Some(next) = ids.get(index + 1) {
                item.set("Next", *next);
            }
            if !entry.children.is_empty() {
                let (first, last) = self.items(doc, ids[index], &entry.children, true)?;
                item.set("First", first);
                item.set("Last", last);
                let visible = visible_descendants(entry) as i64;
                item.set("Count", if open { visible } else { -visible });
            }
            doc.objects.insert(ids[index], item.into());
        }
        Ok((ids[0], ids[ids.len() - 1]))
    }

    fn item(&self, entry: &OutlineEntry, parent: ObjectId) -> Result<Dictionary> {
        let page = self.pages.get(entry.page).ok_or_else(|| {
            Error::render(
                "PDF",
                format!("the outline entry «{}» is on page {} of {}", entry.title, entry.page + 1, self.pages.len()),
            )
        })?;
        let destination: Vec<Object> =
            vec![(*page).into(), "XYZ".into(), Object::Null, self.space.y(entry.y).into(), Object::Null];
        Ok(dictionary! {
            "Title" => text_string(&panel_text(&entry.title)),
            "Parent" => parent,
            "Dest" => destination,
        })
    }
}

fn panel_text(title: &str) -> String {
    title.chars().filter(|c| *c != '\u{AD}').map(|c| if c == '\u{A0}' { ' ' } else { c }).collect()
}

/// The items shown under `entry` when it is open: its children, and theirs
/// (which are open).
fn visible_descendants(entry: &OutlineEntry) -> usize {
    entry.children.iter().map(|child| 1 + visible_descendants(child)).sum()
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_lose_no_break_spaces_and_soft_hyphens() {
        assert_eq!(super::panel_text("Проза и\u{A0}сно\u{AD}ски"), "Проза и сноски");
    }
}
