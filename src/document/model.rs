//! The document model: one owned tree for the whole book.
//!
//! Book → Chapter → Block → Inline. Both editions read only this tree; every
//! block keeps the line it came from so later stages can point at the source.

use std::path::PathBuf;

pub use crate::manifest::ImageFormat;
use crate::manifest::Manifest;

/// The whole book, ready for the stages after parsing.
#[derive(Debug, Clone)]
pub struct Book {
    /// The manifest the book was loaded from (metadata and stage settings).
    pub manifest: Manifest,
    /// The chapters in reading order.
    pub chapters: Vec<Chapter>,
    /// The build's timestamp (seconds since the Unix epoch): `SOURCE_DATE_EPOCH`,
    /// else the manifest's date, else 1980-01-01. Never the wall clock.
    pub timestamp: i64,
    /// Where each page of the print edition begins, once it is set: the
    /// build lays the print edition out before either edition is written.
    pub print_pages: Option<super::PageMap>,
    /// The subject index, once the index stage has found its terms; `None`
    /// for a book without one.
    pub index: Option<SubjectIndex>,
}

/// The subject index: entries in the collation order of the book's
/// language, grouped under their first letter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SubjectIndex {
    /// «Предметный указатель», «Index», or the manifest's `[index] title`.
    pub title: String,
    pub groups: Vec<IndexGroup>,
}

/// The entries that begin with one letter (or, first, with digits and symbols).
#[derive(Debug, Clone, PartialEq)]
pub struct IndexGroup {
    /// The heading letter, upper case («А», «Е» for е and ё, «Z»); «0–9» for
    /// entries beginning with a digit or a symbol.
    pub letter: String,
    pub entries: Vec<IndexEntry>,
}

/// One term of the index, with its subentries.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    /// The term as the index shows it.
    pub term: String,
    /// A code term (written in backquotes): set in the monospaced face.
    pub code: bool,
    /// Where the term stands, in reading order.
    pub occurrences: Vec<Occurrence>,
    /// «см. …»: the entry the reader is sent to instead.
    pub see: Option<String>,
    /// The subentries, in collation order (they have none of their own).
    pub subentries: Vec<IndexEntry>,
    /// The line of the index file that names it first (0: only markers do).
    pub line: usize,
}

/// A place in the text an index entry points at: an [`Inline::Anchor`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Occurrence {
    /// The chapter's index in [`Book::chapters`].
    pub chapter: usize,
    /// The anchor's id, unique in its chapter.
    pub anchor: String,
}

/// One Markdown file of the book.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// The file as written in the manifest, relative to the book folder.
    pub file: PathBuf,
    /// The file as opened (book folder joined), for diagnostics.
    pub path: PathBuf,
    /// The chapter title as plain text: the manifest's, or the first heading's.
    pub title: String,
    /// The chapter's BCP 47 language: the manifest's override or the book's.
    pub language: String,
    /// The chapter's blocks, in order; footnote definitions are not among them.
    pub blocks: Vec<Block>,
    /// The footnotes, numbered from 1 in the order of their first reference.
    pub footnotes: Vec<Footnote>,
    /// The Markdown source, for diagnostics that need exact columns.
    pub source: String,
}

impl Chapter {
    /// Whether the chapter's language is Russian (`ru`, `ru-RU`, …).
    pub fn is_russian(&self) -> bool {
        is_russian(&self.language)
    }
}

/// Whether a BCP 47 tag names Russian.
pub fn is_russian(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    primary.eq_ignore_ascii_case("ru")
}

/// A block and the source line it starts on (from 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    Heading(Heading),
    Paragraph(Vec<Inline>),
    List(List),
    Quote(Vec<Block>),
    Code(CodeBlock),
    Table(Table),
    /// A paragraph that holds nothing but one image.
    Figure(Image),
    /// A thematic break (`---`).
    Rule,
    /// A note or warning set apart: GitHub's `> [!NOTE]` alerts.
    Callout(Callout),
    /// Raw HTML the author wrote; passed to the EPUB as is, left out of the PDF.
    Html(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 for `#`, up to 6.
    pub level: u8,
    /// The anchor: explicit `{#id}`, or a slug of the text, unique in the chapter.
    pub id: String,
    pub content: Vec<Inline>,
}

