//! The logical structure, recorded while the blocks are set: every setter
//! of a block opens the element it sets (a list, its items, a table's rows)
//! and tags the runs it makes with the element they are content of.
//!
//! One [`Structure`] per part of the book (the front matter, each chapter),
//! so chapters set side by side record theirs independently; the writer
//! joins the parts in reading order. Elements are numbered in the order they
//! are opened, which is reading order.

use std::cell::{Cell, RefCell};

use crate::pdf::page::{Element, ElementId, Item, Role, StructurePart, Tag};

/// A part's structure being recorded.
#[derive(Debug, Default)]
pub struct Structure {
    part: u32,
    elements: RefCell<Vec<Element>>,
    /// The elements opened and not yet closed, innermost last.
    open: RefCell<Vec<u32>>,
    /// The last heading's level, so that none skips one.
    heading: Cell<u8>,
}

impl Structure {
    /// The structure of part `part`, with everything in `root` if there is one.
    pub fn new(part: u32, root: Option<Element>) -> Structure {
        let structure = Structure { part, ..Structure::default() };
        if let Some(root) = root {
            let id = structure.add(root);
            structure.open.borrow_mut().push(id.index);
        }
        structure
    }

    /// A new element of `role` in the innermost open one.
    pub fn element(&self, role: Role) -> Tag {
        Tag::Element(self.add(Element::new(role, None)))
    }

    /// A new element of `role` in element `parent` (a link in its
    /// paragraph); in no element, `parent` itself.
    pub fn child(&self, parent: Tag, role: Role) -> Tag {
        let Tag::Element(parent) = parent else { return parent };
        Tag::Element(self.add(Element::new(role, Some(parent.index))))
    }

    /// A `Span` in element `parent` whose content reads as `text` (a
    /// listing's source line, printed on several lines).
    pub fn replaced(&self, parent: Tag, text: &str) -> Tag {
        let Tag::Element(parent) = parent else { return parent };
        let span = Element { actual_text: Some(text.to_string()), ..Element::new(Role::Span, Some(parent.index)) };
        Tag::Element(self.add(span))
    }

    /// A `Span` in element `parent` whose content is in language `lang` (a
    /// phrase in another language than the chapter's).
    pub fn foreign(&self, parent: Tag, lang: &str) -> Tag {
        let Tag::Element(parent) = parent else { return parent };
        let span = Element { lang: Some(lang.to_string()), ..Element::new(Role::Span, Some(parent.index)) };
        Tag::Element(self.add(span))
    }

    /// A heading at `level`, or one below the previous heading's if that
    /// would skip a level.
    pub fn heading(&self, level: u8) -> Tag {
        let level = level.clamp(1, self.heading.get() + 1).min(6);
        self.heading.set(level);
        self.element(Role::Heading(level))
    }

    /// Gives element `tag` the `alt` text for its content (an image's).
    pub fn describe(&self, tag: Tag, alt: &str) {
        if let (Tag::Element(id), false) = (tag, alt.is_empty()) {
            if let Some(element) = self.elements.borrow_mut().get_mut(id.index as usize) {
                element.alt = Some(alt.to_string());
            }
        }
    }

    /// Moves element `child` into `parent`, after the parent's content and
    /// the children it has so far (a footnote into the paragraph citing it).
    pub fn adopt(&self, child: Tag, parent: Tag) {
        if let (Tag::Element(child), Tag::Element(parent)) = (child, parent) {
            let mut elements = self.elements.borrow_mut();
            if child.index > parent.index {
                if let Some(element) = elements.get_mut(child.index as usize) {
                    element.parent = Some(parent.index);
                }
            }
        }
    }

    /// Runs `build` with a new element of `role` open, so the elements it
    /// makes are inside it.
    pub fn within<T>(&self, role: Role, build: impl FnOnce(Tag) -> T) -> T {
        let id = self.add(Element::new(role, None));
        self.open.borrow_mut().push(id.index);
        let built = build(Tag::Element(id));
        self.open.borrow_mut().pop();
        built
    }

    /// The part's elements.
    pub fn finish(self) -> StructurePart {
        StructurePart { elements: self.elements.into_inner() }
    }

    /// Adds `element`, in the innermost open one unless it names its parent.
    fn add(&self, element: Element) -> ElementId {
        let mut elements = self.elements.borrow_mut();
        let index = u32::try_from(elements.len()).unwrap_or(u32::MAX);
        let parent = element.parent.or_else(|| self.open.borrow().last().copied());
        elements.push(Element { parent, ..element });
        ElementId { part: self.part, index }
    }
}

/// Tags the text runs and images among `items` as `tag`.
pub fn tag_items(items: &mut [Item], tag: Tag) {
    for item in items {
        match item {
            Item::Text(run) | Item::TextDown(run) => run.tag = tag,
            Item::Image { tag: image, .. } => *image = tag,
            Item::Rect { .. } | Item::Line { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(structure: Structure) -> Vec<(&'static str, Option<u32>)> {
        structure.finish().elements.iter().map(|e| (e.role.name(), e.parent)).collect()
    }

    #[test]
    fn elements_nest_in_the_open_one() {
        let structure = Structure::new(2, Some(Element::new(Role::Sect, None)));
        let item = structure.within(Role::L, |_| structure.within(Role::LI, |_| structure.element(Role::Lbl)));
        assert_eq!(item, Tag::Element(ElementId { part: 2, index: 3 }));
        structure.element(Role::P);
        assert_eq!(
            roles(structure),
            [("Sect", None), ("L", Some(0)), ("LI", Some(1)), ("Lbl", Some(2)), ("P", Some(0))]
        );
    }

    #[test]
    fn headings_skip_no_level() {
        let structure = Structure::new(0, None);
        for level in [1, 3, 4, 2, 6, 1] {
            structure.heading(level);
        }
        let names: Vec<_> = roles(structure).into_iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["H1", "H2", "H3", "H2", "H3", "H1"]);
    }
}
