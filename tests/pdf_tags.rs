//! The tagged PDF of the fixture book, read back with lopdf: every glyph,
//! image and rule is marked content of a structure element or an artifact;
//! the structure reaches each marked-content sequence once and `/ParentTree`
//! maps it back; each chapter's section reads as the chapter's source text,
//! a footnote after the paragraph citing it;
//! headings skip no level; every link annotation has a Link element.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use verstka::document::{Block, BlockKind, Caption, Chapter, Inline};
use verstka::manifest::Manifest;

#[path = "common/pdf_text.rs"]
#[allow(dead_code, reason = "each test crate uses part of the shared reader")]
mod pdf_text;

use pdf_text::{build_pdf, decode_operands, resolve};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books/full")
}

/// Builds `book` and loads its PDF.
fn build(book: &Path) -> Document {
    Document::load_mem(&build_pdf(book)).unwrap()
}

/// What a marked-content sequence is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    Artifact,
    Content(i64),
    Other,
}

/// A page's marked content: the text of each MCID, and what drew outside content.
#[derive(Default)]
struct Marked {
    texts: BTreeMap<i64, String>,
    /// Operators painting outside any MCID or artifact, with their text.
    untagged: Vec<String>,
    /// Paths painted as content rather than as artifacts.
    painted_content: usize,
}

fn marked_content(doc: &Document, page: ObjectId) -> Marked {
    let encodings: BTreeMap<Vec<u8>, lopdf::Encoding> = doc
        .get_page_fonts(page)
        .unwrap()
        .into_iter()
        .map(|(name, font)| (name, font.get_font_encoding(doc).unwrap()))
        .collect();
    let mut marked = Marked::default();
    // Crop marks and the page's content are separate streams; each balances its own.
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let mut stack: Vec<Mark> = Vec::new();
    let mut font = None;
    for op in content.operations {
        let innermost = stack.iter().rev().find(|mark| **mark != Mark::Other).copied();
        match op.operator.as_str() {
            "BMC" | "BDC" => {
                let tag = op.operands[0].as_name().unwrap();
                let mcid = op.operands.get(1).and_then(|o| o.as_dict().ok()).and_then(|d| d.get(b"MCID").ok());
                stack.push(match (tag, mcid) {
                    (b"Artifact", _) => Mark::Artifact,
                    (_, Some(mcid)) => Mark::Content(mcid.as_i64().unwrap()),
                    _ => Mark::Other,
                });
            }
            "EMC" => {
                stack.pop().expect("EMC without BMC/BDC");
            }
            "Tf" => font = encodings.get(op.operands[0].as_name().unwrap()),
            "Tj" | "TJ" | "Do" => {
                let mut text = String::new();
                if op.operator != "Do" {
                    decode_operands(&op.operands, font.unwrap(), &mut text);
                }
                match innermost {
                    Some(Mark::Content(mcid)) => marked.texts.entry(mcid).or_default().push_str(&text),
                    Some(Mark::Artifact) => {}
                    _ => marked.untagged.push(format!("{} {text:?}", op.operator)),
                }
            }
            "f" | "S" | "B" | "f*" | "B*" => match innermost {
                Some(Mark::Artifact) => {}
                Some(Mark::Content(_)) => marked.painted_content += 1,
                _ => marked.untagged.push(op.operator.clone()),
            },
            _ => {}
        }
    }
    assert!(stack.is_empty(), "marked content left open on a page");
    marked
}

/// A structure element as read: its type, its text in reading order, the
/// marked content it holds, and its descendants' headings.
struct Walk<'a> {
    doc: &'a Document,
    pages: &'a BTreeMap<ObjectId, Marked>,
    /// (page, MCID) → the element that holds it.
    reached: BTreeMap<(ObjectId, i64), ObjectId>,
    headings: Vec<u8>,
    /// Annotations reached (`/OBJR`), each from a Link element.
    links: usize,
    /// Each `Sect`'s text, in order.
    sections: Vec<String>,
    /// The text of each callout (`Div`) and caption (`Caption`), in order.
    blocks_apart: Vec<(Vec<u8>, String)>,
    /// Each element with a `/Lang` of its own: its type, language, text and
    /// the type of its parent.
    languages: Vec<(Vec<u8>, String, String, Vec<u8>)>,
}

