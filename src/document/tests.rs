use std::path::Path;

use super::parse::{parse_chapter, ParsedChapter};
use super::*;

/// The files of the tests' books, in temporary folders: any file.
fn files() -> crate::manifest::BookFiles {
    crate::manifest::BookFiles::new(Path::new("/")).unwrap()
}

/// The chapter `markdown` at `path`, which must have no errors.
fn parsed(markdown: &str, path: &Path) -> ParsedChapter {
    let parsed = parse_chapter(markdown, path, &files());
    let errors: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:?}");
    parsed
}

/// The errors of the chapter `markdown` at `path`, as printed.
fn errors(markdown: &str, path: &Path) -> Vec<String> {
    parse_chapter(markdown, path, &files()).errors.iter().map(ToString::to_string).collect()
}

fn blocks(markdown: &str) -> Vec<Block> {
    parsed(markdown, Path::new("ch.md")).blocks
}

fn kinds(markdown: &str) -> Vec<BlockKind> {
    blocks(markdown).into_iter().map(|b| b.kind).collect()
}

/// The one block of `markdown`.
fn only(markdown: &str) -> BlockKind {
    let mut kinds = kinds(markdown);
    assert_eq!(kinds.len(), 1, "{kinds:?}");
    kinds.remove(0)
}

fn text(s: &str) -> Inline {
    Inline::Text(s.to_string())
}

#[test]
fn headings_keep_level_id_and_line() {
    let blocks = blocks("# Глава\n\nтекст\n\n## Раздел {#custom}\n\n### Раздел\n");
    let headings: Vec<_> = blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Heading(h) => Some((h.level, h.id.as_str(), b.line)),
            _ => None,
        })
        .collect();
    assert_eq!(headings, [(1, "глава", 1), (2, "custom", 5), (3, "раздел", 7)]);
}

