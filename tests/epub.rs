//! The EPUB edition, built from real books and inspected as a reading system
//! would: unzip the package, read its documents, follow its links.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use verstka::document::{self, BlockKind, Book};
use verstka::manifest::Manifest;
use zip::{CompressionMethod, ZipArchive};

#[path = "common/build.rs"]
mod build;

#[path = "common/epub.rs"]
#[allow(dead_code)]
mod common_epub;

use common_epub::build_epub;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/books").join(name)
}

/// The book as the renderer saw it (for the expected chapters, headings, notes).
fn load(dir: &Path) -> Book {
    let mut book = document::load(Manifest::load(dir).unwrap()).unwrap();
    verstka::typography::apply(&mut book).unwrap();
    verstka::highlight::apply(&mut book).unwrap();
    book
}

/// Text as a reader sees it: soft hyphens invisible, no-break spaces as spaces.
fn seen(text: &str) -> String {
    without_page_breaks(text).replace('\u{ad}', "").replace('\u{a0}', " ")
}

/// `text` without the print edition's page-break markers, which readers
/// never see (they are checked in tests/page_list.rs).
fn without_page_breaks(text: &str) -> String {
    let mut rest = text;
    let mut kept = String::with_capacity(text.len());
    while let Some(start) = rest.find("<span epub:type=\"pagebreak\"") {
        kept.push_str(&rest[..start]);
        let end = rest[start..].find("/>").expect("a marker is an empty element");
        rest = &rest[start + end + 2..];
    }
    kept.push_str(rest);
    kept
}

struct Epub(ZipArchive<Cursor<Vec<u8>>>);

impl Epub {
    fn open(bytes: Vec<u8>) -> Epub {
        Epub(ZipArchive::new(Cursor::new(bytes)).unwrap())
    }

    fn text(&mut self, name: &str) -> String {
        let mut text = String::new();
        self.0.by_name(name).unwrap_or_else(|_| panic!("no {name} in the EPUB")).read_to_string(&mut text).unwrap();
        text
    }

    /// The text of `name` as a reader sees it (see [`seen`]).
    fn prose(&mut self, name: &str) -> String {
        seen(&self.text(name))
    }

    fn bytes(&mut self, name: &str) -> Vec<u8> {
        let mut bytes = Vec::new();
        self.0.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
        bytes
    }

    fn names(&self) -> Vec<String> {
        (0..self.0.len()).map(|n| self.0.name_for_index(n).unwrap().to_string()).collect()
    }
}

fn full() -> (Book, Epub) {
    let dir = fixture("full");
    (load(&dir), Epub::open(build_epub(&dir)))
}

/// A fragment as the EPUB writes it: an IRI, letters beyond ASCII as they
/// are, unsafe ASCII percent-encoded.
fn fragment(id: &str) -> String {
    id.replace(':', ".")
        .chars()
        .map(|c| {
            if !c.is_ascii() || c.is_ascii_alphanumeric() || "-._~".contains(c) {
                c.to_string()
            } else {
                format!("%{:02X}", u32::from(c))
            }
        })
        .collect()
}

#[test]
fn the_container_starts_with_a_stored_mimetype_and_names_the_package() {
    let (_, mut epub) = full();
    let first = epub.0.by_index(0).unwrap();
    assert_eq!(first.name(), "mimetype");
    assert_eq!(first.compression(), CompressionMethod::Stored);
    drop(first);
    assert_eq!(epub.text("mimetype"), "application/epub+zip");
    assert!(epub.text("META-INF/container.xml").contains("full-path=\"OEBPS/content.opf\""));
}

