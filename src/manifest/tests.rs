use super::*;

fn parse(text: &str) -> Result<Manifest> {
    Manifest::parse(Path::new("book"), Path::new("book/book.toml"), text)
}

const MINIMAL: &str = r#"
[book]
title = "Книга"
authors = ["Автор"]

[[chapters]]
file = "chapters/01.md"
"#;

#[test]
fn defaults_fill_every_optional_key() {
    let manifest = parse(MINIMAL).unwrap();
    assert_eq!(manifest.book.language, "ru");
    assert!(manifest.book.translators.is_empty());
    assert!(manifest.typography.enabled);
    assert_eq!(manifest.check.zig, "0.11.0");
    assert!(!manifest.highlight.print_colors);
    assert_eq!(manifest.chapters[0].path, Path::new("book/chapters/01.md"));
    assert_eq!(manifest.chapters[0].location.to_string(), "book/book.toml:7:8");
    assert_eq!(manifest.output_name(), "kniga");
}

#[test]
fn every_documented_key_is_read() {
    let text = r#"
[book]
title = "Изучаем Zig"
subtitle = "Введение"
authors = ["Карл Сегин"]
translators = ["Переводчик"]
language = "ru-RU"
description = "Описание"
identifier = "urn:isbn:9780000000000"
date = "2026-11-23"
name = "learning-zig"

[[chapters]]
file = "a.md"
title = "Первая"
language = "en"
"#;
    let manifest = parse(text).unwrap();
    assert_eq!(manifest.book.subtitle.as_deref(), Some("Введение"));
    assert_eq!(manifest.book.translators, ["Переводчик"]);
    assert_eq!(manifest.book.identifier.as_deref(), Some("urn:isbn:9780000000000"));
    assert_eq!(manifest.output_name(), "learning-zig");
    assert_eq!(manifest.date_timestamp(), Some(1_795_392_000));
    assert_eq!(manifest.chapters[0].title.as_deref(), Some("Первая"));
    assert_eq!(manifest.chapters[0].language.as_deref(), Some("en"));
}

#[test]
fn unknown_key_is_named_with_its_line() {
    let text = MINIMAL.replace("authors", "autors = [\"x\"]\nauthors");
    let error = parse(&text).unwrap_err().to_string();
    assert!(error.starts_with("book/book.toml:4:1: error: unknown field `autors`"), "{error}");
}

#[test]
fn unknown_key_in_a_chapter_is_named() {
    let text = format!("{MINIMAL}titel = \"x\"\n");
    let error = parse(&text).unwrap_err().to_string();
    assert!(error.contains("book/book.toml:8:1") && error.contains("`titel`"), "{error}");
}

#[test]
fn toml_syntax_error_has_line_and_column() {
    let error = parse("[book]\ntitle = \"unterminated\nauthors = []\n").unwrap_err().to_string();
    assert!(error.starts_with("book/book.toml:2:"), "{error}");
}

#[test]
fn missing_title_and_empty_authors_are_errors() {
    let error = parse("[book]\nauthors = [\"a\"]\n").unwrap_err().to_string();
    assert!(error.contains("missing field `title`"), "{error}");
    let error = parse(&MINIMAL.replace("[\"Автор\"]", "[]")).unwrap_err().to_string();
    assert!(error.contains("at least one author"), "{error}");
}

#[test]
fn a_book_without_chapters_is_an_error() {
    let error = parse("[book]\ntitle = \"t\"\nauthors = [\"a\"]\n").unwrap_err();
    assert!(error.to_string().contains("no chapters"), "{error}");
    assert!(error.help().unwrap().contains("[[chapters]]"));
}

#[test]
fn dates_are_validated() {
    assert_eq!(parse_date("1970-01-01"), Some(0));
    assert_eq!(parse_date("2000-02-29"), Some(951_782_400));
    assert_eq!(parse_date("2023-02-29"), None);
    assert_eq!(parse_date("2026-13-01"), None);
    assert_eq!(parse_date("вчера"), None);
    let error = parse(&MINIMAL.replace("authors", "date = \"23.11.2026\"\nauthors")).unwrap_err();
    assert!(error.to_string().contains("book/book.toml:4:1"), "{error}");
}

#[test]
fn civil_from_days_inverts_days_from_civil() {
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(20_415), (2025, 11, 23));
    for days in [-719_468, -1, 11_016, 20_779, 2_932_896] {
        let (y, m, d) = civil_from_days(days);
        assert_eq!(days_from_civil(y, m, d), days);
    }
}
