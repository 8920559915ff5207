//! Heading anchors: stable slugs, unique within a chapter.

use std::collections::HashSet;

use crate::manifest::slug;

/// The ids already given out in one chapter.
#[derive(Default)]
pub(super) struct IdSet {
    taken: HashSet<String>,
}

impl IdSet {
    /// The explicit id if there is one, else a slug of `text`; a repeat gets
    /// `-1`, `-2`, … appended.
    pub fn claim(&mut self, explicit: Option<&str>, text: &str) -> String {
        let base = match explicit {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => slug(text).map(xml_safe).unwrap_or_else(|| "section".to_string()),
        };
        let mut id = base.clone();
        let mut n = 0;
        while !self.taken.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

/// XML ids may not start with a digit.
fn xml_safe(id: String) -> String {
    if id.starts_with(|c: char| c.is_alphabetic()) {
        id
    } else {
        format!("s-{id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_explicit_ids_win() {
        let mut ids = IdSet::default();
        assert_eq!(ids.claim(None, "Итоги"), "итоги");
        assert_eq!(ids.claim(None, "Итоги"), "итоги-1");
        assert_eq!(ids.claim(Some("custom"), "Итоги"), "custom");
        assert_eq!(ids.claim(None, "2 темы"), "s-2-темы");
        assert_eq!(ids.claim(None, "…"), "section");
    }
}
