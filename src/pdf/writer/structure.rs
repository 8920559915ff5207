//! The logical structure (ISO 32000-1, 14.7–14.8): a tagged PDF.
//!
//! The structure tree is the elements compose recorded, under one
//! `Document` element, in reading order. Each element's kids are its marked
//! content (page by page, as [`content`](super::content) numbered it), its
//! `Link` and `Span` elements among it where their text is, then its other child
//! elements; an element with neither content nor children is left out.
//! Every link annotation is referred to (`/OBJR`) by the `Link` element of
//! its text, or by one of its own in the element its area is in. `/ParentTree` maps each page's marked
//! content and each annotation back to its element, `/MarkInfo` says the
//! file is tagged, and every page's tab order follows the structure.
//!
//! The tree's objects — the elements with their `/K` arrays, the parent
//! tree, the root — are written straight as bytes, as
//! [`links`](super::links) writes the annotations, and packed with them
//! ([`packing`](super::packing)); only the catalog's and the pages' keys go
//! through lopdf. A book has an element for every paragraph, list item and
//! link, and a subject index thousands of linked page numbers: as lopdf
//! objects (an `Object` is 120 bytes, a dictionary entry 152) the tree took
//! more memory, and time, than the pages it describes.

use std::io::Write;

use lopdf::{dictionary, Object, ObjectId};
use rayon::prelude::*;

use crate::pdf::page::{Element, ElementId, LinkArea, Role, StructurePart, Tag};

use super::content::write_decimal;
use super::metadata::text_string;
use super::packing::{write_name, write_object};

/// A kid of an element, in order.
enum Kid {
    /// Marked content `mcid` of page `page` (an index).
    Content {
        page: usize,
        mcid: usize,
    },
    Element(ObjectId),
    /// A link annotation on page `page`.
    Annotation {
        annotation: ObjectId,
        page: usize,
    },
}

/// A link annotation and the Link element that refers to it.
struct Link {
    element: ObjectId,
    annotation: ObjectId,
    /// For a Link element of its own: the element it goes in, and the page.
    own: Option<(ObjectId, usize)>,
}

/// Writes the structure tree: returns its objects, numbered by `doc` but
/// not in it (see [`serialise`](super::packing::serialise)); `marked[p]` is
/// the element of each marked-content id of page `p`, `annotations[p]` the
/// page's link annotations and what they stand for.
pub(crate) fn add(
    doc: &mut lopdf::Document,
    pages: &[ObjectId],
    parts: &[StructurePart],
    marked: &[Vec<ElementId>],
    annotations: &[Vec<(ObjectId, &LinkArea)>],
) -> Vec<(u32, Vec<u8>)> {
    let mut tree = Tree::new(doc, parts);
    tree.add_content(marked);
    let links = tree.add_links(doc, parts, annotations);
    tree.add_elements(parts);
    let mut written = Vec::new();
    let notes = tree.write_elements(parts, pages, &mut written);
    write_links(&links, pages, &mut written);
    mark_pages(doc, pages, marked);
    let root = doc.new_object_id();
    written.push((tree.document.0, document_element(root, &tree.document_kids)));
    let parent_tree = doc.new_object_id();
    written.push((parent_tree.0, parent_tree_nums(pages.len(), marked, &tree, &links)));
    written.push((root.0, tree_root(tree.document, parent_tree, pages.len() + links.len(), notes)));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("StructTreeRoot", root);
        catalog.set("MarkInfo", dictionary! { "Marked" => true });
    }
    written
}

/// The tree being written: an object id for the `Document` element and
/// every element of every part, and each element's kids so far.
struct Tree {
    document: ObjectId,
    /// Per part, per element.
    ids: Vec<Vec<ObjectId>>,
    kids: Vec<Vec<Vec<Kid>>>,
    /// Per part, per element: whether it holds anything (else it is left out).
    kept: Vec<Vec<bool>>,
    document_kids: Vec<ObjectId>,
}

impl Tree {
    fn new(doc: &mut lopdf::Document, parts: &[StructurePart]) -> Tree {
        let document = doc.new_object_id();
        let ids = parts.iter().map(|part| part.elements.iter().map(|_| doc.new_object_id()).collect()).collect();
        let kids = parts.iter().map(|part| part.elements.iter().map(|_| Vec::new()).collect()).collect();
        Tree { document, ids, kids, kept: Vec::new(), document_kids: Vec::new() }
    }

    fn id(&self, element: ElementId) -> ObjectId {
        self.ids[element.part as usize][element.index as usize]
    }

    fn kids_of(&mut self, element: ElementId) -> &mut Vec<Kid> {
        &mut self.kids[element.part as usize][element.index as usize]
    }