#[test]
fn duplicate_headings_get_unique_ids() {
    let ids: Vec<_> = kinds("## Итоги\n\n## Итоги\n")
        .into_iter()
        .map(|k| match k {
            BlockKind::Heading(h) => h.id,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(ids, ["итоги", "итоги-1"]);
}

#[test]
fn every_inline_kind_is_modelled() {
    let md = "a *em* **strong** ~~del~~ `code` [link](https://x.org \"t\") <br> b  \nc\nd";
    let BlockKind::Paragraph(inlines) = only(md) else { panic!() };
    assert_eq!(inlines[0], text("a "));
    assert_eq!(inlines[1], Inline::Emphasis(vec![text("em")]));
    assert_eq!(inlines[3], Inline::Strong(vec![text("strong")]));
    assert_eq!(inlines[5], Inline::Strikethrough(vec![text("del")]));
    assert_eq!(inlines[7], Inline::Code("code".into()));
    let Inline::Link(link) = &inlines[9] else { panic!("{:?}", inlines[9]) };
    assert_eq!(link.target, LinkTarget::External("https://x.org".into()));
    assert_eq!((link.title.as_str(), link.line, link.column), ("t", 1, 34));
    assert_eq!(inlines[11], Inline::Html("<br>".into()));
    assert!(inlines.contains(&Inline::HardBreak));
    assert!(inlines.contains(&Inline::SoftBreak));
}

#[test]
fn email_autolinks_get_their_scheme() {
    let BlockKind::Paragraph(inlines) = only("Пишите: <ivan@example.com>") else { panic!() };
    let Inline::Link(link) = &inlines[1] else { panic!("{inlines:?}") };
    assert_eq!(link.target, LinkTarget::External("mailto:ivan@example.com".into()));
}

#[test]
fn code_blocks_split_language_and_attributes() {
    let BlockKind::Code(code) = only("```zig test,ignore\nconst x = 1;\n// ж\n```\n") else { panic!() };
    assert_eq!(code.language.as_deref(), Some("zig"));
    assert_eq!(code.attributes, ["test", "ignore"]);
    assert_eq!(code.text, "const x = 1;\n// ж\n");
    assert_eq!(code.lines.len(), 2);
    assert_eq!(code.lines[1].spans[0], CodeSpan { class: TokenClass::Plain, text: "// ж".into() });
    let BlockKind::Code(plain) = only("    indented\n") else { panic!() };
    assert_eq!((plain.language, plain.text.as_str()), (None, "indented\n"));
}

#[test]
fn lists_nest_and_keep_their_start() {
    let BlockKind::List(list) = only("3. три\n4. четыре\n   - вложенный\n") else { panic!() };
    assert_eq!(list.start, Some(3));
    assert_eq!(list.items.len(), 2);
    assert_eq!(list.items[0][0].kind, BlockKind::Paragraph(vec![text("три")]));
    let BlockKind::List(nested) = &list.items[1][1].kind else { panic!("{:?}", list.items[1]) };
    assert_eq!((nested.start, nested.items.len()), (None, 1));
}

#[test]
fn quotes_rules_and_html_blocks() {
    let kinds = kinds("> цитата\n\n---\n\n<div>сырой</div>\n");
    assert_eq!(kinds[0], BlockKind::Quote(vec![Block { kind: BlockKind::Paragraph(vec![text("цитата")]), line: 1 }]));
    assert_eq!(kinds[1], BlockKind::Rule);
    assert_eq!(kinds[2], BlockKind::Html("<div>сырой</div>\n".into()));
}

#[test]
fn tables_keep_alignment_header_and_rows() {
    let BlockKind::Table(table) = only("| a | b |\n|:--|--:|\n| 1 | `2` |\n") else { panic!() };
    assert_eq!(table.alignments, [Alignment::Left, Alignment::Right]);
    assert_eq!(table.header, [vec![text("a")], vec![text("b")]]);
    assert_eq!(table.rows, [vec![vec![text("1")], vec![Inline::Code("2".into())]]]);
}

#[test]
fn footnotes_are_numbered_by_first_reference() {
    let parsed =
        parsed("b[^second] a[^first] again[^second]\n\n[^first]: Первая.\n[^second]: Вторая.\n", Path::new("x.md"));
    let BlockKind::Paragraph(inlines) = &parsed.blocks[0].kind else { panic!() };
    let refs: Vec<_> =
        inlines.iter().filter_map(|i| if let Inline::FootnoteRef(n) = i { Some(*n) } else { None }).collect();
    assert_eq!(refs, [1, 2, 1]);
    let labels: Vec<_> = parsed.footnotes.iter().map(|f| (f.number, f.label.as_str(), f.line)).collect();
    assert_eq!(labels, [(1, "second", 4), (2, "first", 3)]);
}

#[test]
fn undefined_footnote_is_an_error_with_its_line() {
    let errors = errors("текст\n\nещё[^нет]\n", Path::new("ch.md"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("ch.md:3:4: error: footnote `[^нет]` has no definition"), "{errors:?}");
}

#[test]
fn a_lone_image_is_a_figure_and_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pic.png"), b"png").unwrap();
    let chapter = dir.path().join("ch.md");
    let parsed = parsed("![Схема](pic.png \"Заголовок\")\n", &chapter);
    let BlockKind::Figure(image) = &parsed.blocks[0].kind else { panic!() };
    assert_eq!((image.alt.as_str(), image.title.as_str()), ("Схема", "Заголовок"));
    assert_eq!(image.path, dir.path().join("pic.png"));
    let errors = errors("текст\n\n![нет](missing.png)\n", &chapter);
    assert!(errors[0].contains("ch.md:3:1: error: image `missing.png` not found"), "{errors:?}");
}

#[test]
fn every_error_of_a_chapter_is_reported_in_line_order() {
    let markdown = "Сноска[^a] и ![нет](a.png).\n\n![тоже нет](https://x.org/b.png)\n\nещё [^b]\n";
    let errors = errors(markdown, Path::new("ch.md"));
    let places: Vec<&str> = errors.iter().map(|e| e.split(": error").next().unwrap()).collect();
    assert_eq!(places, ["ch.md:1:7", "ch.md:1:14", "ch.md:3:1", "ch.md:5:5"], "{errors:?}");
    assert!(errors[2].contains("is not a local file"), "{errors:?}");
}

/// How many quotes and lists `blocks` hold inside one another.
fn block_depth(blocks: &[Block]) -> usize {
    let inner = |blocks: &[Block]| 1 + block_depth(blocks);
    blocks
        .iter()
        .map(|block| match &block.kind {
            BlockKind::Quote(blocks) => inner(blocks),
            BlockKind::List(list) => list.items.iter().map(|item| inner(item)).max().unwrap_or(1),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// How many inline containers `inlines` hold inside one another.
fn inline_depth(inlines: &[Inline]) -> usize {
    let inner = |inlines: &[Inline]| 1 + inline_depth(inlines);
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => inner(c),
            Inline::Link(link) => inner(&link.content),
            Inline::Foreign(foreign) => inner(&foreign.content),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn lists_and_quotes_nest_up_to_the_limit_together() {
    let deepest = "> - ".repeat(MAX_BLOCK_NESTING / 2)
        + "дно
";
    assert_eq!(block_depth(&blocks(&deepest)), MAX_BLOCK_NESTING);
    let markdown = format!("Начало.\n\n{}> дно\n\nКонец.\n", "> - ".repeat(MAX_BLOCK_NESTING / 2));
    let parsed = parse_chapter(&markdown, Path::new("ch.md"), &files());
    let errors: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    let column = 4 * MAX_BLOCK_NESTING / 2 + 1;
    let expected =
        format!("ch.md:3:{column}: error: lists and quotes nested more than {MAX_BLOCK_NESTING} levels deep");
    assert_eq!(errors, [expected]);
    assert_eq!(block_depth(&parsed.blocks), MAX_BLOCK_NESTING, "the level past the limit is left out");
    assert_eq!(parsed.blocks.last().unwrap().kind, BlockKind::Paragraph(vec![text("Конец.")]), "the rest is read");
}

#[test]
fn inline_containers_nest_up_to_the_limit_together() {
    let open = ["*a ", "**b ", "~~c ", "[d "];
    let close = [" a*", " b**", " c~~", " d](https://x.org)"];
    // A link cannot hold a link: one, the innermost, among emphasis.
    let levels: Vec<usize> =
        (0..MAX_INLINE_NESTING).map(|level| if level == MAX_INLINE_NESTING - 1 { 3 } else { level % 3 }).collect();
    let nest = |levels: &[usize]| -> String {
        let opening: String = levels.iter().map(|&k| open[k]).collect();
        let closing: String = levels.iter().rev().map(|&k| close[k]).collect();
        format!("{opening}дно{closing}\n")
    };
    let BlockKind::Paragraph(inlines) = only(&nest(&levels)) else { panic!() };
    assert_eq!(inline_depth(&inlines), MAX_INLINE_NESTING);
    let mut deeper = levels.clone();
    deeper.insert(0, 0);
    let parsed = parse_chapter(&nest(&deeper), Path::new("ch.md"), &files());
    let errors: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let before: usize = deeper[..MAX_INLINE_NESTING].iter().map(|&k| open[k].len()).sum();
    let message = format!(
        "ch.md:1:{}: error: emphasis, strikethrough, links and images nested more than {MAX_INLINE_NESTING} levels deep",
        before + 1
    );
    assert!(errors[0].starts_with(&message), "{errors:?}");
}

#[test]
fn slug_of_output_name_and_language() {
    assert!(is_russian("ru") && is_russian("ru-RU") && !is_russian("en") && !is_russian("rue"));
}

proptest::proptest! {
    /// Whatever the author writes, parsing returns a model or an error, never a panic.
    #[test]
    fn parsing_never_panics(markdown in "(\\PC|[\\n#*_`>\\-|\\[\\]()^!:{}~0-9. ]){0,300}") {
        let _ = parse_chapter(&markdown, Path::new("fuzz.md"), &files());
    }
}

#[test]
fn images_are_visited_in_document_order_with_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.png", "b.png", "c.png", "d.png", "e.png"] {
        std::fs::write(dir.path().join(name), b"png").unwrap();
    }
    let markdown = "![a](a.png)\n\n- пункт [![b](b.png)](https://x.org)\n\n| *![c](c.png)* |\n|---|\n\n\
                    > ![d](d.png) и текст[^1]\n\n[^1]: Сноска ![e](e.png).\n";
    let path = dir.path().join("ch.md");
    let parsed = parsed(markdown, &path);
    let chapter = Chapter {
        file: "ch.md".into(),
        path,
        title: String::new(),
        language: "ru".to_string(),
        blocks: parsed.blocks,
        footnotes: parsed.footnotes,
        source: markdown.to_string(),
    };
    let mut seen = Vec::new();
    chapter.for_each_image(&mut |image, line| seen.push((image.alt.clone(), line)));
    let expected = [("a", 1), ("b", 3), ("c", 5), ("d", 8), ("e", 10)];
    assert_eq!(seen, expected.map(|(alt, line)| (alt.to_string(), line)));
}

#[test]
fn a_listing_includes_a_file_or_part_of_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("book/code")).unwrap();
    std::fs::create_dir_all(dir.path().join("book/chapters")).unwrap();
    let file = "const a = 1;\n// ANCHOR: b\nconst b = 2;\n// ANCHOR_END: b\n";
    std::fs::write(dir.path().join("book/code/a.zig"), format!("\u{feff}{file}")).unwrap();
    let chapter = dir.path().join("book/chapters/ch.md");
    let parsed = parsed("> ```zig\n> {{#include ../code/a.zig:b}}\n> ```\n", &chapter);
    let BlockKind::Quote(quoted) = &parsed.blocks[0].kind else { panic!() };
    let BlockKind::Code(code) = &quoted[0].kind else { panic!() };
    assert_eq!(code.text, "const b = 2;\n");
    assert_eq!(code.lines.len(), 1);
    let include = code.include.as_ref().unwrap();
    assert_eq!((include.path.as_path(), include.text.as_str()), (dir.path().join("book/code/a.zig").as_path(), file));
    let BlockKind::Code(code) = &parsed_in(&chapter, "```\n{{#include ../code/a.zig:1:1}}\n```\n")[0].kind else {
        panic!()
    };
    assert_eq!(code.text, "const a = 1;\n");
}

fn parsed_in(chapter: &Path, markdown: &str) -> Vec<Block> {
    parsed(markdown, chapter).blocks
}

#[test]
fn a_bad_include_is_an_error_at_its_directive() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("book")).unwrap();
    std::fs::write(dir.path().join("book/a.zig"), "const a = 1;\n").unwrap();
    std::fs::write(dir.path().join("secret.zig"), "const key = 1;\n").unwrap();
    let files = crate::manifest::BookFiles::new(&dir.path().join("book")).unwrap();
    let chapter = dir.path().join("book/ch.md");
    let errors = |markdown: &str| -> Vec<String> {
        parse_chapter(markdown, &chapter, &files).errors.iter().map(ToString::to_string).collect()
    };
    let first = |markdown: &str| errors(markdown).first().cloned().unwrap_or_default();
    assert!(first("текст\n\n```zig\n{{#include missing.zig}}\n```\n")
        .contains(":4:1: error: included file `missing.zig` not found"));
    assert!(first("```zig\n{{#include ../secret.zig}}\n```\n")
        .contains(":2:1: error: included file `../secret.zig` is outside"));
    assert!(first("```zig\n  {{#include a.zig:free}}\n```\n")
        .contains(":2:3: error: `{{#include a.zig}}`: no line `ANCHOR: free` in the file"));
    assert!(first("```zig\n{{#include a.zig:2:3}}\n```\n").contains("the file has 1 lines, not 3"));
    assert!(first("```zig\nconst b = 2;\n{{#include a.zig}}\n```\n").contains(":3:1: error: a listing with"));
    assert!(first("```zig\n{{#include a.zig:3:2}}\n```\n").contains("run backwards"));
    // Included files count against one budget per chapter.
    let big = std::fs::File::create(dir.path().join("book/big.zig")).unwrap();
    big.set_len(crate::manifest::MAX_FILE_BYTES / 2 + 1).unwrap();
    let twice = "```zig\n{{#include big.zig:1:1}}\n```\n\n```zig\n{{#include big.zig:1:1}}\n```\n";
    assert!(first(twice).contains(":6:1: error: the chapter's listings include more than 64 MiB of files"));
}

