//! The subject index: the fixture book `tests/fixtures/books/index` (an
//! `index.txt` with every kind of line) built, its EPUB index page read back
//! and every locator followed to the text it points at.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use verstka::document::{self, plain_text, BlockKind, Book};
use verstka::index::collation::Collation;
use verstka::manifest::Manifest;
use verstka::pipeline::Format;

#[path = "common/build.rs"]
mod build;

#[path = "common/epub.rs"]
mod epub;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books/index")
}

/// The EPUB of the book in `dir`: its documents by name.
fn build_epub(dir: &Path) -> HashMap<String, String> {
    epub::documents(&epub::build_epub(dir))
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
    assert_eq!(
        letters,
        ["Символы", "А", "Б", "В", "Д", "Е", "К", "О", "Р", "С", "Т", "У", "A", "D", "E", "F", "G", "H", "S", "U", "Z"]
    );
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
    "@import",
    "_start",
    "0x",
    "1-битный",
    "64-битная платформа",
    "UTF-8",
    "аллокатор",
    "Аллокатор страниц",
    "арена",
    "буфер",
    "вёрстка",
    "верстка",
    "ветвление",
    "выравнивание",
    "деление",
    "Ёж",
    "ёжик",
    "ель",
    "ёлка",
    "емкость",
    "ёмкость",
    "ерш",
    "ёрш",
    "ЖЕСТКИЙ",
    "жёсткий",
    "железо",
    "Йод",
    "иначе",
    "йота",
    "куча",
    "куча-мала",
    "объём",
    "объект",
    "Щит",
    "эхо",
    "Юникод",
    "ядро",
    "alloc",
    "Allocator",
    "ArenaAllocator",
    "comptime",
    "defer",
    "Écriture",
    "errdefer",
    "free",
    "GeneralPurposeAllocator",
    "heap",
    "std.mem.Allocator",
    "zig",
    "Zig",
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
    "_start",
    "@import",
    "0x",
    "1-битный",
    "64-битная платформа",
    "аллокатор",
    "Аллокатор страниц",
    "арена",
    "буфер",
    "верстка",
    "вёрстка",
    "ветвление",
    "выравнивание",
    "деление",
    "Ёж",
    "ёжик",
    "ёлка",
    "ель",
    "емкость",
    "ёмкость",
    "ерш",
    "ёрш",
    "железо",
    "ЖЕСТКИЙ",
    "жёсткий",
    "иначе",
    "Йод",
    "йота",
    "куча",
    "куча-мала",
    "объект",
    "объём",
    "Щит",
    "эхо",
    "Юникод",
    "ядро",
    "alloc",
    "Allocator",
    "ArenaAllocator",
    "comptime",
    "defer",
    "Écriture",
    "errdefer",
    "free",
    "GeneralPurposeAllocator",
    "heap",
    "std.mem.Allocator",
    "UTF-8",
    "zig",
    "Zig",
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
    report.diagnostics.iter().map(|d| d.to_text().replace(&format!("{}/", dir.display()), "")).collect()
}

#[test]
fn the_term_base_warns_at_every_form_of_a_discouraged_term() {
    let chapter =
        "# Глава\n\nРаспределитель памяти и распределителем памяти.\nАллокатор лучше: аллокаторы, кучей не зовут.\n";
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
    let dir = book(
        "",
        "# Глава\n\nТекст <!-- index: а = б --> тут.\n\n<!-- index: стек -->\n",
        "арена\nа; б; в\nкуча = нет такого\n",
    );
    let (out, built) = build::build_book(dir.path(), vec![Format::Epub]);
    let error = built.unwrap_err().to_string();
    assert!(error.contains("index.txt:2:1: error: an entry has one level of subentries"), "{error}");
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none(), "nothing written");
    let fixed = "арена\nкуча = нет такого\n";
    std::fs::write(dir.path().join("index.txt"), fixed).unwrap();
    let (out, built) = build::build_book(dir.path(), vec![Format::Epub]);
    let error = built.unwrap_err().to_string();
    assert!(error.contains("01.md:3: error: index marker: a marker names a term"), "{error}");
    assert!(error.contains("01.md:5: error: index marker: no paragraph follows it"), "{error}");
    assert!(
        error.contains("index.txt:2:1: error: «куча» refers to «нет такого», which the index does not have"),
        "{error}"
    );
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none(), "nothing written");
}