/// A callout: `> [!WARNING]` (or `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!CAUTION]`), with an optional title of the author's after the marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Callout {
    pub kind: CalloutKind,
    /// The title: the author's, or the kind's name in the chapter's language
    /// («Внимание»), filled in once the book is loaded.
    pub title: Vec<Inline>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalloutKind {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl CalloutKind {
    /// The kind `[!NAME]` names (any case).
    pub fn from_marker(name: &str) -> Option<CalloutKind> {
        Some(match name.to_ascii_uppercase().as_str() {
            "NOTE" => CalloutKind::Note,
            "TIP" => CalloutKind::Tip,
            "IMPORTANT" => CalloutKind::Important,
            "WARNING" => CalloutKind::Warning,
            "CAUTION" => CalloutKind::Caution,
            _ => return None,
        })
    }

    /// `note`, `tip` …: the EPUB's class.
    pub fn name(self) -> &'static str {
        match self {
            CalloutKind::Note => "note",
            CalloutKind::Tip => "tip",
            CalloutKind::Important => "important",
            CalloutKind::Warning => "warning",
            CalloutKind::Caution => "caution",
        }
    }

    /// The default title in a chapter in `language`.
    pub fn title(self, language: &str) -> &'static str {
        match (self, is_russian(language)) {
            (CalloutKind::Note, true) => "Примечание",
            (CalloutKind::Tip, true) => "Совет",
            (CalloutKind::Important, true) => "Важно",
            (CalloutKind::Warning, true) => "Внимание",
            (CalloutKind::Caution, true) => "Осторожно",
            (CalloutKind::Note, false) => "Note",
            (CalloutKind::Tip, false) => "Tip",
            (CalloutKind::Important, false) => "Important",
            (CalloutKind::Warning, false) => "Warning",
            (CalloutKind::Caution, false) => "Caution",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// The first number of an ordered list; `None` for a bulleted list.
    pub start: Option<u64>,
    /// Each item is a sequence of blocks (tight items hold one paragraph).
    pub items: Vec<Vec<Block>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodeBlock {
    /// The first word of the info string (`zig` in ```` ```zig test ````).
    pub language: Option<String>,
    /// The other words of the info string; they never reach the books.
    pub attributes: Vec<String>,
    /// The code exactly as written, ending with a newline.
    pub text: String,
    /// The code split into lines of styled spans. Parsing leaves each line one
    /// plain span; the highlight stage refines them.
    pub lines: Vec<CodeLine>,
    /// The file the code was taken from (`{{#include …}}`), if it was.
    pub include: Option<Include>,
    /// The caption above the listing (```` ```{#lst:id caption="…"} ````).
    pub caption: Option<Caption>,
}

/// The file a listing shows (all of it, some lines, or an anchor's).
#[derive(Debug, Clone, PartialEq)]
pub struct Include {
    /// The file as opened (relative to the chapter, the book folder joined),
    /// for diagnostics.
    pub path: PathBuf,
    /// The whole file: `check` compiles this, not the excerpt.
    pub text: String,
}

/// The caption of a listing, figure or table, in pandoc-crossref's syntax.
/// A labelled one is numbered per chapter and can be referred to.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    pub kind: CaptionKind,
    /// The label (`lst:arena`): the block's anchor in both editions, which
    /// references (`@lst:arena`) name. An unlabelled caption has no number.
    pub label: Option<String>,
    /// «6.2»: the chapter's number and the block's among its kind in the
    /// chapter; set once the whole book is loaded.
    pub number: Option<String>,
    /// «Листинг 6.2. »: what precedes the caption's text, real text in both
    /// editions (every reader and screen reader gets it); none unnumbered.
    pub lead: Option<String>,
    /// The caption's own text (a figure's alt text); may be empty.
    pub content: Vec<Inline>,
}

/// What a caption belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CaptionKind {
    Listing,
    Figure,
    Table,
}

impl CaptionKind {
    /// The label prefix pandoc-crossref gives this kind: `lst`, `fig`, `tbl`.
    pub fn prefix(self) -> &'static str {
        match self {
            CaptionKind::Listing => "lst",
            CaptionKind::Figure => "fig",
            CaptionKind::Table => "tbl",
        }
    }

    /// «Листинг», «Figure»: the word before the number, in the chapter's language.
    pub fn name(self, language: &str) -> &'static str {
        match (self, is_russian(language)) {
            (CaptionKind::Listing, true) => "Листинг",
            (CaptionKind::Figure, true) => "Рисунок",
            (CaptionKind::Table, true) => "Таблица",
            (CaptionKind::Listing, false) => "Listing",
            (CaptionKind::Figure, false) => "Figure",
            (CaptionKind::Table, false) => "Table",
        }
    }
}

