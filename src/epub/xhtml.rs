//! Chapters of the model → XHTML content documents.
//!
//! One document per chapter: `<section epub:type="chapter">` holding the
//! blocks, then the chapter's footnotes as `<aside epub:type="footnote">`.
//! Everything the reader's text carries (U+00A0, soft hyphens) is written
//! through as characters; everything else is escaped, so the output is
//! well-formed whatever the Markdown held.

use rustc_hash::FxHashMap;

use super::escape::{href, push_attribute, push_escaped};
use super::images::ImageSet;
use crate::document::{Alignment, Block, BlockKind, Chapter, Image, Inline, Link, LinkTarget, List, Table};
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

/// The XHTML document of `chapter`; `files` names every chapter's document
/// (for links between chapters), `images` names the pictures.
pub fn chapter(chapter: &Chapter, files: &[String], images: &ImageSet) -> Result<String> {
    let mut writer = Writer {
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
    writer.footnotes()?;
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
}

impl Writer<'_> {
    fn blocks(&mut self, blocks: &[Block]) -> Result<()> {
        blocks.iter().try_for_each(|block| self.block(block))
    }

    fn block(&mut self, block: &Block) -> Result<()> {
        match &block.kind {
            BlockKind::Heading(heading) => {
                let level = heading.level.clamp(1, 6);
                self.out.push_str(&format!("<h{level} id=\""));
                push_escaped(&mut self.out, &heading.id);
                self.out.push_str("\">");
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
            BlockKind::Code(code) => super::listing::push_listing(&mut self.out, code),
            BlockKind::Table(table) => self.table(table, block.line)?,
            BlockKind::Figure(image) => self.figure(image),
            BlockKind::Rule => self.out.push_str("<hr/>\n"),
            BlockKind::Html(html) => self.raw_html_block(html),
        }
        Ok(())
    }

    fn paragraph(&mut self, inlines: &[Inline], line: usize) -> Result<()> {
        self.out.push_str("<p>");
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
        for item in &list.items {
            self.out.push_str("<li>");
            match item.as_slice() {
                // A tight item: its text without a paragraph around it.
                [Block { kind: BlockKind::Paragraph(inlines), line }] => self.inlines(inlines, *line)?,
                blocks => {
                    self.out.push('\n');
                    self.blocks(blocks)?;
                }
            }
            self.out.push_str("</li>\n");
        }
        self.out.push_str(&format!("</{tag}>\n"));
        Ok(())
    }

    fn table(&mut self, table: &Table, line: usize) -> Result<()> {
        self.out.push_str("<table>\n<thead>\n");
        self.row("th", &table.header, &table.alignments, line)?;
        self.out.push_str("</thead>\n<tbody>\n");
        for row in &table.rows {
            self.row("td", row, &table.alignments, line)?;
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
            self.inlines(cell, line)?;
            self.out.push_str(&format!("</{tag}>"));
        }
        self.out.push_str("</tr>\n");
        Ok(())
    }

    fn figure(&mut self, image: &Image) {
        self.out.push_str("<figure>\n");
        self.image(image);
        if !image.title.is_empty() {
            self.out.push_str("\n<figcaption>");
            push_escaped(&mut self.out, &image.title);
            self.out.push_str("</figcaption>");
        }
        self.out.push_str("\n</figure>\n");
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
            Inline::Text(text) => push_escaped(&mut self.out, text),
            Inline::Emphasis(content) => self.wrapped("em", content, line)?,
            Inline::Strong(content) => self.wrapped("strong", content, line)?,
            Inline::Strikethrough(content) => self.wrapped("s", content, line)?,
            Inline::Code(code) if code.chars().count() <= SHORT_CODE => {
                self.out.push_str("<code class=\"whole\">");
                push_escaped(&mut self.out, code);
                self.out.push_str("</code>");
            }
            Inline::Code(code) => {
                self.out.push_str("<code>");
                push_escaped(&mut self.out, code);
                self.out.push_str("</code>");
            }
            Inline::Link(link) => self.link(link)?,
            Inline::Image(image) => self.image(image),
            Inline::FootnoteRef(number) => self.footnote_ref(*number),
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
        let chapter = chapter_of(vec![Block { kind, line: 1 }]);
        let xhtml = super::chapter(&chapter, &["chapter-01.xhtml".to_string()], &ImageSet::default()).unwrap();
        let body = xhtml.split("role=\"doc-chapter\">\n").nth(1).unwrap();
        body.split("</section>").next().unwrap().to_string()
    }

    #[test]
    fn listings_carry_highlight_classes_but_not_plain_spans_or_attributes() {
        let span = |class, text: &str| CodeSpan { class, text: text.to_string() };
        let code = CodeBlock {
            language: Some("zig".to_string()),
            attributes: vec!["test_error=OutOfMemory".to_string()],
            text: String::new(),
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
