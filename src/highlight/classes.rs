//! TextMate scopes → token classes.
//!
//! A token's class comes from the innermost scope on its stack that the table
//! knows, by the longest matching prefix (`keyword.operator.word` beats
//! `keyword.operator`, which beats `keyword`). Scopes marked `None` are
//! looked through: a string's quotes and a comment's slashes
//! (`punctuation.definition…`) take the class of what they delimit.

use std::sync::OnceLock;

use syntect::parsing::Scope;

use crate::document::TokenClass;

/// Scope prefixes and the class they give; `None` defers to the outer scope.
const SCOPE_CLASSES: &[(&str, Option<TokenClass>)] = &[
    ("comment", Some(TokenClass::Comment)),
    ("comment.line.documentation", Some(TokenClass::DocComment)),
    ("comment.block.documentation", Some(TokenClass::DocComment)),
    ("keyword.other.todo", Some(TokenClass::Todo)),
    ("storage.type", Some(TokenClass::Storage)),
    ("storage.modifier", Some(TokenClass::Storage)),
    ("keyword.declaration", Some(TokenClass::Storage)),
    ("keyword.control", Some(TokenClass::Control)),
    ("keyword", Some(TokenClass::Keyword)),
    ("keyword.operator", Some(TokenClass::Operator)),
    ("keyword.operator.word", Some(TokenClass::Keyword)),
    ("support.function.builtin", Some(TokenClass::Builtin)),
    ("support.type", Some(TokenClass::Type)),
    ("entity.name.type", Some(TokenClass::Type)),
    ("constant.language", Some(TokenClass::Constant)),
    ("constant.numeric", Some(TokenClass::Number)),
    ("string", Some(TokenClass::String)),
    ("string.quoted.single.zig", Some(TokenClass::Char)),
    ("string.quoted.single.c", Some(TokenClass::Char)),
    ("constant.character.escape", Some(TokenClass::StringEscape)),
    ("constant.other.placeholder", Some(TokenClass::Placeholder)),
    ("entity.name.function", Some(TokenClass::Function)),
    ("variable.function", Some(TokenClass::Function)),
    ("support.function", Some(TokenClass::Function)),
    ("entity.name.label", Some(TokenClass::Label)),
    ("constant.other.enum", Some(TokenClass::EnumLiteral)),
    ("constant.other.error", Some(TokenClass::EnumLiteral)),
    ("variable.other.member", Some(TokenClass::Field)),
    ("punctuation", Some(TokenClass::Punctuation)),
    ("punctuation.definition", None),
];

/// The scope stack (as the Zig grammar writes it) whose theme style is the
/// class's style: a theme rule for any of these scopes restyles the class.
pub fn representative_scopes(class: TokenClass) -> &'static str {
    match class {
        TokenClass::Plain => "source.zig",
        TokenClass::Comment => "source.zig comment.line.double-slash.zig",
        TokenClass::DocComment => "source.zig comment.line.documentation.zig",
        TokenClass::Todo => "source.zig comment.line.double-slash.zig keyword.other.todo.zig",
        TokenClass::Storage => "source.zig storage.type.zig",
        TokenClass::Control => "source.zig keyword.control.zig",
        TokenClass::Keyword => "source.zig keyword.other.zig",
        TokenClass::Builtin => "source.zig support.function.builtin.zig",
        TokenClass::Type => "source.zig support.type.primitive.zig",
        TokenClass::Constant => "source.zig constant.language.zig",
        TokenClass::Number => "source.zig constant.numeric.integer.decimal.zig",
        TokenClass::String => "source.zig string.quoted.double.zig",
        TokenClass::StringEscape => "source.zig string.quoted.double.zig constant.character.escape.zig",
        TokenClass::Placeholder => "source.zig string.quoted.double.zig constant.other.placeholder.zig",
        TokenClass::Char => "source.zig string.quoted.single.zig",
        TokenClass::Function => "source.zig entity.name.function.zig",
        TokenClass::Label => "source.zig entity.name.label.zig",
        TokenClass::EnumLiteral => "source.zig constant.other.enum.zig",
        TokenClass::Field => "source.zig variable.other.member.zig",
        TokenClass::Operator => "source.zig keyword.operator.zig",
        TokenClass::Punctuation => "source.zig punctuation.separator.zig",
    }
}

/// The class of a token with scope stack `stack` (outermost first).
pub fn classify(stack: &[Scope]) -> TokenClass {
    stack.iter().rev().find_map(|&scope| class_of(scope)).unwrap_or(TokenClass::Plain)
}

/// The class one scope gives by itself: `None` when the table does not know
/// it or says to look at the outer scope.
fn class_of(scope: Scope) -> Option<TokenClass> {
    table()
        .iter()
        .filter(|(prefix, _)| prefix.is_prefix_of(scope))
        .max_by_key(|(prefix, _)| prefix.len())
        .and_then(|(_, class)| *class)
}

fn table() -> &'static [(Scope, Option<TokenClass>)] {
    static TABLE: OnceLock<Vec<(Scope, Option<TokenClass>)>> = OnceLock::new();
    TABLE.get_or_init(|| SCOPE_CLASSES.iter().map(|&(prefix, class)| (scope(prefix), class)).collect())
}

/// A scope from our own constant text.
pub fn scope(text: &str) -> Scope {
    // Only the constants of this module and `representative_scopes` come
    // here; every one is checked by the tests below.
    Scope::new(text).expect("a valid scope name")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify_text(stack: &str) -> TokenClass {
        classify(&stack.split_whitespace().map(scope).collect::<Vec<_>>())
    }

    #[test]
    fn every_class_is_its_representatives_class() {
        for class in TokenClass::ALL {
            assert_eq!(classify_text(representative_scopes(class)), class);
        }
    }

    #[test]
    fn the_longest_prefix_wins() {
        assert_eq!(classify_text("source.zig keyword.operator.word.zig"), TokenClass::Keyword);
        assert_eq!(classify_text("source.zig keyword.operator.zig"), TokenClass::Operator);
        assert_eq!(classify_text("source.zig keyword.other.zig"), TokenClass::Keyword);
    }

    #[test]
    fn delimiters_take_the_class_of_what_they_delimit() {
        let quote = "source.zig string.quoted.double.zig punctuation.definition.string.begin.zig";
        assert_eq!(classify_text(quote), TokenClass::String);
        let slashes = "source.zig comment.line.documentation.zig punctuation.definition.comment.zig";
        assert_eq!(classify_text(slashes), TokenClass::DocComment);
    }

    #[test]
    fn unknown_scopes_are_plain() {
        assert_eq!(classify_text("source.zig variable.other.zig"), TokenClass::Plain);
        assert_eq!(classify_text("source.zig string.quoted.double.zig invalid.illegal.escape.zig"), TokenClass::String);
    }
}
