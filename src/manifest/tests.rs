use std::ffi::OsStr;

use super::dates::days_from_civil;
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
fn dates_are_days_of_the_calendar_with_four_digit_years() {
    assert_eq!(parse_date("1970-01-01"), Some(0));
    assert_eq!(parse_date("2000-02-29"), Some(951_782_400));
    assert_eq!(parse_date("0001-01-01"), Some(-62_135_596_800));
    assert_eq!(parse_date("9999-12-31"), Some(253_402_214_400));
    for bad in ["2023-02-29", "2026-13-01", "2026-00-10", "2026-01-32", "вчера", "", "99999-12-31", "0000-01-01"] {
        assert_eq!(parse_date(bad), None, "{bad}");
    }
    for bad in ["2026-1-1", "+2026-01-01", "-001-01-01", "2026-01-01T00:00", "2026-01-01-01", "２０２６-01-01"] {
        assert_eq!(parse_date(bad), None, "{bad}");
    }
    let error = parse(&MINIMAL.replace("authors", "date = \"99999-12-31\"\nauthors")).unwrap_err();
    assert_eq!(error.to_string(), "book/book.toml:4:1: error: `book.date` is `99999-12-31`, not a date");
}

#[test]
fn source_date_epoch_is_a_timestamp_of_a_four_digit_year() {
    let manifest = parse(&MINIMAL.replace("authors", "date = \"2026-11-23\"\nauthors")).unwrap();
    let timestamp = |value: &str| manifest.timestamp_with(Some(OsStr::new(value)));
    assert_eq!(manifest.timestamp_with(None).unwrap(), 1_795_392_000);
    assert_eq!(timestamp("0").unwrap(), 0);
    assert_eq!(timestamp(" 1763856000\n").unwrap(), 1_763_856_000);
    assert_eq!(timestamp("253402300799").unwrap(), 253_402_300_799);
    for bad in ["", "-1", "253402300800", "1e9", "1763856000.5", "сегодня", "99999999999999999999"] {
        let error = timestamp(bad).unwrap_err();
        assert!(error.to_string().starts_with("SOURCE_DATE_EPOCH: error: `"), "{error}");
        assert!(error.help().unwrap().contains("git log -1 --format=%ct"));
    }
    let parsed = parse(MINIMAL).unwrap();
    assert_eq!(parsed.timestamp_with(None).unwrap(), DEFAULT_TIMESTAMP);
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