impl<'a> Walk<'a> {
    fn new(doc: &'a Document, pages: &'a BTreeMap<ObjectId, Marked>) -> Walk<'a> {
        Walk {
            doc,
            pages,
            reached: BTreeMap::new(),
            headings: Vec::new(),
            links: 0,
            sections: Vec::new(),
            blocks_apart: Vec::new(),
            languages: Vec::new(),
        }
    }
}

impl Walk<'_> {
    fn element(&mut self, id: ObjectId, text: &mut String) {
        let dict = self.doc.get_dictionary(id).unwrap();
        let role = dict.get(b"S").unwrap().as_name().unwrap().to_vec();
        if let Some(level) = role.strip_prefix(b"H").and_then(|l| std::str::from_utf8(l).ok()?.parse().ok()) {
            self.headings.push(level);
        }
        let own_page = dict.get(b"Pg").ok().map(|pg| pg.as_reference().unwrap());
        let kids = match dict.get(b"K") {
            Ok(Object::Array(kids)) => kids.clone(),
            Ok(kid) => vec![kid.clone()],
            Err(_) => Vec::new(),
        };
        let mut own = String::new();
        for kid in &kids {
            match kid {
                Object::Integer(mcid) => self.content(own_page.expect("an MCID needs /Pg"), *mcid, id, &mut own),
                Object::Reference(child) => self.element(*child, &mut own),
                Object::Dictionary(reference) => match reference.get(b"Type").unwrap().as_name().unwrap() {
                    b"MCR" => {
                        let page = reference.get(b"Pg").unwrap().as_reference().unwrap();
                        self.content(page, reference.get(b"MCID").unwrap().as_i64().unwrap(), id, &mut own);
                    }
                    b"OBJR" => {
                        let annotation =
                            self.doc.get_dictionary(reference.get(b"Obj").unwrap().as_reference().unwrap());
                        assert_eq!(annotation.unwrap().get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
                        assert_eq!(role, b"Link", "an annotation outside a Link element");
                        self.links += 1;
                    }
                    other => panic!("unknown kid {other:?}"),
                },
                other => panic!("unknown kid {other:?}"),
            }
        }
        if role == b"Sect" {
            self.sections.push(own.clone());
        }
        if role == b"Div" || role == b"Caption" {
            self.blocks_apart.push((role.clone(), own.clone()));
        }
        if let Ok(lang) = dict.get(b"Lang").and_then(Object::as_str) {
            let parent = self.doc.get_dictionary(dict.get(b"P").unwrap().as_reference().unwrap()).unwrap();
            let parent = parent.get(b"S").unwrap().as_name().unwrap().to_vec();
            self.languages.push((role.clone(), String::from_utf8(lang.to_vec()).unwrap(), own.clone(), parent));
        }
        text.push_str(&own);
    }

    fn content(&mut self, page: ObjectId, mcid: i64, element: ObjectId, text: &mut String) {
        let previous = self.reached.insert((page, mcid), element);
        assert!(previous.is_none(), "MCID {mcid} of {page:?} reached twice");
        text.push_str(&self.pages[&page].texts[&mcid]);
    }
}

/// Letters and digits only: what the text says, not how it is set.
fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A chapter's text as its source has it: title, blocks (list numbers and
/// footnote marks included), each footnote with its number after the
/// paragraph that first cites it; notes cited only by notes at the end.
fn source_text(chapter: &Chapter) -> String {
    let mut source = Source { chapter, text: String::new(), placed: BTreeSet::new() };
    match chapter.blocks.first() {
        Some(Block { kind: BlockKind::Heading(h), .. }) if h.level == 1 => {}
        _ => source.text.push_str(&chapter.title),
    }
    source.blocks(&chapter.blocks, true);
    for note in &chapter.footnotes {
        if source.placed.insert(note.number) {
            source.note(note.number);
        }
    }
    source.text
}