#[test]
fn the_package_metadata_describes_the_book() {
    let (book, mut epub) = full();
    let opf = epub.text("OEBPS/content.opf");
    let meta = &book.manifest.book;
    assert!(opf.contains(&format!("<dc:title>{}</dc:title>", meta.title)));
    for author in &meta.authors {
        assert!(opf.contains(&format!(">{author}</dc:creator>")), "author {author}");
    }
    assert_eq!(opf.matches("scheme=\"marc:relators\">aut</meta>").count(), meta.authors.len());
    assert!(opf.contains("<dc:contributor id=\"translator-0\">Иван Сидоров</dc:contributor>"));
    assert!(opf.contains("<meta refines=\"#translator-0\" property=\"role\" scheme=\"marc:relators\">trl</meta>"));
    assert!(opf.contains("<dc:language>ru</dc:language>"));
    assert!(opf.contains("<package version=\"3.0\" xml:lang=\"ru\""), "{opf}");
    assert!(opf.contains(&format!("<dc:description>{}</dc:description>", meta.description.as_ref().unwrap())));
    let modified = chrono::DateTime::from_timestamp(book.timestamp, 0).unwrap().format("%Y-%m-%dT%H:%M:%SZ");
    assert!(opf.contains(&format!("<meta property=\"dcterms:modified\">{modified}</meta>")), "{opf}");
    let identifier = opf.split("<dc:identifier id=\"epub-id-1\">").nth(1).unwrap().split('<').next().unwrap();
    assert!(identifier.starts_with("urn:uuid:") && identifier.len() == 45, "{identifier}");
    for property in
        ["accessMode", "accessModeSufficient", "accessibilityFeature", "accessibilityHazard", "accessibilitySummary"]
    {
        assert!(opf.contains(&format!("property=\"schema:{property}\"")), "{property}");
    }
    assert!(opf.contains("<meta property=\"schema:accessibilityFeature\">alternativeText</meta>"));
    let summary = opf.split("property=\"schema:accessibilitySummary\">").nth(1).unwrap().split('<').next().unwrap();
    for fact in ["Глав: 3", "Листингов кода: 6", "Таблиц: 1", "Сносок: 2", "Иллюстраций: 1, все с текстовым описанием"]
    {
        assert!(summary.contains(fact), "{fact} in {summary}");
    }
    // A book without images claims no descriptions of them; its typographic cover is its one visual content.
    let plain = Epub::open(build_epub(&Path::new(env!("CARGO_MANIFEST_DIR")).join("book"))).text("OEBPS/content.opf");
    assert!(!plain.contains("alternativeText") && plain.contains(">visual<"), "{plain}");
    assert!(plain.contains("Иллюстраций нет."), "{plain}");
}

#[test]
fn the_cover_is_the_cover_image_the_first_page_and_a_landmark() {
    let (_, mut epub) = full();
    let opf = epub.text("OEBPS/content.opf");
    assert!(opf.contains("properties=\"cover-image\" id=\"cover-image\" href=\"images/cover.png\""), "{opf}");
    assert!(opf.contains("<meta name=\"cover\" content=\"cover-image\"/>"), "EPUB 2 readers find it too");
    let spine = opf.split("<spine").nth(1).unwrap();
    let first = spine.split("<itemref idref=\"").nth(1).unwrap();
    assert!(first.starts_with("id_cover.xhtml\""), "the cover page opens the spine: {spine}");
    let page = epub.text("OEBPS/cover.xhtml");
    assert!(page.contains("<body epub:type=\"cover\">"), "{page}");
    assert!(
        page.contains("src=\"images/cover.png\" alt=\"Обложка: Память в Zig — Анна Петрова, John Smith\""),
        "{page}"
    );
    let nav = epub.text("OEBPS/nav.xhtml");
    assert!(nav.contains("<a epub:type=\"cover\" href=\"cover.xhtml\">Обложка</a>"), "{nav}");
    assert!(!nav.split("epub:type=\"landmarks\"").next().unwrap().contains("cover.xhtml"), "not in the contents");
    let original = std::fs::read(fixture("full").join("images/cover.png")).unwrap();
    assert!(epub.bytes("OEBPS/images/cover.png") == original);
}

#[test]
fn the_identifier_is_stable_and_follows_the_manifest() {
    let (_, mut epub) = full();
    let book = fixture("full");
    let opf = epub.text("OEBPS/content.opf");
    let copy = tempfile::tempdir().unwrap();
    copy_book(&book, copy.path());
    let manifest = std::fs::read_to_string(copy.path().join("book.toml")).unwrap();
    let with_isbn = manifest.replace("[book]\n", "[book]\nidentifier = \"urn:isbn:978-5-0000-0000-7\"\n");
    std::fs::write(copy.path().join("book.toml"), with_isbn).unwrap();
    let other = Epub::open(build_epub(copy.path())).text("OEBPS/content.opf");
    let uuid = |opf: &str| opf.split("urn:uuid:").nth(1).unwrap()[..36].to_string();
    assert_ne!(uuid(&opf), uuid(&other), "the manifest's identifier names the book");
    assert!(other.contains("<dc:identifier id=\"manifest-identifier\">urn:isbn:978-5-0000-0000-7</dc:identifier>"));
}

