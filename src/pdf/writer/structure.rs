//! The logical structure (ISO 32000-1, 14.7–14.8): a tagged PDF.
//!
//! The structure tree is the elements compose recorded, under one
//! `Document` element, in reading order. Each element's kids are its marked
//! content (page by page, as [`content`](super::content) numbered it), then
//! its child elements; an element with neither is left out. Every link
//! annotation gets a `Link` element in the element its text is in, pointing
//! at the annotation (`/OBJR`). `/ParentTree` maps each page's marked
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
    let root = doc.new_object_id();
    let document = doc.new_object_id();
    let ids: Vec<Vec<ObjectId>> =
        parts.iter().map(|part| part.elements.iter().map(|_| doc.new_object_id()).collect()).collect();
    let mut kids: Vec<Vec<Vec<Kid>>> =
        parts.iter().map(|part| part.elements.iter().map(|_| Vec::new()).collect()).collect();
    for (page, elements) in marked.iter().enumerate() {
        for (mcid, id) in elements.iter().enumerate() {
            kids[id.part as usize][id.index as usize].push(Kid::Content { page, mcid });
        }
    }

    // Link elements, after the content of the element they are in (a link
    // outside any element goes at the end of the document).
    let mut loose_links = Vec::new();
    let mut links = Vec::new();
    for (page, on_page) in annotations.iter().enumerate() {
        for (annotation, area) in on_page {
            let link = doc.new_object_id();
            let parent = match area.tag {
                Tag::Element(id) => {
                    kids[id.part as usize][id.index as usize].push(Kid::Element(link));
                    ids[id.part as usize][id.index as usize]
                }
                Tag::Artifact | Tag::Header | Tag::Footer => {
                    loose_links.push(link);
                    document
                }
            };
            links.push((link, parent, *annotation, page));
        }
    }

    // Child elements after content; empty elements are dropped.
    let mut document_kids = Vec::new();
    let mut kept: Vec<Vec<bool>> = kids.iter().map(|part| part.iter().map(|kids| !kids.is_empty()).collect()).collect();
    for (p, part) in parts.iter().enumerate() {
        for index in (0..part.elements.len()).rev() {
            if let (true, Some(parent)) = (kept[p][index], part.elements[index].parent) {
                kept[p][parent as usize] = true;
            }
        }
        for (index, element) in part.elements.iter().enumerate() {
            if !kept[p][index] {
                continue;
            }
            match element.parent {
                Some(parent) => kids[p][parent as usize].push(Kid::Element(ids[p][index])),
                None => document_kids.push(ids[p][index]),
            }
        }
    }
    document_kids.append(&mut loose_links);

    let mut parent_tree: Vec<Vec<Object>> = marked
        .iter()
        .map(|elements| elements.iter().map(|id| Object::Reference(ids[id.part as usize][id.index as usize])).collect())
        .collect();
    for (p, part) in parts.iter().enumerate() {
        for (index, element) in part.elements.iter().enumerate() {
            if !kept[p][index] {
                continue;
            }
            let parent = element.parent.map_or(document, |parent| ids[p][parent as usize]);
            let mut dict = dictionary! {
                "Type" => "StructElem",
                "S" => element.role.name(),
                "P" => parent,
            };
            let own = std::mem::take(&mut kids[p][index]);
            let first_page = own.iter().find_map(|kid| match kid {
                Kid::Content { page, .. } => Some(*page),
                Kid::Element(_) => None,
            });
            if let Some(page) = first_page {
                dict.set("Pg", pages[page]);
            }
            let kids: Vec<Object> = own.into_iter().map(|kid| kid_object(kid, first_page, pages)).collect();
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
            doc.objects.insert(ids[p][index], dict.into());
        }
    }
    let mut next_key = marked.len();
    let mut link_keys = Vec::with_capacity(links.len());
    for (link, parent, annotation, page) in links {
        let objr = dictionary! { "Type" => "OBJR", "Obj" => annotation, "Pg" => pages[page] };
        let dict = dictionary! {
            "Type" => "StructElem",
            "S" => "Link",
            "P" => parent,
            "Pg" => pages[page],
            "K" => vec![objr.into()],
        };
        doc.objects.insert(link, dict.into());
        if let Ok(annotation) = doc.get_dictionary_mut(annotation) {
            annotation.set("StructParent", next_key as i64);
        }
        link_keys.push((next_key, link));
        next_key += 1;
    }

    let mut nums = Vec::with_capacity(2 * next_key);
    for (page, (id, elements)) in pages.iter().zip(parent_tree.iter_mut()).enumerate() {
        if let Ok(dict) = doc.get_dictionary_mut(*id) {
            dict.set("Tabs", "S");
            if !elements.is_empty() {
                dict.set("StructParents", page as i64);
            }
        }
        if !elements.is_empty() {
            nums.push(Object::Integer(page as i64));
            nums.push(std::mem::take(elements).into());
        }
    }
    for (key, link) in link_keys {
        nums.push(Object::Integer(key as i64));
        nums.push(link.into());
    }
    let parent_tree = doc.add_object(dictionary! { "Nums" => nums });
    let document_kids: Vec<Object> = document_kids.into_iter().map(Object::Reference).collect();
    doc.objects.insert(
        document,
        dictionary! { "Type" => "StructElem", "S" => "Document", "P" => root, "K" => document_kids }.into(),
    );
    doc.objects.insert(
        root,
        dictionary! {
            "Type" => "StructTreeRoot",
            "K" => document,
            "ParentTree" => parent_tree,
            "ParentTreeNextKey" => next_key as i64,
        }
        .into(),
    );
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("StructTreeRoot", root);
        catalog.set("MarkInfo", dictionary! { "Marked" => true });
    }
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
    }
}
