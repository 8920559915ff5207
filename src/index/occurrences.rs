//! Finding the index's terms in a chapter and marking each place with an
//! [`Inline::Anchor`]: prose of paragraphs, lists, quotes, tables and
//! footnotes (not headings, code blocks or alt text), inline code for code
//! terms, and the explicit `<!-- index: … -->` markers.
//!
//! A marker within a paragraph becomes the anchor in its place; a marker on
//! a line of its own points at the start of the next paragraph.

use std::collections::HashSet;

use super::entries::{parse_marker, EntryLine};
use super::forms::{normalized, words};
use super::matcher::{code_contains, Matcher, Token};
use crate::document::{Block, BlockKind, Chapter, Inline};
use crate::error::{Error, Location};

/// What the index found in one chapter.
pub struct Found<T> {
    /// Each place a term stands, by the anchor put there.
    pub occurrences: Vec<(T, String)>,
    /// Each marker's term, by its anchor.
    pub markers: Vec<(EntryLine, String)>,
    pub errors: Vec<Error>,
}

/// Puts an anchor at every place `matcher` finds a term, and at every marker.
pub fn place_anchors<T: Copy>(chapter: &mut Chapter, matcher: &Matcher<T>) -> Found<T> {
    let mut taken = HashSet::new();
    chapter.for_each_block(&mut |block| {
        if let BlockKind::Heading(heading) = &block.kind {
            taken.insert(heading.id.clone());
        }
    });
    let mut walker = Walker {
        matcher,
        taken,
        next: 1,
        found: Found { occurrences: Vec::new(), markers: Vec::new(), errors: Vec::new() },
        chapter: chapter.path.clone(),
    };
    walker.blocks_with_markers(&mut chapter.blocks);
    for footnote in &mut chapter.footnotes {
        walker.blocks_with_markers(&mut footnote.blocks);
    }
    walker.found
}

struct Walker<'m, T> {
    matcher: &'m Matcher<T>,
    /// Ids the chapter's headings use.
    taken: HashSet<String>,
    next: usize,
    found: Found<T>,
    chapter: std::path::PathBuf,
}

/// Where an anchor goes in a run of inlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    /// The inline, as an index into [`Collector::leaves`] (which are in reading order).
    leaf: usize,
    /// Where in the inline's text (0: before the inline).
    offset: usize,
    /// The inline is a marker and the anchor takes its place.
    replace: bool,
}

enum Hit<T> {
    Term(T),
    Marker(Result<EntryLine, String>),
}

impl<T: Copy> Walker<'_, T> {
    fn anchor_id(&mut self) -> String {
        loop {
            let id = format!("ix-{}", self.next);
            self.next += 1;
            if !self.taken.contains(&id) {
                return id;
            }
        }
    }

    fn error(&mut self, line: usize, message: String) {
        self.found.errors.push(
            Error::book(Location::at(&self.chapter, line, 0), format!("index marker: {message}"))
                .with_help("a marker reads `<!-- index: term -->` or `<!-- index: term; subentry -->`"),
        );
    }

    /// `blocks` and those inside them; a marker block waits for the next paragraph.
    fn blocks_with_markers(&mut self, blocks: &mut [Block]) {
        let mut pending = Vec::new();
        self.blocks(blocks, &mut pending);
        if let Some(entry) = pending.first() {
            let line = entry.line;
            self.error(line, "no paragraph follows it to point at".into());
        }
    }

    fn blocks(&mut self, blocks: &mut [Block], pending: &mut Vec<EntryLine>) {
        for block in blocks {
            let line = block.line;
            match &mut block.kind {
                BlockKind::Html(html) => {
                    for (content, offset) in block_markers(html) {
                        match parse_marker(content, line + offset) {
                            Ok(entry) => pending.push(entry),
                            Err(message) => self.error(line + offset, message),
                        }
                    }
                }
                BlockKind::Paragraph(inlines) => {
                    self.run(inlines, line);
                    if !pending.is_empty() {
                        let id = self.anchor_id();
                        inlines.insert(0, Inline::Anchor(id.clone()));
                        self.found.markers.extend(pending.drain(..).map(|entry| (entry, id.clone())));
                    }
                }
                BlockKind::Table(table) => {
                    for cell in table.header.iter_mut().chain(table.rows.iter_mut().flatten()) {
                        self.run(cell, line);
                    }
                }
                BlockKind::List(list) => list.items.iter_mut().for_each(|item| self.blocks(item, pending)),
                BlockKind::Quote(inner) => self.blocks(inner, pending),
                _ => {}
            }
        }
    }

    /// Finds the terms and markers of one run of inlines and anchors them.
    fn run(&mut self, inlines: &mut Vec<Inline>, line: usize) {
        let (mut hits, leaves) = {
            let mut collector = Collector {
                matcher: self.matcher,
                line,
                tokens: Vec::new(),
                places: Vec::new(),
                hits: Vec::new(),
                leaves: Vec::new(),
                spaces_only: false,
            };
            collector.inlines(inlines, &mut Vec::new());
            let Collector { tokens, places, mut hits, leaves, .. } = collector;
            hits.extend(self.matcher.find(&tokens).into_iter().map(|(at, t)| (places[at], Hit::Term(t))));
            (hits, leaves)
        };
        if hits.is_empty() {
            return;
        }
        hits.sort_by_key(|(place, _)| *place);
        let mut anchored: Vec<(Place, String)> = Vec::new();
        for (place, hit) in hits {
            let id = match anchored.last() {
                Some((last, id)) if *last == place => id.clone(),
                _ => {
                    if let Hit::Marker(Err(message)) = hit {
                        self.error(line, message);
                        continue;
                    }
                    let id = self.anchor_id();
                    anchored.push((place, id.clone()));
                    id
                }
            };
            match hit {
                Hit::Term(target) => self.found.occurrences.push((target, id)),
                Hit::Marker(Ok(entry)) => self.found.markers.push((entry, id)),
                Hit::Marker(Err(message)) => self.error(line, message),
            }
        }
        for (place, id) in anchored.into_iter().rev() {
            insert_anchor(inlines, &leaves[place.leaf], place, id);
        }
    }
}

