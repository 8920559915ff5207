//! The highlight stage on real code: the Zig corpus in
//! `tests/fixtures/highlight/`, the project's own book, odd input.

use std::collections::BTreeSet;
use std::path::Path;

use proptest::prelude::*;
use verstka::document::{self, BlockKind, CodeLine, TokenClass};
use verstka::highlight::{self, highlight, Theme};
use verstka::manifest::Manifest;

// Every class but `String`, which would hide the type.
use TokenClass::{
    Builtin, Char, Comment, Constant, Control, DocComment, EnumLiteral, Field, Function, Keyword, Label, Number,
    Operator, Placeholder, Plain, Punctuation, Storage, StringEscape, Todo, Type,
};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/highlight").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn line_text(line: &CodeLine) -> String {
    line.spans.iter().map(|span| span.text.as_str()).collect()
}

/// The class of the first `token` from where `context` starts, in the first
/// line that holds `context`; every byte of the token must have that class.
fn class_of(lines: &[CodeLine], context: &str, token: &str) -> TokenClass {
    let (line, text) = lines
        .iter()
        .map(|line| (line, line_text(line)))
        .find(|(_, text)| text.contains(context))
        .unwrap_or_else(|| panic!("no line holds {context:?}"));
    let offset = text.find(context).unwrap();
    let start = offset + text[offset..].find(token).unwrap_or_else(|| panic!("no {token:?} from {context:?}"));
    let end = start + token.len();
    let mut classes = BTreeSet::new();
    let mut position = 0;
    for span in &line.spans {
        let span_end = position + span.text.len();
        if position < end && start < span_end {
            classes.insert(span.class);
        }
        position = span_end;
    }
    assert_eq!(classes.len(), 1, "{token:?} in {text:?} spans several classes: {:?}", line.spans);
    classes.into_iter().next().unwrap()
}

