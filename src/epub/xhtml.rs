//! Chapters of the model → XHTML content documents.
//!
//! One document per chapter: `<section epub:type="chapter">` holding the
//! blocks, then the chapter's footnotes as `<aside epub:type="footnote">`.
//! Everything the reader's text carries (U+00A0, soft hyphens) is written
//! through as characters; everything else is escaped, so the output is
//! well-formed whatever the Markdown held.

use rustc_hash::FxHashMap;

use super::escape::{element_id, href, push_attribute, push_escaped};
use super::images::ImageSet;
use super::page_list;
use crate::document::{
    Alignment, Block, BlockKind, Callout, CalloutKind, Caption, Chapter, Image, Inline, Link, LinkTarget, List,
    Position, Table,
};
use crate::error::Result;

/// The longest inline code, in characters, set as one unbreakable box
/// (`code.whole` in the stylesheet): justified text would stretch its
/// spaces and lines break at them, splitting `const s = "строка";` in two.
const SHORT_CODE: usize = 24;

/// The stylesheet every document links to.
pub const STYLESHEET: &str = "stylesheet.css";

/// A complete XHTML content document around `body`.
pub fn document(language: &str, title: &str, body_type: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
    out.push_str("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\"");
    push_attribute(&mut out, "lang", language, false);
    push_attribute(&mut out, "xml:lang", language, false);
    out.push_str(">\n<head>\n<meta charset=\"utf-8\"/>\n<title>");
    push_escaped(&mut out, title);
    out.push_str(&format!("</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"{STYLESHEET}\"/>\n</head>\n"));
    out.push_str(&format!("<body epub:type=\"{body_type}\">\n"));
    out.push_str(body);
    out.push_str("</body>\n</html>\n");
    out
}

/// Where a page of the print edition begins in the chapter: its folio and place.
pub type PageBreak<'a> = (&'a str, &'a Position);

/// The XHTML document of `chapter`; `files` names every chapter's document
/// (for links between chapters), `images` names the pictures, `pages` the
/// print edition's pages that begin in the chapter, in order.
pub fn chapter(chapter: &Chapter, files: &[String], images: &ImageSet, pages: &[PageBreak]) -> Result<String> {
    let mut writer = Writer {
        pages,
        next_page: 0,
        path: Vec::new(),
        text_offset: 0,
        in_notes: false,
        out: String::with_capacity(chapter.source.len() * 3 / 2),
        files,
        images,
        chapter,
        refs_seen: FxHashMap::default(),
        open_tags: Vec::new(),
        open_tags_floor: 0,
    };
    writer.out.push_str("<section epub:type=\"chapter\" role=\"doc-chapter\">\n");
    writer.blocks(&chapter.blocks)?;
    writer.in_notes = true;
    writer.footnotes()?;
    writer.in_notes = false;
    // What is left begins after the chapter: a blank verso before the next.
    for (folio, _) in &pages[writer.next_page..] {
        writer.out.push_str(&page_list::marker(folio));
    }
    writer.out.push_str("</section>\n");
    Ok(document(&chapter.language, &chapter.title, "bodymatter", &writer.out))
}

struct Writer<'a> {
    out: String,
    files: &'a [String],
    images: &'a ImageSet,
    chapter: &'a Chapter,
    /// Footnote number → references to it so far: a second one gets its own id.
    refs_seen: FxHashMap<usize, usize>,
    /// Inline HTML elements the author opened and has not closed yet.
    open_tags: Vec<&'static str>,
    /// How many of `open_tags` belong to enclosing runs (and may not be closed here).
    open_tags_floor: usize,
    /// The print edition's pages that begin in the chapter, and how many
    /// of them are marked so far.
    pages: &'a [PageBreak<'a>],
    next_page: usize,
    /// Where the writer is: the block (see [`Position`]) and the bytes of
    /// its text written so far.
    path: Vec<u32>,
    text_offset: usize,
    /// Writing the notes, which the print edition sets on its pages, not in
    /// the text's order: no page begins in them.
    in_notes: bool,
}

