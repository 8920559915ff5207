//! Markdown → model, for one chapter.
//!
//! A recursive descent over pulldown-cmark's events: each `Start` tag is
//! turned into a block or inline by a function that consumes events up to its
//! matching `End`. Byte offsets become source lines on the way.
//!
//! Nesting is bounded ([`MAX_BLOCK_NESTING`], [`MAX_INLINE_NESTING`]): this
//! descent and every stage after it walk the model recursively, so deeper
//! input — a stranger's 100,000 `>` — is an error at its line, its content
//! skipped without recursion, never a stack overflow.

use std::collections::HashMap;
use std::iter::Peekable;
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, OffsetIter, Options, Parser, Tag, TagEnd};

use super::captions;
use super::foreign::{is_language_tag, span_tag, SpanTag};
use super::ids::IdSet;
use super::include;
use super::model::*;
use crate::error::{Error, LineIndex, Location};
use crate::manifest::{without_bom, BookFiles, ImageProbe, Refusal, MAX_FILE_BYTES};

/// How deep lists and block quotes may nest, counted together: far beyond
/// any book, and shallow enough for every stage's recursion to stay well
/// inside a thread's stack.
pub const MAX_BLOCK_NESTING: usize = 64;

/// How deep emphasis, strong emphasis, strikethrough, links and images may
/// nest in one another, for the same reason.
pub const MAX_INLINE_NESTING: usize = 64;

/// What parsing one chapter yields before links are resolved across the book.
pub(super) struct ParsedChapter {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<Footnote>,
    /// What is wrong in the chapter (a missing image, a footnote without a
    /// definition), in the order of the lines; the model is whole regardless.
    pub errors: Vec<Error>,
}

pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Parses `source`, the Markdown of the chapter at `path` (used for
/// diagnostics and to find images next to it).
pub(super) fn parse_chapter(source: &str, path: &Path, files: &BookFiles) -> ParsedChapter {
    let mut parser = ChapterParser {
        events: Parser::new_ext(source, options()).into_offset_iter().peekable(),
        lines: LineIndex::new(source),
        path,
        files,
        depth: Depth::default(),
        ids: IdSet::default(),
        footnote_numbers: HashMap::new(),
        footnote_lines: Vec::new(),
        definitions: HashMap::new(),
        errors: Vec::new(),
        included_bytes: 0,
        spans: Spans::default(),
        last_alt: Vec::new(),
    };
    let blocks = parser.blocks();
    parser.finish(blocks)
}

struct ChapterParser<'a> {
    events: Peekable<OffsetIter<'a>>,
    lines: LineIndex<'a>,
    path: &'a Path,
    /// The files the book may read (its images).
    files: &'a BookFiles,
    /// The lists and quotes, and the inline containers, open around the event being read.
    depth: Depth,
    ids: IdSet,
    /// Footnote label → number, in order of first reference.
    footnote_numbers: HashMap<String, usize>,
    /// Label and line of each first reference, by number − 1.
    footnote_lines: Vec<(String, usize)>,
    /// Footnote label → (blocks, line of the definition).
    definitions: HashMap<String, (Vec<Block>, usize)>,
    /// What is wrong in the chapter, in reading order: parsing goes on after
    /// an error, so one run reports them all.
    errors: Vec<Error>,
    /// The bytes of the files the chapter's listings included so far: at
    /// most [`MAX_FILE_BYTES`], so a thousand includes of one large file
    /// cannot make a build hold gigabytes.
    included_bytes: u64,
    /// The `<span>` tags open around the event being read.
    spans: Spans,
    /// The alt text of the image read last, as inline content: a figure's
    /// caption keeps its emphasis and code (its `alt` is the plain text).
    last_alt: Vec<Inline>,
}