struct Source<'a> {
    chapter: &'a Chapter,
    text: String,
    /// The notes set so far.
    placed: BTreeSet<usize>,
}

impl Source<'_> {
    /// `blocks`, with the notes they cite first after the citing element
    /// when `in_body`.
    fn blocks(&mut self, blocks: &[Block], in_body: bool) {
        for block in blocks {
            match &block.kind {
                BlockKind::Heading(h) => self.element(&h.content, in_body),
                BlockKind::Paragraph(content) => self.element(content, in_body),
                BlockKind::List(list) => {
                    for (i, item) in list.items.iter().enumerate() {
                        if let Some(start) = list.start {
                            self.text.push_str(&(start + i as u64).to_string());
                        }
                        self.blocks(item, in_body);
                    }
                }
                BlockKind::Quote(inner) => self.blocks(inner, in_body),
                BlockKind::Callout(callout) => {
                    self.element(&callout.title, in_body);
                    self.blocks(&callout.blocks, in_body);
                }
                BlockKind::Code(code) => {
                    self.caption(code.caption.as_ref(), in_body);
                    self.text.push_str(&code.text);
                }
                BlockKind::Table(table) => {
                    self.caption(table.caption.as_ref(), in_body);
                    for cell in table.header.iter().chain(table.rows.iter().flatten()) {
                        self.element(cell, in_body);
                    }
                }
                BlockKind::Figure(image) => match &image.caption {
                    Some(caption) => self.caption(Some(caption), in_body),
                    None => self.text.push_str(if image.alt.is_empty() { &image.title } else { &image.alt }),
                },
                BlockKind::Rule | BlockKind::Html(_) => {}
            }
        }
    }

    /// A numbered caption reads as its title, then its text.
    fn caption(&mut self, caption: Option<&Caption>, in_body: bool) {
        if let Some(caption) = caption {
            self.text.push_str(caption.lead.as_deref().unwrap_or(""));
            self.element(&caption.content, in_body);
        }
    }

    fn element(&mut self, content: &[Inline], in_body: bool) {
        let mut cited = Vec::new();
        inlines(content, &mut self.text, &mut cited);
        for number in cited {
            if in_body && self.placed.insert(number) {
                self.note(number);
            }
        }
    }

    fn note(&mut self, number: usize) {
        let note = &self.chapter.footnotes[number - 1];
        self.text.push_str(&number.to_string());
        self.blocks(&note.blocks, false);
    }
}

/// Appends the text of `content` and the numbers of the notes it cites.
fn inlines(content: &[Inline], text: &mut String, cited: &mut Vec<usize>) {
    for inline in content {
        match inline {
            Inline::Text(t) | Inline::Code(t) => text.push_str(t),
            Inline::PageNumber(number) => text.push_str(number.text()),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => inlines(c, text, cited),
            Inline::Link(link) => inlines(&link.content, text, cited),
            Inline::Foreign(foreign) => inlines(&foreign.content, text, cited),
            Inline::Image(image) => text.push_str(&image.alt),
            Inline::FootnoteRef(number) => {
                text.push_str(&number.to_string());
                cited.push(*number);
            }
            Inline::SoftBreak | Inline::HardBreak | Inline::Html(_) | Inline::Anchor(_) => {}
        }
    }
}