/// The words of a run with their places, and the hits that need no words.
struct Collector<'a, 'm, T> {
    matcher: &'m Matcher<T>,
    line: usize,
    tokens: Vec<Token<'a>>,
    places: Vec<Place>,
    hits: Vec<(Place, Hit<T>)>,
    /// The path of each inline a place is in: indices through nested inline content.
    leaves: Vec<Vec<usize>>,
    /// Only spaces since the last word.
    spaces_only: bool,
}

impl<'a, T: Copy> Collector<'a, '_, T> {
    fn inlines(&mut self, inlines: &'a [Inline], path: &mut Vec<usize>) {
        for (index, inline) in inlines.iter().enumerate() {
            path.push(index);
            match inline {
                Inline::Text(text) => self.text(text, path),
                Inline::Emphasis(content) | Inline::Strong(content) | Inline::Strikethrough(content) => {
                    self.inlines(content, path)
                }
                Inline::Link(link) => self.inlines(&link.content, path),
                Inline::Foreign(foreign) => self.inlines(&foreign.content, path),
                Inline::SoftBreak => {}
                Inline::Code(code) => {
                    self.spaces_only = false;
                    for (term, target) in self.matcher.code_phrases() {
                        if code_contains(code, term) {
                            let place = Place { leaf: self.leaf(path), offset: 0, replace: false };
                            self.hits.push((place, Hit::Term(target)));
                        }
                    }
                }
                Inline::Html(html) => {
                    self.spaces_only = false;
                    if let Some(content) = marker_content(html) {
                        let place = Place { leaf: self.leaf(path), offset: 0, replace: true };
                        self.hits.push((place, Hit::Marker(parse_marker(content, self.line))));
                    }
                }
                _ => self.spaces_only = false,
            }
            path.pop();
        }
    }

    /// The leaf at `path`: the last one if it is there already.
    fn leaf(&mut self, path: &[usize]) -> usize {
        if self.leaves.last().is_none_or(|last| last != path) {
            self.leaves.push(path.to_vec());
        }
        self.leaves.len() - 1
    }

    fn text(&mut self, text: &'a str, path: &[usize]) {
        let mut end = 0;
        let mut spaces_only = self.spaces_only;
        for (at, raw) in words(text) {
            let joined = spaces_only && text[end..at].chars().all(char::is_whitespace);
            self.tokens.push(Token { raw, norm: normalized(raw), joined });
            let leaf = self.leaf(path);
            self.places.push(Place { leaf, offset: at, replace: false });
            end = at + raw.len();
            spaces_only = true;
        }
        self.spaces_only = spaces_only && text[end..].chars().all(char::is_whitespace);
    }
}

/// Puts `Anchor(id)` at `place` in `inlines`, in the inline at `path`.
fn insert_anchor(inlines: &mut Vec<Inline>, path: &[usize], place: Place, id: String) {
    let Some((&last, outer)) = path.split_last() else { return };
    let mut run = inlines;
    for &index in outer {
        run = match &mut run[index] {
            Inline::Emphasis(content) | Inline::Strong(content) | Inline::Strikethrough(content) => content,
            Inline::Link(link) => &mut link.content,
            Inline::Foreign(foreign) => &mut foreign.content,
            _ => return,
        };
    }
    let anchor = Inline::Anchor(id);
    if place.replace {
        run[last] = anchor;
    } else if place.offset == 0 {
        run.insert(last, anchor);
    } else if let Inline::Text(text) = &mut run[last] {
        let tail = text.split_off(place.offset);
        run.insert(last + 1, anchor);
        run.insert(last + 2, Inline::Text(tail));
    }
}

/// The text after `index:` of an HTML comment that is an index marker.
fn marker_content(html: &str) -> Option<&str> {
    let inner = html.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    inner.trim().strip_prefix("index:")
}

/// The markers of an HTML block, each with its line within the block (from 0).
fn block_markers(html: &str) -> Vec<(&str, usize)> {
    let mut markers = Vec::new();
    let mut rest = 0;
    while let Some(start) = html[rest..].find("<!--").map(|at| rest + at) {
        let Some(end) = html[start..].find("-->").map(|at| start + at + 3) else { break };
        if let Some(content) = marker_content(&html[start..end]) {
            markers.push((content, html[..start].matches('\n').count()));
        }
        rest = end;
    }
    markers
}
