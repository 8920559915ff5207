//! Which font faces the book's pages use, so that only those are embedded:
//! the fonts are nearly all of an EPUB's bytes, and stores charge delivery
//! by the megabyte.
//!
//! The faces follow `styles/epub.css`: prose in PT Serif (emphasis italic,
//! strong emphasis and the contents page's chapters bold), headings and
//! table headers in PT Sans bold, the title page's authors in PT Sans,
//! code in PT Mono (bold in bold text and for the tokens the screen themes
//! make bold), figure captions in italics (emphasis in them upright).

use super::assets::{FontFace, FONTS};
use crate::document::{Block, BlockKind, Book, Inline, TokenClass};
use crate::highlight::Theme;

/// A face as the stylesheet asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Style {
    family: &'static str,
    bold: bool,
    italic: bool,
}

const SERIF: &str = "PT Serif";
const SANS: &str = "PT Sans";
const MONO: &str = "PT Mono";

/// The faces of [`FONTS`] the book uses, in that order.
pub fn used(book: &Book) -> Vec<&'static FontFace> {
    let mut styles = Styles::default();
    // Every book has a title page (sans authors, a sans bold title) and a
    // contents page (serif, its chapters bold).
    let plain = Style { family: SERIF, bold: false, italic: false };
    styles.add(plain);
    styles.add(Style { bold: true, ..plain });
    styles.add(Style { family: SANS, bold: false, italic: false });
    styles.add(Style { family: SANS, bold: true, italic: false });
    let screen = [Theme::screen(), Theme::screen_dark()];
    for chapter in &book.chapters {
        chapter.for_each_block(&mut |block| styles.block(block, &screen));
        // A note's number, linking back, is bold.
        if !chapter.footnotes.is_empty() {
            styles.add(Style { bold: true, ..plain });
        }
    }
    FONTS
        .iter()
        .filter(|face| {
            styles
                .0
                .iter()
                .any(|s| s.family == face.family && s.bold == (face.weight >= 700) && s.italic == face.italic)
        })
        .collect()
}

#[derive(Default)]
struct Styles(Vec<Style>);

impl Styles {
    fn add(&mut self, style: Style) {
        // PT Mono has no italics: readers slant the upright face.
        let style = Style { italic: style.italic && style.family != MONO, ..style };
        if !self.0.contains(&style) {
            self.0.push(style);
        }
    }

    /// The styles of one block; the blocks inside lists and quotes come on their own.
    fn block(&mut self, block: &Block, screen: &[Theme]) {
        let prose = Style { family: SERIF, bold: false, italic: false };
        let heading = Style { family: SANS, bold: true, italic: false };
        // A numbered caption: its title in bold, its text in italics (styles/epub.css).
        let caption = match &block.kind {
            BlockKind::Code(code) => code.caption.as_ref(),
            BlockKind::Table(table) => table.caption.as_ref(),
            BlockKind::Figure(image) => image.caption.as_ref(),
            _ => None,
        };
        if let Some(caption) = caption {
            if caption.lead.is_some() {
                self.add(Style { bold: true, ..prose });
            }
            self.inlines(&caption.content, Style { italic: true, ..prose });
            // Emphasis in it is upright (styles/epub.css): its upright faces too.
            self.inlines(&caption.content, prose);
        }
        match &block.kind {
            BlockKind::Heading(h) => self.inlines(&h.content, heading),
            BlockKind::Paragraph(content) => self.inlines(content, prose),
            BlockKind::Table(table) => {
                table.header.iter().for_each(|cell| self.inlines(cell, heading));
                table.rows.iter().flatten().for_each(|cell| self.inlines(cell, prose));
            }
            BlockKind::Code(code) => {
                self.add(Style { family: MONO, bold: false, italic: false });
                let bold = code.lines.iter().flat_map(|line| &line.spans).any(|span| {
                    span.class != TokenClass::Plain && screen.iter().any(|theme| theme.style(span.class).bold)
                });
                if bold {
                    self.add(Style { family: MONO, bold: true, italic: false });
                }
            }
            BlockKind::Html(_) => self.add(Style { family: MONO, bold: false, italic: false }),
            BlockKind::Figure(image) if !image.title.is_empty() => self.add(Style { italic: true, ..prose }),
            BlockKind::Callout(callout) => self.inlines(&callout.title, heading),
            // A list's, quote's or callout's blocks are met on their own.
            BlockKind::List(_) | BlockKind::Figure(_) | BlockKind::Quote(_) | BlockKind::Rule => {}
        }
    }

    fn inlines(&mut self, inlines: &[Inline], style: Style) {
        // Simple inline HTML the EPUB keeps (`<b>`, `<i>` …) restyles what
        // follows it in the run.
        let mut style = style;
        for inline in inlines {
            match inline {
                Inline::Text(_) | Inline::PageNumber(_) => self.add(style),
                Inline::Emphasis(content) => self.inlines(content, Style { italic: true, ..style }),
                Inline::Strong(content) => self.inlines(content, Style { bold: true, ..style }),
                Inline::Strikethrough(content) => self.inlines(content, style),
                Inline::Link(link) => self.inlines(&link.content, style),
                Inline::Foreign(foreign) => self.inlines(&foreign.content, style),
                Inline::Code(_) => self.add(Style { family: MONO, ..style }),
                Inline::Html(html) => {
                    let tag = html.trim_start_matches('<').to_ascii_lowercase();
                    if tag.starts_with("b>") || tag.starts_with("strong>") {
                        style.bold = true;
                    } else if tag.starts_with("i>") || tag.starts_with("em>") {
                        style.italic = true;
                    } else if tag.starts_with("code>") {
                        self.add(Style { family: MONO, ..style });
                    }
                    self.add(style);
                }
                Inline::Image(_)
                | Inline::FootnoteRef(_)
                | Inline::SoftBreak
                | Inline::HardBreak
                | Inline::Anchor(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Heading;

    fn styles_of(kind: BlockKind) -> Vec<(&'static str, bool, bool)> {
        let mut styles = Styles::default();
        styles.block(&Block { kind, line: 1 }, &[Theme::screen()]);
        styles.0.iter().map(|s| (s.family, s.bold, s.italic)).collect()
    }

    #[test]
    fn each_text_asks_for_the_face_the_stylesheet_gives_it() {
        let heading = Heading {
            level: 2,
            id: "x".into(),
            content: vec![
                Inline::Text("Раздел ".into()),
                Inline::Emphasis(vec![Inline::Text("курсивом".into())]),
                Inline::Code("defer".into()),
            ],
        };
        assert_eq!(
            styles_of(BlockKind::Heading(heading)),
            [(SANS, true, false), (SANS, true, true), (MONO, true, false)]
        );
        let paragraph = vec![
            Inline::Strong(vec![Inline::Emphasis(vec![Inline::Text("очень".into())])]),
            Inline::Emphasis(vec![Inline::Code("x".into())]),
            Inline::Html("<b>".into()),
            Inline::Text("жирно".into()),
        ];
        assert_eq!(
            styles_of(BlockKind::Paragraph(paragraph)),
            [(SERIF, true, true), (MONO, false, false), (SERIF, true, false)],
            "mono has no italics"
        );
    }
}