#[test]
fn the_navigation_lists_every_chapter_and_section() {
    let (book, mut epub) = full();
    let nav = epub.text("OEBPS/nav.xhtml");
    let contents = epub.text("OEBPS/contents.xhtml");
    let ncx = epub.text("OEBPS/toc.ncx");
    assert!(nav.contains("lang=\"ru\" xml:lang=\"ru\""), "{nav}");
    assert!(nav.contains("<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\" aria-labelledby=\"toc-title\">"));
    assert!(nav.contains("<nav epub:type=\"landmarks\" aria-label=\"Ориентиры\">"));
    assert!(nav.contains("<a epub:type=\"bodymatter\" href=\"chapter-01.xhtml\">"));
    assert!(nav.contains("<a epub:type=\"toc\" href=\"contents.xhtml\">"));
    for (n, chapter) in book.chapters.iter().enumerate() {
        let file = format!("chapter-{:02}.xhtml", n + 1);
        let link = format!("<a href=\"{file}\">{}</a>", chapter.title);
        assert!(nav.contains(&link) && contents.contains(&link), "chapter {link}");
        assert!(ncx.contains(&format!("<content src=\"{file}\"/>")));
        let sections: Vec<_> = chapter
            .blocks
            .iter()
            .skip(1)
            .filter_map(|b| match &b.kind {
                BlockKind::Heading(h) if h.level <= 4 => Some(h),
                _ => None,
            })
            .collect();
        assert!(!sections.is_empty());
        for heading in sections {
            let href = format!("href=\"{file}#{}\"", fragment(&heading.id));
            assert!(nav.contains(&href) && contents.contains(&href), "section {href} of {file}");
        }
    }
    // Sections nest inside their chapter's entry.
    let chapter_two = nav.split("<a href=\"chapter-02.xhtml\">").nth(1).unwrap();
    let before_three = chapter_two.split("<a href=\"chapter-03.xhtml\">").next().unwrap();
    assert!(before_three.contains("<ol>") && before_three.contains("chapter-02.xhtml#allocation"));
}

#[test]
fn chapters_are_semantic_xhtml_in_the_book_language() {
    let (book, mut epub) = full();
    for n in 1..=book.chapters.len() {
        let xhtml = epub.text(&format!("OEBPS/chapter-{n:02}.xhtml"));
        assert!(xhtml.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\""));
        assert!(xhtml.contains("lang=\"ru\" xml:lang=\"ru\">"), "chapter {n}");
        assert!(xhtml.contains("<section epub:type=\"chapter\""));
        let first_heading = match &book.chapters[n - 1].blocks[0].kind {
            BlockKind::Heading(h) => format!("<h1 id=\"{}\">", h.id),
            other => panic!("chapter {n} starts with {other:?}"),
        };
        assert!(xhtml.contains(&first_heading), "chapter {n}");
    }
    let prose = epub.prose("OEBPS/chapter-01.xhtml");
    assert!(prose.contains("</caption>\n<thead>\n<tr><th class=\"left\">Аллокатор</th><th class=\"center\">"));
    assert!(prose.contains("<td class=\"right\">по одному</td>"));
    assert!(prose.contains("<blockquote>\n<p>Цитата:"));
    assert!(prose.contains("<li>раз;</li>"), "nested ordered list");
    assert!(prose
        .contains("<figure id=\"fig.memory\">\n<img src=\"images/01-memory.png\" alt=\"Схема памяти: стек и heap\""));
    assert!(prose.contains("title=\"Стек и куча\""));
    let image = std::fs::read(fixture("full").join("images/memory.png")).unwrap();
    assert_eq!(epub.bytes("OEBPS/images/01-memory.png"), image);
    assert!(epub.text("OEBPS/content.opf").contains("media-type=\"image/png\" id=\"id_images_01-memory.png\""));
    let listings = epub.text("OEBPS/chapter-02.xhtml");
    let line = "<span class=\"line\" style=\"padding-left: 2ch; text-indent: -2ch; background-position: 1ch 1.35em\">";
    assert!(listings.contains(&format!(
        "<pre><code class=\"language-zig\">{line}<span class=\"ks\">const</span> std <span class=\"o\">=</span>"
    )));
    assert!(
        listings.contains("std<span class=\"p\"><wbr/>.</span>"),
        "a line may break before a field, between tokens"
    );
    assert!(listings.contains("<span class=\"nb\">@import</span>"), "highlight classes reach the listing");
    assert!(!listings.contains("class=\"pl\""), "plain code needs no span");
    assert!(listings.contains(&format!("<pre><code>{line}простой текст</span></code></pre>")));
    let title = epub.prose("OEBPS/title.xhtml");
    for part in ["Память в Zig", "Пробная книга verstka", "Анна Петрова, John Smith", "Перевод: Иван Сидоров"]
    {
        assert!(title.contains(part), "title page: {part}");
    }
}