impl Caption {
    /// A caption of `kind` with this label and text, not yet numbered.
    pub fn new(kind: CaptionKind, label: Option<String>, content: Vec<Inline>) -> Caption {
        Caption { kind, label, number: None, lead: None, content }
    }

    /// Numbers the caption «6.2» in a chapter in `language`, which gives
    /// its lead: «Листинг 6.2. » (Russian books put a full stop after the
    /// number), «Listing 6.2: »; bare when the caption has no text.
    pub fn set_number(&mut self, number: String, language: &str) {
        let title = format!("{}\u{a0}{number}", self.kind.name(language));
        self.lead = Some(match (self.content.is_empty(), is_russian(language)) {
            (true, _) => title,
            (false, true) => format!("{title}. "),
            (false, false) => format!("{title}: "),
        });
        self.number = Some(number);
    }
}

/// One line of a listing, without its newline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodeLine {
    pub spans: Vec<CodeSpan>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CodeSpan {
    pub class: TokenClass,
    pub text: String,
}

/// What a piece of code is, as far as styling goes. The highlight stage maps
/// TextMate scopes onto these; themes give each a colour and weight, the EPUB
/// a CSS class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenClass {
    Plain,
    Comment,
    DocComment,
    Todo,
    /// Declarations and storage: `const var fn pub struct enum …`.
    Storage,
    /// Control flow: `if else while for return try catch …`.
    Control,
    /// Other keywords: `comptime inline and or …`.
    Keyword,
    Builtin,
    Type,
    /// `true false null undefined`.
    Constant,
    Number,
    String,
    StringEscape,
    /// Format placeholders inside strings: `{s}`, `{d:.2}`.
    Placeholder,
    Char,
    Function,
    Label,
    /// `.plus`, `error.OutOfMemory`.
    EnumLiteral,
    Field,
    Operator,
    Punctuation,
}

impl TokenClass {
    pub const ALL: [TokenClass; 21] = [
        TokenClass::Plain,
        TokenClass::Comment,
        TokenClass::DocComment,
        TokenClass::Todo,
        TokenClass::Storage,
        TokenClass::Control,
        TokenClass::Keyword,
        TokenClass::Builtin,
        TokenClass::Type,
        TokenClass::Constant,
        TokenClass::Number,
        TokenClass::String,
        TokenClass::StringEscape,
        TokenClass::Placeholder,
        TokenClass::Char,
        TokenClass::Function,
        TokenClass::Label,
        TokenClass::EnumLiteral,
        TokenClass::Field,
        TokenClass::Operator,
        TokenClass::Punctuation,
    ];