/// Checks `(context, token, class)` triples against a fixture.
fn check(file: &str, expectations: &[(&str, &str, TokenClass)]) {
    let lines = highlight(Some("zig"), &fixture(file)).unwrap();
    let wrong: Vec<String> = expectations
        .iter()
        .filter_map(|&(context, token, class)| {
            let actual = class_of(&lines, context, token);
            (actual != class).then(|| format!("{token:?} in {context:?}: expected {class:?}, got {actual:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{file}:\n{}", wrong.join("\n"));
}

#[test]
fn keywords_split_into_storage_control_and_other() {
    let mut expectations = vec![];
    for (context, keyword) in [
        ("const std", "const"),
        ("var ok", "var"),
        ("fn apply", "fn"),
        ("pub const", "pub"),
        ("= struct", "struct"),
        ("= enum", "enum"),
        ("union(enum)", "union"),
        ("= opaque", "opaque"),
        ("= error{", "error"),
        ("extern fn", "extern"),
        ("export fn", "export"),
        ("packed struct", "packed"),
        ("threadlocal var", "threadlocal"),
        ("callconv(.C)", "callconv"),
        ("test \"apply", "test"),
        ("noalias p", "noalias"),
        ("*align(4)", "align"),
        ("volatile u8", "volatile"),
        ("allowzero u8", "allowzero"),
        ("linksection(", "linksection"),
    ] {
        expectations.push((context, keyword, Storage));
    }
    for (context, keyword) in [
        ("return 42", "return"),
        ("if (a > b)", "if"),
        ("} else unreachable", "else"),
        ("else unreachable", "unreachable"),
        ("return switch", "switch"),
        ("inline for", "for"),
        ("errdefer std", "errdefer"),
        ("defer counter", "defer"),
        ("= try apply", "try"),
        ("catch |err|", "catch"),
        ("orelse 0", "orelse"),
        ("suspend {}", "suspend"),
        ("resume f", "resume"),
        ("await async", "await"),
        ("async work", "async"),
        ("nosuspend work", "nosuspend"),
    ] {
        expectations.push((context, keyword, Control));
    }
    for (context, keyword) in [
        ("comptime T", "comptime"),
        ("inline for", "inline"),
        ("noinline fn", "noinline"),
        ("usingnamespace std", "usingnamespace"),
        ("asm volatile", "asm"),
        ("true and", "and"),
        ("false or", "or"),
    ] {
        expectations.push((context, keyword, Keyword));
    }
    check("keywords.zig", &expectations);
}

#[test]
fn types_and_constants() {
    let mut expectations = vec![];
    for (context, token) in [
        ("x: i32", "i32"),
        ("y: u7", "u7"),
        ("later: i129", "i129"),
        ("int: u21", "u21"),
        ("counter: usize", "usize"),
        ("i: isize", "isize"),
        ("a: bool", "bool"),
        ("b: f16", "f16"),
        ("c: f32", "f32"),
        ("d: f64", "f64"),
        ("e: f80", "f80"),
        ("f: f128", "f128"),
        ("v: void", "void"),
        ("n: noreturn", "noreturn"),
        ("T: type", "type"),
        ("e: anyerror", "anyerror"),
        ("?*anyopaque", "anyopaque"),
        ("ci: comptime_int", "comptime_int"),
        ("cf: comptime_float", "comptime_float"),
        (") c_int", "c_int"),
        ("t: anytype", "anytype"),
        ("f: anyframe", "anyframe"),
        ("const Point", "Point"),
        ("const Handle", "Handle"),
    ] {
        expectations.push((context, token, Type));
    }
    for (context, token) in [("= true", "true"), ("!false", "false"), ("= null", "null"), ("= undefined", "undefined")]
    {
        expectations.push((context, token, Constant));
    }
    check("keywords.zig", &expectations);
}

#[test]
fn builtins_and_quoted_identifiers() {
    check(
        "literals.zig",
        &[
            ("@as(u64", "@as", Builtin),
            ("@intCast(id)", "@intCast", Builtin),
            // A quoted identifier is a name, even when it spells a keyword.
            ("@\"while\"", "@\"while\"", Plain),
        ],
    );
    check("keywords.zig", &[("@import", "@import", Builtin), ("@\"quoted name\"(1)", "@\"quoted name\"", Function)]);
}

#[test]
fn numbers_in_every_form() {
    let expectations: Vec<_> =
        ["1_000_000", "0xFF_ff", "0o7_55", "0b1010_0101", "3.14_15", "6.022e+23", "1e10", "0x1.8p-3", "0x10p4"]
            .into_iter()
            .map(|number| (number, number, Number))
            .chain([("[0..5]", "0", Number), ("[0..5]", "..", Operator), ("[0..5]", "5", Number)])
            .collect();
    check("literals.zig", &expectations);
}

#[test]
fn characters_with_escapes_and_utf8() {
    check(
        "literals.zig",
        &[
            ("'a'", "'a'", Char),
            ("'\\n'", "\\n", StringEscape),
            ("'\\''", "\\'", StringEscape),
            ("'\\x7f'", "\\x7f", StringEscape),
            ("'\\u{1F600}'", "\\u{1F600}", StringEscape),
            ("'\\u{1F600}'", "'", Char),
            ("'ж'", "'ж'", Char),
        ],
    );
}

#[test]
fn strings_with_escapes_and_placeholders() {
    check(
        "literals.zig",
        &[
            ("\"tab\\t", "\"tab", TokenClass::String),
            ("tab\\there", "\\t", StringEscape),
            ("\\\"quoted", "\\\"", StringEscape),
            (" \\\\ ", "\\\\", StringEscape),
            ("\\x41", "\\x41", StringEscape),
            ("\\u{263A}", "\\u{263A}", StringEscape),
            ("{s} has", "{s}", Placeholder),
            ("{d:.2}", "{d:.2}", Placeholder),
            (" has ", "has", TokenClass::String),
            ("{} and", "{}", Placeholder),
            ("{any}", "{any}", Placeholder),
            ("{{braces}}", "{{", StringEscape),
            ("{{braces}}", "braces", TokenClass::String),
            ("MiB, {} and {{braces}} {any}\\n", "\\n", StringEscape),
            ("Привет, мир! ", "Привет, мир! ", TokenClass::String),
        ],
    );
}

#[test]
fn multiline_strings_keep_placeholders_but_not_escapes() {
    check(
        "literals.zig",
        &[
            ("\\\\first line", "\\\\first line ", TokenClass::String),
            ("first line {s}", "{s}", Placeholder),
            ("\\\\second", "\\\\second \"line\" with \\n kept", TokenClass::String),
        ],
    );
}

#[test]
fn comments_doc_comments_and_todo() {
    check("keywords.zig", &[("//! Keywords", "//! Keywords, types and constants.", DocComment)]);
    check(
        "names.zig",
        &[
            ("/// Adds", "/// Adds two numbers. ", DocComment),
            ("TODO: overflow", "TODO", Todo),
            ("TODO: overflow", ": overflow", DocComment),
            ("// FIXME", "// ", Comment),
            ("FIXME сложение", "FIXME", Todo),
            ("сложение без проверки", "сложение без проверки", Comment),
        ],
    );
}

#[test]
fn functions_labels_enum_literals_errors_and_fields() {
    check(
        "names.zig",
        &[
            ("fn add", "add", Function),
            ("fn main", "main", Function),
            ("std.ArrayList(u8)", "ArrayList", Function),
            (".init(allocator)", "init", Function),
            ("compute()", "compute", Function),
            ("outer: for", "outer:", Label),
            ("blk: {", "blk:", Label),
            ("break :blk", ":blk", Label),
            ("break :blk", "break", Control),
            ("continue :outer", ":outer", Label),
            ("    break :outer;", "break", Control),
            ("    break :outer;", ":outer", Label),
            ("error.OutOfMemory =>", "error.OutOfMemory", EnumLiteral),
            ("item.len ==", "len", Field),
            ("list.items.len", "items", Field),
            (".x = 1", "x", Field),
            ("p.x;", "x", Field),
            ("|item, i|", "item", Plain),
            ("|*elem", "*", Operator),
            ("elem.* =", ".*", Operator),
        ],
    );
    check(
        "keywords.zig",
        &[
            ("fn apply", "apply", Function),
            ("try apply(", "apply", Function),
            ("std.debug.print", "debug", Field),
            ("std.debug.print", "print", Function),
            ("x: i32", "x", Field),
            (".plus =>", ".plus", EnumLiteral),
            ("i32, .plus", ".plus", EnumLiteral),
            ("callconv(.C)", ".C", EnumLiteral),
            ("OutOfMemory, Overflow", "OutOfMemory", EnumLiteral),
            ("OutOfMemory, Overflow", "Overflow", EnumLiteral),
        ],
    );
}

#[test]
fn the_six_standard_library_patterns_agree_with_zigs_tokenizer() {
    check(
        "stdlib.zig",
        &[
            // Payload pipes after `=>` and `errdefer` are punctuation, their names plain.
            (".integer => |n|", "|", Punctuation),
            ("|n|", "n", Plain),
            (".integer => |n|", "=>", Operator),
            ("errdefer |err|", "|", Punctuation),
            ("|err|", "err", Plain),
            ("errdefer |err|", "errdefer", Control),
            // `{rax}` in an asm constraint names a register.
            ("\"={rax}\"", "{rax}", TokenClass::String),
            ("[number] \"{rax}\"", "{rax}", TokenClass::String),
            ("[number] \"{rax}\"", "]", Punctuation),
            ("print(\"{d} and", "{d}", Placeholder),
            // A field whose type is a `switch` is a field, not a label.
            ("delimiter: switch", "delimiter", Field),
            ("delimiter: switch", "switch", Control),
            // Fields named like constants and primitive types.
            ("    null,", "null", Field),
            ("bool: bool", "bool", Field),
            (": bool,", "bool", Type),
            ("type: type", "type", Field),
            ("string: []const", "string", Field),
            ("enum { true", "true", Field),
            ("false, null, end", "null", Field),
            ("false, null, end", "end", Field),
            ("            .null => true", "true", Constant),
            ("=> |n| n == 0", "0", Number),
            // A chain continued on the next line.
            ("        .mem", "mem", Field),
            ("        .copy;", "copy", Field),
            // `(a) | b | c` is two bitwise ors, not a payload.
            ("(a) | b | c", "|", Operator),
            ("(a) | b | c", "b", Plain),
            ("<< 32) | mask |", "mask", Plain),
            // And what must not change: arguments, enum literals, labels.
            ("        null,", "null", Constant),
            ("        true,", "true", Constant),
            ("            .sequence, .any", ".sequence", EnumLiteral),
            (".scalar => u8", ".scalar", EnumLiteral),
        ],
    );
}

#[test]
fn words_that_start_with_keywords_are_names() {
    check(
        "prefixes.zig",
        &[
            ("//// Four", "//// Four slashes: an ordinary comment.", Comment),
            ("constant =", "constant", Plain),
            ("= structure", "structure", Plain),
            ("enumerate(", "enumerate", Function),
            ("format(fmt", "format", Function),
            ("breakfast", "breakfast", Plain),
            ("u8x", "u8x", Plain),
            ("errorCount", "errorCount", Plain),
            ("i32x", "i32x", Plain),
            ("xconst", "xconst", Plain),
            ("item: format", "item", Field),
            ("item: format", "format", Plain),
            ("forward: u8", "forward", Field),
            ("label: while_loop", "label", Field),
            ("label: while_loop", "while_loop", Plain),
            ("orelse fallback", "orelse", Control),
            ("= comptime_int", "comptime_int", Type),
            ("fn fnord", "fnord", Function),
        ],
    );
}

#[test]
fn operators_and_punctuation() {
    let operators = [
        ("a != b", "!="),
        ("a <= b", "<="),
        ("x <<= 2", "<<="),
        ("y +%= 1", "+%="),
        ("a | b", "|"),
        ("E1 || E2", "||"),
        ("ptr.*", ".*"),
        ("maybe.?", ".?"),
        ("=> return", "=>"),
        ("a + b;", "+"),
    ];
    let punctuation = [
        ("fn add(", "("),
        ("i32 {", "{"),
        ("return a + b;", ";"),
        ("a: i32, b", ","),
        ("a: i32", ":"),
        ("|item, i|", "|"),
        ("i| {", "|"),
        ("catch |e|", "|"),
        ("|*elem", "|"),
    ];
    let expectations: Vec<_> = operators
        .into_iter()
        .map(|(context, token)| (context, token, Operator))
        .chain(punctuation.into_iter().map(|(context, token)| (context, token, Punctuation)))
        .collect();
    check("names.zig", &expectations);
    check(
        "keywords.zig",
        &[
            ("a == b", "==", Operator),
            (") !T", "!", Operator),
            ("?*anyopaque", "?*", Operator),
            ("std.debug", ".", Punctuation),
        ],
    );
}

#[test]
fn odd_input_spoils_one_line_at_most() {
    let lines = highlight(Some("zig"), &fixture("odd.zig")).unwrap();
    let last = lines.last().unwrap();
    assert_eq!(class_of(&lines, "const after", "const"), Storage);
    assert_eq!(class_of(&lines, "= 1;", "1"), Number);
    assert_eq!(class_of(&lines, "\"no end;", "\"no end;"), TokenClass::String);
    assert_eq!(class_of(&lines, "\"\\q", "\\q"), TokenClass::String, "an unknown escape stays string");
    assert_eq!(line_text(last), "const after = 1;");
}

#[test]
fn every_fixture_line_survives_byte_for_byte() {
    for file in ["keywords.zig", "literals.zig", "names.zig", "prefixes.zig", "odd.zig"] {
        let code = fixture(file);
        let lines = highlight(Some("zig"), &code).unwrap();
        let joined: Vec<String> = lines.iter().map(line_text).collect();
        assert_eq!(joined, code.lines().collect::<Vec<_>>(), "{file}");
        assert!(lines.iter().flat_map(|l| &l.spans).all(|s| !s.text.is_empty()), "{file}: empty span");
    }
}

/// The book in `dir` (from the crate root), read as the build reads it.
fn book_at(dir: &str) -> document::Book {
    let manifest = Manifest::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).unwrap();
    let mut book = document::load(manifest).unwrap();
    highlight::apply(&mut book).unwrap();
    book
}

/// The project's own book.
fn own_book() -> document::Book {
    book_at("book")
}

fn zig_listings(book: &document::Book) -> Vec<Vec<CodeLine>> {
    let mut listings = vec![];
    for chapter in &book.chapters {
        for block in &chapter.blocks {
            if let BlockKind::Code(code) = &block.kind {
                assert_eq!(code.lines.iter().map(line_text).collect::<Vec<_>>(), code.text.lines().collect::<Vec<_>>());
                if code.language.as_deref() == Some("zig") {
                    listings.push(code.lines.clone());
                }
            }
        }
    }
    listings
}

#[test]
fn the_books_listing_is_richly_classed() {
    let listings = zig_listings(&own_book());
    assert!(!listings.is_empty());
    for lines in &listings {
        let classes: BTreeSet<_> = lines.iter().flat_map(|l| &l.spans).map(|s| s.class).collect();
        assert!(classes.len() >= 8, "{classes:?}");
    }
    let lines = &listings[0];
    let expectations = [
        ("const std = @import", "const", Storage),
        ("pub fn main", "pub", Storage),
        ("@import(\"std\")", "@import", Builtin),
        ("@import(\"std\")", "\"std\"", TokenClass::String),
        ("fn main", "main", Function),
        ("!void", "void", Type),
        ("// we'll be talking", "// we'll be talking about allocators shortly", Comment),
        ("GeneralPurposeAllocator(.{})", "GeneralPurposeAllocator", Function),
        ("std.heap.", "heap", Field),
        ("try allocator.alloc", "try", Control),
        (".alloc(usize", "alloc", Function),
        ("alloc(usize", "usize", Type),
        ("defer allocator", "defer", Control),
        ("0..arr.len", "0", Number),
        ("0..arr.len", "len", Field),
        ("\"{any}\\n\"", "{any}", Placeholder),
        ("\"{any}\\n\"", "\\n", StringEscape),
        ("= undefined", "undefined", Constant),
        ("fn getRandomCount", "getRandomCount", Function),
        ("try getRandomCount()", "getRandomCount", Function),
        ("u8, 5) + 5", "+", Operator),
        ("u8, 5) + 5", "5", Number),
    ];
    for (context, token, class) in expectations {
        assert_eq!(class_of(lines, context, token), class, "{token:?} in {context:?}");
    }
}

#[test]
fn the_fixture_books_listings_are_classed_and_keep_cyrillic() {
    let listings = zig_listings(&book_at("tests/fixtures/books/full"));
    let long: Vec<_> = listings.iter().filter(|lines| lines.len() >= 5).collect();
    assert!(!long.is_empty());
    for lines in long {
        let classes: BTreeSet<_> = lines.iter().flat_map(|l| &l.spans).map(|s| s.class).collect();
        assert!(classes.len() >= 8, "{classes:?}");
    }
    let doc = "/// Складывает числа и печатает результат; комментарий на русском языке.";
    let with_doc = listings.iter().find(|lines| lines.iter().any(|l| line_text(l) == doc)).unwrap();
    assert_eq!(class_of(with_doc, doc, doc), DocComment);
}

#[test]
fn the_print_theme_draws_the_books_listing_in_black_in_three_looks() {
    let listings = zig_listings(&own_book());
    let theme = Theme::print(false);
    let spans = || listings[0].iter().flat_map(|l| &l.spans);
    let shades: BTreeSet<_> = spans().map(|s| theme.style(s.class).color).collect();
    assert_eq!(shades, BTreeSet::from([[0, 0, 0]]), "a press screens grey type");
    let looks: BTreeSet<_> = spans().map(|s| (theme.style(s.class).bold, theme.style(s.class).italic)).collect();
    assert!(looks.len() >= 3, "{looks:?}");
    let css = Theme::screen().css();
    for span in listings[0].iter().flat_map(|l| &l.spans) {
        assert!(css.contains(&format!("code .{} {{", span.class.css_class())), "{:?}", span.class);
    }
}

#[test]
fn cyrillic_in_comments_and_strings_keeps_its_bytes() {
    let code = "const s = \"ёлка {s}: ж\"; // комментарий с ё\n/// Документация\nconst c = 'ё';\n";
    let lines = highlight(Some("zig"), code).unwrap();
    assert_eq!(lines.iter().map(line_text).collect::<Vec<_>>(), code.lines().collect::<Vec<_>>());
    assert_eq!(class_of(&lines, "\"ёлка", "\"ёлка "), TokenClass::String);
    assert_eq!(class_of(&lines, "{s}: ж", "{s}"), Placeholder);
    assert_eq!(class_of(&lines, "// комментарий", "// комментарий с ё"), Comment);
    assert_eq!(class_of(&lines, "/// Документация", "/// Документация"), DocComment);
    assert_eq!(class_of(&lines, "'ё'", "'ё'"), Char);
}

#[test]
fn other_languages_use_the_same_classes() {
    let shell = highlight(Some("sh"), "# build it\necho \"hi $USER\" | wc -l\n").unwrap();
    assert_eq!(class_of(&shell, "# build it", "# build it"), Comment);
    assert_eq!(class_of(&shell, "\"hi", "\"hi "), TokenClass::String);
    let c = highlight(Some("c"), "int main(void) { return 0; }\n").unwrap();
    assert_eq!(class_of(&c, "return 0", "return"), Control);
    assert_eq!(class_of(&c, "return 0", "0"), Number);
    let json = highlight(Some("json"), "{\"a\": [1, true]}\n").unwrap();
    assert_eq!(class_of(&json, "[1,", "1"), Number);
    assert_eq!(class_of(&json, "true", "true"), Constant);
}

#[test]
fn unknown_and_missing_languages_stay_plain() {
    for language in [None, Some("klingon"), Some("")] {
        let lines = highlight(language, "a = \"b\"\n# c\n").unwrap();
        assert!(lines.iter().flat_map(|l| &l.spans).all(|s| s.class == Plain));
        assert_eq!(lines.iter().map(line_text).collect::<Vec<_>>(), ["a = \"b\"", "# c"]);
    }
}

fn zigish() -> impl Strategy<Value = String> {
    // Zig's troublemakers, Cyrillic and anything else.
    let pieces = prop::sample::select(vec![
        "\"", "'", "\\", "\\\\", "\\u{", "{", "}", "{d:.2}", "@", "@\"", "//", "///", "//!", "\n", " ", ".", "..", ":",
        "|", "0x", "1e", "_", "const", "fn", "break", "ж", "ё", "😀", "\t", "\r\n",
    ]);
    let piece = prop_oneof![pieces.prop_map(str::to_string), any::<char>().prop_map(|c| c.to_string()), "[a-z]{1,8}"];
    prop::collection::vec(piece, 0..60).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn any_input_highlights_without_error_and_keeps_every_byte(code in zigish(), language in prop::sample::select(vec!["zig", "toml", "sh", "c", "json", "rust", "python"])) {
        let lines = highlight(Some(language), &code).unwrap();
        prop_assert_eq!(lines.iter().map(line_text).collect::<Vec<_>>(), code.lines().collect::<Vec<_>>());
    }

    #[test]
    fn random_bytes_highlight_as_zig(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let code = String::from_utf8_lossy(&bytes);
        let lines = highlight(Some("zig"), &code).unwrap();
        prop_assert_eq!(lines.len(), code.lines().count());
    }
}

#[test]
fn long_lines_of_delimiters_terminate() {
    for piece in ["\"", "'", "\\", "\\\\", "{", "@\"", "/", ".", "|"] {
        let code = piece.repeat(5_000);
        let lines = highlight(Some("zig"), &code).unwrap();
        assert_eq!(line_text(&lines[0]), code);
    }
}

#[test]
fn apply_reaches_listings_in_lists_quotes_and_footnotes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("book.toml"),
        "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n\n[[chapters]]\nfile = \"one.md\"\n",
    )
    .unwrap();
    let chapter = "# One\n\n- item\n\n  ```zig\n  const a = 1;\n  ```\n\n> ```zig\n> const b = 2;\n> ```\n\n\
                   Text[^n].\n\n[^n]: Note.\n\n    ```zig\n    const c = 3;\n    ```\n\n```\nconst d = 4;\n```\n";
    std::fs::write(dir.path().join("one.md"), chapter).unwrap();
    let mut book = document::load(Manifest::load(dir.path()).unwrap()).unwrap();
    highlight::apply(&mut book).unwrap();

    let mut listings = vec![];
    book.chapters[0].for_each_code_block_mut(&mut |code, _| listings.push(code.clone()));
    let first_classes: Vec<Vec<TokenClass>> =
        listings.iter().map(|code| code.lines[0].spans.iter().map(|s| s.class).collect()).collect();
    let zig = vec![Storage, Plain, Operator, Plain, Number, Punctuation];
    // Body blocks first, then footnotes; the fence without a language stays plain.
    assert_eq!(first_classes, [zig.clone(), zig.clone(), vec![Plain], zig]);
}