/// The `<span>` tags open around the event being read: a `</span>` closes
/// the innermost raw one, if any, or else the foreign phrase.
#[derive(Debug, Default)]
struct Spans {
    /// Raw `<span …>` tags (without `lang`) open in the current phrase or paragraph.
    raw: usize,
    /// Inside a foreign phrase.
    foreign: bool,
    /// Inside a link's text.
    link: bool,
}

impl<'a> ChapterParser<'a> {
    fn line(&self, range: &Range<usize>) -> usize {
        self.lines.line(range.start)
    }

    fn error(&self, range: &Range<usize>, message: impl Into<String>) -> Error {
        let (line, column) = self.lines.line_column(range.start);
        Error::book(Location::at(self.path, line, column), message)
    }

    fn report(&mut self, error: Error) {
        self.errors.push(error);
    }

    /// `parse` run one level of `nesting` deeper — or, past its limit, an
    /// error at `range` and the container's events skipped.
    fn nested<T>(&mut self, nesting: Nesting, range: &Range<usize>, parse: impl FnOnce(&mut Self) -> T) -> Option<T> {
        if *self.depth.of(nesting) == nesting.limit() {
            let error = self.error(range, nesting.message());
            self.report(error.with_help(nesting.help()));
            self.skip_to_end();
            return None;
        }
        *self.depth.of(nesting) += 1;
        let parsed = parse(self);
        *self.depth.of(nesting) -= 1;
        Some(parsed)
    }