    /// Each element's marked content, page by page.
    fn add_content(&mut self, marked: &[Vec<ElementId>]) {
        for (page, elements) in marked.iter().enumerate() {
            for (mcid, element) in elements.iter().enumerate() {
                self.kids_of(*element).push(Kid::Content { page, mcid });
            }
        }
    }

    /// Each annotation into the Link element of its text; an area on other
    /// text gets a Link element of its own, after the content of the element
    /// it is in (outside any, at the end of the document).
    fn add_links(
        &mut self,
        doc: &mut lopdf::Document,
        parts: &[StructurePart],
        annotations: &[Vec<(ObjectId, &LinkArea)>],
    ) -> Vec<Link> {
        let mut links = Vec::new();
        let mut loose = Vec::new();
        for (page, on_page) in annotations.iter().enumerate() {
            for (annotation, area) in on_page {
                let annotation = *annotation;
                let link = match area.tag {
                    Tag::Element(element) if role(parts, element) == Some(Role::Link) => {
                        self.kids_of(element).push(Kid::Annotation { annotation, page });
                        Link { element: self.id(element), annotation, own: None }
                    }
                    Tag::Element(element) => {
                        let id = doc.new_object_id();
                        self.kids_of(element).push(Kid::Element(id));
                        Link { element: id, annotation, own: Some((self.id(element), page)) }
                    }
                    Tag::Artifact | Tag::Header | Tag::Footer => {
                        let id = doc.new_object_id();
                        loose.push(id);
                        Link { element: id, annotation, own: Some((self.document, page)) }
                    }
                };
                links.push(link);
            }
        }
        self.document_kids = loose;
        links
    }

