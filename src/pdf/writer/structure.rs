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

use lopdf::{dictionary, Dictionary, Object, ObjectId};

use crate::pdf::page::{ElementId, LinkArea, Role, StructurePart, Tag};

use super::metadata::text_string;

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

/// Writes the structure tree; `marked[p]` is the element of each
/// marked-content id of page `p`, `annotations[p]` the page's link
/// annotations and what they stand for.
pub(crate) fn add(
    doc: &mut lopdf::Document,
    pages: &[ObjectId],
    parts: &[StructurePart],
    marked: &[Vec<ElementId>],
    annotations: &[Vec<(ObjectId, &LinkArea)>],
) {
    let mut tree = Tree::new(doc, parts);
    tree.add_content(marked);
    let links = tree.add_links(doc, parts, annotations);
    tree.add_elements(parts);
    let notes = tree.write_elements(doc, parts, pages);
    let parent_tree = parent_tree(doc, pages, marked, &tree, &links);
    write_links(doc, links, pages);
    let root = doc.new_object_id();
    let document_kids: Vec<Object> = tree.document_kids.iter().map(|id| Object::Reference(*id)).collect();
    let document = dictionary! { "Type" => "StructElem", "S" => "Document", "P" => root, "K" => document_kids };
    doc.objects.insert(tree.document, document.into());
    let root_dict = dictionary! {
        "Type" => "StructTreeRoot",
        "K" => tree.document,
        "ParentTree" => doc.add_object(dictionary! { "Nums" => parent_tree.nums }),
        "ParentTreeNextKey" => parent_tree.next_key as i64,
        "IDTree" => dictionary! { "Names" => notes },
    };
    doc.objects.insert(root, root_dict.into());
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("StructTreeRoot", root);
        catalog.set("MarkInfo", dictionary! { "Marked" => true });
    }
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

    /// Writes every kept element; returns the `/IDTree` names of the notes.
    fn write_elements(
        &mut self,
        doc: &mut lopdf::Document,
        parts: &[StructurePart],
        pages: &[ObjectId],
    ) -> Vec<Object> {
        let mut notes = Vec::new();
        for (p, part) in parts.iter().enumerate() {
            for (index, element) in part.elements.iter().enumerate() {
                if !self.kept[p][index] {
                    continue;
                }
                let parent = element.parent.map_or(self.document, |parent| self.ids[p][parent as usize]);
                let mut dict = dictionary! { "Type" => "StructElem", "S" => element.role.name(), "P" => parent };
                let kids = std::mem::take(&mut self.kids[p][index]);
                let own_page = first_content(&kids).map(|(page, _)| page);
                if let Some(page) = own_page {
                    dict.set("Pg", pages[page]);
                }
                let kids: Vec<Object> = kids.into_iter().map(|kid| kid_object(kid, own_page, pages)).collect();
                dict.set("K", kids);
                if let Some(alt) = &element.alt {
                    dict.set("Alt", text_string(alt));
                }
                if let Some(lang) = &element.lang {
                    dict.set("Lang", text_string(lang));
                }
                if element.role == Role::TH {
                    dict.set("A", dictionary! { "O" => "Table", "Scope" => "Column" });
                }
                if element.role == Role::Note {
                    // PDF/UA-1 (7.9) wants every note identified.
                    let id = format!("note-{p}-{index}");
                    dict.set("ID", Object::string_literal(id.as_str()));
                    notes.push((id, self.ids[p][index]));
                }
                doc.objects.insert(self.ids[p][index], dict.into());
            }
        }
        // A name tree's keys are in byte order.
        notes.sort();
        notes.into_iter().flat_map(|(id, element)| [Object::string_literal(id), Object::Reference(element)]).collect()
    }
}

/// `/ParentTree`'s entries and its next free key.
struct ParentTree {
    nums: Vec<Object>,
    next_key: usize,
}

/// Maps each page's marked content (key: the page's index, its
/// `/StructParents`) and each link annotation (keys after the pages', in
/// page order: its `/StructParent`, which [`links`](super::links) writes)
/// back to its element; every page's tab order follows the structure.
fn parent_tree(
    doc: &mut lopdf::Document,
    pages: &[ObjectId],
    marked: &[Vec<ElementId>],
    tree: &Tree,
    links: &[Link],
) -> ParentTree {
    let mut nums = Vec::with_capacity(2 * (pages.len() + links.len()));
    for (key, (page, elements)) in pages.iter().zip(marked).enumerate() {
        if let Ok(dict) = doc.get_dictionary_mut(*page) {
            dict.set("Tabs", "S");
            if !elements.is_empty() {
                dict.set("StructParents", key as i64);
            }
        }
        if !elements.is_empty() {
            nums.push(Object::Integer(key as i64));
            nums.push(elements.iter().map(|element| Object::Reference(tree.id(*element))).collect::<Vec<_>>().into());
        }
    }
    for (key, link) in links.iter().enumerate().map(|(i, link)| (pages.len() + i, link)) {
        nums.push(Object::Integer(key as i64));
        nums.push(link.element.into());
    }
    ParentTree { nums, next_key: pages.len() + links.len() }
}

/// The Link elements of their own, each pointing at its annotation.
fn write_links(doc: &mut lopdf::Document, links: Vec<Link>, pages: &[ObjectId]) {
    for link in links {
        let Some((parent, page)) = link.own else { continue };
        let kid = kid_object(Kid::Annotation { annotation: link.annotation, page }, None, pages);
        let dict = dictionary! { "Type" => "StructElem", "S" => "Link", "P" => parent, "K" => kid };
        doc.objects.insert(link.element, dict.into());
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
fn kid_object(kid: Kid, own_page: Option<usize>, pages: &[ObjectId]) -> Object {
    match kid {
        Kid::Content { page, mcid } if Some(page) == own_page => Object::Integer(mcid as i64),
        Kid::Content { page, mcid } => {
            Dictionary::from_iter([("Type", "MCR".into()), ("Pg", pages[page].into()), ("MCID", (mcid as i64).into())])
                .into()
        }
        Kid::Element(id) => Object::Reference(id),
        Kid::Annotation { annotation, page } => {
            dictionary! { "Type" => "OBJR", "Obj" => annotation, "Pg" => pages[page] }.into()
        }
    }
}