impl<'a> Writer<'a> {
    fn blocks(&mut self, blocks: &[Block]) -> Result<()> {
        blocks.iter().enumerate().try_for_each(|(index, block)| self.nested(index, |writer| writer.block(block)))
    }

    /// Writes what `write` writes as item or block `index` of the one being written.
    fn nested(&mut self, index: usize, write: impl FnOnce(&mut Self) -> Result<()>) -> Result<()> {
        self.path.push(u32::try_from(index).unwrap_or(u32::MAX));
        self.text_offset = 0;
        let result = write(self);
        self.path.pop();
        result
    }

    /// The next page to mark, if it begins where `here` says (never in the notes).
    fn next_page_if(&self, here: impl Fn(&Position) -> bool) -> Option<(&'a str, &'a Position)> {
        let &(folio, position) = self.pages.get(self.next_page)?;
        (!self.in_notes && here(position)).then_some((folio, position))
    }

    /// Marks the pages that begin before the block being written, or in it
    /// where `here` says.
    fn mark_pages(&mut self, here: impl Fn(&Position) -> bool) {
        let path = self.path.clone();
        while let Some((folio, _)) = self.next_page_if(|position| position.path < path || here(position)) {
            self.out.push_str(&page_list::marker(folio));
            self.next_page += 1;
        }
    }

    /// Marks the pages that begin before the block being written or at its start.
    fn page_breaks_at_start(&mut self) {
        let path = self.path.clone();
        self.mark_pages(|position| position.path == path && position.offset == 0);
    }

    /// Marks the pages that begin before the block being written or anywhere in it.
    fn page_breaks_in_block(&mut self) {
        let path = self.path.clone();
        self.mark_pages(|position| position.path.starts_with(&path));
    }

    /// Writes prose text, marking the pages that begin in it; a page that
    /// begins inside a word (after a hyphenation break) is marked before the word.
    fn text(&mut self, text: &str) {
        let mut written = 0;
        let end = self.text_offset + text.len();
        let path = self.path.clone();
        while let Some((folio, position)) =
            self.next_page_if(|position| position.path < path || position.path == path && position.offset < end)
        {
            let mut split = position.offset.saturating_sub(self.text_offset).clamp(written, text.len());
            while !text.is_char_boundary(split) {
                split -= 1;
            }
            split = text[written..split].rfind(char::is_whitespace).map_or(written, |space| {
                let space_end = written + space;
                space_end + text[space_end..].chars().next().map_or(0, char::len_utf8)
            });
            push_escaped(&mut self.out, &text[written..split]);
            self.out.push_str(&page_list::marker(folio));
            self.next_page += 1;
            written = split;
        }
        push_escaped(&mut self.out, &text[written..]);
        self.text_offset = end;
    }