#[test]
fn a_phrase_in_another_language_is_a_span_with_its_language() {
    let (_, mut epub) = full();
    let prose = epub.prose("OEBPS/chapter-01.xhtml");
    assert!(prose.contains("<span lang=\"en\" xml:lang=\"en\">memory allocator</span>"), "{prose}");
    assert!(prose.contains(
        "<span lang=\"en\" xml:lang=\"en\"><a href=\"https://www.openmymind.net/learning_zig/\">Learning Zig</a></span>"
    ));
}

#[test]
fn footnotes_are_noteref_and_footnote_pairs() {
    let (book, mut epub) = full();
    let prose = epub.prose("OEBPS/chapter-01.xhtml");
    let notes = &book.chapters[0].footnotes;
    assert_eq!(notes.len(), 2);
    for note in notes {
        let n = note.number;
        assert!(prose.contains(&format!(
            "<a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#fn-{n}\" id=\"fnref-{n}\">{n}</a>"
        )));
        assert!(prose.contains(&format!("<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"fn-{n}\">")));
        assert!(prose.contains(&format!("href=\"#fnref-{n}\">{n}.</a>")), "back-link of note {n}");
    }
    assert!(prose.contains("Мебибайт (МиБ) — это 2^20 байт.</p>\n</aside>"));
}

#[test]
fn soft_hyphens_and_no_break_spaces_are_characters() {
    let (_, mut epub) = full();
    let prose = epub.text("OEBPS/chapter-01.xhtml");
    assert!(prose.contains('\u{ad}') && prose.contains('\u{a0}'), "the typography stage's marks are kept");
    assert!(!prose.contains("&shy;") && !prose.contains("&#"), "and written as characters");
}

#[test]
fn links_between_chapters_point_to_their_documents() {
    let (_, mut epub) = full();
    let prose = epub.prose("OEBPS/chapter-01.xhtml");
    let listings = epub.prose("OEBPS/chapter-02.xhtml");
    assert!(prose.contains("<a href=\"chapter-02.xhtml#allocation\">главе о листингах</a>"));
    assert!(listings.contains("<h2 id=\"allocation\">"));
    assert!(prose.contains("<a href=\"chapter-03.xhtml\">последней главе</a>"));
    assert!(listings.contains("<a href=\"chapter-01.xhtml#lists\">сноскам</a>"));
    assert!(prose.contains(&format!("<a href=\"chapter-01.xhtml#{}\">таблицу выше</a>", fragment("sec:table"))));
    assert!(prose.contains("<a href=\"https://ziglang.org/documentation/0.11.0/\">документация Zig</a>"));
}

