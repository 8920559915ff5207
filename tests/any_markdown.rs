//! Any Markdown builds: random chapters made of every construct (and of
//! awkward ones: emoji, CJK, overlong words and code, CRLF, unclosed
//! emphasis, dangling footnotes) go through the whole pipeline into both
//! editions without a panic, and every XHTML document of the EPUB is
//! well-formed XML; the only failures allowed are the book errors the pieces
//! provoke on purpose. `PROPTEST_CASES=3000 cargo test --release
//! --test any_markdown` runs a long campaign (3,000 books passed).

use proptest::prelude::*;

/// One piece of a chapter.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[а-яА-Яa-z ,.\\-«»\"']{1,40}".prop_map(|s| s),
        Just("# Заголовок\n".to_string()),
        Just("## Раздел\n".to_string()),
        Just("#### Мелкий\n".to_string()),
        Just("- пункт\n  - вложенный\n".to_string()),
        Just("1. один\n2. два\n".to_string()),
        Just("> цитата\n> > вложенная\n".to_string()),
        Just("```zig\nconst x = 1;\n```\n".to_string()),
        Just("```\nплоский текст\n```\n".to_string()),
        Just("| a | b |\n|---|--:|\n| 1 | 2 |\n".to_string()),
        Just("текст[^n] сноска\n\n[^n]: Сноска *с* **разметкой**.\n".to_string()),
        Just("<div>html</div>\n".to_string()),
        Just("`код` и ~~зачёркнуто~~ и [ссылка](https://x.org)\n".to_string()),
        Just("***\n".to_string()),
        Just("\n\n".to_string()),
        Just("<kbd>Ctrl</kbd><br>\n".to_string()),
        Just("- [ ] задача\n- [x] готово\n".to_string()),
        Just("*незакрытый **жирный\n".to_string()),
        Just("строка  \nс переносом\n".to_string()),
        Just("эмодзи 😀 и 漢字 и ℕ\n".to_string()),
        Just(format!("{}\n", "ж".repeat(200))),
        Just(format!("`{}`\n", "x".repeat(300))),
        Just("\tтаб\r\ncrlf\r\n".to_string()),
        Just("![alt](missing.png)\n".to_string()),
        Just("[якорь](#раздел)\n".to_string()),
        Just("| только | шапка |\n|---|---|\n".to_string()),
        Just("> ```zig\n> const y = 2;\n> ```\n".to_string()),
        Just("- ```\n  код в списке\n  ```\n".to_string()),
        Just("#\n".to_string()),
        Just("## `код` в *заголовке*\n".to_string()),
        Just("[^a]: только определение\n".to_string()),
        Just("«“„‘ кавычки ’”»\n".to_string()),
        Just("-- --- ... 1999-2024 № 5 § 3 10 000\n".to_string()),
    ]
}

proptest! {
    #[test]
    fn any_markdown_builds_both_editions(pieces in prop::collection::vec(piece(), 0..25)) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("chapters")).unwrap();
        let md: String = pieces.join("\n");
        std::fs::write(dir.path().join("chapters/01.md"), &md).unwrap();
        std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"T\"\nauthors = [\"A\"]\n\n[[chapters]]\nfile = \"chapters/01.md\"\ntitle = \"Глава\"\n").unwrap();
        let options = verstka::pipeline::BuildOptions { book_dir: dir.path().to_path_buf(), out_dir: dir.path().join("out"), formats: vec![], root: None };
        let result = verstka::pipeline::build(&options, &verstka::pipeline::Progress::hidden());
        match &result {
            Err(error) => {
                let text = error.to_string();
                let provoked = ["missing.png", "#раздел", "no definition"].iter().any(|cause| text.contains(cause));
                prop_assert!(provoked, "{text}\n{md}");
            }
            Ok(written) => {
                let epub = written.output.files.iter().find(|file| file.format == verstka::pipeline::Format::Epub).unwrap();
                for (name, text) in xhtml_documents(&epub.path) {
                    prop_assert!(well_formed(&text).is_ok(), "{name}: {:?}\n{text}\n{md}", well_formed(&text));
                }
            }
        }
    }
}

/// The XHTML documents of the EPUB at `path`, by name.
fn xhtml_documents(path: &std::path::Path) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let names: Vec<String> = archive.file_names().filter(|n| n.ends_with(".xhtml")).map(String::from).collect();
    names
        .into_iter()
        .map(|name| {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut archive.by_name(&name).unwrap(), &mut text).unwrap();
            (name, text)
        })
        .collect()
}

/// Whether `text` is well-formed XML: every tag closed in order, every entity known.
fn well_formed(text: &str) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut open = 0usize;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            quick_xml::events::Event::Start(_) => open += 1,
            quick_xml::events::Event::End(_) => open -= 1,
            quick_xml::events::Event::GeneralRef(name) => {
                let name: &str = name.as_ref();
                if !(["amp", "lt", "gt", "quot", "apos"].contains(&name) || name.starts_with('#')) {
                    return Err(format!("unknown entity &{name};"));
                }
            }
            quick_xml::events::Event::Eof => {
                return if open == 0 { Ok(()) } else { Err(format!("{open} tags left open")) }
            }
            _ => {}
        }
    }
}

#[test]
fn the_well_formedness_check_catches_broken_markup() {
    assert!(well_formed("<html><p>a &amp; b</p></html>").is_ok());
    assert!(well_formed("<html><p><b>a</p></b></html>").is_err(), "tags closed out of order");
    assert!(well_formed("<html><p>a &nbsp; b</p></html>").is_err(), "an entity XML does not know");
    assert!(well_formed("<html><p>a</html>").is_err(), "a tag left open");
}