#[path = "common/pdf_text.rs"]
#[allow(dead_code, reason = "the helpers the other PDF tests need")]
mod pdf_text;

/// The print edition's body pages (from its first, folio 1) and index pages,
/// each page as lines of text; hyphenated words whole.
struct PrintedBook {
    body: Vec<Vec<String>>,
    /// The folios the index's links lead to.
    link_folios: BTreeSet<u32>,
    /// The index's lines, column by column, each with how far it is indented.
    index: Vec<(f32, String)>,
}

fn printed(dir: &Path) -> PrintedBook {
    let doc = lopdf::Document::load_mem(&pdf_text::build_pdf(dir)).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let lines: Vec<Vec<String>> = pages.iter().map(|&page| pdf_text::text_lines(&doc, page)).collect();
    let first_body = lines
        .iter()
        .position(|l| l.iter().any(|l| l == "Память и аллокаторы") && !l.contains(&"Содержание".to_string()))
        .unwrap();
    let first_index = lines.iter().rposition(|l| l.first().is_some_and(|l| l == "Предметный указатель")).unwrap();
    let mut index = Vec::new();
    let mut link_folios = BTreeSet::new();
    for &page in &pages[first_index..] {
        for annotation in doc.get_page_annotations(page).unwrap() {
            let action = pdf_text::resolve(&doc, annotation.get(b"A").unwrap()).as_dict().unwrap();
            let destination = action.get(b"D").unwrap().as_array().unwrap();
            let target = destination[0].as_reference().unwrap();
            let position = pages.iter().position(|&p| p == target).unwrap();
            link_folios.insert(u32::try_from(position - first_body + 1).unwrap());
        }
        let runs = pdf_text::text_runs(&doc, page);
        let [x0, _, x1, _] = pdf_text::page_box(&doc, doc.get_dictionary(page).unwrap(), b"TrimBox");
        let middle = (x0 + x1) / 2.0;
        // Where each column starts (the folio, centred below them, aside).
        let text_runs = || runs.iter().filter(|r| !r.text.trim().chars().all(|c| c.is_ascii_digit()));
        let left = text_runs().map(|r| r.x).fold(f32::MAX, f32::min);
        let right = text_runs().filter(|r| r.x > middle).map(|r| r.x).fold(f32::MAX, f32::min);
        for column in [false, true] {
            let mut column_runs: Vec<&pdf_text::TextRun> = runs.iter().filter(|r| (r.x > middle) == column).collect();
            column_runs.sort_by(|a, b| (-a.y, a.x).partial_cmp(&(-b.y, b.x)).unwrap());
            let mut column_lines: Vec<(f32, f32, String)> = Vec::new();
            for run in column_runs {
                match column_lines.last_mut() {
                    Some((y, _, text)) if (*y - run.y).abs() < 1.0 => text.push_str(&run.text),
                    _ => column_lines.push((run.y, run.x - if column { right } else { left }, run.text.clone())),
                }
            }
            index.extend(column_lines.into_iter().map(|(_, indent, text)| (indent, text.trim().to_string())));
        }
    }
    PrintedBook { body: lines[first_body..first_index].to_vec(), link_folios, index }
}

/// The index's entries as printed: (term, subentry?, pages), runovers joined.
fn printed_entries(lines: &[(f32, String)]) -> Vec<(String, bool, Vec<u32>)> {
    let mut entries: Vec<(String, bool, String)> = Vec::new();
    for (indent, text) in lines {
        let is_letter = text == "Символы" || (text.chars().count() == 1 && text.chars().all(char::is_uppercase));
        if text.is_empty() || text == "Предметный указатель" || text.chars().all(|c| c.is_ascii_digit()) || is_letter
        {
            continue;
        }
        match entries.last_mut() {
            Some((_, _, last)) if last.ends_with(',') => {
                last.push(' ');
                last.push_str(text);
            }
            _ => entries.push((String::new(), *indent > 3.0, text.clone())),
        }
    }
    entries
        .into_iter()
        .map(|(_, sub, text)| {
            let parts: Vec<&str> = text.split(", ").collect();
            let numbers = parts.iter().skip_while(|p| !p.starts_with(|c: char| c.is_ascii_digit()) || p.contains(' '));
            let mut pages = Vec::new();
            for part in numbers.filter(|p| p.chars().all(|c| c.is_ascii_digit() || c == '–')) {
                match part.split_once('–') {
                    Some((a, b)) => pages.extend(a.parse::<u32>().unwrap()..=b.parse().unwrap()),
                    None => pages.push(part.parse().unwrap()),
                }
            }
            let term_parts = parts
                .iter()
                .take_while(|p| !p.chars().all(|c| c.is_ascii_digit() || c == '–') && !p.starts_with("см."));
            (term_parts.cloned().collect::<Vec<_>>().join(", "), sub, pages)
        })
        .collect()
}

