//! The typography stage on real books: Markdown through the document stage,
//! then `typography::apply`, then the text compared.
//!
//! In the expected strings `~` is a non-breaking space, `|` a soft hyphen,
//! `‑` (U+2011) a non-breaking hyphen; inline code is shown in backticks, a
//! soft break as a newline.

use std::path::Path;

use verstka::document::{self, Block, BlockKind, Book, Inline};
use verstka::manifest::Manifest;
use verstka::typography;

/// A chapter of a test book: file name, Markdown, language override.
struct Chapter<'a> {
    file: &'a str,
    text: &'a str,
    language: Option<&'a str>,
}

/// Writes a book into a temporary folder and loads it through the document stage.
fn load(manifest_tables: &str, chapters: &[Chapter]) -> Book {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut manifest = format!("[book]\ntitle = \"Т\"\nauthors = [\"А\"]\nlanguage = \"ru\"\n\n{manifest_tables}\n");
    for chapter in chapters {
        std::fs::write(dir.path().join(chapter.file), chapter.text).expect("chapter written");
        manifest.push_str(&format!("[[chapters]]\nfile = \"{}\"\n", chapter.file));
        if let Some(language) = chapter.language {
            manifest.push_str(&format!("language = \"{language}\"\n"));
        }
    }
    std::fs::write(dir.path().join("book.toml"), manifest).expect("manifest written");
    document::load(Manifest::load(dir.path()).expect("manifest")).expect("book")
}

fn typeset(manifest_tables: &str, chapters: &[Chapter]) -> Book {
    let mut book = load(manifest_tables, chapters);
    typography::apply(&mut book).expect("typography");
    book
}

fn render(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(text) => text.replace('\u{A0}', "~").replace('\u{AD}', "|"),
            Inline::Code(code) => format!("`{code}`"),
            Inline::Emphasis(content) => format!("*{}*", render(content)),
            Inline::Strong(content) => format!("**{}**", render(content)),
            Inline::Strikethrough(content) => format!("<del>{}</del>", render(content)),
            Inline::Link(link) => format!("[{}]({})", render(&link.content), link.url),
            Inline::Image(image) => format!("![{}]({})", image.alt, image.src),
            Inline::FootnoteRef(number) => format!("[^{number}]"),
            Inline::SoftBreak => "\n".to_string(),
            Inline::HardBreak => "\\\n".to_string(),
            Inline::Html(html) => html.clone(),
            Inline::Foreign(phrase) => format!("<span lang=\"{}\">{}</span>", phrase.lang, render(&phrase.content)),
            Inline::Anchor(_) => String::new(),
            Inline::PageNumber(number) => number.text().to_string(),
        })
        .collect()
}

/// The rendered text of every top-level paragraph of a chapter.
fn paragraphs(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|block| match &block.kind {
            BlockKind::Paragraph(inlines) => Some(render(inlines)),
            _ => None,
        })
        .collect()
}

