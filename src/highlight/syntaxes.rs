//! The grammars: our own (Zig, TOML) plus syntect's bundled ones, loaded once.

use std::sync::OnceLock;

use syntect::parsing::{SyntaxDefinition, SyntaxReference, SyntaxSet, SyntaxSetBuilder};

/// Our grammars, embedded at compile time: Zig, and TOML, which syntect lacks.
const OWN_SYNTAXES: [(&str, &str); 2] = [
    ("zig", include_str!("../../styles/zig.sublime-syntax")),
    ("toml", include_str!("../../styles/toml.sublime-syntax")),
];

/// Info-string words that name a bundled grammar under another token.
const ALIASES: &[(&str, &str)] = &[("shell", "sh"), ("console", "sh"), ("zsh", "sh"), ("c++", "cpp")];

/// A grammar together with the set that owns it (a parser needs both).
pub struct Grammar {
    pub set: &'static SyntaxSet,
    pub syntax: &'static SyntaxReference,
}

/// The grammar for a fence's language (`zig`, `sh`, `json`, …), or `None` for
/// a language we cannot highlight.
pub fn find(language: &str) -> Option<Grammar> {
    let token = language.trim().to_ascii_lowercase();
    let token = ALIASES.iter().find(|(alias, _)| *alias == token).map_or(token.as_str(), |(_, name)| name);
    // Our set first: the bundled one is large, and loaded only when asked for.
    let sets: [fn() -> &'static SyntaxSet; 2] = [own_set, bundled_set];
    sets.into_iter()
        .find_map(|set| set().find_syntax_by_token(token).map(|syntax| Grammar { set: set(), syntax }))
        .filter(|grammar| grammar.syntax.name != "Plain Text")
}

/// Builds our grammar set if it is not built yet.
pub fn prepare() {
    own_set();
}

/// Our grammars in a set of their own, so the bundled set is used as shipped
/// and never relinked.
fn own_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut builder = SyntaxSetBuilder::new();
        for (name, text) in OWN_SYNTAXES {
            // The grammars are part of the binary and loaded by the tests: a
            // failure here is a bug in verstka, not in the user's book.
            let syntax = SyntaxDefinition::load_from_str(text, true, Some(name))
                .unwrap_or_else(|error| panic!("styles/{name}.sublime-syntax is not a valid grammar: {error}"));
            builder.add(syntax);
        }
        builder.build()
    })
}

/// syntect's bundled grammars (sh, c, json, rust, python, …).
fn bundled_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_zig_and_bundled_languages() {
        for language in ["zig", "Zig", "toml", "sh", "bash", "shell", "c", "json", "rust", "python", "yaml"] {
            assert!(find(language).is_some(), "{language}");
        }
        assert_eq!(find("zig").map(|g| g.syntax.name.as_str()), Some("Zig"));
        assert_eq!(find("toml").map(|g| g.syntax.name.as_str()), Some("TOML"));
    }

    #[test]
    fn unknown_languages_have_no_grammar() {
        for language in ["", "text", "klingon", "txt"] {
            assert!(find(language).is_none(), "{language}");
        }
    }
}
