//! Chapters of the model → XHTML content documents.
//!
//! One document per chapter: `<section epub:type="chapter">` holding the
//! blocks, then the chapter's footnotes as `<aside epub:type="footnote">`.
//! Everything the reader's text carries (U+00A0, soft hyphens) is written
//! through as characters; everything else is escaped, so the output is
//! well-formed whatever the Markdown held.

use super::escape::{href, push_escaped};
use super::images::ImageSet;
use crate::document::{
    Alignment, Block, BlockKind, Chapter, CodeBlock, Image, Inline, Link, LinkTarget, List, Table, TokenClass,
};
use crate::error::Result;

/// The stylesheet every document links to.
pub const STYLESHEET: &str = "stylesheet.css";

/// A complete XHTML content document around `body`.
pub fn document(language: &str, title: &str, body_type: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
    out.push_str("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\"");
    for attribute in ["lang", "xml:lang"] {
        out.push_str(&format!(" {attribute}=\""));
        push_escaped(&mut out, language);
        out.push('"');
    }
    out.push_str(">\n<head>\n<meta charset=\"utf-8\"/>\n<title>");
    push_escaped(&mut out, title);
    out.push_str(&format!("</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"{STYLESHEET}\"/>\n</head>\n"));
    out.push_str(&format!("<body epub:type=\"{body_type}\">\n"));
    out.push_str(body);
    out.push_str("</body>\n</html>\n");
    out
}

/// The XHTML document of chapter `index`; `files` names every chapter's
/// document (for links between chapters), `images` collects the pictures.
pub fn chapter(chapter: &Chapter, files: &[String], images: &mut ImageSet) -> Result<String> {
    let mut writer = Writer {
        out: String::with_capacity(chapter.source.len() * 3 / 2),
        files,
        images,
        chapter,
        refs_seen: Vec::new(),
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
    images: &'a mut ImageSet,
    chapter: &'a Chapter,
    /// Footnotes referenced so far: a second reference gets its own id.
    refs_seen: Vec<usize>,
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
            BlockKind::Code(code) => self.code(code),
            BlockKind::Table(table) => self.table(table, block.line)?,
            BlockKind::Figure(image) => self.figure(image, block.line)?,
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
        let tag = match list.start {
            None => "ul",
            Some(_) => "ol",
        };
        match list.start {
            Some(start) if start != 1 => self.out.push_str(&format!("<ol start=\"{start}\">\n")),
            _ => self.out.push_str(&format!("<{tag}>\n")),
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

    /// A listing: one line of spans per source line; attributes of the info
    /// string (`test`, `ignore` …) are for `verstka check`, never for readers.
    fn code(&mut self, code: &CodeBlock) {
        self.out.push_str("<pre><code");
        if let Some(language) = &code.language {
            self.out.push_str(" class=\"language-");
            push_escaped(&mut self.out, language);
            self.out.push('"');
        }
        self.out.push('>');
        for (n, line) in code.lines.iter().enumerate() {
            if n > 0 {
                self.out.push('\n');
            }
            for span in &line.spans {
                if span.class == TokenClass::Plain {
                    push_escaped(&mut self.out, &span.text);
                } else {
                    self.out.push_str(&format!("<span class=\"{}\">", span.class.css_class()));
                    push_escaped(&mut self.out, &span.text);
                    self.out.push_str("</span>");
                }
            }
        }
        self.out.push_str("</code></pre>\n");
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

    fn figure(&mut self, image: &Image, line: usize) -> Result<()> {
        self.out.push_str("<figure>\n");
        self.image(image, line)?;
        if !image.title.is_empty() {
            self.out.push_str("\n<figcaption>");
            push_escaped(&mut self.out, &image.title);
            self.out.push_str("</figcaption>");
        }
        self.out.push_str("\n</figure>\n");
        Ok(())
    }

    fn image(&mut self, image: &Image, line: usize) -> Result<()> {
        let src = self.images.href(image, &self.chapter.path, line)?;
        self.out.push_str(&format!("<img src=\"{src}\" alt=\""));
        push_escaped(&mut self.out, &image.alt);
        self.out.push('"');
        if !image.title.is_empty() {
            self.out.push_str(" title=\"");
            push_escaped(&mut self.out, &image.title);
            self.out.push('"');
        }
        self.out.push_str("/>");
        Ok(())
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

    fn inlines(&mut self, inlines: &[Inline], line: usize) -> Result<()> {
        inlines.iter().try_for_each(|inline| self.inline(inline, line))
    }

    fn inline(&mut self, inline: &Inline, line: usize) -> Result<()> {
        match inline {
            Inline::Text(text) => push_escaped(&mut self.out, text),
            Inline::Emphasis(content) => self.wrapped("em", content, line)?,
            Inline::Strong(content) => self.wrapped("strong", content, line)?,
            Inline::Strikethrough(content) => self.wrapped("s", content, line)?,
            Inline::Code(code) => {
                self.out.push_str("<code>");
                push_escaped(&mut self.out, code);
                self.out.push_str("</code>");
            }
            Inline::Link(link) => self.link(link)?,
            Inline::Image(image) => self.image(image, line)?,
            Inline::FootnoteRef(number) => self.footnote_ref(*number),
            Inline::SoftBreak => self.out.push('\n'),
            Inline::HardBreak => self.out.push_str("<br/>\n"),
            Inline::Html(html) => push_escaped(&mut self.out, &without_comments(html)),
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
        self.out.push_str("<a href=\"");
        push_escaped(&mut self.out, &target);
        self.out.push('"');
        if !link.title.is_empty() {
            self.out.push_str(" title=\"");
            push_escaped(&mut self.out, &link.title);
            self.out.push('"');
        }
        self.out.push('>');
        self.inlines(&link.content, link.line)?;
        self.out.push_str("</a>");
        Ok(())
    }

    fn footnote_ref(&mut self, number: usize) {
        let repeats = self.refs_seen.iter().filter(|&&n| n == number).count();
        self.refs_seen.push(number);
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
