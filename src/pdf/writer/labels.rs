//! Page labels (ISO 32000-1, 12.4.2): the viewer shows the printed folios —
//! roman in the front matter, arabic from the body's 1 — not sheet indexes.
//! A range starts wherever the numbering does not simply continue.

use lopdf::{dictionary, Dictionary, Object};

use crate::pdf::page::{Document, PageLabel};

/// Adds `/PageLabels` to the catalog.
pub(crate) fn add(doc: &mut lopdf::Document, document: &Document) {
    let ranges = ranges(document.pages.iter().map(|page| page.label));
    if ranges.is_empty() {
        return;
    }
    let mut nums = Vec::with_capacity(ranges.len() * 2);
    for (start, label) in ranges {
        nums.push(Object::Integer(start as i64));
        nums.push(range_dict(label).into());
    }
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("PageLabels", dictionary! { "Nums" => nums });
    }
}

/// The first page index of each range and its first label.
fn ranges(labels: impl Iterator<Item = PageLabel>) -> Vec<(usize, PageLabel)> {
    let mut ranges = Vec::new();
    let mut expected = None;
    for (index, label) in labels.enumerate() {
        if expected != Some(label) {
            ranges.push((index, label));
        }
        expected = Some(match label {
            PageLabel::Roman(n) => PageLabel::Roman(n + 1),
            PageLabel::Arabic(n) => PageLabel::Arabic(n + 1),
            PageLabel::None => PageLabel::None,
        });
    }
    ranges
}

/// A range's style and first number; no style means an empty label.
fn range_dict(label: PageLabel) -> Dictionary {
    match label {
        PageLabel::Roman(start) => dictionary! { "S" => "r", "St" => i64::from(start) },
        PageLabel::Arabic(start) => dictionary! { "S" => "D", "St" => i64::from(start) },
        PageLabel::None => Dictionary::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PageLabel::*;

    #[test]
    fn a_range_starts_where_numbering_breaks() {
        let labels = [None, None, Roman(3), Roman(4), Arabic(1), Arabic(2), Arabic(3), Arabic(7)];
        assert_eq!(ranges(labels.into_iter()), vec![(0, None), (2, Roman(3)), (4, Arabic(1)), (7, Arabic(7))]);
    }
}