    fn block(&mut self, block: &Block) -> Result<()> {
        // Blocks without text are marked before them; the others where their text begins.
        if matches!(block.kind, BlockKind::Figure(_) | BlockKind::Rule | BlockKind::Html(_)) {
            self.page_breaks_in_block();
        }
        match &block.kind {
            BlockKind::Heading(heading) => {
                let level = heading.level.clamp(1, 6);
                self.out.push_str(&format!("<h{level} id=\""));
                push_escaped(&mut self.out, &element_id(&heading.id));
                self.out.push_str("\">");
                self.page_breaks_at_start();
                self.inlines(&heading.content, block.line)?;
                self.out.push_str(&format!("</h{level}>\n"));
            }
            BlockKind::Paragraph(inlines) => self.paragraph(inlines, block.line)?,
            BlockKind::List(list) => self.list(list)?,
            BlockKind::Quote(blocks) => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks)?;
                self.out.push_str("</blockquote>\n");
            }
            BlockKind::Code(code) => {
                self.page_breaks_at_start();
                let mut breaks = Vec::new();
                let path = self.path.clone();
                while let Some((folio, position)) = self.next_page_if(|position| position.path == path) {
                    breaks.push((position.offset, page_list::marker(folio)));
                    self.next_page += 1;
                }
                match &code.caption {
                    Some(caption) => {
                        self.open_captioned("figure class=\"listing\"", caption);
                        self.caption("figcaption", caption, block.line)?;
                        super::listing::push_listing(&mut self.out, code, &breaks);
                        self.out.push_str("</figure>\n");
                    }
                    None => super::listing::push_listing(&mut self.out, code, &breaks),
                }
            }
            BlockKind::Table(table) => self.table(table, block.line)?,
            BlockKind::Figure(image) => self.figure(image, block.line)?,
            BlockKind::Callout(callout) => self.callout(callout, block.line)?,
            BlockKind::Rule => self.out.push_str("<hr/>\n"),
            BlockKind::Html(html) => self.raw_html_block(html),
        }
        Ok(())
    }

    fn paragraph(&mut self, inlines: &[Inline], line: usize) -> Result<()> {
        self.out.push_str("<p>");
        self.page_breaks_at_start();
        self.inlines(inlines, line)?;
        self.out.push_str("</p>\n");
        Ok(())
    }

    fn list(&mut self, list: &List) -> Result<()> {
        let tag = if list.start.is_some() { "ol" } else { "ul" };
        match list.start.filter(|&start| start != 1) {
            Some(start) => self.out.push_str(&format!("<ol start=\"{start}\">\n")),
            None => self.out.push_str(&format!("<{tag}>\n")),
        }
        for (index, item) in list.items.iter().enumerate() {
            self.out.push_str("<li>");
            self.nested(index, |writer| match item.as_slice() {
                // A tight item: its text without a paragraph around it.
                [Block { kind: BlockKind::Paragraph(inlines), line }] => writer.nested(0, |writer| {
                    writer.page_breaks_at_start();
                    writer.inlines(inlines, *line)
                }),
                blocks => {
                    writer.out.push('\n');
                    writer.blocks(blocks)
                }
            })?;
            self.out.push_str("</li>\n");
        }
        self.out.push_str(&format!("</{tag}>\n"));
        Ok(())
    }

    fn table(&mut self, table: &Table, line: usize) -> Result<()> {
        match &table.caption {
            Some(caption) => {
                self.open_captioned("table", caption);
                self.caption("caption", caption, line)?;
                self.out.push_str("\n<thead>\n");
            }
            None => self.out.push_str("<table>\n<thead>\n"),
        }
        self.nested(0, |writer| writer.row("th", &table.header, &table.alignments, line))?;
        self.out.push_str("</thead>\n<tbody>\n");
        for (index, row) in table.rows.iter().enumerate() {
            self.nested(index + 1, |writer| writer.row("td", row, &table.alignments, line))?;
        }
        self.out.push_str("</tbody>\n</table>\n");
        Ok(())
    }

    fn row(&mut self, tag: &str, cells: &[Vec<Inline>], alignments: &[Alignment], line: usize) -> Result<()> {
        self.out.push_str("<tr>");
        for (n, cell) in cells.iter().enumerate() {
            match alignments.get(n).copied().unwrap_or(Alignment::None) {
                Alignment::None => self.out.push_str(&format!("<{tag}>")),
                Alignment::Left => self.out.push_str(&format!("<{tag} class=\"left\">")),
                Alignment::Center => self.out.push_str(&format!("<{tag} class=\"center\">")),
                Alignment::Right => self.out.push_str(&format!("<{tag} class=\"right\">")),
            }
            if n == 0 {
                self.page_breaks_in_block();
            }
            self.inlines(cell, line)?;
            self.out.push_str(&format!("</{tag}>"));
        }
        self.out.push_str("</tr>\n");
        Ok(())
    }

    fn figure(&mut self, image: &Image, line: usize) -> Result<()> {
        match &image.caption {
            Some(caption) => self.open_captioned("figure", caption),
            None => self.out.push_str("<figure>"),
        }
        self.out.push('\n');
        self.image(image);
        if let Some(caption) = &image.caption {
            self.out.push('\n');
            self.caption("figcaption", caption, line)?;
        } else if !image.title.is_empty() {
            self.out.push_str("\n<figcaption>");
            push_escaped(&mut self.out, &image.title);
            self.out.push_str("</figcaption>");
        }
        self.out.push_str("\n</figure>\n");
        Ok(())
    }

    /// A callout: an `aside` in the flow (its role says what it is to
    /// assistive technology), its title a paragraph of real text.
    fn callout(&mut self, callout: &Callout, line: usize) -> Result<()> {
        let role = match callout.kind {
            CalloutKind::Tip => "doc-tip",
            _ => "note",
        };
        self.out.push_str(&format!("<aside class=\"callout {}\" role=\"{role}\">\n", callout.kind.name()));
        self.out.push_str("<p class=\"callout-title\">");
        self.inlines(&callout.title, line)?;
        self.out.push_str("</p>\n");
        self.blocks(&callout.blocks)?;
        self.out.push_str("</aside>\n");
        Ok(())
    }

    /// `<element id="label">` for a captioned block (`element` may carry a class).
    fn open_captioned(&mut self, element: &str, caption: &Caption) {
        self.out.push('<');
        self.out.push_str(element);
        if let Some(label) = &caption.label {
            push_attribute(&mut self.out, "id", &element_id(label), false);
        }
        self.out.push('>');
    }

    /// The caption in `element`: its title as real text, then its own text.
    fn caption(&mut self, element: &str, caption: &Caption, line: usize) -> Result<()> {
        self.out.push_str(&format!("<{element}>"));
        if let Some(lead) = &caption.lead {
            self.out.push_str("<span class=\"caption-title\">");
            push_escaped(&mut self.out, lead.trim_end());
            self.out.push_str("</span>");
            if !caption.content.is_empty() {
                self.out.push(' ');
            }
        }
        self.inlines(&caption.content, line)?;
        self.out.push_str(&format!("</{element}>"));
        Ok(())
    }

    fn image(&mut self, image: &Image) {
        self.out.push_str("<img");
        push_attribute(&mut self.out, "src", self.images.href(image), false);
        push_attribute(&mut self.out, "alt", &image.alt, false);
        push_attribute(&mut self.out, "title", &image.title, true);
        self.out.push_str("/>");
    }

    /// Raw HTML is not XHTML and may break the document, so readers see it
    /// as the text the author wrote; comments are dropped.
    fn raw_html_block(&mut self, html: &str) {
        let text = without_comments(html);
        if !text.trim().is_empty() {
            self.out.push_str("<pre class=\"raw-html\">");
            push_escaped(&mut self.out, text.trim_end());
            self.out.push_str("</pre>\n");
        }
    }

    /// A run of inline content. HTML elements opened inside the run are
    /// closed by its end at the latest, so the markup always nests.
    fn inlines(&mut self, inlines: &[Inline], line: usize) -> Result<()> {
        let outer_floor = std::mem::replace(&mut self.open_tags_floor, self.open_tags.len());
        let result = inlines.iter().try_for_each(|inline| self.inline(inline, line));
        for tag in self.open_tags.drain(self.open_tags_floor..).rev() {
            self.out.push_str(&format!("</{tag}>"));
        }
        self.open_tags_floor = outer_floor;
        result
    }

    /// Simple inline HTML (`<sup>`, `<kbd>`, `<br>` …, without attributes)
    /// is kept when it nests; anything else is shown as the text it is.
    fn inline_html(&mut self, html: &str) {
        match simple_tag(html) {
            Some(SimpleTag::Break) => self.out.push_str("<br/>"),
            Some(SimpleTag::Open(tag)) => {
                self.open_tags.push(tag);
                self.out.push_str(&format!("<{tag}>"));
            }
            Some(SimpleTag::Close(tag))
                if self.open_tags.len() > self.open_tags_floor && self.open_tags.last() == Some(&tag) =>
            {
                self.open_tags.pop();
                self.out.push_str(&format!("</{tag}>"));
            }
            _ => push_escaped(&mut self.out, &without_comments(html)),
        }
    }

    fn inline(&mut self, inline: &Inline, line: usize) -> Result<()> {
        match inline {
            Inline::Text(text) => self.text(text),
            Inline::Emphasis(content) => self.wrapped("em", content, line)?,
            Inline::Strong(content) => self.wrapped("strong", content, line)?,
            Inline::Strikethrough(content) => self.wrapped("s", content, line)?,
            Inline::Code(code) => {
                let whole = code.chars().count() <= SHORT_CODE;
                self.out.push_str(if whole { "<code class=\"whole\">" } else { "<code>" });
                self.text(code);
                self.out.push_str("</code>");
            }
            Inline::Link(link) => self.link(link)?,
            Inline::Foreign(foreign) => {
                // XHTML reading systems read `xml:lang`, HTML ones `lang`.
                self.out.push_str("<span lang=\"");
                push_escaped(&mut self.out, &foreign.lang);
                self.out.push_str("\" xml:lang=\"");
                push_escaped(&mut self.out, &foreign.lang);
                self.out.push_str("\">");
                self.inlines(&foreign.content, line)?;
                self.out.push_str("</span>");
            }
            Inline::Image(image) => self.image(image),
            Inline::FootnoteRef(number) => self.footnote_ref(*number),
            Inline::PageNumber(number) => self.text(number.text()),
            Inline::SoftBreak => self.out.push('\n'),
            Inline::HardBreak => self.out.push_str("<br/>\n"),
            Inline::Html(html) => self.inline_html(html),
            Inline::Anchor(id) => {
                self.out.push_str("<span id=\"");
                push_escaped(&mut self.out, id);
                self.out.push_str("\"></span>");
            }
        }
        Ok(())
    }

    fn wrapped(&mut self, tag: &str, content: &[Inline], line: usize) -> Result<()> {
        self.out.push_str(&format!("<{tag}>"));
        self.inlines(content, line)?;
        self.out.push_str(&format!("</{tag}>"));
        Ok(())
    }

    fn link(&mut self, link: &Link) -> Result<()> {
        let target = match &link.target {
            LinkTarget::External(url) => url.clone(),
            LinkTarget::Internal { chapter, anchor } => {
                let file = self.files.get(*chapter).map_or("", String::as_str);
                href(file, anchor.as_deref())
            }
        };
        self.out.push_str("<a");
        push_attribute(&mut self.out, "href", &target, false);
        push_attribute(&mut self.out, "title", &link.title, true);
        self.out.push('>');
        self.inlines(&link.content, link.line)?;
        self.out.push_str("</a>");
        Ok(())
    }

    fn footnote_ref(&mut self, number: usize) {
        let seen = self.refs_seen.entry(number).or_default();
        let repeats = std::mem::replace(seen, *seen + 1);
        let id = match repeats {
            0 => format!("fnref-{number}"),
            n => format!("fnref-{number}-{}", n + 1),
        };
        self.out.push_str(&format!(
            "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#fn-{number}\" id=\"{id}\">{number}</a></sup>"
        ));
    }

    /// The notes, each with a link back to (the first reference to) it.
    fn footnotes(&mut self) -> Result<()> {
        if self.chapter.footnotes.is_empty() {
            return Ok(());
        }
        self.out.push_str("<section class=\"footnotes\">\n<hr/>\n");
        for note in &self.chapter.footnotes {
            let number = note.number;
            self.out.push_str(&format!("<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"fn-{number}\">\n"));
            let back = format!("<a class=\"backlink\" role=\"doc-backlink\" href=\"#fnref-{number}\">{number}.</a> ");
            match note.blocks.split_first() {
                Some((Block { kind: BlockKind::Paragraph(inlines), line }, rest)) => {
                    self.out.push_str("<p>");
                    self.out.push_str(&back);
                    self.inlines(inlines, *line)?;
                    self.out.push_str("</p>\n");
                    self.blocks(rest)?;
                }
                _ => {
                    self.out.push_str(&format!("<p>{back}</p>\n"));
                    self.blocks(&note.blocks)?;
                }
            }
            self.out.push_str("</aside>\n");
        }
        self.out.push_str("</section>\n");
        Ok(())
    }
}

