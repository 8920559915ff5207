//! The subject index: the fixture book `tests/fixtures/books/index` (an
//! `index.txt` with every kind of line) built, its EPUB index page read back
//! and every locator followed to the text it points at.

use std::collections::{BTreeSet, HashMap};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use verstka::build::{build, BuildOptions, Format, Progress};
use verstka::document::{self, plain_text, BlockKind, Book};
use verstka::index::collation::Collation;
use verstka::manifest::Manifest;
use zip::ZipArchive;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books/index")
}

fn build_epub(dir: &Path) -> HashMap<String, String> {
    let out = tempfile::tempdir().unwrap();
    let options =
        BuildOptions { book_dir: dir.to_path_buf(), out_dir: out.path().to_path_buf(), formats: vec![Format::Epub], root: None };
    let written = build(&options, &Progress::hidden()).unwrap();
    let mut zip = ZipArchive::new(Cursor::new(std::fs::read(&written[0]).unwrap())).unwrap();
    let names: Vec<String> = zip.file_names().filter(|n| n.ends_with(".xhtml")).map(String::from).collect();
    names
        .into_iter()
        .map(|name| {
            let mut text = String::new();
            zip.by_name(&name).unwrap().read_to_string(&mut text).unwrap();
            (name.trim_start_matches("OEBPS/").to_string(), text)
        })
        .collect()
}