#[test]
fn every_mark_is_tagged_and_the_structure_reads_as_the_source() {
    let doc = build(&fixture());
    let pages: BTreeMap<u32, ObjectId> = doc.get_pages();
    let marked: BTreeMap<ObjectId, Marked> = pages.values().map(|&id| (id, marked_content(&doc, id))).collect();
    for (page, marked) in &marked {
        assert!(marked.untagged.is_empty(), "{page:?} draws outside marked content: {:?}", marked.untagged);
        assert_eq!(marked.painted_content, 0, "{page:?}: rules and backgrounds are artifacts");
    }

    let catalog = doc.catalog().unwrap();
    let mark_info = resolve(&doc, catalog.get(b"MarkInfo").unwrap()).as_dict().unwrap();
    assert_eq!(mark_info.get(b"Marked").unwrap(), &Object::Boolean(true));
    let root = resolve(&doc, catalog.get(b"StructTreeRoot").unwrap()).as_dict().unwrap();
    let document = root.get(b"K").unwrap().as_reference().unwrap();
    assert_eq!(doc.get_dictionary(document).unwrap().get(b"S").unwrap().as_name().unwrap(), b"Document");
    let mut walk = Walk::new(&doc, &marked);
    walk.element(document, &mut String::new());

    // Every MCID is reached once, and the parent tree leads back to its element.
    let all: BTreeSet<(ObjectId, i64)> =
        marked.iter().flat_map(|(page, m)| m.texts.keys().map(move |mcid| (*page, *mcid))).collect();
    assert_eq!(walk.reached.keys().copied().collect::<BTreeSet<_>>(), all);
    let parent_tree = resolve(&doc, root.get(b"ParentTree").unwrap()).as_dict().unwrap();
    let nums = parent_tree.get(b"Nums").unwrap().as_array().unwrap();
    let keys: BTreeMap<i64, &Object> = nums.chunks(2).map(|pair| (pair[0].as_i64().unwrap(), &pair[1])).collect();
    for (&(page, mcid), element) in &walk.reached {
        let key = doc.get_dictionary(page).unwrap().get(b"StructParents").unwrap().as_i64().unwrap();
        let parents = resolve(&doc, keys[&key]).as_array().unwrap();
        assert_eq!(parents[mcid as usize].as_reference().unwrap(), *element);
    }

    // Each chapter's section holds the chapter's text and nothing else: no running head, no folio.
    let manifest = Manifest::load(&fixture()).unwrap();
    let mut book = verstka::document::load(manifest).unwrap();
    verstka::typography::apply(&mut book).unwrap();
    // Laid out, as the build does, for the numbers of its page references.
    verstka::pdf::typeset(&mut book).unwrap();
    assert_eq!(walk.sections.len(), book.chapters.len());
    for (section, chapter) in walk.sections.iter().zip(&book.chapters) {
        assert_eq!(letters(section), letters(&source_text(chapter)), "{}", chapter.file.display());
    }

    // Headings skip no level.
    assert_eq!(walk.headings.first(), Some(&1));
    for pair in walk.headings.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "a heading skips a level: {:?}", walk.headings);
    }

    // Every link annotation is described, printable, and in a Link element,
    // the one its `/StructParent` leads to, whose `/OBJR` names it.
    let mut annotations = 0;
    for page in pages.values() {
        let dict = doc.get_dictionary(*page).unwrap();
        assert_eq!(dict.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
        let Ok(annots) = dict.get(b"Annots") else { continue };
        for reference in resolve(&doc, annots).as_array().unwrap() {
            let annotation: &Dictionary = resolve(&doc, reference).as_dict().unwrap();
            assert_eq!(annotation.get(b"F").unwrap().as_i64().unwrap(), 4);
            assert!(annotation.get(b"Contents").is_ok());
            let key = annotation.get(b"StructParent").unwrap().as_i64().unwrap();
            let link = resolve(&doc, keys[&key]).as_dict().unwrap();
            assert_eq!(link.get(b"S").unwrap().as_name().unwrap(), b"Link");
            let kids = match resolve(&doc, link.get(b"K").unwrap()) {
                Object::Array(kids) => kids.clone(),
                kid => vec![kid.clone()],
            };
            let objr =
                kids.iter().filter_map(|kid| resolve(&doc, kid).as_dict().ok()).find_map(|kid| kid.get(b"Obj").ok());
            assert_eq!(objr.unwrap().as_reference().unwrap(), reference.as_reference().unwrap());
            annotations += 1;
        }
    }
    assert!(annotations > 0);
    assert_eq!(walk.links, annotations);

    // Callouts are elements of their own, their title first; numbered captions read with their titles.
    let apart: Vec<(&str, String)> =
        walk.blocks_apart.iter().map(|(role, text)| (std::str::from_utf8(role).unwrap(), letters(text))).collect();
    for expected in [
        ("Div", letters("Примечание Заметка без своего заголовка")),
        ("Div", letters("Не освобождайте память дважды Второй вызов free")),
        ("Caption", letters("Таблица 1.1. Сравнение аллокаторов")),
        ("Caption", letters("Рисунок 1.1. Схема памяти")),
        ("Caption", letters("Листинг 2.1. Сумма квадратов")),
        ("Div", letters("Совет Листинг 2.2 на с.")),
        ("Div", letters("Важно Арена")),
        ("Div", letters("Осторожно Не возвращайте")),
    ] {
        assert!(
            apart.iter().any(|(role, text)| *role == expected.0 && text.starts_with(&expected.1)),
            "{expected:?} in {apart:?}"
        );
    }
}