#[test]
fn a_quote_opening_with_an_alert_marker_is_a_callout() {
    let BlockKind::Callout(note) = only("> [!NOTE]\n> Текст *заметки*.\n>\n> Второй абзац.\n")
    else {
        panic!()
    };
    assert_eq!((note.kind, note.title.as_slice()), (CalloutKind::Note, &[][..]));
    assert_eq!(note.blocks.len(), 2);
    let BlockKind::Paragraph(first) = &note.blocks[0].kind else { panic!() };
    assert_eq!(first[0], text("Текст "));
    let BlockKind::Callout(warning) = only("> [!warning] Свой `заголовок`\n> Текст.\n") else {
        panic!()
    };
    assert_eq!(warning.kind, CalloutKind::Warning);
    assert_eq!(warning.title, [text("Свой "), Inline::Code("заголовок".into())]);
    assert_eq!(warning.blocks.len(), 1);
    let BlockKind::Callout(bare) = only("> [!TIP]\n") else { panic!() };
    assert!(bare.blocks.is_empty());
    assert!(matches!(only("> [!SEE] это цитата\n"), BlockKind::Quote(_)));
    assert!(matches!(only("> Просто [!NOTE] в тексте\n"), BlockKind::Quote(_)));
}

#[test]
fn a_table_caption_joins_the_table_before_or_after_it() {
    let table = "| a |\n|---|\n| 1 |\n";
    let caption_of = |kind: &BlockKind| match kind {
        BlockKind::Table(t) => t.caption.as_ref().map(|c| (c.label.clone(), plain_text(&c.content))),
        other => panic!("{other:?}"),
    };
    let after = kinds(&format!("{table}\n: После {{#tbl:after}}\n"));
    assert_eq!(after.len(), 1);
    assert_eq!(caption_of(&after[0]), Some((Some("tbl:after".into()), "После".into())));
    let both = kinds(&format!("Table: Перед\n\n{table}\n{table}\n: Второй\n\n: не подпись, а абзац\n"));
    assert_eq!(both.len(), 3, "{both:?}");
    assert_eq!(caption_of(&both[0]), Some((None, "Перед".into())));
    assert_eq!(caption_of(&both[1]), Some((None, "Второй".into())));
    assert!(matches!(&both[2], BlockKind::Paragraph(_)));
}

