use std::ffi::OsStr;

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
identifier = "urn:isbn:9780000000002"
date = "2026-11-23"
name = "learning-zig"
number-sections = true

[[chapters]]
file = "a.md"
title = "Первая"
language = "en"
"#;
    let manifest = parse(text).unwrap();
    assert_eq!(manifest.book.subtitle.as_deref(), Some("Введение"));
    assert_eq!(manifest.book.translators, ["Переводчик"]);
    assert_eq!(manifest.book.identifier.as_deref(), Some("urn:isbn:9780000000002"));
    assert_eq!(manifest.output_name(), "learning-zig");
    assert!(manifest.book.number_sections);
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
    assert_eq!(error.to_string(), "book/book.toml:4:8: error: `book.date` is `99999-12-31`, not a date");
    assert!(error.help().unwrap().contains("YYYY-MM-DD with a four-digit year"));
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

/// Each error of a manifest that fails, as printed.
fn errors(text: &str) -> Vec<String> {
    parse(text).unwrap_err().into_vec().iter().map(ToString::to_string).collect()
}

/// The minimal manifest with `lines` added to its `[book]` table.
fn with_book(lines: &str) -> String {
    MINIMAL.replace("authors", &format!("{lines}\nauthors"))
}

/// The minimal manifest with `[pdf]` tables added after it.
fn with_pdf(tables: &str) -> String {
    format!("{MINIMAL}\n[pdf]\n{tables}\n")
}

#[test]
fn every_unknown_key_is_reported_in_one_run_in_the_order_of_the_text() {
    let text = format!("{MINIMAL}titel = \"x\"\n[pdf]\nfnot-size = 2\n[pdf.margns]\ninner = 1\n[typografy]\n");
    let errors = parse(&text).unwrap_err().into_vec();
    let printed: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        printed,
        [
            "book/book.toml:8:1: error: unknown field `titel`, expected one of `file`, `title`, `language`",
            "book/book.toml:10:1: error: unknown field `fnot-size`, expected one of `trim`, `margins`, `font-size`, \
             `leading`, `bleed`, `crop-marks`, `imprint`, `keywords`, `standards`",
            "book/book.toml:11:6: error: unknown field `margns`, expected one of `trim`, `margins`, `font-size`, \
             `leading`, `bleed`, `crop-marks`, `imprint`, `keywords`, `standards`",
            "book/book.toml:13:2: error: unknown field `typografy`, expected one of `book`, `chapters`, `typography`, \
             `hyphenation`, `highlight`, `epub`, `pdf`, `print`, `check`, `cover`, `index`",
        ]
    );
    assert!(errors.iter().all(|e| e.help() == Some("remove the key or fix its spelling; the README lists every key")));
}

#[test]
fn unknown_keys_are_reported_with_the_errors_of_the_values() {
    let text = format!("{}\ntitel = \"x\"\n[pdf.margins]\ninner = nan\n", with_book("language = \"\""));
    assert_eq!(
        errors(&text),
        [
            "book/book.toml:4:12: error: `book.language` is ``, not a BCP 47 language tag",
            "book/book.toml:10:1: error: unknown field `titel`, expected one of `file`, `title`, `language`",
            "book/book.toml:12:9: error: `pdf.margins.inner` is NaN mm; use 0 to 100",
        ]
    );
}

#[test]
fn a_value_of_the_wrong_type_ends_the_reading_after_the_unknown_keys_before_it() {
    let text = format!("{}\n[pdf]\nfont-size = \"big\"\n", with_book("autors = [\"x\"]"));
    let errors = errors(&text);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("book/book.toml:4:1: error: unknown field `autors`"), "{errors:?}");
    assert!(errors[1].starts_with("book/book.toml:11:13: error: invalid type: string \"big\""), "{errors:?}");
}

#[test]
fn a_flood_of_unknown_keys_is_cut_short() {
    let keys: String = (0..1000).map(|n| format!("key{n} = {n}\n")).collect();
    let errors = errors(&format!("{MINIMAL}{keys}"));
    assert_eq!(errors.len(), 101);
    assert!(errors.iter().all(|e| e.contains("unknown field `key")), "{errors:?}");
}