    /// The short CSS class name the EPUB uses.
    pub fn css_class(self) -> &'static str {
        match self {
            TokenClass::Plain => "pl",
            TokenClass::Comment => "c",
            TokenClass::DocComment => "cd",
            TokenClass::Todo => "td",
            TokenClass::Storage => "ks",
            TokenClass::Control => "kc",
            TokenClass::Keyword => "k",
            TokenClass::Builtin => "nb",
            TokenClass::Type => "t",
            TokenClass::Constant => "cn",
            TokenClass::Number => "m",
            TokenClass::String => "s",
            TokenClass::StringEscape => "se",
            TokenClass::Placeholder => "si",
            TokenClass::Char => "sc",
            TokenClass::Function => "nf",
            TokenClass::Label => "nl",
            TokenClass::EnumLiteral => "ne",
            TokenClass::Field => "na",
            TokenClass::Operator => "o",
            TokenClass::Punctuation => "p",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub alignments: Vec<Alignment>,
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// The caption above the table (`: Text {#tbl:id}` before or after it).
    pub caption: Option<Caption>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    None,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The source as written in the Markdown.
    pub src: String,
    /// The image file on disk (a file of the book: the document stage checked).
    pub path: PathBuf,
    /// What the file holds, told by its content.
    pub format: ImageFormat,
    /// Width and height in pixels, from the header (none for SVG).
    pub pixels: Option<(u32, u32)>,
    /// Alternative text, as plain text.
    pub alt: String,
    pub title: String,
    /// A figure's numbered caption (`![alt](src){#fig:id}`), whose text is
    /// the alt text; none for other images.
    pub caption: Option<Caption>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    /// The number shown to the reader, from 1 in each chapter.
    pub number: usize,
    /// The label as written (`[^label]`).
    pub label: String,
    pub blocks: Vec<Block>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Prose. The typography stage may rewrite it (quotes, dashes, U+00A0
    /// non-breaking spaces, U+00AD soft hyphens).
    Text(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    /// Inline code, exactly as written.
    Code(String),
    Link(Link),
    Image(Image),
    /// A reference to the chapter's footnote with this number.
    FootnoteRef(usize),
    /// A line break in the source; a space to the reader.
    SoftBreak,
    /// A forced line break.
    HardBreak,
    /// Raw inline HTML; the EPUB keeps it, the PDF drops it.
    Html(String),
    /// A phrase in another language than the chapter's
    /// (`<span lang="en">…</span>`): its own hyphenation, `lang` in the
    /// EPUB, a `Span` with `/Lang` in the PDF.
    Foreign(Foreign),
    /// A place the subject index points at (the id, unique in the chapter);
    /// nothing for the reader to see.
    Anchor(String),
    /// The print page a label's target lies on (`@pg:lst:arena`), inside
    /// the link to the target.
    PageNumber(PageNumber),
}

/// A page reference's number: the folio of the print page its label's
/// target (the top of a listing, figure or table, a section's heading)
/// lies on, set by the print edition's layout.
#[derive(Debug, Clone, PartialEq)]
pub struct PageNumber {
    /// The label referred to: `lst:arena`.
    pub label: String,
    /// The folio, «143»; `None` until the print edition is laid out.
    pub folio: Option<String>,
}

impl PageNumber {
    /// What stands for a folio not known yet (as LaTeX's «??»).
    pub const UNKNOWN: &'static str = "?";

    /// The folio as printed.
    pub fn text(&self) -> &str {
        self.folio.as_deref().unwrap_or(Self::UNKNOWN)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Foreign {
    /// The phrase's BCP 47 language tag, as written (validated).
    pub lang: String,
    pub content: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub target: LinkTarget,
    /// The destination as written in the Markdown.
    pub url: String,
    pub title: String,
    pub content: Vec<Inline>,
    /// Source line of the link.
    pub line: usize,
    /// Source column of the link's `[`, in characters.
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// A URL outside the book, kept as written.
    External(String),
    /// A place in the book: chapter index, and heading id (`None`: the chapter's start).
    Internal { chapter: usize, anchor: Option<String> },
}

/// The plain text of inline content (for titles, alt text, bookmarks):
/// prose, code and alt text; breaks as spaces.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut text = String::new();
    for_each_text(inlines, &mut |piece| match piece {
        TextPiece::Prose(t) | TextPiece::Code(t) | TextPiece::Alt(t) => text.push_str(t),
        TextPiece::Break => text.push(' '),
        TextPiece::Mark => {}
    });
    text
}

/// The prose of inline content (for the checks that read words): text and
/// link text; code, images, marks and breaks as spaces, so words never run
/// together.
pub fn prose_text(inlines: &[Inline]) -> String {
    let mut text = String::new();
    for_each_text(inlines, &mut |piece| match piece {
        TextPiece::Prose(t) => text.push_str(t),
        _ => text.push(' '),
    });
    text
}

/// A piece of inline content as text.
pub enum TextPiece<'a> {
    /// Prose, link text included.
    Prose(&'a str),
    /// Inline code.
    Code(&'a str),
    /// An image's alternative text.
    Alt(&'a str),
    /// A soft or hard line break.
    Break,
    /// A footnote reference or raw HTML: no text of its own.
    Mark,
}

/// Calls `f` on each piece of `inlines` in reading order, through emphasis and links.
pub fn for_each_text<'a>(inlines: &'a [Inline], f: &mut dyn FnMut(TextPiece<'a>)) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => f(TextPiece::Prose(t)),
            Inline::Code(t) => f(TextPiece::Code(t)),
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => for_each_text(c, f),
            Inline::Link(link) => for_each_text(&link.content, f),
            Inline::Foreign(foreign) => for_each_text(&foreign.content, f),
            Inline::Image(image) => f(TextPiece::Alt(&image.alt)),
            Inline::SoftBreak | Inline::HardBreak => f(TextPiece::Break),
            Inline::FootnoteRef(_) | Inline::Html(_) => f(TextPiece::Mark),
            Inline::PageNumber(number) => f(TextPiece::Prose(number.text())),
            // An index anchor is a place, not text: words run through it.
            Inline::Anchor(_) => {}
        }
    }
}