/// Text without tags, soft hyphens or no-break spaces.
fn seen(xhtml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xhtml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            '\u{ad}' => {}
            '\u{a0}' if !in_tag => out.push(' '),
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// `(term, [(file, anchor)])` of every entry and subentry on the index page, in order.
fn entries(page: &str) -> Vec<(String, Vec<(String, String)>)> {
    page.split("<li epub:type=\"index-entry\"")
        .skip(1)
        .map(|li| {
            let term = li.split("index-term\">").nth(1).unwrap().split("</span>").next().unwrap();
            let own = li.split("<ul").next().unwrap();
            let locators = own
                .split("epub:type=\"index-locator\" href=\"")
                .skip(1)
                .map(|rest| {
                    let target = rest.split('"').next().unwrap();
                    let (file, anchor) = target.split_once('#').unwrap();
                    (file.to_string(), anchor.to_string())
                })
                .collect();
            (seen(term), locators)
        })
        .collect()
}

fn normalized(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

#[test]
fn the_index_file_has_every_kind_of_entry() {
    let text = std::fs::read_to_string(fixture().join("index.txt")).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).collect();
    assert!(lines.len() >= 30, "{} entries", lines.len());
    assert!(lines.iter().any(|l| l.contains('/')), "forms");
    assert!(lines.iter().any(|l| l.contains(';')), "subentries");
    assert!(lines.iter().any(|l| l.contains(" = ")), "see-references");
    assert!(lines.iter().any(|l| l.starts_with('`')), "code terms");
    assert!(lines.iter().any(|l| l.starts_with('ё')), "ё");
    assert!(lines.iter().any(|l| l.chars().next().unwrap().is_ascii_alphabetic()), "Latin");
    let chapters: String = ["01-memory", "02-arenas", "03-errors"]
        .iter()
        .map(|c| std::fs::read_to_string(fixture().join(format!("chapters/{c}.md"))).unwrap())
        .collect();
    assert!(chapters.matches("<!-- index:").count() >= 3, "explicit markers");
}

#[test]
fn every_locator_points_at_an_occurrence_and_every_anchor_is_listed() {
    let files = build_epub(&fixture());
    let page = &files["index.xhtml"];
    let entries = entries(page);
    let mut listed = BTreeSet::new();
    for (term, locators) in &entries {
        for (file, anchor) in locators {
            listed.insert((file.clone(), anchor.clone()));
            let chapter = &files[file];
            let tag = format!("<span id=\"{anchor}\"></span>");
            assert_eq!(chapter.matches(&tag).count(), 1, "{term}: {file}#{anchor}");
            let after = chapter.split(&tag).nth(1).unwrap();
            let at_paragraph_start = chapter.split(&tag).next().unwrap().trim_end().ends_with("<p>");
            // The term's first word, cut to a stem every form of it begins with.
            let first = normalized(term.split_whitespace().next().unwrap());
            let stem: String = first.chars().take(first.chars().count().clamp(1, 4)).collect();
            let next = normalized(seen(after).trim_start());
            assert!(
                next.starts_with(&stem) || at_paragraph_start,
                "{term} at {file}#{anchor}: «{}»",
                next.chars().take(30).collect::<String>()
            );
        }
    }
    // Every anchor of the chapters is some entry's locator.
    for (file, text) in files.iter().filter(|(name, _)| name.starts_with("chapter-")) {
        for anchor in text.split("<span id=\"").skip(1).map(|rest| rest.split('"').next().unwrap()) {
            assert!(listed.contains(&(file.clone(), anchor.to_string())), "{file}#{anchor} is listed nowhere");
        }
    }
    let term = |t: &str| entries.iter().find(|(term, _)| term == t).unwrap_or_else(|| panic!("no «{t}»")).1.len();
    assert!(term("аллокатор") >= 10, "forms: аллокатор, аллокатора, аллокаторы…");
    assert!(term("ёмкость") >= 5, "ёмкость, ёмкостью, ёмкости");
    assert!(term("GeneralPurposeAllocator") >= 3, "prose, inline code and a table cell");
    assert_eq!(term("освобождение всей арены"), 1, "a marker before a paragraph");
    assert_eq!(term("отладочная сборка"), 1, "a subentry only a marker names");
    assert!(page.contains("<i>см.</i> <a epub:type=\"index-xref-preferred\" href=\"#"), "see-references link");
}

#[test]
fn groups_follow_the_russian_alphabet_then_the_latin() {
    let files = build_epub(&fixture());
    let letters: Vec<String> = files["index.xhtml"]
        .split("<h2>")
        .skip(1)
        .map(|rest| rest.split("</h2>").next().unwrap().to_string())
        .collect();
    assert_eq!(letters, ["Символы", "А", "Б", "В", "Д", "Е", "К", "О", "Р", "С", "Т", "У", "A", "D", "E", "F", "G", "H", "S", "U", "Z"]);
    assert!(files["nav.xhtml"].contains("<a epub:type=\"index\" href=\"index.xhtml\">Предметный указатель</a>"));
    assert!(files["contents.xhtml"].contains("<a href=\"index.xhtml\">Предметный указатель</a>"));
}

#[test]
fn anchors_change_no_text() {
    let load = || {
        let mut book = document::load(Manifest::load(&fixture()).unwrap()).unwrap();
        verstka::typography::apply(&mut book).unwrap();
        book
    };
    let text = |book: &Book| {
        let mut out = String::new();
        for chapter in &book.chapters {
            chapter.for_each_inline_run(&mut |_, inlines, _| out.push_str(&plain_text(inlines)));
        }
        out
    };
    let before = load();
    let mut after = load();
    let unused = verstka::index::apply(&mut after).unwrap();
    assert_eq!(text(&before), text(&after));
    assert!(unused.is_empty(), "{unused:?}");
    let mut headings_with_anchors = 0;
    for chapter in &after.chapters {
        chapter.for_each_block(&mut |block| {
            if let BlockKind::Heading(h) = &block.kind {
                headings_with_anchors += h.content.iter().filter(|i| matches!(i, document::Inline::Anchor(_))).count();
            }
        });
    }
    assert_eq!(headings_with_anchors, 0, "headings are not indexed");
}

/// Fifty terms of a Russian technical book's index, mixed: Cyrillic and
/// Latin, upper and lower case, ё, digits and symbols, code.
const FIFTY_TERMS: [&str; 50] = [
    "@import", "_start", "0x", "1-битный", "64-битная платформа", "UTF-8", "аллокатор", "Аллокатор страниц",
    "арена", "буфер", "вёрстка", "верстка", "ветвление", "выравнивание", "деление", "Ёж", "ёжик", "ель", "ёлка",
    "емкость", "ёмкость", "ерш", "ёрш", "ЖЕСТКИЙ", "жёсткий", "железо", "Йод", "иначе", "йота", "куча", "куча-мала",
    "объём", "объект", "Щит", "эхо", "Юникод", "ядро", "alloc", "Allocator", "ArenaAllocator", "comptime", "defer",
    "Écriture", "errdefer", "free", "GeneralPurposeAllocator", "heap", "std.mem.Allocator", "zig", "Zig",
];

#[test]
fn fifty_mixed_terms_sort_as_icu_russian_collation() {
    use icu_collator::options::CollatorOptions;
    use icu_collator::{Collator, CollatorPreferences};

    let collation = Collation::new("ru").unwrap();
    let mut ours: Vec<&str> = FIFTY_TERMS.to_vec();
    ours.reverse();
    ours.sort_by(|a, b| collation.compare(a, b));
    let locale: icu_locale_core::Locale = "ru".parse().unwrap();
    let icu = Collator::try_new(CollatorPreferences::from(&locale), CollatorOptions::default()).unwrap();
    let mut theirs: Vec<&str> = FIFTY_TERMS.to_vec();
    theirs.sort_by(|a, b| icu.compare(a, b));
    assert_eq!(ours, theirs);
    assert_eq!(ours, EXPECTED_ORDER);
}

/// The order a Russian reader expects (read and checked by hand).
/// Symbols and digits first, then Cyrillic, then Latin; ё sorts as е and
/// follows it only when all else is equal (емкость, ёмкость), as do capitals.
const EXPECTED_ORDER: [&str; 50] = [
    "_start", "@import", "0x", "1-битный", "64-битная платформа", "аллокатор", "Аллокатор страниц", "арена", "буфер",
    "верстка", "вёрстка", "ветвление", "выравнивание", "деление", "Ёж", "ёжик", "ёлка", "ель", "емкость", "ёмкость",
    "ерш", "ёрш", "железо", "ЖЕСТКИЙ", "жёсткий", "иначе", "Йод", "йота", "куча", "куча-мала", "объект", "объём",
    "Щит", "эхо", "Юникод", "ядро", "alloc", "Allocator", "ArenaAllocator", "comptime", "defer", "Écriture",
    "errdefer", "free", "GeneralPurposeAllocator", "heap", "std.mem.Allocator", "UTF-8", "zig", "Zig",
];

/// A book in a fresh folder: this manifest's extra lines, one chapter, and an index file.
fn book(extra_manifest: &str, chapter: &str, index: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let manifest = format!(
        "[book]\ntitle = \"Т\"\nauthors = [\"А\"]\n\n[check]\nspelling = false\n{extra_manifest}\n\n[[chapters]]\nfile = \"01.md\"\n"
    );
    std::fs::write(dir.path().join("book.toml"), manifest).unwrap();
    std::fs::write(dir.path().join("01.md"), chapter).unwrap();
    std::fs::write(dir.path().join("index.txt"), index).unwrap();
    dir
}

fn check(dir: &Path) -> Vec<String> {
    let report = verstka::check::run(dir, &verstka::check::CheckOptions::default());
    report
        .diagnostics
        .iter()
        .map(|d| d.to_text().replace(&format!("{}/", dir.display()), ""))
        .collect()
}

#[test]
fn the_term_base_warns_at_every_form_of_a_discouraged_term() {
    let chapter = "# Глава\n\nРаспределитель памяти и распределителем памяти.\nАллокатор лучше: аллокаторы, кучей не зовут.\n";
    let terms = "[check.terms]\n\"распределитель/K памяти\" = \"аллокатор/K\"\n\"куча/I\" = \"динамическая память\"";
    let dir = book(terms, chapter, "");
    let found = check(dir.path());
    assert_eq!(
        found,
        [
            "01.md:3:1: warning: «распределитель памяти» is a discouraged term\n  help: the book's term base prefers «аллокатор»",
            "01.md:3:25: warning: «распределитель памяти» is a discouraged term\n  help: the book's term base prefers «аллокатор»",
            "01.md:4:30: warning: «куча» is a discouraged term\n  help: the book's term base prefers «динамическая память»",
        ]
    );
    let report = verstka::check::run(dir.path(), &verstka::check::CheckOptions::default());
    assert_eq!(report.status[0].terms["аллокатор"], 2);
    assert_eq!(report.status[0].terms["динамическая память"], 0);
}

#[test]
fn index_terms_that_occur_nowhere_are_warnings_at_their_lines() {
    let dir = book("", "# Глава\n\nАрена и стек.\n", "арена/I\n# comment\nкуча/I\nарена; на стеке\nстек = арена\n");
    let found = check(dir.path());
    assert_eq!(
        found,
        [
            "index.txt:3:1: warning: index term «куча» occurs nowhere in the book\n  help: check its spelling and affix flags, put `<!-- index: куча -->` where it belongs, or remove the line",
            "index.txt:4:1: warning: index term «арена; на стеке» occurs nowhere in the book\n  help: check its spelling and affix flags, put `<!-- index: арена; на стеке -->` where it belongs, or remove the line",
        ]
    );
}

#[test]
fn a_bad_index_file_or_marker_is_an_error_at_its_line() {
    let dir = book("", "# Глава\n\nТекст <!-- index: а = б --> тут.\n\n<!-- index: стек -->\n", "арена\nа; б; в\nкуча = нет такого\n");
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions {
        book_dir: dir.path().to_path_buf(),
        out_dir: out.path().to_path_buf(),
        formats: vec![Format::Epub],
        root: None,
    };
    let error = build(&options, &Progress::hidden()).unwrap_err().to_string();
    assert!(error.contains("index.txt:2:1: error: an entry has one level of subentries"), "{error}");
    let fixed = "арена\nкуча = нет такого\n";
    std::fs::write(dir.path().join("index.txt"), fixed).unwrap();
    let error = build(&options, &Progress::hidden()).unwrap_err().to_string();
    assert!(error.contains("01.md:3: error: index marker: a marker names a term"), "{error}");
    assert!(error.contains("01.md:5: error: index marker: no paragraph follows it"), "{error}");
    assert!(error.contains("index.txt:2:1: error: «куча» refers to «нет такого», which the index does not have"), "{error}");
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none(), "nothing written");
}