#[test]
fn captions_are_numbered_and_references_link_to_them() {
    let (_, mut epub) = full();
    // Soft hyphens off, no-break spaces kept: the number stays with its noun.
    let mut text = |name: &str| without_page_breaks(&epub.text(name)).replace('\u{ad}', "");
    let (prose, listings, nav) =
        (text("OEBPS/chapter-01.xhtml"), text("OEBPS/chapter-02.xhtml"), text("OEBPS/nav.xhtml"));
    // Captions: the title is text, the label the element's id.
    assert!(prose.contains(
        "<table id=\"tbl.allocators\"><caption><span class=\"caption-title\">Таблица\u{a0}1.1.</span> Сравнение аллокаторов</caption>"
    ));
    // A caption's Markdown is kept; the image's alt text is its plain text.
    assert!(prose.contains("<figcaption><span class=\"caption-title\">Рисунок\u{a0}1.1.</span> Схема памяти: <em>стек</em> и\u{a0}<code class=\"whole\">heap</code></figcaption>"));
    assert!(listings.contains(
        "<figure class=\"listing\" id=\"lst.squares\"><figcaption><span class=\"caption-title\">Листинг\u{a0}2.1.</span> Сумма квадратов</figcaption><pre>"
    ));
    assert!(listings
        .contains("<span class=\"caption-title\">Листинг\u{a0}2.2.</span> Арена поверх <em>аллокатора</em> из\u{a0}<code class=\"whole\">std.testing</code>"));
    // References: the number, linked, in this chapter and across chapters.
    let link = |chapter: u8, label: &str, text: &str| {
        format!("<a href=\"chapter-0{chapter}.xhtml#{}\">{text}</a>", fragment(label))
    };
    assert!(prose.contains(&format!("таблица\u{a0}{}", link(1, "tbl:allocators", "1.1"))));
    assert!(prose.contains(&format!("листинг\u{a0}{}", link(2, "lst:squares", "2.1"))));
    assert!(prose.contains(&format!("раздел\u{a0}{}", link(2, "sec:tests", "2.2"))));
    assert!(listings.contains(&format!("рисунке\u{a0}{}", link(1, "fig:memory", "1.1"))));
    // Numbered sections: in the headings and in the contents.
    assert!(listings.contains("<h2 id=\"sec.tests\">2.2\u{a0}Тесты</h2>"));
    assert!(nav.contains(&link(2, "sec:tests", "2.2\u{a0}Тесты")), "{nav}");
}

#[test]
fn callouts_are_asides_with_a_role_and_a_title() {
    let (_, mut epub) = full();
    let prose = epub.prose("OEBPS/chapter-01.xhtml");
    let listings = epub.prose("OEBPS/chapter-02.xhtml");
    assert!(prose.contains(
        "<aside class=\"callout note\" role=\"note\">\n<p class=\"callout-title\">Примечание</p>\n<p>Заметка"
    ));
    // A title of the author's replaces the kind's; the kind stays in the class.
    assert!(prose.contains(
        "<aside class=\"callout warning\" role=\"note\">\n<p class=\"callout-title\">Не освобождайте память дважды</p>"
    ));
    assert!(prose.contains("<li>Освобождайте память"), "a callout holds any blocks");
    assert!(listings.contains("<aside class=\"callout tip\" role=\"doc-tip\">\n<p class=\"callout-title\">Совет</p>"));
    assert!(
        listings.contains("<p class=\"callout-title\">Важно</p>")
            && listings.contains("<p class=\"callout-title\">Осторожно</p>")
    );
    // Light and dark styles for every kind.
    let css = epub.text("OEBPS/stylesheet.css");
    let dark = css.split("prefers-color-scheme: dark").nth(1).unwrap();
    for kind in ["note", "tip", "important", "warning", "caution"] {
        let rule = format!("aside.{kind} .callout-title {{ color:");
        assert!(css.contains(&rule) && dark.contains(&rule), "{kind}");
    }
}

