//! Visiting the model: every block of a chapter, depth first, and the
//! inline content, code blocks and links within, for the stages that read or
//! rewrite them. Each visit has a read-only and a mutable form, like `iter`
//! and `iter_mut`.

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
    /// Calls `f` on every block in document order: a list or quote first,
    /// then the blocks inside it; the footnotes' blocks last.
    pub fn for_each_block(&self, f: &mut dyn FnMut(&Block)) {
        fn walk(blocks: &[Block], f: &mut dyn FnMut(&Block)) {
            for block in blocks {
                f(block);
                match &block.kind {
                    BlockKind::List(list) => list.items.iter().for_each(|item| walk(item, f)),
                    BlockKind::Quote(blocks) | BlockKind::Callout(Callout { blocks, .. }) => walk(blocks, f),
                    _ => {}
                }
            }
        }
        walk(&self.blocks, f);
        self.footnotes.iter().for_each(|footnote| walk(&footnote.blocks, f));
    }

    /// [`Chapter::for_each_block`] for stages that rewrite blocks.
    pub fn for_each_block_mut(&mut self, f: &mut dyn FnMut(&mut Block)) {
        fn walk(blocks: &mut [Block], f: &mut dyn FnMut(&mut Block)) {
            for block in blocks {
                f(block);
                match &mut block.kind {
                    BlockKind::List(list) => list.items.iter_mut().for_each(|item| walk(item, f)),
                    BlockKind::Quote(blocks) | BlockKind::Callout(Callout { blocks, .. }) => walk(blocks, f),
                    _ => {}
                }
            }
        }
        walk(&mut self.blocks, f);
        self.footnotes.iter_mut().for_each(|footnote| walk(&mut footnote.blocks, f));
    }

    /// Calls `f` on every run of inline content — each paragraph, heading and
    /// table cell, footnotes included — with the line of its block.
    pub fn for_each_inline_run(&self, f: &mut dyn FnMut(InlineContext, &[Inline], usize)) {
        self.for_each_block(&mut |block| inline_runs(block, &mut |context, inlines| f(context, inlines, block.line)));
    }

    /// [`Chapter::for_each_inline_run`] for stages that rewrite the text.
    pub fn for_each_inline_run_mut(&mut self, f: &mut dyn FnMut(InlineContext, &mut Vec<Inline>)) {
        self.for_each_inline_run_at_mut(&mut |context, inlines, _| f(context, inlines));
    }

    /// [`Chapter::for_each_inline_run_mut`] with the line of each run's block.
    pub fn for_each_inline_run_at_mut(&mut self, f: &mut dyn FnMut(InlineContext, &mut Vec<Inline>, usize)) {
        self.for_each_block_mut(&mut |block| {
            let line = block.line;
            match &mut block.kind {
                BlockKind::Heading(heading) => f(InlineContext::Heading, &mut heading.content, line),
                BlockKind::Callout(callout) => f(InlineContext::Heading, &mut callout.title, line),
                BlockKind::Paragraph(inlines) => f(InlineContext::Prose, inlines, line),
                BlockKind::Table(table) => {
                    if let Some(caption) = &mut table.caption {
                        f(InlineContext::Prose, &mut caption.content, line);
                    }
                    for cell in table.header.iter_mut().chain(table.rows.iter_mut().flatten()) {
                        f(InlineContext::TableCell, cell, line);
                    }
                }
                BlockKind::Code(CodeBlock { caption: Some(caption), .. })
                | BlockKind::Figure(Image { caption: Some(caption), .. }) => {
                    f(InlineContext::Prose, &mut caption.content, line)
                }
                _ => {}
            }
        });
    }

    /// Whether the chapter holds a page reference (`@pg:lst:arena`).
    pub fn has_page_references(&self) -> bool {
        let mut found = false;
        self.for_each_inline_run(&mut |_, inlines, _| {
            for_each_link(inlines, &mut |link| found |= matches!(link.content.as_slice(), [Inline::PageNumber(_)]));
        });
        found
    }

    /// Calls `f` on every image — figures and images within the text — with
    /// the line of its block, in document order.
    pub fn for_each_image(&self, f: &mut dyn FnMut(&Image, usize)) {
        fn walk_inlines(inlines: &[Inline], line: usize, f: &mut dyn FnMut(&Image, usize)) {
            for inline in inlines {
                match inline {
                    Inline::Image(image) => f(image, line),
                    Inline::Link(Link { content, .. })
                    | Inline::Emphasis(content)
                    | Inline::Strong(content)
                    | Inline::Strikethrough(content)
                    | Inline::Foreign(Foreign { content, .. }) => walk_inlines(content, line, f),
                    _ => {}
                }
            }
        }
        self.for_each_block(&mut |block| match &block.kind {
            BlockKind::Figure(image) => f(image, block.line),
            _ => inline_runs(block, &mut |_, inlines| walk_inlines(inlines, block.line, f)),
        });
    }

    /// Calls `f` on every code block and the source line it starts on —
    /// inside lists, quotes and footnotes too — in document order.
    pub fn for_each_code_block_mut(&mut self, f: &mut dyn FnMut(&mut CodeBlock, usize)) {
        self.for_each_block_mut(&mut |block| {
            let line = block.line;
            if let BlockKind::Code(code) = &mut block.kind {
                f(code, line);
            }
        });
    }
}

/// Calls `f` on each run of inline content of `block` itself (not of the
/// blocks inside it).
fn inline_runs(block: &Block, f: &mut dyn FnMut(InlineContext, &[Inline])) {
    match &block.kind {
        BlockKind::Heading(heading) => f(InlineContext::Heading, &heading.content),
        BlockKind::Callout(callout) => f(InlineContext::Heading, &callout.title),
        BlockKind::Paragraph(inlines) => f(InlineContext::Prose, inlines),
        BlockKind::Table(table) => {
            if let Some(caption) = &table.caption {
                f(InlineContext::Prose, &caption.content);
            }
            for cell in table.header.iter().chain(table.rows.iter().flatten()) {
                f(InlineContext::TableCell, cell);
            }
        }
        BlockKind::Code(CodeBlock { caption: Some(caption), .. })
        | BlockKind::Figure(Image { caption: Some(caption), .. }) => f(InlineContext::Prose, &caption.content),
        _ => {}
    }
}

/// Calls `f` on every link in `inlines`, nested ones included.
pub fn for_each_link<'a>(inlines: &'a [Inline], f: &mut dyn FnMut(&'a Link)) {
    for inline in inlines {
        match inline {
            Inline::Link(link) => {
                f(link);
                for_each_link(&link.content, f);
            }
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Strikethrough(c)
            | Inline::Foreign(Foreign { content: c, .. }) => for_each_link(c, f),
            _ => {}
        }
    }
}

/// [`for_each_link`] for stages that rewrite links.
pub fn for_each_link_mut(inlines: &mut [Inline], f: &mut dyn FnMut(&mut Link)) {
    for inline in inlines {
        match inline {
            Inline::Link(link) => {
                f(link);
                for_each_link_mut(&mut link.content, f);
            }
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Strikethrough(c)
            | Inline::Foreign(Foreign { content: c, .. }) => for_each_link_mut(c, f),
            _ => {}
        }
    }
}