    /// Child elements after their parent's content, in reading order;
    /// elements holding nothing are left out.
    fn add_elements(&mut self, parts: &[StructurePart]) {
        self.kept = self.kids.iter().map(|part| part.iter().map(|kids| !kids.is_empty()).collect()).collect();
        let mut top = Vec::new();
        for (p, part) in parts.iter().enumerate() {
            // Children come after their parents: from the last, each kept one
            // keeps its parent, and moves the parent's start (where its text
            // begins) up to its own — a foreign phrase's `Span` may hold
            // nothing but a link.
            let mut starts: Vec<Option<(usize, usize)>> = self.kids[p].iter().map(|kids| first_content(kids)).collect();
            for index in (0..part.elements.len()).rev() {
                if let (true, Some(parent)) = (self.kept[p][index], part.elements[index].parent) {
                    self.kept[p][parent as usize] = true;
                    let parent = parent as usize;
                    starts[parent] = match (starts[parent], starts[index]) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
            }
            for (index, element) in part.elements.iter().enumerate() {
                if !self.kept[p][index] {
                    continue;
                }
                let id = Kid::Element(self.ids[p][index]);
                match element.parent {
                    // A link, or a span of a listing, is read where its text
                    // is among its parent's.
                    Some(parent) if matches!(element.role, Role::Link | Role::Span) => {
                        let at = starts[index];
                        let siblings = &mut self.kids[p][parent as usize];
                        let after = |kid: &Kid| first_content(std::slice::from_ref(kid)).is_some_and(|c| Some(c) > at);
                        let before = siblings.iter().position(after).unwrap_or(siblings.len());
                        siblings.insert(before, id);
                    }
                    Some(parent) => self.kids[p][parent as usize].push(id),
                    None => top.push(self.ids[p][index]),
                }
            }
        }
        top.append(&mut self.document_kids);
        self.document_kids = top;
    }

    /// Writes every kept element into `written`, side by side; returns the
    /// notes' ids and elements, for the `/IDTree`.
    fn write_elements(
        &mut self,
        parts: &[StructurePart],
        pages: &[ObjectId],
        written: &mut Vec<(u32, Vec<u8>)>,
    ) -> Vec<(String, ObjectId)> {
        let mut kept = Vec::new();
        for (p, part) in parts.iter().enumerate() {
            for (index, element) in part.elements.iter().enumerate() {
                if !self.kept[p][index] {
                    continue;
                }
                let parent = element.parent.map_or(self.document, |parent| self.ids[p][parent as usize]);
                let kids = std::mem::take(&mut self.kids[p][index]);
                // PDF/UA-1 (7.9) wants every note identified.
                let note = (element.role == Role::Note).then(|| format!("note-{p}-{index}"));
                kept.push((self.ids[p][index], element, parent, kids, note));
            }
        }
        written.par_extend(kept.par_iter().map(|(id, element, parent, kids, note)| {
            (id.0, element_bytes(element, *parent, kids, note.as_deref(), pages))
        }));
        kept.into_iter().filter_map(|(id, _, _, _, note)| Some((note?, id))).collect()
    }
}

/// One element's dictionary: its role, parent, page, kids and attributes.
fn element_bytes(element: &Element, parent: ObjectId, kids: &[Kid], note: Option<&str>, pages: &[ObjectId]) -> Vec<u8> {
    let own_page = first_content(kids).map(|(page, _)| page);
    let mut bytes = Vec::with_capacity(64 + 8 * kids.len());
    open_element(&mut bytes, element.role.name(), parent);
    if let Some(page) = own_page {
        bytes.extend_from_slice(b"/Pg ");
        reference(&mut bytes, pages[page]);
    }
    bytes.extend_from_slice(b"/K[");
    for (i, kid) in kids.iter().enumerate() {
        if i > 0 {
            bytes.push(b' ');
        }
        write_kid(&mut bytes, kid, own_page, pages);
    }
    bytes.push(b']');
    if let Some(alt) = &element.alt {
        bytes.extend_from_slice(b"/Alt");
        write_object(&mut bytes, &text_string(alt));
    }
    if let Some(lang) = &element.lang {
        bytes.extend_from_slice(b"/Lang");
        write_object(&mut bytes, &text_string(lang));
    }
    if element.role == Role::TH {
        bytes.extend_from_slice(b"/A<</O/Table/Scope/Column>>");
    }
    if let Some(note) = note {
        bytes.extend_from_slice(b"/ID");
        write_object(&mut bytes, &Object::string_literal(note));
    }
    bytes.extend_from_slice(b">>");
    bytes
}

/// `<</Type/StructElem/S/role/P parent`, the start of every element.
fn open_element(bytes: &mut Vec<u8>, role: &str, parent: ObjectId) {
    bytes.extend_from_slice(b"<</Type/StructElem/S");
    write_name(bytes, role.as_bytes());
    bytes.extend_from_slice(b"/P ");
    reference(bytes, parent);
}

/// The `Document` element: the root's one kid, holding every top element.
fn document_element(root: ObjectId, kids: &[ObjectId]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(64 + 10 * kids.len());
    open_element(&mut bytes, "Document", root);
    bytes.extend_from_slice(b"/K");
    references(&mut bytes, kids.iter().copied());
    bytes.extend_from_slice(b">>");
    bytes
}

/// The `StructTreeRoot`, with the notes in its `/IDTree`.
fn tree_root(
    document: ObjectId,
    parent_tree: ObjectId,
    next_key: usize,
    mut notes: Vec<(String, ObjectId)>,
) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(128 + 24 * notes.len());
    bytes.extend_from_slice(b"<</Type/StructTreeRoot/K ");
    reference(&mut bytes, document);
    bytes.extend_from_slice(b"/ParentTree ");
    reference(&mut bytes, parent_tree);
    let _ = write!(bytes, "/ParentTreeNextKey {next_key}/IDTree<</Names[");
    // A name tree's keys are in byte order.
    notes.sort();
    for (i, (note, element)) in notes.iter().enumerate() {
        if i > 0 {
            bytes.push(b' ');
        }
        write_object(&mut bytes, &Object::string_literal(note.as_str()));
        bytes.push(b' ');
        reference(&mut bytes, *element);
    }
    bytes.extend_from_slice(b"]>>>>");
    bytes
}

/// Every page's tab order follows the structure; a page with marked
/// content has its key in the parent tree (its index).
fn mark_pages(doc: &mut lopdf::Document, pages: &[ObjectId], marked: &[Vec<ElementId>]) {
    for (key, (page, elements)) in pages.iter().zip(marked).enumerate() {
        if let Ok(dict) = doc.get_dictionary_mut(*page) {
            dict.set("Tabs", "S");
            if !elements.is_empty() {
                dict.set("StructParents", key as i64);
            }
        }
    }
}

/// The parent tree, as one `/Nums` array: each page's marked content (key:
/// the page's index, its `/StructParents`) and each link annotation (keys
/// after the pages', in page order: its `/StructParent`, which
/// [`links`](super::links) writes) mapped back to its element.
fn parent_tree_nums(page_count: usize, marked: &[Vec<ElementId>], tree: &Tree, links: &[Link]) -> Vec<u8> {
    let entries = marked.iter().map(Vec::len).sum::<usize>() + links.len();
    let mut bytes = Vec::with_capacity(32 + 12 * entries);
    bytes.extend_from_slice(b"<</Nums[");
    for (key, elements) in marked.iter().enumerate().filter(|(_, elements)| !elements.is_empty()) {
        write_decimal(&mut bytes, key as u64);
        bytes.push(b' ');
        references(&mut bytes, elements.iter().map(|element| tree.id(*element)));
        bytes.push(b' ');
    }
    for (key, link) in (page_count..).zip(links) {
        write_decimal(&mut bytes, key as u64);
        bytes.push(b' ');
        reference(&mut bytes, link.element);
        bytes.push(b' ');
    }
    if bytes.ends_with(b" ") {
        bytes.pop();
    }
    bytes.extend_from_slice(b"]>>");
    bytes
}