#[test]
fn fonts_are_embedded_declared_and_used() {
    let (_, mut epub) = full();
    let opf = epub.text("OEBPS/content.opf");
    let css = epub.text("OEBPS/stylesheet.css");
    let fonts_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let embedded: Vec<String> = epub.names().into_iter().filter(|n| n.starts_with("OEBPS/fonts/")).collect();
    // Only the faces the book's pages use: no sans italics (headings and
    // table headers hold no emphasis here), no serif bold italics.
    let used = ["PTMono-Bold", "PTMono-Regular", "PTSans-Bold", "PTSans-Regular", "PTSerif-Bold", "PTSerif-Italic"];
    let expected: Vec<String> =
        used.iter().chain(&["PTSerif-Regular"]).map(|face| format!("OEBPS/fonts/{face}.ttf")).collect();
    assert_eq!(embedded, expected);
    assert_eq!(opf.matches("media-type=\"font/ttf\"").count(), expected.len());
    assert_eq!(css.matches("@font-face").count(), expected.len());
    for name in embedded {
        let file = name.trim_start_matches("OEBPS/fonts/");
        assert_eq!(epub.bytes(&name), std::fs::read(fonts_dir.join(file)).unwrap(), "{file}");
        assert!(opf.contains(&format!(
            "media-type=\"font/ttf\" id=\"font-{}\" href=\"fonts/{file}\"",
            file.trim_end_matches(".ttf")
        )));
        assert!(css.contains(&format!("src: url(\"fonts/{file}\")")));
    }
    for family in ["PT Serif", "PT Sans", "PT Mono"] {
        assert!(css.contains(&format!("font-family: \"{family}\"")), "{family} is used");
    }
    assert!(css.contains("hyphens: auto") && css.contains("white-space: pre-wrap"));
    assert!(css.contains("@media (prefers-color-scheme: dark)"));
    let licence = std::fs::read(fonts_dir.join("LICENSE-ParaType.txt")).unwrap();
    assert!(epub.bytes("META-INF/LICENSE-ParaType.txt") == licence, "the fonts travel with their licence");
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = fixture("full");
    let first = build_epub(&dir);
    assert!(first == build_epub(&dir), "the same book gave different bytes");
    // Every entry carries the book's date, not the time of the build.
    let date = chrono::DateTime::from_timestamp(load(&dir).timestamp, 0).unwrap().date_naive();
    let mut epub = Epub::open(first);
    for n in 0..epub.0.len() {
        let modified = epub.0.by_index(n).unwrap().last_modified().unwrap();
        let entry_date =
            chrono::NaiveDate::from_ymd_opt(modified.year().into(), modified.month().into(), modified.day().into());
        assert_eq!(entry_date, Some(date), "entry {n}");
    }
}

#[test]
fn text_is_written_through_and_markup_cannot_escape() {
    let dir = tempfile::tempdir().unwrap();
    write_book(
        dir.path(),
        "# Глава\n\nПере\u{ad}нос и 512\u{a0}МиБ, a < b & c.\n\n<div onclick=\"x\">raw</div>\n\n\
         Дважды[^n] сноска[^n].\n\n```zig skip-this-attribute\nconst a = \"<b>\";\n```\n\n[^n]: Сноска.\n",
    );
    let mut epub = Epub::open(build_epub(dir.path()));
    let xhtml = epub.text("OEBPS/chapter-01.xhtml");
    assert!(xhtml.contains("<p>Пере\u{ad}нос и 512\u{a0}МиБ, a &lt; b &amp; c.</p>"), "{xhtml}");
    assert!(!xhtml.contains("<div"), "raw HTML is shown, not obeyed");
    assert!(xhtml.contains("&lt;div onclick=&quot;x&quot;&gt;raw&lt;/div&gt;"));
    assert!(
        xhtml.contains("id=\"fnref-1\"") && xhtml.contains("id=\"fnref-1-2\""),
        "repeated references get their own ids"
    );
    assert!(!xhtml.contains("skip-this-attribute"));
    assert!(xhtml.contains("&quot;&lt;b&gt;&quot;"), "code is escaped");
}

#[test]
fn books_without_embedded_fonts_reference_none() {
    let dir = tempfile::tempdir().unwrap();
    write_book(dir.path(), "# Глава\n\nТекст.\n");
    let manifest = std::fs::read_to_string(dir.path().join("book.toml")).unwrap();
    std::fs::write(dir.path().join("book.toml"), format!("{manifest}\n[epub]\nembed-fonts = false\n")).unwrap();
    let mut epub = Epub::open(build_epub(dir.path()));
    assert!(!epub.names().iter().any(|n| n.contains("fonts/") || n.contains("LICENSE")));
    assert!(!epub.text("OEBPS/stylesheet.css").contains("@font-face"));
    assert!(!epub.text("OEBPS/content.opf").contains("font/ttf"));
}

/// A one-chapter book with the typography stages off, so the EPUB gets the text as written.
fn write_book(dir: &Path, chapter: &str) {
    std::fs::create_dir_all(dir.join("chapters")).unwrap();
    std::fs::write(dir.join("chapters/01.md"), chapter).unwrap();
    std::fs::write(
        dir.join("book.toml"),
        "[book]\ntitle = \"Проба\"\nauthors = [\"Автор\"]\n\n[typography]\nenabled = false\n\n\
         [hyphenation]\nenabled = false\n\n[[chapters]]\nfile = \"chapters/01.md\"\n",
    )
    .unwrap();
}

fn copy_book(from: &Path, to: &Path) {
    for entry in walk(from) {
        let target = to.join(entry.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, target).unwrap();
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flat_map(|e| {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}