#[test]
fn pdf_numbers_must_be_finite_and_sane() {
    let cases = [
        ("font-size = nan", "book/book.toml:10:13: error: `pdf.font-size` is NaN pt; use 5 to 30"),
        ("font-size = 0", "book/book.toml:10:13: error: `pdf.font-size` is 0 pt; use 5 to 30"),
        ("font-size = 10000", "book/book.toml:10:13: error: `pdf.font-size` is 10000 pt; use 5 to 30"),
        ("font-size = -inf", "book/book.toml:10:13: error: `pdf.font-size` is -inf pt; use 5 to 30"),
        ("leading = 0", "book/book.toml:10:11: error: `pdf.leading` is 0 pt; use 10.5 to 31.5"),
        ("leading = inf", "book/book.toml:10:11: error: `pdf.leading` is inf pt; use 10.5 to 31.5"),
        ("bleed = 1000", "book/book.toml:10:9: error: `pdf.bleed` is 1000 mm; use 0 to 10"),
        ("bleed = -3", "book/book.toml:10:9: error: `pdf.bleed` is -3 mm; use 0 to 10"),
        ("margins.inner = nan", "book/book.toml:10:17: error: `pdf.margins.inner` is NaN mm; use 0 to 100"),
        ("margins.outer = -1", "book/book.toml:10:17: error: `pdf.margins.outer` is -1 mm; use 0 to 100"),
        (
            "margins.top = 1e30",
            "book/book.toml:10:15: error: `pdf.margins.top` is 1000000000000000000000000000000 mm; use 0 to 100",
        ),
        ("margins.bottom = 500", "book/book.toml:10:18: error: `pdf.margins.bottom` is 500 mm; use 0 to 100"),
    ];
    for (line, expected) in cases {
        assert_eq!(errors(&with_pdf(line)), [expected], "{line}");
    }
}

#[test]
fn a_bad_trim_is_an_error_at_its_value() {
    let error = parse(&with_pdf("trim = \"huge\"")).unwrap_err();
    assert_eq!(error.to_string(), "book/book.toml:10:8: error: `pdf.trim` is `huge`, not a page size");
    assert!(error.help().unwrap().contains("170x240mm"));
    assert_eq!(
        errors(&with_pdf("trim = \"huge\"\nbleed = nan")),
        [
            "book/book.toml:10:8: error: `pdf.trim` is `huge`, not a page size",
            "book/book.toml:11:9: error: `pdf.bleed` is NaN mm; use 0 to 10",
        ]
    );
}

#[test]
fn trims_are_read_in_any_unit() {
    let mm = |points: f32| (points / POINTS_PER_MM * 10.0).round() / 10.0;
    let size = |t| page::parse_trim(t).map(|(w, h)| (mm(w), mm(h)));
    assert_eq!(size("170x240mm"), Some((170.0, 240.0)));
    assert_eq!(size("170 × 240 mm"), Some((170.0, 240.0)));
    assert_eq!(size("A4"), Some((210.0, 297.0)));
    assert_eq!(size("b5"), Some((176.0, 250.0)));
    assert_eq!(size("6x9in"), Some((152.4, 228.6)));
    assert_eq!(size("17x24cm"), Some((170.0, 240.0)));
    assert_eq!(size("125x200"), Some((125.0, 200.0)));
    for bad in ["", "a3", "170mm", "0x240mm", "170x240furlongs", "-5x9in", "x9in", "nanxnan", "infx9in", "300x9in"] {
        assert_eq!(page::parse_trim(bad), None, "{bad}");
    }
}

#[test]
fn margins_left_out_are_shares_of_the_trim() {
    let page = parse(&with_pdf("trim = \"200x300mm\"\nmargins.outer = 10")).unwrap().pdf.page().unwrap();
    let mm = |points: f32| (points / POINTS_PER_MM * 10.0).round() / 10.0;
    assert_eq!(
        [page.width, page.height, page.inner, page.outer, page.top, page.bottom].map(mm),
        [200.0, 300.0, 26.0, 10.0, 22.5, 27.6]
    );
}

#[test]
fn the_margins_must_leave_room_for_text() {
    // A5 is 148 mm wide: 20 ems of 10.5 pt type need 74 mm.
    let narrow = with_pdf("trim = \"a5\"\n[pdf.margins]\ntop = 10\ninner = 40\nouter = 40");
    assert_eq!(
        errors(&narrow),
        ["book/book.toml:13:9: error: the text block is 68 mm wide, narrower than 20 ems of 10.5 pt type (74 mm)"]
    );
    let short = with_pdf("trim = \"a5\"\n[pdf.margins]\ntop = 100\nbottom = 80");
    assert_eq!(
        errors(&short),
        ["book/book.toml:12:7: error: the text block holds 6 lines of 13 pt leading; a page needs 10"]
    );
    let bigger_than_the_page = with_pdf("trim = \"a5\"\nmargins = { inner = 100, outer = 100 }");
    let errors_of_bigger = errors(&bigger_than_the_page);
    assert!(
        errors_of_bigger[0].starts_with("book/book.toml:11:21: error: the text block is -52 mm wide"),
        "{errors_of_bigger:?}"
    );
    // With no margin set, the trim and then the type size are at fault.
    let tiny = with_pdf("trim = \"60x50mm\"");
    assert_eq!(errors(&tiny).len(), 2);
    assert!(errors(&tiny).iter().all(|e| e.starts_with("book/book.toml:10:8: ")), "{:?}", errors(&tiny));
    let large_type = with_pdf("font-size = 30\nleading = 36");
    assert_eq!(
        errors(&large_type),
        ["book/book.toml:10:13: error: the text block is 130 mm wide, narrower than 20 ems of 30 pt type (212 mm)"]
    );
}