/// A phrase in another language is a `Span` with its `/Lang` in its
/// paragraph, read where its text is; a link in it is in the `Span`.
#[test]
fn a_phrase_in_another_language_is_a_span_with_its_lang() {
    let doc = build(&fixture());
    let pages: BTreeMap<u32, ObjectId> = doc.get_pages();
    let marked: BTreeMap<ObjectId, Marked> = pages.values().map(|&id| (id, marked_content(&doc, id))).collect();
    let catalog = doc.catalog().unwrap();
    let root = resolve(&doc, catalog.get(b"StructTreeRoot").unwrap()).as_dict().unwrap();
    let document = root.get(b"K").unwrap().as_reference().unwrap();
    let mut walk = Walk::new(&doc, &marked);
    let mut text = String::new();
    walk.element(document, &mut text);
    let phrases: Vec<(&[u8], &str, String, &[u8])> = walk
        .languages
        .iter()
        .filter(|(role, ..)| role != b"Sect")
        .map(|(role, lang, text, parent)| (role.as_slice(), lang.as_str(), letters(text), parent.as_slice()))
        .collect();
    let expected: Vec<(&[u8], &str, String, &[u8])> =
        vec![(b"Span", "en", letters("memory allocator"), b"P"), (b"Span", "en", letters("Learning Zig"), b"P")];
    assert_eq!(phrases, expected);
    let around = letters("аллокатор — memory allocator, а книга");
    assert!(letters(&text).contains(&around), "the phrase reads where it stands");
    assert!(letters(&text).contains(&letters("началось, — Learning Zig. Длинные")));
}

/// A listing line printed on two lines is a `Span` whose `/ActualText` is
/// the source line: text extraction and copying give it whole, once.
#[test]
fn a_wrapped_listing_line_reads_as_its_source_line() {
    let doc = build(&fixture());
    let source = std::fs::read_to_string(fixture().join("chapters/02-listings.md")).unwrap();
    let mut actual_texts = Vec::new();
    for page in doc.get_pages().into_values() {
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        for op in content.operations.iter().filter(|op| op.operator == "BDC") {
            let Ok(properties) = op.operands[1].as_dict() else { continue };
            if let Ok(text) = properties.get(b"ActualText").and_then(Object::as_str) {
                assert_eq!(op.operands[0].as_name().unwrap(), b"Span");
                actual_texts.push(pdf_text::text_string(text));
            }
        }
    }
    let whole: Vec<&String> = actual_texts.iter().filter(|text| !text.is_empty()).collect();
    assert!(whole.len() >= 2, "{actual_texts:?}");
    for line in &whole {
        assert!(source.lines().any(|source_line| source_line == line.as_str()), "not a source line: {line:?}");
    }
    assert!(whole.iter().any(|line| line.ends_with("комментарий на русском языке.")));
    assert_eq!(actual_texts.len(), 2 * whole.len(), "each line's continuation reads as nothing: {actual_texts:?}");
}