fn paragraph(markdown: &str) -> Vec<Inline> {
    let BlockKind::Paragraph(inlines) = only(markdown) else { panic!("not a paragraph") };
    inlines
}

fn foreign(lang: &str, content: Vec<Inline>) -> Inline {
    Inline::Foreign(Foreign { lang: lang.into(), content })
}

#[test]
fn a_span_with_lang_is_a_phrase_in_another_language() {
    let inlines = paragraph("Это <span lang=\"en\">memory *allocator*</span> и всё.\n");
    let phrase = foreign("en", vec![text("memory "), Inline::Emphasis(vec![text("allocator")])]);
    assert_eq!(inlines, [text("Это "), phrase, text(" и всё.")]);
}

#[test]
fn a_phrase_may_hold_links_raw_spans_and_soft_breaks() {
    let inlines = paragraph("<span lang=\"de\">ein <span>x</span>\n[Link](https://a.de)</span>\n");
    let [Inline::Foreign(phrase)] = inlines.as_slice() else { panic!("{inlines:?}") };
    assert_eq!(phrase.lang, "de");
    assert!(matches!(
        phrase.content.as_slice(),
        [Inline::Text(_), Inline::Html(_), Inline::Text(_), Inline::Html(_), Inline::SoftBreak, Inline::Link(_)]
    ));
}