#[test]
fn the_print_index_lists_exactly_the_pages_where_each_term_stands() {
    let dir = fixture();
    let book = printed(&dir);
    let entries = printed_entries(&book.index);
    let index_file = verstka::index::entries::parse(&std::fs::read_to_string(dir.join("index.txt")).unwrap()).unwrap();
    // What is not prose the index reads: running heads, headings, listings, folios.
    let loaded = document::load(Manifest::load(&dir).unwrap()).unwrap();
    let mut not_prose: BTreeSet<String> = loaded.chapters.iter().map(|c| c.title.clone()).collect();
    not_prose.insert(loaded.manifest.book.title.clone());
    for chapter in &loaded.chapters {
        chapter.for_each_block(&mut |block| match &block.kind {
            BlockKind::Heading(h) => {
                not_prose.insert(plain_text(&h.content));
            }
            BlockKind::Code(code) => not_prose.extend(code.text.lines().map(String::from)),
            _ => {}
        });
    }
    // Each body page's prose as words, a hyphenated word on the page it starts on.
    let mut words: Vec<(u32, String)> = Vec::new();
    let mut pending = String::new();
    for (page, lines) in (1u32..).zip(&book.body) {
        let mut text = std::mem::take(&mut pending);
        // A running head shares its line with the folio.
        let without_folio = |line: &String| line.trim_matches(|c: char| c.is_ascii_digit() || c == ' ').to_string();
        for line in lines.iter().filter(|l| !not_prose.contains(&without_folio(l))) {
            // A hyphenation break's hyphen is `-` in the text layer (a word's
            // own hyphen ending a line is U+2010): the word goes on.
            match line.strip_suffix('-').filter(|start| start.ends_with(char::is_alphabetic)) {
                Some(start) => text.push_str(start),
                None => {
                    text.push_str(line);
                    text.push(' ');
                }
            }
        }
        words.push((page, text));
    }
    let mut checked = 0;
    for line in index_file.iter().filter(|l| l.see.is_none()) {
        let Some((_, _, printed_pages)) = entries.iter().find(|(term, sub, _)| !sub && *term == line.term.text) else {
            panic!("«{}» is not in the printed index: {entries:?}", line.term.text);
        };
        let phrase = &line.term.phrase;
        let pages_with_term: Vec<u32> = words
            .iter()
            .filter(|(_, text)| {
                if line.term.code {
                    return verstka::index::matcher::code_contains(text, &line.term.text);
                }
                let tokens: Vec<String> =
                    verstka::index::forms::words(text).map(|(_, w)| verstka::index::forms::normalize(w)).collect();
                tokens
                    .windows(phrase.words.len())
                    .any(|w| w.iter().zip(&phrase.words).all(|(t, forms)| forms.contains(t)))
            })
            .map(|(page, _)| *page)
            .collect();
        assert_eq!(*printed_pages, pages_with_term, "«{}»", line.term.text);
        checked += 1;
    }
    assert!(checked >= 30, "{checked} entries checked");
    let see = entries.iter().find(|(term, _, _)| term == "куча").unwrap();
    assert!(see.2.is_empty());
    assert!(book.index.iter().any(|(_, text)| text == "куча, см.\u{a0}динамическая память"), "{:?}", book.index);
    // A range («3–4») links to its first page.
    let first_pages: BTreeSet<u32> = book
        .index
        .iter()
        .filter(|(_, text)| text.contains(", "))
        .flat_map(|(_, text)| text.split(", ").map(str::to_string).collect::<Vec<_>>())
        .filter(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit() || c == '–'))
        .map(|part| part.split('–').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(book.link_folios, first_pages, "every page number links to its page");
    let subentry = entries.iter().find(|(term, _, _)| term == "на стеке").unwrap();
    assert!(subentry.1 && !subentry.2.is_empty(), "subentries are indented and have pages");
}