    /// Consumes the events up to the end of the tag just started, the tags
    /// inside it included, without recursion.
    fn skip_to_end(&mut self) {
        let mut open = 0_usize;
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Start(_) => open += 1,
                Event::End(_) if open == 0 => break,
                Event::End(_) => open -= 1,
                _ => {}
            }
        }
    }

    /// Blocks up to the end of the enclosing container (or of the document).
    fn blocks(&mut self) -> Vec<Block> {
        let mut blocks = Vec::new();
        while let Some((event, range)) = self.events.peek().cloned() {
            match event {
                Event::End(_) => {
                    self.events.next();
                    break;
                }
                Event::Start(tag) if !is_inline(&tag) => {
                    self.events.next();
                    if let Some(block) = self.block(tag, &range) {
                        blocks.push(block);
                    }
                }
                Event::Rule => {
                    self.events.next();
                    blocks.push(Block { kind: BlockKind::Rule, line: self.line(&range) });
                }
                Event::Html(html) => {
                    self.events.next();
                    let line = self.line(&range);
                    match blocks.last_mut() {
                        Some(Block { kind: BlockKind::Html(previous), .. }) => previous.push_str(&html),
                        _ => blocks.push(Block { kind: BlockKind::Html(html.into_string()), line }),
                    }
                }
                // Tight list items hold inline content without a paragraph.
                _ => {
                    let line = self.line(&range);
                    let content = self.loose_inlines();
                    blocks.push(Block { kind: BlockKind::Paragraph(content), line });
                }
            }
        }
        self.attach_table_captions(&mut blocks);
        blocks
    }

    fn block(&mut self, tag: Tag<'a>, range: &Range<usize>) -> Option<Block> {
        let line = self.line(range);
        // Inline HTML ends with its block: a `</span>` is not another paragraph's.
        self.spans.raw = 0;
        let kind = match tag {
            Tag::Paragraph => {
                let inlines = self.inlines();
                self.paragraph_or_figure(inlines, range)
            }
            Tag::Heading { level, id, .. } => {
                let content = self.inlines();
                let id = self.ids.claim(id.as_deref(), &plain_text(&content));
                BlockKind::Heading(Heading { level: heading_level(level), id, content })
            }
            Tag::BlockQuote(_) => quote_or_callout(self.nested(Nesting::Blocks, range, Self::blocks)?),
            Tag::CodeBlock(kind) => BlockKind::Code(self.code_block(kind, range)),
            Tag::List(start) => {
                BlockKind::List(List { start, items: self.nested(Nesting::Blocks, range, Self::list_items)? })
            }
            Tag::Table(alignments) => BlockKind::Table(self.table(alignments)),
            Tag::FootnoteDefinition(label) => {
                let blocks = self.blocks();
                self.definitions.insert(label.into_string(), (blocks, line));
                return None;
            }
            Tag::HtmlBlock => BlockKind::Html(self.raw_text()),
            // Containers we do not model keep their content.
            _ => BlockKind::Quote(self.nested(Nesting::Blocks, range, Self::blocks)?),
        };
        Some(Block { kind, line })
    }

    /// A paragraph holding nothing but an image — and perhaps its label,
    /// `{#fig:name}` — is a figure.
    fn paragraph_or_figure(&mut self, mut inlines: Vec<Inline>, range: &Range<usize>) -> BlockKind {
        let label = match captions::figure_label(&inlines) {
            Some(Ok(label)) => Some(label),
            Some(Err(why)) => {
                let error = self.error(range, why);
                self.report(error.with_help("label a figure as ![caption](file.png){#fig:name}"));
                None
            }
            None => None,
        };
        if label.is_some() {
            inlines.truncate(1);
        }
        if let [Inline::Image(_)] = inlines.as_slice() {
            if let Some(Inline::Image(mut image)) = inlines.pop() {
                if let Some(label) = label {
                    let content = std::mem::take(&mut self.last_alt);
                    image.caption = Some(Caption::new(CaptionKind::Figure, Some(label), content));
                }
                return BlockKind::Figure(image);
            }
        }
        BlockKind::Paragraph(inlines)
    }

    /// Joins each table caption paragraph to its table: the one before it
    /// if that has no caption yet, else the one after. One pass and one
    /// `retain`: a chapter of many captioned tables stays linear.
    fn attach_table_captions(&mut self, blocks: &mut Vec<Block>) {
        let uncaptioned = |block: Option<&Block>| matches!(block, Some(Block { kind: BlockKind::Table(t), .. }) if t.caption.is_none());
        let mut taken = vec![false; blocks.len()];
        for index in 0..blocks.len() {
            let BlockKind::Paragraph(inlines) = &blocks[index].kind else { continue };
            let table = if index > 0 && uncaptioned(blocks.get(index - 1)) {
                index - 1
            } else if uncaptioned(blocks.get(index + 1)) {
                index + 1
            } else {
                continue;
            };
            match captions::table_caption(inlines) {
                None => {}
                Some(Ok(caption)) => {
                    if let BlockKind::Table(t) = &mut blocks[table].kind {
                        t.caption = Some(caption);
                    }
                    taken[index] = true;
                }
                Some(Err(why)) => {
                    let error = Error::book(Location::at(self.path, blocks[index].line, 1), why);
                    self.report(error.with_help("caption a table with a paragraph `: Caption {#tbl:name}` next to it"));
                }
            }
        }
        let mut taken = taken.into_iter();
        blocks.retain(|_| !taken.next().unwrap_or(false));
    }

    fn list_items(&mut self) -> Vec<Vec<Block>> {
        let mut items = Vec::new();
        while let Some((event, _)) = self.events.next() {
            match event {
                Event::Start(Tag::Item) => items.push(self.blocks()),
                Event::End(_) => break,
                _ => {}
            }
        }
        items
    }

    fn table(&mut self, alignments: Vec<pulldown_cmark::Alignment>) -> Table {
        let alignments = alignments.into_iter().map(alignment).collect();
        let mut table = Table { alignments, header: Vec::new(), rows: Vec::new(), caption: None };
        while let Some((event, _)) = self.events.next() {
            match event {
                Event::Start(Tag::TableHead) => table.header = self.table_cells(),
                Event::Start(Tag::TableRow) => {
                    let row = self.table_cells();
                    table.rows.push(row);
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        table
    }

    fn table_cells(&mut self) -> Vec<Vec<Inline>> {
        let mut cells = Vec::new();
        while let Some((event, _)) = self.events.next() {
            match event {
                Event::Start(Tag::TableCell) => cells.push(self.inlines()),
                Event::End(_) => break,
                _ => {}
            }
        }
        cells
    }

    fn code_block(&mut self, kind: CodeBlockKind<'a>, range: &Range<usize>) -> CodeBlock {
        let info = match &kind {
            CodeBlockKind::Fenced(info) => info.to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let info = captions::fence_info(&info).unwrap_or_else(|why| {
            let error = self.error(range, why);
            self.report(error.with_help("write ```{#lst:name .zig caption=\"…\"} or ```zig test {#lst:name}"));
            captions::FenceInfo::default()
        });
        let (mut text, starts) = self.code_text();
        let include = self.include(&mut text, &starts);
        if let (None, Some(unescaped)) = (&include, include::unescape(&text)) {
            text = unescaped;
        }
        let lines = plain_code_lines(&text);
        let caption = captions::listing_caption(info.label, info.caption);
        CodeBlock { language: info.language, attributes: info.attributes, text, lines, include, caption }
    }

    /// The code up to the end of the block, and where each of its text
    /// events began: (offset in the code, offset in the Markdown).
    fn code_text(&mut self) -> (String, Vec<(usize, usize)>) {
        let (mut text, mut starts) = (String::new(), Vec::new());
        for (event, range) in self.events.by_ref() {
            match event {
                Event::Text(t) => {
                    starts.push((text.len(), range.start));
                    text.push_str(&t);
                }
                Event::End(_) => break,
                _ => {}
            }
        }
        (text, starts)
    }

    /// For a listing holding a `{{#include …}}` directive: the file, with
    /// `text` replaced by the excerpt it selects. What is wrong is reported
    /// at the directive, and the directive's line stays as the listing.
    fn include(&mut self, text: &mut String, starts: &[(usize, usize)]) -> Option<Include> {
        let (at, directive) = text
            .lines()
            .scan(0, |offset, line| {
                let at = *offset;
                *offset += line.len() + 1;
                Some((at, line))
            })
            .find_map(|(at, line)| include::directive(line).map(|d| (at + line.find("{{").unwrap_or(0), d)))?;
        // Where the directive stands in the Markdown: its text event's start plus the way into it.
        let markdown = starts.iter().rev().find(|(code, _)| *code <= at).map_or(0, |(code, md)| md + at - code);
        let range = markdown..markdown;
        let found = self.included(&directive, text, &range);
        match found {
            Ok((include, excerpt)) => {
                *text = excerpt;
                Some(include)
            }
            Err(error) => {
                self.report(error);
                None
            }
        }
    }

    /// The file and excerpt `directive` names, or the error at `range`.
    fn included(
        &mut self,
        directive: &include::Directive,
        text: &str,
        range: &Range<usize>,
    ) -> Result<(Include, String), Error> {
        let src = directive.path;
        let (line, column) = self.lines.line_column(range.start);
        let at = Location::at(self.path, line, column);
        let fail = |message: String, help: &str| Error::book(at.clone(), message).with_help(help.to_string());
        directive.validate().map_err(|why| {
            fail(why, "write {{#include FILE}}, {{#include FILE:FIRST:LAST}} or {{#include FILE:ANCHOR}}")
        })?;
        if text.lines().filter(|line| !line.trim().is_empty()).count() > 1 {
            return Err(fail(
                format!("a listing with `{{{{#include {src}}}}}` holds other lines too"),
                "give the included file a listing of its own; to show several parts, mark them with one anchor",
            ));
        }
        if has_scheme(src) {
            return Err(fail(
                format!("included file `{src}` is not a local file"),
                "include files of the book by a relative path",
            ));
        }
        let path = resolve_relative(self.path, src);
        let refused = |refusal: Refusal| match refusal {
            Refusal::NotFound => fail(
                format!("included file `{src}` not found (looked for {})", path.display()),
                "included paths are relative to the chapter file",
            ),
            refusal => fail(format!("included file `{src}` {refusal}"), refusal.help()),
        };
        let (_, size) = self.files.resolve(&path).map_err(refused)?;
        self.included_bytes += size;
        if self.included_bytes > MAX_FILE_BYTES {
            return Err(fail(
                format!("the chapter's listings include more than {} MiB of files", MAX_FILE_BYTES >> 20),
                "include smaller files, or parts of them (`FILE:ANCHOR`), or split the chapter",
            ));
        }
        let bytes = self.files.read(&path).map_err(refused)?;
        let file = String::from_utf8(bytes)
            .map_err(|_| fail(format!("included file `{src}` is not valid UTF-8"), "save the file as UTF-8"))?;
        let file = without_bom(&file).to_string();
        let excerpt = directive.excerpt(&file).map_err(|why| {
            fail(format!("`{{{{#include {src}}}}}`: {why}"), "fix the lines or the anchor to match the file")
        })?;
        Ok((Include { path, text: file }, excerpt))
    }

    /// The text events up to the end of the current tag, concatenated.
    fn raw_text(&mut self) -> String {
        let mut text = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Text(t) | Event::Html(t) => text.push_str(&t),
                Event::End(_) => break,
                _ => {}
            }
        }
        text
    }

    /// Inline content up to the end of the enclosing tag.
    fn inlines(&mut self) -> Vec<Inline> {
        let mut inlines = Vec::new();
        while let Some((event, range)) = self.events.next() {
            if let Event::End(_) = event {
                break;
            }
            self.inline(event, &range, &mut inlines);
        }
        inlines
    }

    /// Inline content up to the next block-level event, which stays unread.
    fn loose_inlines(&mut self) -> Vec<Inline> {
        let mut inlines = Vec::new();
        while let Some((event, _)) = self.events.peek() {
            if is_block_level(event) {
                break;
            }
            let (event, range) = self.events.next().expect("peeked");
            self.inline(event, &range, &mut inlines);
        }
        inlines
    }

    fn inline(&mut self, event: Event<'a>, range: &Range<usize>, out: &mut Vec<Inline>) {
        let inline = match event {
            Event::Text(text) => {
                if text.starts_with('^') && matches!(out.last(), Some(Inline::Text(t)) if t.ends_with('[')) {
                    let error = self.undefined_footnote(&text, range);
                    self.report(error);
                }
                push_text(out, &text);
                return;
            }
            Event::Code(code) => Inline::Code(code.into_string()),
            Event::InlineMath(math) | Event::DisplayMath(math) => Inline::Code(math.into_string()),
            Event::InlineHtml(html) => match self.inline_html(&html, range) {
                Some(inline) => inline,
                None => return,
            },
            Event::Html(html) => Inline::Html(html.into_string()),
            Event::SoftBreak => Inline::SoftBreak,
            Event::HardBreak => Inline::HardBreak,
            Event::FootnoteReference(label) => Inline::FootnoteRef(self.footnote_number(&label, range)),
            Event::TaskListMarker(done) => Inline::Text(if done { "☒ " } else { "☐ " }.to_string()),
            Event::Start(tag) => match self.nested(Nesting::Inlines, range, |parser| parser.container(tag, range)) {
                Some(container) => container,
                None => return,
            },
            Event::End(_) | Event::Rule => return,
        };
        out.push(inline);
    }

    /// The inline container `tag` opens (emphasis, a link, an image …), with its content.
    fn container(&mut self, tag: Tag<'a>, range: &Range<usize>) -> Inline {
        match tag {
            Tag::Strong => Inline::Strong(self.inlines()),
            Tag::Strikethrough => Inline::Strikethrough(self.inlines()),
            Tag::Link { link_type, dest_url, title, .. } => {
                // An e-mail autolink `<a@b.org>` comes without its scheme.
                let url = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.into_string(),
                };
                let (line, column) = self.lines.line_column(range.start);
                let outer = std::mem::replace(&mut self.spans.link, true);
                let content = self.inlines();
                self.spans.link = outer;
                Inline::Link(Link {
                    target: LinkTarget::External(url.clone()),
                    url,
                    title: title.into_string(),
                    content,
                    line,
                    column,
                })
            }
            Tag::Image { dest_url, title, .. } => {
                self.last_alt = self.inlines();
                let alt = plain_text(&self.last_alt);
                Inline::Image(self.image(&dest_url, alt, title.into_string(), range))
            }
            // Emphasis, and the containers we do not model.
            _ => Inline::Emphasis(self.inlines()),
        }
    }

    /// Inline HTML: a foreign phrase `<span lang="…">…</span>`, read up to
    /// its `</span>`, or raw HTML kept as it is; none for a `</span>` that
    /// closes nothing (an error).
    fn inline_html(&mut self, html: &str, range: &Range<usize>) -> Option<Inline> {
        match span_tag(html) {
            Some(SpanTag::Foreign { lang, others }) => {
                let mut problems = Vec::new();
                if !is_language_tag(&lang) {
                    problems.push((
                        format!("`<span lang=\"{lang}\">`: `{lang}` is not a BCP 47 language tag"),
                        "write a language tag such as \"en\", \"de\" or \"en-US\"",
                    ));
                }
                if others {
                    problems.push((
                        format!("`{html}`: a phrase in another language takes no attributes but `lang`"),
                        "write `<span lang=\"…\">` alone; its look is the edition's",
                    ));
                }
                if self.spans.foreign || self.spans.link {
                    let within =
                        if self.spans.foreign { "another phrase in another language" } else { "a link's text" };
                    problems.push((
                        format!("`<span lang=\"{lang}\">` inside {within}"),
                        "close the outer phrase first, or put the link inside the `<span lang>`, not around it",
                    ));
                }
                if problems.is_empty() {
                    return Some(self.foreign(lang, range));
                }
                for (message, help) in problems {
                    let error = self.error(range, message).with_help(help);
                    self.report(error);
                }
                // Read on as raw HTML, so its `</span>` closes it.
                self.spans.raw += 1;
            }
            Some(SpanTag::Open) => self.spans.raw += 1,
            Some(SpanTag::Close) if self.spans.raw > 0 => self.spans.raw -= 1,
            Some(SpanTag::Close) => {
                let error = self.error(range, "`</span>` closes no `<span>`");
                self.report(error.with_help("remove it, or open the phrase with `<span lang=\"…\">` before it"));
                return None;
            }
            None => {}
        }
        Some(Inline::Html(html.to_string()))
    }

    /// A phrase in language `lang`, whose `<span lang>` was just read at
    /// `range`: the inline content up to its `</span>`, which must come
    /// before the end of the enclosing container (emphasis, a paragraph).
    fn foreign(&mut self, lang: String, range: &Range<usize>) -> Inline {
        let raw = std::mem::take(&mut self.spans.raw);
        self.spans.foreign = true;
        let mut content = Vec::new();
        loop {
            match self.events.peek() {
                Some((Event::InlineHtml(html), _)) if self.spans.raw == 0 && span_tag(html) == Some(SpanTag::Close) => {
                    self.events.next();
                    break;
                }
                Some((event, _)) if !is_block_level(event) => {
                    let (event, range) = self.events.next().expect("peeked");
                    self.inline(event, &range, &mut content);
                }
                _ => {
                    let error = self.error(range, format!("`<span lang=\"{lang}\">` is not closed"));
                    self.report(error.with_help(
                        "end the phrase with `</span>` in the same paragraph, and inside the emphasis or link it starts in",
                    ));
                    break;
                }
            }
        }
        self.spans = Spans { raw, foreign: false, ..self.spans };
        Inline::Foreign(Foreign { lang, content })
    }

    /// The image at `src`; a remote, missing, unreadable or oversized one is reported.
    fn image(&mut self, src: &str, alt: String, title: String, range: &Range<usize>) -> Image {
        let path = resolve_relative(self.path, src);
        let mut image =
            Image { src: src.to_string(), path, format: ImageFormat::Other, pixels: None, alt, title, caption: None };
        if has_scheme(src) {
            let error = self.error(range, format!("image `{src}` is not a local file"));
            self.report(error.with_help("download the image into the book folder and link to it by a relative path"));
            return image;
        }
        let probe = match self.files.read(&image.path) {
            Ok(bytes) => ImageProbe::of(&bytes)
                .map_err(|why| self.error(range, format!("image `{src}`: {why}")).with_help("make the image smaller")),
            Err(Refusal::NotFound) => Err(self
                .error(range, format!("image `{src}` not found (looked for {})", image.path.display()))
                .with_help("image paths are relative to the chapter file")),
            Err(refusal) => Err(self.error(range, format!("image `{src}` {refusal}")).with_help(refusal.help())),
        };
        match probe {
            Ok(probe) => (image.format, image.pixels) = (probe.format, probe.pixels),
            Err(error) => self.report(error),
        }
        image
    }

    /// pulldown-cmark leaves a reference without a definition as text: `[`, `^label`, `]`.
    fn undefined_footnote(&self, text: &str, range: &Range<usize>) -> Error {
        let label = text.trim_start_matches('^');
        let start = range.start.saturating_sub(1);
        self.error(&(start..range.end), format!("footnote `[^{label}]` has no definition"))
            .with_help(format!("add `[^{label}]: …` to the chapter, or write `\\[^{label}]` for the literal text"))
    }

    fn footnote_number(&mut self, label: &str, range: &Range<usize>) -> usize {
        let next = self.footnote_numbers.len() + 1;
        let line = self.line(range);
        *self.footnote_numbers.entry(label.to_string()).or_insert_with(|| {
            self.footnote_lines.push((label.to_string(), line));
            next
        })
    }

    /// Pairs footnote references with their definitions.
    fn finish(mut self, blocks: Vec<Block>) -> ParsedChapter {
        let mut footnotes = Vec::with_capacity(self.footnote_lines.len());
        for (index, (label, line)) in std::mem::take(&mut self.footnote_lines).into_iter().enumerate() {
            let Some((blocks, definition_line)) = self.definitions.remove(&label) else {
                let message = format!("footnote `[^{label}]` has no definition");
                let error = Error::book(Location::at(self.path, line, 0), message);
                self.report(error.with_help(format!("add `[^{label}]: …` to the chapter")));
                continue;
            };
            footnotes.push(Footnote { number: index + 1, label, blocks, line: definition_line });
        }
        self.errors.sort_by_key(|error| error.location().map(|l| (l.line, l.column)));
        ParsedChapter { blocks, footnotes, errors: self.errors }
    }
}

