//! Page descriptions: what composition hands the writer.
//!
//! Units are PostScript points. Coordinates are relative to the top-left
//! corner of the trim box, y growing downwards; text positions are baselines.
//! The writer alone knows PDF's bottom-up coordinates and the bleed.
//!
//! Every text run and image carries a [`Tag`]: the element of the book's
//! logical structure ([`Document::structure`]) it is content of, or the kind
//! of artifact it is, so the writer can tag the PDF for screen readers.

use super::fonts::FontId;

/// A fully composed book, ready to be written.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub geometry: Geometry,
    pub pages: Vec<Page>,
    /// Bookmarks: chapters → sections → subsections.
    pub outline: Vec<OutlineEntry>,
    /// The logical structure in reading order: the front matter's part,
    /// then one per chapter.
    pub structure: Vec<StructurePart>,
    /// Where each page begins in the book.
    pub page_map: crate::document::PageMap,
    /// Lines the composer could only set badly (overfull, loose).
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
}

/// What an item is to a reader: content of an element of the logical
/// structure, or an artifact (ISO 32000-1, 14.8.2.2) that reading skips.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tag {
    /// Layout only: rules, backgrounds, leaders, a repeated table header.
    #[default]
    Artifact,
    /// A running head or its folio.
    Header,
    /// A folio at the foot of the page.
    Footer,
    /// Content of this element.
    Element(ElementId),
}

/// An element of [`Document::structure`]: the part, and the element's index in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ElementId {
    pub part: u32,
    pub index: u32,
}

/// A part of the logical structure (the front matter, or a chapter).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StructurePart {
    /// In reading order: every element comes after its parent, and an
    /// element's children are in the order they are read.
    pub elements: Vec<Element>,
}

/// An element of the logical structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub role: Role,
    /// The element's parent in the same part; none at the part's top, which
    /// stands directly in the document.
    pub parent: Option<u32>,
    /// What a reader hears in place of the content: an image's alt text.
    pub alt: Option<String>,
    /// The language (BCP 47) where it is not the book's.
    pub lang: Option<String>,
    /// What text extraction and copying give in place of the content's
    /// glyphs: a wrapped listing line's source line, whole.
    pub actual_text: Option<String>,
}

impl Element {
    /// An element of `role` in `parent`, with nothing more said of it.
    pub fn new(role: Role, parent: Option<u32>) -> Element {
        Element { role, parent, alt: None, lang: None, actual_text: None }
    }
}

/// The standard structure types (ISO 32000-1, 14.8.4) the book uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Sect,
    /// A heading of level 1 to 6, never more than one below the previous heading.
    Heading(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    THead,
    TBody,
    TR,
    /// A column's header cell.
    TH,
    TD,
    Figure,
    Caption,
    BlockQuote,
    /// A whole listing.
    Code,
    /// A part of a line: a listing's source line set on several lines.
    Span,
    /// A callout (`> [!NOTE]`): its title and its blocks.
    Div,
    Note,
    /// A link's text and its annotation.
    Link,
    TOC,
    TOCI,
}

impl Role {
    /// The structure type's name.
    pub fn name(self) -> &'static str {
        match self {
            Role::Sect => "Sect",
            Role::Heading(level) => ["H1", "H2", "H3", "H4", "H5", "H6"][usize::from(level.clamp(1, 6) - 1)],
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::Caption => "Caption",
            Role::BlockQuote => "BlockQuote",
            Role::Code => "Code",
            Role::Span => "Span",
            Role::Div => "Div",
            Role::Note => "Note",
            Role::Link => "Link",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
        }
    }
}

/// The paper.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Geometry {
    /// Trim width and height.
    pub width: f32,
    pub height: f32,
    /// Bleed on every side (0 when the book asks for none).
    pub bleed: f32,
    /// Draw crop marks in the bleed area.
    pub crop_marks: bool,
    /// A cover spread's spine folds, from the trim's left edge (fold marks
    /// beside the crop marks); none for a book's pages.
    pub folds: Option<[f32; 2]>,
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The printed folio as PDF page labels need it.
    pub label: PageLabel,
    pub items: Vec<Item>,
    pub links: Vec<LinkArea>,
}

/// How a page is numbered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PageLabel {
    /// Front matter: lower-case roman numerals.
    Roman(u32),
    /// The body: arabic numerals.
    Arabic(u32),
    /// Not numbered at all.
    #[default]
    None,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextRun),
    /// A glyph run turned a quarter clockwise about its start (x, y): it
    /// reads from top to bottom, the tops of its letters to the right (a
    /// book's spine).
    TextDown(TextRun),
    /// A filled rectangle (listing backgrounds, table shading).
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Color,
    },
    /// A straight line (rules, footnote separator, crop marks are the writer's).
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        thickness: f32,
        color: Color,
    },
    /// An image file scaled into the box whose top-left corner is (x, y).
    Image {
        path: std::path::PathBuf,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        tag: Tag,
    },
}

impl Item {
    /// What the item is to a reader; rules and rectangles are always artifacts.
    pub fn tag(&self) -> Tag {
        match self {
            Item::Text(run) | Item::TextDown(run) => run.tag,
            Item::Image { tag, .. } => *tag,
            Item::Rect { .. } | Item::Line { .. } => Tag::Artifact,
        }
    }
}

/// Shaped glyphs of one font at one size, on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub font: FontId,
    /// Font size in points.
    pub size: f32,
    /// The pen position where the first glyph starts, and the baseline.
    pub x: f32,
    pub y: f32,
    pub glyphs: Vec<Glyph>,
    /// The text the glyphs stand for (for ToUnicode and copy-paste); each
    /// glyph's `cluster` is a byte offset into it.
    pub text: String,
    pub color: Color,
    pub tag: Tag,
}

/// One positioned glyph. Advances and offsets are in points at the run's size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub cluster: u32,
    pub x_advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
}

/// A clickable area.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkArea {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub target: LinkDestination,
    /// The element the link's text is in.
    pub tag: Tag,
    /// The link's text, for readers that read the annotation.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LinkDestination {
    /// A page of this document (index from 0) and the y to scroll to.
    Page {
        page: usize,
        y: f32,
    },
    Uri(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub page: usize,
    pub y: f32,
    pub children: Vec<OutlineEntry>,
}

/// sRGB, 0.0–1.0.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Color {
    pub r: f32,
    pub g: f32,
    pub b: f32,
}

impl Color {
    pub const BLACK: Color = Color { r: 0.0, g: 0.0, b: 0.0 };

    pub fn grey(level: f32) -> Color {
        Color { r: level, g: level, b: level }
    }

    pub fn from_rgb8([r, g, b]: [u8; 3]) -> Color {
        Color { r: f32::from(r) / 255.0, g: f32::from(g) / 255.0, b: f32::from(b) / 255.0 }
    }
}