#[test]
fn toml_has_a_grammar_of_our_own() {
    let code =
        "# the manifest\n[book]\ntitle = \"Изучаем Zig\\n\" # ru\nauthors = [\n  'Карл',\n]\ndate = 2026-11-23\n\
                [[chapters]]\npdf.margin = 1_000 # mm\nempty = { a = true, b = -2.5e3 }\n";
    let lines = highlight(Some("toml"), code).unwrap();
    assert_eq!(lines.iter().map(line_text).collect::<Vec<_>>(), code.lines().collect::<Vec<_>>());
    let expectations = [
        ("# the manifest", "# the manifest", Comment),
        ("[book]", "book", Type),
        ("title =", "title", Field),
        ("title =", "=", Operator),
        ("\"Изучаем", "\"Изучаем Zig", TokenClass::String),
        ("Zig\\n", "\\n", StringEscape),
        ("# ru", "# ru", Comment),
        ("'Карл'", "'Карл'", TokenClass::String),
        ("2026-11-23", "2026-11-23", Number),
        ("[[chapters]]", "chapters", Type),
        ("pdf.margin", "pdf", Field),
        ("pdf.margin", "margin", Field),
        ("1_000", "1_000", Number),
        ("# mm", "# mm", Comment),
        ("a = true", "a", Field),
        ("a = true", "true", Constant),
        ("-2.5e3", "-2.5e3", Number),
    ];
    for (context, token, class) in expectations {
        assert_eq!(class_of(&lines, context, token), class, "{token:?} in {context:?}");
    }

    let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("book/book.toml")).unwrap();
    let lines = highlight(Some("toml"), &manifest).unwrap();
    assert_eq!(lines.iter().map(line_text).collect::<Vec<_>>(), manifest.lines().collect::<Vec<_>>());
    assert_eq!(class_of(&lines, "[book]", "book"), Type);
    assert_eq!(class_of(&lines, "authors = [\"", "\"Карл Сегин\""), TokenClass::String);
    assert_eq!(class_of(&lines, "[[chapters]]", "[["), Punctuation);
}