/// The Link elements of their own, each pointing at its annotation.
fn write_links(links: &[Link], pages: &[ObjectId], written: &mut Vec<(u32, Vec<u8>)>) {
    for link in links {
        let Some((parent, page)) = link.own else { continue };
        let mut bytes = Vec::with_capacity(96);
        open_element(&mut bytes, "Link", parent);
        bytes.extend_from_slice(b"/K");
        write_kid(&mut bytes, &Kid::Annotation { annotation: link.annotation, page }, None, pages);
        bytes.extend_from_slice(b">>");
        written.push((link.element.0, bytes));
    }
}

/// The role of `element`.
fn role(parts: &[StructurePart], element: ElementId) -> Option<Role> {
    parts.get(element.part as usize)?.elements.get(element.index as usize).map(|element| element.role)
}

/// Where the first of `kids`' own marked content is: (page, MCID).
fn first_content(kids: &[Kid]) -> Option<(usize, usize)> {
    kids.iter().find_map(|kid| match kid {
        Kid::Content { page, mcid } => Some((*page, *mcid)),
        Kid::Element(_) | Kid::Annotation { .. } => None,
    })
}

/// A kid as the `/K` array holds it: a bare id for content on the element's
/// own page, a marked-content reference for content on another.
fn write_kid(bytes: &mut Vec<u8>, kid: &Kid, own_page: Option<usize>, pages: &[ObjectId]) {
    match *kid {
        Kid::Content { page, mcid } if Some(page) == own_page => write_decimal(bytes, mcid as u64),
        Kid::Content { page, mcid } => {
            bytes.extend_from_slice(b"<</Type/MCR/Pg ");
            reference(bytes, pages[page]);
            bytes.extend_from_slice(b"/MCID ");
            write_decimal(bytes, mcid as u64);
            bytes.extend_from_slice(b">>");
        }
        Kid::Element(id) => reference(bytes, id),
        Kid::Annotation { annotation, page } => {
            bytes.extend_from_slice(b"<</Type/OBJR/Obj ");
            reference(bytes, annotation);
            bytes.extend_from_slice(b"/Pg ");
            reference(bytes, pages[page]);
            bytes.extend_from_slice(b">>");
        }
    }
}

/// An indirect reference, `12 0 R`.
fn reference(bytes: &mut Vec<u8>, (number, generation): ObjectId) {
    write_decimal(bytes, u64::from(number));
    bytes.push(b' ');
    write_decimal(bytes, u64::from(generation));
    bytes.extend_from_slice(b" R");
}

/// An array of indirect references.
fn references(bytes: &mut Vec<u8>, ids: impl Iterator<Item = ObjectId>) {
    bytes.push(b'[');
    for (i, id) in ids.enumerate() {
        if i > 0 {
            bytes.push(b' ');
        }
        reference(bytes, id);
    }
    bytes.push(b']');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn kids_on_the_elements_page_are_bare_mcids_others_references() {
        let pages = [(10, 0), (20, 0)];
        let kids = [
            Kid::Content { page: 0, mcid: 3 },
            Kid::Content { page: 1, mcid: 0 },
            Kid::Element((7, 0)),
            Kid::Annotation { annotation: (30, 0), page: 1 },
        ];
        let element = Element::new(Role::P, None);
        assert_eq!(
            text(element_bytes(&element, (5, 0), &kids, None, &pages)),
            "<</Type/StructElem/S/P/P 5 0 R/Pg 10 0 R/K[3 <</Type/MCR/Pg 20 0 R/MCID 0>> 7 0 R \
             <</Type/OBJR/Obj 30 0 R/Pg 20 0 R>>]>>"
        );
    }

    #[test]
    fn notes_are_in_the_id_tree_in_byte_order() {
        let notes = vec![("note-0-9".to_string(), (9, 0)), ("note-0-10".to_string(), (10, 0))];
        assert_eq!(
            text(tree_root((2, 0), (3, 0), 4, notes)),
            "<</Type/StructTreeRoot/K 2 0 R/ParentTree 3 0 R/ParentTreeNextKey 4\
             /IDTree<</Names[(note-0-10) 10 0 R (note-0-9) 9 0 R]>>>>"
        );
    }
}
