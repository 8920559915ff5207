//! Visiting the inline content of a chapter, for stages that rewrite it.

use super::model::*;

/// Where a run of inline content stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InlineContext {
    Heading,
    /// Paragraphs, list items, quotes and footnotes.
    Prose,
    TableCell,
}

impl Chapter {
    /// Calls `f` on every run of inline content — each paragraph, heading and
    /// table cell, footnotes included — in document order.
    pub fn for_each_inline_run_mut(&mut self, f: &mut dyn FnMut(InlineContext, &mut Vec<Inline>)) {
        walk_blocks(&mut self.blocks, f);
        for footnote in &mut self.footnotes {
            walk_blocks(&mut footnote.blocks, f);
        }
    }
}

fn walk_blocks(blocks: &mut [Block], f: &mut dyn FnMut(InlineContext, &mut Vec<Inline>)) {
    for block in blocks {
        match &mut block.kind {
            BlockKind::Heading(heading) => f(InlineContext::Heading, &mut heading.content),
            BlockKind::Paragraph(inlines) => f(InlineContext::Prose, inlines),
            BlockKind::List(list) => list.items.iter_mut().for_each(|item| walk_blocks(item, f)),
            BlockKind::Quote(blocks) => walk_blocks(blocks, f),
            BlockKind::Table(table) => {
                for cell in table.header.iter_mut().chain(table.rows.iter_mut().flatten()) {
                    f(InlineContext::TableCell, cell);
                }
            }
            BlockKind::Code(_) | BlockKind::Figure(_) | BlockKind::Rule | BlockKind::Html(_) => {}
        }
    }
}

/// Calls `f` on every link in `inlines`, nested ones included.
pub fn for_each_link_mut(inlines: &mut [Inline], f: &mut dyn FnMut(&mut Link)) {
    for inline in inlines {
        match inline {
            Inline::Link(link) => {
                f(link);
                for_each_link_mut(&mut link.content, f);
            }
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => for_each_link_mut(c, f),
            _ => {}
        }
    }
}

impl Chapter {
    /// Calls `f` on every code block and the source line it starts on —
    /// inside lists, quotes and footnotes too — in document order.
    pub fn for_each_code_block_mut(&mut self, f: &mut dyn FnMut(&mut CodeBlock, usize)) {
        walk_code_blocks(&mut self.blocks, f);
        for footnote in &mut self.footnotes {
            walk_code_blocks(&mut footnote.blocks, f);
        }
    }
}

fn walk_code_blocks(blocks: &mut [Block], f: &mut dyn FnMut(&mut CodeBlock, usize)) {
    for block in blocks {
        match &mut block.kind {
            BlockKind::Code(code) => f(code, block.line),
            BlockKind::List(list) => list.items.iter_mut().for_each(|item| walk_code_blocks(item, f)),
            BlockKind::Quote(blocks) => walk_code_blocks(blocks, f),
            _ => {}
        }
    }
}