#[test]
fn other_spans_and_inline_html_stay_raw() {
    let inlines = paragraph("a <span class=\"x\">b</span> <kbd>c</kbd>\n");
    assert!(inlines.iter().all(|inline| !matches!(inline, Inline::Foreign(_))), "{inlines:?}");
    assert_eq!(inlines.iter().filter(|inline| matches!(inline, Inline::Html(_))).count(), 4);
}

#[test]
fn a_span_without_its_end_or_an_end_without_a_span_is_an_error_at_its_line() {
    let path = Path::new("ch.md");
    let unclosed = errors("текст\n\nи *<span lang=\"en\">phrase* тут</span>\n", path);
    assert_eq!(unclosed.len(), 2, "{unclosed:?}");
    assert!(unclosed[0].starts_with("ch.md:3:4: error: `<span lang=\"en\">` is not closed"), "{unclosed:?}");
    assert!(unclosed[1].starts_with("ch.md:3:31: error: `</span>` closes no `<span>`"), "{unclosed:?}");
    let across = errors("<span lang=\"en\">one\n\ntwo</span>\n", path);
    assert_eq!(across.len(), 2, "{across:?}");
    assert!(across[0].starts_with("ch.md:1:1: error: `<span lang=\"en\">` is not closed"), "{across:?}");
}

#[test]
fn a_phrase_needs_a_language_tag_and_nothing_else() {
    let path = Path::new("ch.md");
    let bad = errors("a <span lang=\"english language\">b</span>\n", path);
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(bad[0].contains("`english language` is not a BCP 47 language tag"), "{bad:?}");
    let others = errors("a <span lang=\"en\" class=\"x\">b</span>\n", path);
    assert!(others[0].contains("takes no attributes but `lang`"), "{others:?}");
}

#[test]
fn a_phrase_inside_another_or_inside_a_link_is_an_error() {
    let path = Path::new("ch.md");
    let nested = errors("<span lang=\"en\">a <span lang=\"de\">b</span> c</span>\n", path);
    assert_eq!(nested.len(), 1, "{nested:?}");
    assert!(nested[0].contains("inside another phrase in another language"), "{nested:?}");
    let in_link = errors("[a <span lang=\"en\">b</span>](https://a.org)\n", path);
    assert_eq!(in_link.len(), 1, "{in_link:?}");
    assert!(in_link[0].contains("inside a link's text"), "{in_link:?}");
}