/// Input paragraph → expected paragraph, Russian chapter.
const RUSSIAN: &[(&str, &str)] = &[
    // Quotes: «ёлочки» outside, „лапки“ inside, paired across inline boundaries.
    ("Он сказал \"привет\".", "Он~сказал «привет»."),
    ("\"Цитата \"вложенная\" внутри\"", "«Цитата „вложенная“ внутри»"),
    ("\"Три \"уровня \"вложенности\" кавычек\" тут\"", "«Три „уровня „вложенности“ кавычек“ тут»"),
    ("Метод \"`alloc`\" выделяет память", "Метод «`alloc`» выделяет память"),
    ("\"*курсив*\" и \"**жирный**\"", "«*курсив*» и~«**жирный**»"),
    ("*\"Цитата* целиком\"", "*«Цитата* целиком»"),
    ("Цитата \"через\nстроку\"", "Цитата «через\nстроку»"),
    ("«Ёлочки \"внутри\"»", "«Ёлочки „внутри“»"),
    ("“Английские” кавычки", "«Английские» кавычки"),
    ("Апостроф: O'Reilly и д'Артаньян", "Апостроф: O'Reilly и~д'Артаньян"),
    ("(\"скобки\")", "(«скобки»)"),
    ("Слово\"вплотную\", \"да\"!", "Слово«вплотную», «да»!"),
    ("Ссылка \"[документация](https://ziglang.org)\" тут", "Ссылка «[документация](https://ziglang.org)» тут"),
    ("Сырой <span>\"HTML\"</span> рядом", "Сырой <span>«HTML»</span> рядом"),
    ("\"Сноска[^a]\" после", "«Сноска[^1]» после"),
    // A phrase in another language is read on in the sentence, whose punctuation it is.
    ("Это <span lang=\"en\">\"memory allocator\"</span> - он", "Это <span lang=\"en\">«memory allocator»</span>~— он"),
    // Dashes.
    ("Память - это ресурс", "Память~— это ресурс"),
    ("Память -- это ресурс", "Память~— это ресурс"),
    ("Память --- это ресурс", "Память~— это ресурс"),
    ("Память — это ресурс", "Память~— это ресурс"),
    ("Память -\nэто ресурс", "Память~—\nэто ресурс"),
    ("Память\n-- это ресурс", "Память~— это ресурс"),
    ("Память-- это ресурс", "Память~— это ресурс"),
    ("-- Привет, - сказал он.", "—~Привет,~— сказал он."),
    ("Строка\\\n-- Да, - ответил он.", "Строка\\\n—~Да,~— ответил он."),
    ("**Важно** - это", "**Важно**~— это"),
    ("Годы 1999-2024 и страницы 10-20", "Годы 1999–2024 и~страницы 10–20"),
    ("Версии 0.11-0.12", "Версии 0.11–0.12"),
    ("Дата 2024-01-02 в тексте", "Дата 2024-01-02 в~тексте"),
    ("Архитектура x86-64 и UTF-8", "Архитектура x86-64 и~UTF-8"),
    ("Флаг --release и a--b", "Флаг --release и~a--b"),
    ("Код `a - b` и `x -- y`", "Код `a - b` и~`x -- y`"),
    ("веб-сервер, что-то, из-за, по-русски", "веб-сервер, что‑то, из‑за, по‑русски"),
    ("кое-как и HTTP-запрос", "кое-как и~HTTP-запрос"),
    ("Идентификатор a-b в тексте", "Идентификатор a-b в~тексте"),
    // Ellipses.
    ("Ну... что ж", "Ну… что ж"),
    ("Arena...", "Arena…"),
    ("Четыре точки.... остаются", "Четыре точки.... остаются"),
    ("Диапазон a..b", "Диапазон a..b"),
    // Non-breaking spaces.
    ("в Zig", "в~Zig"),
    ("Программа на Zig и C", "Программа на~Zig и~C"),
    ("В Zig нет", "В~Zig нет"),
    ("Он не знал", "Он~не~знал"),
    ("гибкостью  в плане", "гибкостью в~плане"),
    ("работает в\nкуче", "работает в~куче"),
    ("*в* Zig", "*в*~Zig"),
    ("в `Zig`", "в~`Zig`"),
    ("в Go они", "в~Go они"),
    ("Знаешь ли ты", "Знаешь~ли~ты"),
    ("Если бы знать", "Если~бы~знать"),
    ("Так же, как", "Так~же, как"),
    ("То есть т. е. так", "То~есть т.~е. так"),
    ("Числа, буквы и т. д.", "Числа, буквы и~т.~д."),
    ("Яблоки, груши и т.\nп.", "Яблоки, груши и~т.~п."),
    ("См. рис. 5", "См. рис.~5"),
    ("Куча 512 МиБ", "Куча 512~МиБ"),
    ("Ровно 20 % памяти", "Ровно 20~% памяти"),
    ("Пункт № 5 и § 3", "Пункт №~5 и~§~3"),
    ("Эта глава содержит 2 темы", "Эта глава содержит 2~темы"),
    ("Всего 10 000 строк", "Всего 10~000~строк"),
    ("Число 1.5 не трогаем", "Число 1.5 не~трогаем"),
    ("В 2024 году", "В~2024~году"),
    ("Версия Zig 0.11 Release", "Версия Zig 0.11 Release"),
    // Raw text inside prose.
    ("Сайт https://ziglang.org/a--b/1999-2024/ и всё", "Сайт https://ziglang.org/a--b/1999-2024/ и~всё"),
    ("См. https://ziglang.org/download...", "См. https://ziglang.org/download…"),
    ("Почта ivan@example.com - пишите", "Почта ivan@example.com~— пишите"),
    ("Адрес www.example.com/a--b, и всё", "Адрес www.example.com/a--b, и~всё"),
    (
        "Сайт \"https://ziglang.org/a--b\", почта (ivan@example.com).",
        "Сайт «https://ziglang.org/a--b», почта (ivan@example.com).",
    ),
    ("[ссылка - тут](https://example.com/a--b)", "[ссылка~— тут](https://example.com/a--b)"),
    ("<https://example.com/a--b...>", "[https://example.com/a--b...](https://example.com/a--b...)"),
    ("\"[ivan@example.com](mailto:ivan@example.com)\"", "«[ivan@example.com](mailto:ivan@example.com)»"),
    ("Путь std.mem.Allocator - это тип", "Путь std.mem.Allocator~— это тип"),
];