/// Inline HTML elements that mean the same in XHTML.
const SIMPLE_INLINE_TAGS: [&str; 12] =
    ["b", "code", "em", "i", "kbd", "mark", "s", "small", "strong", "sub", "sup", "u"];

#[derive(Debug, PartialEq)]
enum SimpleTag {
    Open(&'static str),
    Close(&'static str),
    Break,
}

/// `<sup>`, `</sup>`, `<br>`, `<br/>` …: a lone tag without attributes.
fn simple_tag(html: &str) -> Option<SimpleTag> {
    let inner = html.trim().strip_prefix('<')?.strip_suffix('>')?;
    let (closing, name) = match inner.strip_prefix('/') {
        Some(name) => (true, name.trim()),
        None => (false, inner.trim_end_matches('/').trim()),
    };
    let name = name.to_ascii_lowercase();
    if name == "br" && !closing {
        return Some(SimpleTag::Break);
    }
    let tag = SIMPLE_INLINE_TAGS.into_iter().find(|&t| t == name)?;
    match (closing, inner.ends_with('/')) {
        (true, _) => Some(SimpleTag::Close(tag)),
        (false, false) => Some(SimpleTag::Open(tag)),
        (false, true) => None,
    }
}

/// `html` without its `<!-- … -->` comments (an unclosed one runs to the end).
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start + 4..].find("-->").map_or("", |end| &rest[start + 4 + end + 3..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::document::{CodeBlock, CodeLine, CodeSpan, TokenClass};

    /// A chapter of `blocks`, for the tests of this stage.
    pub(in crate::epub) fn chapter_of(blocks: Vec<Block>) -> Chapter {
        Chapter {
            file: "ch.md".into(),
            path: "ch.md".into(),
            title: "Глава".to_string(),
            language: "ru".to_string(),
            blocks,
            footnotes: Vec::new(),
            source: String::new(),
        }
    }

    fn render(kind: BlockKind) -> String {
        render_pages(vec![Block { kind, line: 1 }], &[])
    }

    /// The chapter of `blocks` with the print edition's `pages` marked.
    fn render_pages(blocks: Vec<Block>, pages: &[PageBreak]) -> String {
        let chapter = chapter_of(blocks);
        let xhtml = super::chapter(&chapter, &["chapter-01.xhtml".to_string()], &ImageSet::default(), pages).unwrap();
        let body = xhtml.split("role=\"doc-chapter\">\n").nth(1).unwrap();
        body.split("</section>").next().unwrap().to_string()
    }

    #[test]
    fn pages_are_marked_where_they_begin_before_a_split_word_and_after_the_chapter() {
        let paragraph =
            |text: &str| Block { kind: BlockKind::Paragraph(vec![Inline::Text(text.to_string())]), line: 1 };
        let item = |text: &str| vec![paragraph(text)];
        let list =
            Block { kind: BlockKind::List(List { start: None, items: vec![item("раз"), item("два")] }), line: 1 };
        let at = |path: &[u32], offset| Position { chapter: 0, path: path.to_vec(), offset };
        let (first, word, item_two, end) =
            (at(&[0], 0), at(&[0], "Один за\u{ad}".len()), at(&[1, 1, 0], 0), at(&[2], 0));
        let pages = [("1", &first), ("2", &word), ("3", &item_two), ("4", &end)];
        let marker = |folio: &str| page_list::marker(folio);
        assert_eq!(
            render_pages(vec![paragraph("Один за\u{ad}мет\u{ad}ка."), list], &pages),
            format!(
                "<p>{}Один {}за\u{ad}мет\u{ad}ка.</p>\n<ul>\n<li>раз</li>\n<li>{}два</li>\n</ul>\n{}",
                marker("1"),
                marker("2"),
                marker("3"),
                marker("4")
            )
        );
    }

    #[test]
    fn listings_carry_highlight_classes_but_not_plain_spans_or_attributes() {
        let span = |class, text: &str| CodeSpan { class, text: text.to_string() };
        let code = CodeBlock {
            language: Some("zig".to_string()),
            attributes: vec!["test_error=OutOfMemory".to_string()],
            lines: vec![
                CodeLine {
                    spans: vec![
                        span(TokenClass::Storage, "const"),
                        span(TokenClass::Plain, " a = "),
                        span(TokenClass::String, "\"<&>\""),
                    ],
                },
                CodeLine::default(),
                CodeLine { spans: vec![span(TokenClass::Comment, "// конец")] },
            ],
            ..Default::default()
        };
        let line =
            "<span class=\"line\" style=\"padding-left: 2ch; text-indent: -2ch; background-position: 1ch 1.35em\">";
        assert_eq!(
            render(BlockKind::Code(code)),
            format!(
                "<pre><code class=\"language-zig\">{line}<span class=\"ks\">const</span> a = <span class=\"s\">&quot;&lt;&amp;&gt;&quot;</span>\n</span>\
                 {line}\n</span>{line}<span class=\"c\">// конец</span></span></code></pre>\n"
            )
        );
    }

    #[test]
    fn short_inline_code_is_one_box_and_long_code_may_wrap() {
        let paragraph = vec![
            Inline::Code("const s = \"строка\";".to_string()),
            Inline::Code("std.heap.GeneralPurposeAllocator(.{}){}".to_string()),
        ];
        assert_eq!(
            render(BlockKind::Paragraph(paragraph)),
            "<p><code class=\"whole\">const s = &quot;строка&quot;;</code><code>std.heap.GeneralPurposeAllocator(.{}){}</code></p>\n"
        );
    }

    #[test]
    fn tight_items_have_no_paragraphs_and_lists_keep_their_start() {
        let item =
            |text: &str| vec![Block { kind: BlockKind::Paragraph(vec![Inline::Text(text.to_string())]), line: 1 }];
        let list = List { start: Some(3), items: vec![item("три"), item("четыре")] };
        assert_eq!(render(BlockKind::List(list)), "<ol start=\"3\">\n<li>три</li>\n<li>четыре</li>\n</ol>\n");
    }

    #[test]
    fn simple_inline_html_is_kept_when_it_nests() {
        let html = |s: &str| Inline::Html(s.to_string());
        let text = |s: &str| Inline::Text(s.to_string());
        let paragraph = vec![
            text("x"),
            html("<SUP>"),
            text("2"),
            html("</sup>"),
            html("<br>"),
            Inline::Emphasis(vec![html("<kbd>"), text("Ctrl")]),
            html("</kbd>"),
            html("<span class=\"a\">"),
            html("<sub>"),
            text("n"),
        ];
        assert_eq!(
            render(BlockKind::Paragraph(paragraph)),
            "<p>x<sup>2</sup><br/><em><kbd>Ctrl</kbd></em>&lt;/kbd&gt;&lt;span class=&quot;a&quot;&gt;<sub>n</sub></p>\n"
        );
        assert_eq!(simple_tag("<br />"), Some(SimpleTag::Break));
        assert_eq!(simple_tag("<u/>"), None);
        assert_eq!(simple_tag("<script>"), None);
    }

    #[test]
    fn raw_html_is_shown_as_text_without_its_comments() {
        assert_eq!(render(BlockKind::Html("<!-- note -->\n".to_string())), "");
        assert_eq!(
            render(BlockKind::Html("<b>x</b><!-- a --> <i>\n".to_string())),
            "<pre class=\"raw-html\">&lt;b&gt;x&lt;/b&gt; &lt;i&gt;</pre>\n"
        );
        assert_eq!(without_comments("a<!-- b -->c<!-- unclosed"), "ac");
    }
}