/// The two kinds of nesting the parser bounds.
#[derive(Debug, Clone, Copy)]
enum Nesting {
    /// Lists and block quotes, in one another.
    Blocks,
    /// Emphasis, strong emphasis, strikethrough, links and images.
    Inlines,
}

impl Nesting {
    fn limit(self) -> usize {
        match self {
            Nesting::Blocks => MAX_BLOCK_NESTING,
            Nesting::Inlines => MAX_INLINE_NESTING,
        }
    }

    fn message(self) -> String {
        match self {
            Nesting::Blocks => format!("lists and quotes nested more than {MAX_BLOCK_NESTING} levels deep"),
            Nesting::Inlines => {
                format!("emphasis, strikethrough, links and images nested more than {MAX_INLINE_NESTING} levels deep")
            }
        }
    }

    fn help(self) -> &'static str {
        match self {
            Nesting::Blocks => {
                "end some lists or quotes sooner; a `>` or `-` meant literally is written `\\>` or `\\-`"
            }
            Nesting::Inlines => {
                "close some of them sooner; a `*`, `~` or `[` meant literally is written `\\*`, `\\~` or `\\[`"
            }
        }
    }
}

/// The open containers of each kind of [`Nesting`].
#[derive(Debug, Default)]
struct Depth {
    blocks: usize,
    inlines: usize,
}