/// Input paragraph → expected paragraph, English chapter: curly quotes and
/// dashes, no non-breaking spaces.
const ENGLISH: &[(&str, &str)] = &[
    ("\"Hello,\" she said -- \"bye\".", "“Hello,” she said — “bye”."),
    ("\"outer \"inner\" text\"", "“outer ‘inner’ text”"),
    ("Don't touch it's apostrophes", "Don't touch it's apostrophes"),
    ("Pages 10-20 ... and more", "Pages 10–20 … and more"),
    ("in a row", "in a row"),
    ("a - b", "a — b"),
];

fn table_text(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(input, _)| *input).collect::<Vec<_>>().join("\n\n") + "\n\n[^a]: Сноска.\n"
}

#[test]
fn rules_table() {
    let russian = table_text(RUSSIAN);
    let english = table_text(ENGLISH);
    let german = "\"Hallo\" - sagt er... in 10-20 Tagen\n";
    let book = typeset(
        "[hyphenation]\nenabled = false\n",
        &[
            Chapter { file: "ru.md", text: &russian, language: None },
            Chapter { file: "en.md", text: &english, language: Some("en-US") },
            Chapter { file: "de.md", text: german, language: Some("de") },
        ],
    );
    let expected: Vec<Vec<&str>> = [RUSSIAN, ENGLISH].iter().map(|pairs| pairs.iter().map(|p| p.1).collect()).collect();
    for (chapter, expected) in book.chapters.iter().zip(&expected) {
        let actual = paragraphs(&chapter.blocks);
        assert_eq!(actual.len(), expected.len(), "{}: one paragraph per pair", chapter.file.display());
        let wrong: Vec<String> = actual
            .iter()
            .zip(expected)
            .filter(|(actual, expected)| actual != *expected)
            .map(|(actual, expected)| format!("  got      {actual:?}\n  expected {expected:?}"))
            .collect();
        assert!(wrong.is_empty(), "{}:\n{}", chapter.file.display(), wrong.join("\n"));
    }
    assert_eq!(paragraphs(&book.chapters[2].blocks), ["\"Hallo\" - sagt er... in 10-20 Tagen"]);
    assert!(RUSSIAN.len() + ENGLISH.len() >= 60);
}

const CONTEXTS: &str = "\
# Заголовок программирования - \"тест\"

Абзац программирования[^n].

- Пункт программирования
> Цитата программирования

| Ячейка программирования |
|---|
| Строка программирования |

```zig
// \"программирования\" - 1999-2024... в Zig
const x = \"a - b\";
```

[^n]: Сноска программирования.
";

#[test]
fn soft_hyphens_in_prose_but_not_in_headings() {
    let book = typeset("", &[Chapter { file: "ru.md", text: CONTEXTS, language: None }]);
    assert_eq!(book.chapters[0].title, "Заголовок программирования\u{A0}— «тест»");
    let mut runs = Vec::new();
    let mut chapter = book.chapters[0].clone();
    chapter.for_each_inline_run_mut(&mut |_, inlines| runs.push(render(inlines)));
    assert_eq!(
        runs,
        [
            "Заголовок программирования~— «тест»",
            "Абзац про|грам|ми|ро|ва|ния[^1].",
            "Пункт про|грам|ми|ро|ва|ния",
            "Ци|та|та про|грам|ми|ро|ва|ния",
            "Ячей|ка про|грам|ми|ро|ва|ния",
            "Стро|ка про|грам|ми|ро|ва|ния",
            "Снос|ка про|грам|ми|ро|ва|ния.",
        ]
    );
}