#[test]
fn languages_are_bcp_47_tags() {
    for good in ["ru", "en", "en-US", "zh-Hant-TW", "sr-Latn", "de-CH-1996", "x-private"] {
        let text = format!("{}\nlanguage = \"{good}\"\n", with_book(&format!("language = \"{good}\"")));
        assert!(parse(&text).is_ok(), "{good}");
    }
    for bad in ["", " ru", "не язык", "en_US!!", "en_US", "e", "toolonglanguage", "en--US"] {
        let error = parse(&with_book(&format!("language = \"{bad}\""))).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("book/book.toml:4:12: error: `book.language` is `{bad}`, not a BCP 47 language tag")
        );
        assert_eq!(error.help(), Some("write a language tag such as \"ru\", \"en\" or \"en-US\""));
        let error = parse(&format!("{MINIMAL}language = \"{bad}\"\n")).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("book/book.toml:8:12: error: the chapter's `language` is `{bad}`, not a BCP 47 language tag")
        );
    }
}

#[test]
fn a_chapter_listed_twice_is_an_error_at_the_second_listing() {
    for second in ["chapters/01.md", "./chapters/01.md", "chapters//01.md", "chapters/x/../01.md"] {
        let text = format!("{MINIMAL}\n[[chapters]]\nfile = \"chapters/02.md\"\n\n[[chapters]]\nfile = \"{second}\"\n");
        assert_eq!(
            errors(&text),
            [format!("book/book.toml:13:8: error: chapter file `{second}` is listed twice, first on line 7")]
        );
    }
    let different = format!("{MINIMAL}\n[[chapters]]\nfile = \"../chapters/01.md\"\n");
    assert!(parse(&different).is_ok());
}

#[test]
fn the_output_name_is_a_plain_file_name() {
    for (name, problem) in [
        ("", "is empty"),
        ("  ", "is empty"),
        ("/tmp/x", "is `/tmp/x`, with a `/` or `\\`: it would write outside the output folder"),
        ("../../x", "is `../../x`, with a `/` or `\\`: it would write outside the output folder"),
        ("a\\\\b", "is `a\\b`, with a `/` or `\\`: it would write outside the output folder"),
        ("..", "is `..`, starting with `.`"),
        (".", "is `.`, starting with `.`"),
        (".hidden", "is `.hidden`, starting with `.`"),
        ("a\\u0007b", "has control characters"),
    ] {
        let error = parse(&with_book(&format!("name = \"{name}\""))).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("book/book.toml:4:8: error: `book.name` {problem}; it must be a plain file name")
        );
    }
    let long = "я".repeat(101);
    assert!(errors(&with_book(&format!("name = \"{long}\"")))[0].contains("is longer than 200 bytes"));
    let fine = parse(&with_book(&format!("name = \" {} \"", "я".repeat(100)))).unwrap();
    assert_eq!(fine.output_name(), "я".repeat(100));
}

#[test]
fn empty_texts_are_errors_at_their_values() {
    let text = format!(
        "{}\ntitle = \" \"\n",
        MINIMAL.replace(
            "authors = [\"Автор\"]",
            "subtitle = \"\"\ndescription = \"\\n\"\nidentifier = \" \"\nauthors = [\"Автор\", \"\"]\ntranslators = [\" \"]"
        )
    );
    assert_eq!(
        errors(&text),
        [
            "book/book.toml:4:12: error: `book.subtitle` is empty",
            "book/book.toml:5:15: error: `book.description` is empty",
            "book/book.toml:6:14: error: `book.identifier` is empty",
            "book/book.toml:7:21: error: an entry of `book.authors` is empty",
            "book/book.toml:8:16: error: an entry of `book.translators` is empty",
            "book/book.toml:13:9: error: the chapter's `title` is empty",
        ]
    );
    assert_eq!(errors(&MINIMAL.replace("\"Книга\"", "\"\"")), ["book/book.toml:3:9: error: `book.title` is empty"]);
}