impl Depth {
    fn of(&mut self, nesting: Nesting) -> &mut usize {
        match nesting {
            Nesting::Blocks => &mut self.blocks,
            Nesting::Inlines => &mut self.inlines,
        }
    }
}

/// Whether `event` ends a run of inline content: a block's start, the end
/// of the enclosing container, a rule, block HTML.
fn is_block_level(event: &Event) -> bool {
    match event {
        Event::Start(tag) => !is_inline(tag),
        Event::End(_) | Event::Rule | Event::Html(_) => true,
        _ => false,
    }
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

fn alignment(alignment: pulldown_cmark::Alignment) -> Alignment {
    match alignment {
        pulldown_cmark::Alignment::None => Alignment::None,
        pulldown_cmark::Alignment::Left => Alignment::Left,
        pulldown_cmark::Alignment::Center => Alignment::Center,
        pulldown_cmark::Alignment::Right => Alignment::Right,
    }
}

/// A quote whose first line is `[!NOTE]` (or another kind's marker,
/// perhaps followed by a title) is a callout.
fn quote_or_callout(mut blocks: Vec<Block>) -> BlockKind {
    let Some(Block { kind: BlockKind::Paragraph(inlines), .. }) = blocks.first_mut() else {
        return BlockKind::Quote(blocks);
    };
    let Some(Inline::Text(first)) = inlines.first() else { return BlockKind::Quote(blocks) };
    let Some((kind, rest)) = callout_marker(first) else { return BlockKind::Quote(blocks) };
    let rest = rest.trim_start().to_string();
    // The title runs to the end of the marker's line; the text starts on the next.
    let end = inlines.iter().position(|i| matches!(i, Inline::SoftBreak | Inline::HardBreak)).unwrap_or(inlines.len());
    let mut title: Vec<Inline> = inlines.drain(..end).skip(1).collect();
    if !rest.is_empty() {
        title.insert(0, Inline::Text(rest));
    }
    if let Some(Inline::Text(last)) = title.last_mut() {
        last.truncate(last.trim_end().len());
    }
    if !inlines.is_empty() {
        inlines.remove(0);
    }
    if inlines.is_empty() {
        blocks.remove(0);
    }
    BlockKind::Callout(Callout { kind, title, blocks })
}

/// `[!NOTE] rest` → the kind and the rest.
fn callout_marker(text: &str) -> Option<(CalloutKind, &str)> {
    let inner = text.strip_prefix("[!")?;
    let (name, rest) = inner.split_once(']')?;
    Some((CalloutKind::from_marker(name)?, rest))
}

/// Appends text, merging it with a preceding text node (pulldown-cmark splits
/// text at every special character it considered).
fn push_text(out: &mut Vec<Inline>, text: &str) {
    match out.last_mut() {
        Some(Inline::Text(previous)) => previous.push_str(text),
        _ => out.push(Inline::Text(text.to_string())),
    }
}

/// One plain span per line; the highlight stage refines them.
pub(super) fn plain_code_lines(text: &str) -> Vec<CodeLine> {
    text.lines()
        .map(|line| CodeLine { spans: vec![CodeSpan { class: TokenClass::Plain, text: line.to_string() }] })
        .collect()
}

/// Whether a URL starts with a scheme (`https:`, `mailto:`).
pub(super) fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else { return false };
    let scheme = &url[..colon];
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// `target` relative to the folder of the chapter at `chapter`, normalised.
pub(super) fn resolve_relative(chapter: &Path, target: &str) -> PathBuf {
    let base = chapter.parent().unwrap_or(Path::new(""));
    normalize(&base.join(target))
}

/// Removes `.` and `..` components without touching the file system.
pub(super) fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