/// Every code block and inline code of a book, in order.
fn code_of(book: &Book) -> Vec<String> {
    fn inline_code(inlines: &[Inline], out: &mut Vec<String>) {
        for inline in inlines {
            match inline {
                Inline::Code(code) => out.push(code.clone()),
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => inline_code(c, out),
                Inline::Link(link) => {
                    out.push(link.url.clone());
                    inline_code(&link.content, out)
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for chapter in &book.chapters {
        chapter.for_each_block(&mut |block| {
            if let BlockKind::Code(code) = &block.kind {
                out.push(code.text.clone());
                out.extend(code.lines.iter().flat_map(|line| line.spans.iter().map(|span| span.text.clone())));
            }
        });
        chapter.for_each_inline_run(&mut |_, inlines, _| inline_code(inlines, &mut out));
    }
    out
}

#[test]
fn code_and_urls_stay_byte_for_byte() {
    let chapters = [Chapter { file: "ru.md", text: CONTEXTS, language: None }];
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books/full");
    for mut before in [load("", &chapters), document::load(Manifest::load(&fixture).expect("fixture")).expect("book")] {
        let expected = code_of(&before);
        assert!(expected.iter().any(|code| code.contains("- 1999-2024...") || code.contains("GeneralPurpose")));
        typography::apply(&mut before).expect("typography");
        assert_eq!(code_of(&before), expected);
    }
}

/// The issue's «Done when» list, on the fixture book.
#[test]
fn fixture_book_prose_is_typeset() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books/full");
    let mut book = document::load(Manifest::load(&fixture).expect("fixture")).expect("book");
    typography::apply(&mut book).expect("typography");
    let mut prose = String::new();
    for chapter in &mut book.chapters {
        chapter.for_each_inline_run_mut(&mut |_, inlines| {
            prose.push_str(&document::plain_text(&strip_code(inlines)));
            prose.push('\n');
        });
    }
    let plain = prose.replace('\u{AD}', "");
    assert!(!plain.contains('"'), "a straight quote left in {plain}");
    for expected in [
        "«кавычки» и\u{A0}«вложенные „кавычки“ внутри»",
        "тире\u{A0}— вот",
        "многоточие…",
        "1999–2024",
        "т.\u{A0}е.",
        "512\u{A0}МиБ",
        "20\u{A0}%",
        "Память\u{A0}— это ресурс",
    ] {
        assert!(plain.contains(expected), "{expected:?} not in {plain}");
    }
    assert!(prose.contains("вы\u{AD}со\u{AD}ко\u{AD}про\u{AD}из\u{AD}во\u{AD}ди\u{AD}тель\u{AD}ный"), "{prose}");
}

/// The inlines without inline code, so prose checks do not see code.
fn strip_code(inlines: &[Inline]) -> Vec<Inline> {
    inlines.iter().filter(|inline| !matches!(inline, Inline::Code(_))).cloned().collect()
}

#[test]
fn switches_and_exceptions() {
    let text = "Аллокатор - \"программирования\" в Zig\n";
    let chapters = [Chapter { file: "ru.md", text, language: None }];
    let off = typeset("[typography]\nenabled = false\n", &chapters);
    assert_eq!(paragraphs(&off.chapters[0].blocks), ["Ал|ло|ка|тор - \"про|грам|ми|ро|ва|ния\" в Zig"]);
    let none = typeset("[typography]\nenabled = false\n[hyphenation]\nenabled = false\n", &chapters);
    assert_eq!(paragraphs(&none.chapters[0].blocks), [text.trim_end()]);
    let exceptions = typeset("[hyphenation]\nexceptions = [\"алло-ка-тор\"]\n", &chapters);
    assert_eq!(paragraphs(&exceptions.chapters[0].blocks), ["Алло|ка|тор~— «про|грам|ми|ро|ва|ния» в~Zig"]);
}
