//! Links between chapters: `02-listings.md#id` → chapter index and heading id.
//!
//! Runs once every chapter is parsed, so a link may point forward. A link to
//! a file that is not a chapter, or to an id no heading has, is an error
//! naming the file and line of the link; all of them are reported.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::model::*;
use super::parse::{has_scheme, normalize, resolve_relative};
use super::walk::for_each_link_mut;
use crate::error::{Error, Location, Result};

/// Turns every relative link of the book into [`LinkTarget::Internal`].
pub(super) fn resolve(book: &mut Book) -> Result<()> {
    let chapters: Vec<(PathBuf, HashSet<String>)> =
        book.chapters.iter().map(|c| (normalize(&c.path), heading_ids(c))).collect();
    let mut errors = Vec::new();
    for (index, chapter) in book.chapters.iter_mut().enumerate() {
        let path = chapter.path.clone();
        chapter.for_each_inline_run_mut(&mut |_, inlines| {
            for_each_link_mut(inlines, &mut |link| {
                if let Err(error) = resolve_link(link, index, &path, &chapters) {
                    errors.push(error);
                }
            })
        });
    }
    Error::all(errors)
}

fn resolve_link(link: &mut Link, current: usize, path: &Path, chapters: &[(PathBuf, HashSet<String>)]) -> Result<()> {
    if has_scheme(&link.url) || link.url.starts_with("//") {
        return Ok(());
    }
    let error = |message: String| Error::book(Location::at(path, link.line, link.column), message);
    let (file, anchor) = match link.url.split_once('#') {
        Some((file, anchor)) => (file, Some(anchor)),
        None => (link.url.as_str(), None),
    };
    let chapter = if file.is_empty() {
        current
    } else {
        let target = resolve_relative(path, file);
        chapters.iter().position(|(p, _)| *p == target).ok_or_else(|| {
            error(format!("link to `{file}`, which is not a chapter of the book"))
                .with_help("link to a chapter's Markdown file as listed in book.toml, or use a full URL")
        })?
    };
    let anchor = anchor.filter(|a| !a.is_empty()).map(str::to_string);
    if let Some(anchor) = &anchor {
        if !chapters[chapter].1.contains(anchor) {
            let target = chapters[chapter].0.display();
            return Err(error(format!("link to `#{anchor}`, but no heading in {target} has that id"))
                .with_help("heading ids are slugs of their text or set with {#id}; see the README"));
        }
    }
    link.target = LinkTarget::Internal { chapter, anchor };
    Ok(())
}

/// The anchors of `chapter`: its headings' ids and its captions' labels.
fn heading_ids(chapter: &Chapter) -> HashSet<String> {
    let mut ids = HashSet::new();
    chapter.for_each_block(&mut |block| {
        let caption = match &block.kind {
            BlockKind::Heading(heading) => {
                ids.insert(heading.id.clone());
                return;
            }
            BlockKind::Code(code) => &code.caption,
            BlockKind::Table(table) => &table.caption,
            BlockKind::Figure(image) => &image.caption,
            _ => return,
        };
        if let Some(label) = caption.as_ref().and_then(|c| c.label.clone()) {
            ids.insert(label);
        }
    });
    ids
}