#[test]
fn texts_hold_no_character_xml_forbids() {
    let text = format!(
        "{}\ntitle = \"Глава\\u0008\"\n[pdf]\nimprint = \"ISBN\\tx\\n\\n© 2026\"\nkeywords = [\"a\\u0000b\", \"\\uFFFF\"]\n",
        MINIMAL.replace("\"Книга\"", "\"Кни\\u0001га\"").replace("authors = [\"Автор\"]", "authors = [\"Автор\\u009F\"]\ndescription = \"x\\u0007y\\nz\"")
    );
    assert_eq!(
        errors(&text),
        [
            "book/book.toml:3:9: error: `book.title` has the control character U+0001",
            "book/book.toml:4:12: error: an entry of `book.authors` has the control character U+009F",
            "book/book.toml:5:15: error: `book.description` has the control character U+0007",
            "book/book.toml:10:9: error: the chapter's `title` has the control character U+0008",
            "book/book.toml:13:13: error: an entry of `pdf.keywords` has the control character U+0000",
            "book/book.toml:13:25: error: an entry of `pdf.keywords` has the control character U+FFFF",
        ]
    );
}

#[test]
fn hyphenation_exceptions_are_words_with_their_breaks() {
    assert_eq!(parse_exception("алло-ка-тор"), Some(("аллокатор".to_string(), vec![4, 6])));
    assert_eq!(parse_exception("Java-Script"), Some(("javascript".to_string(), vec![4])));
    assert_eq!(parse_exception("Аллокатором"), Some(("аллокатором".to_string(), vec![])));
    let text = format!("{MINIMAL}\n[hyphenation]\nexceptions = [\"алло-ка-тор\", \"\", \"алло ка-тор\",\n  \"алло--катор\", \"-алло\", \"ал1-ло\"]\n");
    assert_eq!(
        errors(&text),
        [
            "book/book.toml:10:30: error: hyphenation exception `` is not a word with its breaks marked by `-`",
            "book/book.toml:10:34: error: hyphenation exception `алло ка-тор` is not a word with its breaks marked by `-`",
            "book/book.toml:11:3: error: hyphenation exception `алло--катор` is not a word with its breaks marked by `-`",
            "book/book.toml:11:18: error: hyphenation exception `-алло` is not a word with its breaks marked by `-`",
            "book/book.toml:11:27: error: hyphenation exception `ал1-ло` is not a word with its breaks marked by `-`",
        ]
    );
}

#[test]
fn a_wrong_isbn_check_digit_is_an_error_at_the_identifier() {
    let errors = errors(&with_book("identifier = \"urn:isbn:978-5-0000-0000-0\""));
    assert_eq!(
        errors,
        ["book/book.toml:4:14: error: `book.identifier` is not a valid ISBN: its check digit is 0, but the digits before it give 7"]
    );
    assert!(parse(&with_book("identifier = \"urn:isbn:978-5-0000-0000-7\"")).is_ok());
    assert!(parse(&with_book("identifier = \"urn:uuid:not-an-isbn\"")).is_ok());
}

#[test]
fn the_cover_table_has_defaults_and_its_values_are_checked_at_their_lines() {
    assert!(parse(MINIMAL).unwrap().cover.is_none());
    let manifest = parse(&format!("{MINIMAL}\n[cover]\n")).unwrap();
    let cover = manifest.cover.unwrap();
    assert_eq!((cover.bleed, cover.safety, cover.leaf_thickness()), (3.0, 5.0, Some(0.1)));
    assert_eq!(cover.background_rgb(), [0x1F, 0x3A, 0x5F]);
    let text = format!(
        "{MINIMAL}\n[cover]\nbackground = \"blue\"\npaper = \"80gsm\"\nbleed = 12\nspine-text = \" \"\nfrnt = \"a.png\"\n"
    );
    let found = errors(&text);
    assert_eq!(found.len(), 5, "{found:?}");
    assert!(
        found[0].starts_with("book/book.toml:10:14: error: `cover.background` is `blue`, not a colour"),
        "{found:?}"
    );
    assert!(found[1].starts_with("book/book.toml:11:9: error: `cover.paper` is `80gsm`"), "{found:?}");
    assert!(found[2].starts_with("book/book.toml:12:9: error: `cover.bleed` is 12 mm"), "{found:?}");
    assert!(found[3].starts_with("book/book.toml:13:14: error: `cover.spine-text` is empty"), "{found:?}");
    assert!(found[4].starts_with("book/book.toml:14:1: error: unknown field `frnt`"), "{found:?}");
    let both = errors(&format!("{MINIMAL}\n[cover]\npaper = \"80gsm-offset\"\npaper-thickness = 0.1\n"));
    assert!(both[0].starts_with("book/book.toml:11:19: error: `cover.paper` and `cover.paper-thickness` are both set"));
}
