use super::*;
use crate::pdf::fonts::Family;

const SERIF: FontStyle = FontStyle { family: Family::Serif, bold: false, italic: false };

fn fonts() -> FontBook {
    FontBook::built_in().expect("built-in fonts")
}

fn body(measure: f32) -> ParagraphStyle {
    ParagraphStyle::body(measure, SERIF, 10.5, 13.0)
}

fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text(s.to_string())]
}

fn line_text(line: &Line) -> String {
    line.runs.iter().map(|run| run.text.as_str()).collect()
}

/// The paragraph's text as a reader copies it: the lines' texts (a line
/// broken at a space ends with it, a hyphenated one with `-`, which
/// extraction takes away, one broken after a word's own hyphen with U+2010,
/// which it keeps) one after the other.
fn joined(paragraph: &Paragraph) -> String {
    let mut out = String::new();
    for line in &paragraph.lines {
        let text = line_text(line);
        assert!(!text.contains('\u{AD}'), "a soft hyphen in {text:?}");
        assert!(!line.hyphenated || text.ends_with('-'), "{text:?}");
        out.push_str(text.strip_suffix('-').filter(|_| line.hyphenated).unwrap_or(&text));
    }
    out.replace('\u{2010}', "-")
}

const PROSE: &str = "Па\u{AD}мять, ко\u{AD}то\u{AD}рую вы\u{AD}де\u{AD}ля\u{AD}ет ал\u{AD}ло\u{AD}ка\u{AD}тор, \
    при\u{AD}над\u{AD}ле\u{AD}жит про\u{AD}грам\u{AD}ме до тех пор, по\u{AD}ка её не ос\u{AD}во\u{AD}бо\u{AD}дят. \
    Ди\u{AD}на\u{AD}ми\u{AD}чес\u{AD}кая па\u{AD}мять в\u{A0}Zig всег\u{AD}да тре\u{AD}бу\u{AD}ет яв\u{AD}но\u{AD}го \
    ал\u{AD}ло\u{AD}ка\u{AD}то\u{AD}ра, и\u{A0}это прав\u{AD}ди\u{AD}во для всей стан\u{AD}дарт\u{AD}ной биб\u{AD}лио\u{AD}те\u{AD}ки.";

#[test]
fn justified_lines_fill_the_measure_and_keep_the_text() {
    let fonts = fonts();
    for measure in [120.0, 160.0, 200.0, 300.0] {
        let paragraph = layout(&text(PROSE), &body(measure), &fonts);
        assert!(paragraph.lines.len() > 1);
        let (last, others) = paragraph.lines.split_last().unwrap();
        for line in others {
            let text = line_text(line);
            assert!((line.width - line.hang - measure).abs() < 0.01, "{measure}: {} in {text:?}", line.width);
            let hangs = text.trim_end().ends_with(['\u{AD}', '-', ',', '.']);
            assert_eq!(line.hang > 0.0, hangs, "{text:?}");
            assert!(line.hang <= 0.3 * 10.5, "{text:?}: {}", line.hang);
        }
        assert_eq!(last.hang, 0.0);
        assert!(last.width <= measure);
        assert_eq!(paragraph.lines[0].runs[0].x, 10.5, "first-line indent");
        assert_eq!(joined(&paragraph), PROSE.replace('\u{AD}', ""));
    }
}

#[test]
fn soft_hyphens_break_with_a_hyphen_only_when_taken() {
    let fonts = fonts();
    let paragraph = layout(&text(PROSE), &body(120.0), &fonts);
    assert!(paragraph.lines.iter().any(|line| line.hyphenated));
    let unhyphenated = layout(&text(PROSE), &ParagraphStyle { hyphenate: false, ..body(120.0) }, &fonts);
    assert!(unhyphenated.lines.iter().all(|line| !line.hyphenated && !line_text(line).ends_with('-')));
    assert_eq!(joined(&unhyphenated), PROSE.replace('\u{AD}', ""));
}

#[test]
fn non_breaking_spaces_hold_words_together() {
    let fonts = fonts();
    let source = "в\u{A0}доме и\u{A0}в\u{A0}саду ".repeat(20);
    let paragraph = layout(&text(&source), &body(90.0), &fonts);
    for line in &paragraph.lines {
        let text = line_text(line);
        assert!(!text.ends_with('в') && !text.ends_with('и'), "{text:?}");
        assert!(text.contains('\u{A0}'));
    }
}

#[test]
fn a_hyphen_in_a_compound_word_is_a_break_without_an_added_hyphen() {
    let fonts = fonts();
    let source = "северо-западный юго-восточный ".repeat(10);
    let paragraph = layout(&text(&source), &body(80.0), &fonts);
    assert!(paragraph.lines.iter().any(|line| line_text(line).ends_with("о\u{2010}")), "{paragraph:#?}");
    assert!(paragraph.lines.iter().all(|line| !line.hyphenated && !line_text(line).starts_with('-')));
    assert_eq!(joined(&paragraph), source.trim_end());
}

#[test]
fn inline_code_is_mono_smaller_and_never_hyphenated() {
    let fonts = fonts();
    let content = vec![
        Inline::Text("Вызовите ".into()),
        Inline::Code("std.heap.page_allocator".into()),
        Inline::Text(" и\u{A0}по\u{AD}смот\u{AD}ри\u{AD}те.".into()),
    ];
    let paragraph = layout(&content, &body(400.0), &fonts);
    let mono = fonts.font(FontStyle { family: Family::Mono, bold: false, italic: false });
    let code = paragraph.lines[0].runs.iter().find(|run| run.font == mono).expect("a mono run");
    assert!(code.text.starts_with("std.heap.page_allocator"));
    assert!(code.size < 10.5);
    // In a narrow measure the code breaks at its dots, not with a hyphen.
    let narrow = layout(&content, &body(70.0), &fonts);
    for line in &narrow.lines {
        assert!(line.width - line.hang <= 70.01, "{:?} {}", line_text(line), line.width);
        let text = line_text(line);
        assert!(!(text.contains("std") && line.hyphenated), "{text:?}");
    }
    assert_eq!(joined(&narrow).replace(' ', ""), joined(&paragraph).replace(' ', ""));
}

#[test]
fn short_inline_code_stays_whole_and_unstretched_in_justified_text() {
    let fonts = fonts();
    let mono = fonts.font(FontStyle { family: Family::Mono, bold: false, italic: false });
    let code = "const s = \"строка\";";
    // From the first to the last mono run of the code, set alone (unjustified).
    let span = |line: &Line| {
        let runs: Vec<_> = line.runs.iter().filter(|run| run.font == mono).collect();
        runs.last().unwrap().x - runs[0].x
    };
    let alone = layout(&[Inline::Code(code.into())], &body(200.0), &fonts);
    let natural = span(&alone.lines[0]);
    let words = "Слово за словом идёт текст, и в нём стоит код";
    // The code at every place on the line, in the book's measure and near it.
    for (measure, lead) in [300.0, 354.0, 400.0].into_iter().flat_map(|m| (0..24).map(move |lead| (m, lead))) {
        let before = format!("{} {}", "да ".repeat(lead), words);
        let content = vec![Inline::Text(before + " "), Inline::Code(code.into()), Inline::Text(format!(" {words}."))];
        let paragraph = layout(&content, &body(measure), &fonts);
        let with_code: Vec<_> =
            paragraph.lines.iter().filter(|line| line.runs.iter().any(|r| r.font == mono)).collect();
        let texts: Vec<_> = with_code.iter().map(|line| line_text(line)).collect();
        assert_eq!(with_code.len(), 1, "measure {measure}, lead {lead}: {texts:?}");
        assert!(texts[0].contains(code), "measure {measure}, lead {lead}");
        assert!((span(with_code[0]) - natural).abs() < 0.01, "measure {measure}: the code's spaces stretched");
    }
}

#[test]
fn an_overlong_url_breaks_instead_of_sticking_out() {
    let fonts = fonts();
    let url = "https://ziglang.org/documentation/0.11.0/std/#A;std:heap.GeneralPurposeAllocator";
    let content = vec![Inline::Text("См. ".into()), Inline::Code(url.into()), Inline::Text(" там.".into())];
    let paragraph = layout(&content, &body(100.0), &fonts);
    assert!(paragraph.lines.len() >= 3);
    for line in &paragraph.lines {
        assert!(line.width - line.hang <= 100.01, "{:?} {}", line_text(line), line.width);
    }
    let all: String = paragraph.lines.iter().map(line_text).collect::<Vec<_>>().join("");
    assert!(all.replace(' ', "").contains(&url.replace(' ', "")), "{all}");
}

#[test]
fn links_and_footnote_marks_are_placed_on_their_lines() {
    let fonts = fonts();
    let target = LinkTarget::External("https://ziglang.org".into());
    let link = crate::document::Link {
        target: target.clone(),
        url: "https://ziglang.org".into(),
        title: String::new(),
        content: text("сайт языка Zig"),
        line: 1,
        column: 1,
    };
    let content = vec![
        Inline::Text("Смотрите ".into()),
        Inline::Link(link),
        Inline::FootnoteRef(3),
        Inline::Text(" сегодня.".into()),
    ];
    let paragraph = layout(&content, &body(400.0), &fonts);
    let line = &paragraph.lines[0];
    assert_eq!(line.footnotes, [3]);
    assert_eq!(line.links.len(), 2);
    assert_eq!(line.links[0].target, LineLinkTarget::Link(target));
    assert!(line.links[0].width > 40.0, "one area over all three words: {:?}", line.links[0]);
    assert_eq!(line.links[1].target, LineLinkTarget::Footnote(3));
    let mark = line.runs.iter().find(|run| run.text.starts_with('3')).expect("the mark");
    assert!(mark.y < 0.0 && mark.size < 10.5);
    assert!((line.links[1].x - mark.x).abs() < 0.01);
    // Each link's text has runs of its own, to be tagged apart.
    let texts = |link: &LineLink| line.runs[link.runs.clone()].iter().map(|run| run.text.as_str()).collect::<String>();
    assert_eq!(texts(&line.links[0]), "сайт языка Zig");
    assert_eq!(line.links[0].text, "сайт языка Zig");
    assert_eq!(texts(&line.links[1]).trim_end(), "3", "a space after a link may go with it");
}

#[test]
fn struck_text_gets_one_strike_per_line_over_its_words_and_spaces() {
    let fonts = fonts();
    let struck = Inline::Strikethrough(text("старый способ выделения памяти"));
    let content = vec![Inline::Text("Это ".into()), struck, Inline::Text(" и новый.".into())];
    let one_line = layout(&content, &body(400.0), &fonts);
    let line = &one_line.lines[0];
    assert_eq!(line.strikes.len(), 1, "{:?}", line.strikes);
    // After the indent, «Это» and its space.
    let before = 10.5 + fonts.shape("Это", body(400.0).font, 10.5).width;
    let strike = line.strikes[0];
    assert!(strike.x > before + 1.0 && strike.x < before + 6.0, "starts at «старый»: {strike:?}");
    let words = fonts.shape("старый способ выделения памяти", body(400.0).font, 10.5).width;
    assert!((strike.width - words).abs() < 2.0, "spans the words and their spaces: {strike:?} vs {words}");
    let narrow = layout(&content, &body(90.0), &fonts);
    let struck_lines = narrow.lines.iter().filter(|line| !line.strikes.is_empty()).count();
    assert!(struck_lines >= 2, "a strike per line: {:?}", narrow.lines.iter().map(|l| &l.strikes).collect::<Vec<_>>());
    for line in &narrow.lines {
        for strike in &line.strikes {
            assert!(strike.x >= 0.0 && strike.x + strike.width <= line.width + 0.01, "{strike:?} in {line:?}");
        }
    }
}

#[test]
fn emphasis_and_strong_switch_fonts() {
    let fonts = fonts();
    let content = vec![
        Inline::Emphasis(text("курсив")),
        Inline::Text(" и ".into()),
        Inline::Strong(vec![Inline::Text("жирный ".into()), Inline::Emphasis(text("оба"))]),
    ];
    let paragraph = layout(&content, &body(400.0), &fonts);
    let styles: Vec<FontStyle> = paragraph.lines[0].runs.iter().map(|run| fonts.style(run.font)).collect();
    assert!(styles.contains(&FontStyle { italic: true, ..SERIF }));
    assert!(styles.contains(&FontStyle { bold: true, ..SERIF }));
    assert!(styles.contains(&FontStyle { bold: true, italic: true, ..SERIF }));
}

#[test]
fn a_hard_break_ends_the_line() {
    let fonts = fonts();
    let content = vec![Inline::Text("первая".into()), Inline::HardBreak, Inline::Text("вторая".into())];
    let paragraph = layout(&content, &body(300.0), &fonts);
    let lines: Vec<String> = paragraph.lines.iter().map(line_text).collect();
    assert_eq!(lines, ["первая ", "вторая"], "the break reads as a space");
}

#[test]
fn ragged_alignments_shift_lines_without_stretching() {
    let fonts = fonts();
    let heading = "Динамическая память и аллокаторы в языке Zig";
    let style = |align| ParagraphStyle { align, indent: 0.0, hyphenate: false, ..body(150.0) };
    let left = layout(&text(heading), &style(Align::Left), &fonts);
    let center = layout(&text(heading), &style(Align::Center), &fonts);
    let right = layout(&text(heading), &style(Align::Right), &fonts);
    assert!(left.lines.len() >= 2);
    for ((l, c), r) in left.lines.iter().zip(&center.lines).zip(&right.lines) {
        assert_eq!(l.runs[0].x, 0.0);
        assert!((c.runs[0].x - (150.0 - l.width) / 2.0).abs() < 0.01);
        assert!((r.runs[0].x - (150.0 - l.width)).abs() < 0.01);
        assert!(l.width <= 150.0);
        assert_eq!(l.hang + c.hang + r.hang, 0.0, "ragged lines do not hang");
    }
    assert_eq!(joined(&left), heading);
}

#[test]
fn empty_content_has_no_lines() {
    let fonts = fonts();
    assert!(layout(&[], &body(100.0), &fonts).lines.is_empty());
    assert!(layout(&text("  "), &body(100.0), &fonts).lines.is_empty());
}

#[test]
fn narrow_and_thin_spaces_are_glue_not_missing_glyphs() {
    let fonts = fonts();
    let source = "Всего 10\u{202F}000 байт, т.\u{2009}е. немного.";
    let paragraph = layout(&text(source), &body(400.0), &fonts);
    let line = &paragraph.lines[0];
    assert_eq!(line_text(line), source);
    assert!(line.runs.iter().all(|run| run.glyphs.iter().all(|glyph| glyph.id != 0)));
}

#[test]
fn a_measure_too_narrow_for_a_letter_still_sets_every_letter() {
    let fonts = fonts();
    for measure in [0.0, 3.0, -10.0] {
        let paragraph = layout(&text("Ёж и\u{A0}уж."), &body(measure), &fonts);
        let all: String = paragraph.lines.iter().map(line_text).collect();
        assert_eq!(all.replace([' ', '\u{A0}'], ""), "Ёжиуж.");
    }
}

#[test]
fn a_long_url_leaves_no_short_line_inside_the_paragraph() {
    let fonts = fonts();
    let content = vec![
        Inline::Text(
            "Ссыл\u{ad}ка https://ziglang.org/documentation/0.11.0/std/#A;std:heap.GeneralPurposeAllocator.Config.safety \
             и\u{a0}код "
                .into(),
        ),
        Inline::Code("std.heap.GeneralPurposeAllocator(.{ .safety = true, .never_unmap = false }).init".into()),
        Inline::Text(" в\u{a0}тек\u{ad}сте.".into()),
    ];
    let paragraph = layout(&content, &body(368.5), &fonts);
    let (last, others) = paragraph.lines.split_last().unwrap();
    for line in others {
        assert!(line.width > 0.95 * 368.5, "a short line before the end: {:?} ({})", line_text(line), line.width);
    }
    assert!(line_text(last).ends_with("в\u{a0}тексте."));
}

/// Words with kerning pairs across their hyphenation points in PT Serif.
const KERNED: [&str; 3] =
    ["ТА\u{AD}ТУ\u{AD}И\u{AD}РОВ\u{AD}КА", "куль\u{AD}ту\u{AD}ра", "эф\u{AD}фек\u{AD}тив\u{AD}ный"];

/// The advances rustybuzz gives `text` shaped whole in PT Serif at 10.5 pt.
fn rustybuzz_advances(text: &str) -> Vec<f32> {
    let face = rustybuzz::Face::from_slice(include_bytes!("../../../fonts/PTSerif-Regular.ttf"), 0).unwrap();
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    let output = rustybuzz::shape(&face, &[], buffer);
    let scale = 10.5 / f32::from(face.units_per_em() as u16);
    output.glyph_positions().iter().map(|position| position.x_advance as f32 * scale).collect()
}

#[test]
fn an_unbroken_hyphenatable_word_keeps_the_kerning_of_the_whole_word() {
    let fonts = fonts();
    for word in KERNED {
        let clean = word.replace('\u{AD}', "");
        let syllables: f32 = word.split('\u{AD}').map(|part| fonts.shape(part, SERIF, 10.5).width).sum();
        let expected = rustybuzz_advances(&clean);
        assert!((syllables - expected.iter().sum::<f32>()).abs() > 0.05, "{clean}: no kerning across a syllable");
        let paragraph = layout(&text(word), &ParagraphStyle { indent: 0.0, ..body(300.0) }, &fonts);
        let advances: Vec<f32> =
            paragraph.lines[0].runs.iter().flat_map(|run| run.glyphs.iter().map(|glyph| glyph.x_advance)).collect();
        assert_eq!(advances.len(), expected.len(), "{clean}");
        for (set, shaped) in advances.iter().zip(&expected) {
            assert!((set - shaped).abs() < 1e-3, "{clean}: {advances:?} against rustybuzz's {expected:?}");
        }
    }
}

#[test]
fn a_word_broken_at_a_hyphen_point_is_set_before_it_as_shaped_alone() {
    let fonts = fonts();
    let width = |text: &str| fonts.shape(text, SERIF, 10.5).width;
    // «ТА-» ends the line: without its kerning with the «Т» that went on.
    let cut = fonts.shape("ТАТУИРОВКА", SERIF, 10.5).slice(0..4).unwrap().width;
    assert!((cut - width("ТА")).abs() > 0.05, "no kerning across the break");
    let content = text(&format!("Слово {}", KERNED[0]));
    let style = |measure: f32| ParagraphStyle { indent: 0.0, align: Align::Left, ..body(measure) };
    let lines = (40..120)
        .map(|measure| layout(&content, &style(measure as f32), &fonts).lines)
        .find(|lines| line_text(&lines[0]) == "Слово ТА-")
        .expect("a measure that breaks after «ТА»");
    let alone = width("Слово ") + width("ТА") + width("-");
    assert!((lines[0].width - alone).abs() < 0.01, "{} set, {alone} shaped alone", lines[0].width);
}

#[test]
fn lines_say_how_they_fill_the_measure() {
    let fonts = fonts();
    let prose = text(
        "Куча — это третья область памяти в нашем распоряжении. В сравнении с первыми двумя это немного \
         «дикий запад»: дозволено всё. Именно здесь мы можем создавать сущности в куче с размером, \
         известным только во время исполнения программы, и при этом иметь полный контроль над временем их жизни.",
    );
    let good = layout(&prose, &body(368.0), &fonts);
    assert!(good.lines.iter().all(|line| line.fit == Fit::Good), "{:?}", good.lines);
    // Two words on a line that holds one and a half: a hole between them.
    let loose = layout(&text("аааааааааа ббббббббббббб"), &ParagraphStyle { hyphenate: false, ..body(110.0) }, &fonts);
    assert_eq!(loose.lines.first().map(|line| line.fit), Some(Fit::Loose), "{:?}", loose.lines);
    // Every word may break between letters as a last resort; only a letter
    // wider than the measure runs past it.
    let overfull = layout(&text("Ш"), &ParagraphStyle { indent: 0.0, ..body(4.0) }, &fonts);
    assert!(overfull.lines.iter().any(|line| line.fit == Fit::Overfull), "{:?}", overfull.lines);
}

#[test]
fn a_foreign_phrase_has_runs_of_its_own_on_each_line_it_is_set_on() {
    let fonts = fonts();
    let words = "general purpose allocator with leak detection and thread safety";
    let phrase = crate::document::Foreign { lang: "en".into(), content: text(words) };
    let content = vec![Inline::Text("Это ".into()), Inline::Foreign(phrase), Inline::Text(" в Zig.".into())];
    let paragraph = layout(&content, &body(120.0), &fonts);
    let mut read = String::new();
    for line in &paragraph.lines {
        for phrase in &line.phrases {
            assert_eq!((phrase.phrase, phrase.lang.as_str()), (0, "en"));
            read.extend(line.runs[phrase.runs.clone()].iter().map(|run| run.text.as_str()));
        }
    }
    assert!(paragraph.lines.iter().filter(|line| !line.phrases.is_empty()).count() > 1);
    assert_eq!(read.trim_end().replace('-', ""), words, "the phrase's runs hold its text and no other");
}

#[test]
fn a_footnote_mark_in_a_foreign_phrase_is_part_of_it() {
    let fonts = fonts();
    let words = vec![Inline::Text("memory".into()), Inline::FootnoteRef(1), Inline::Text(" allocator".into())];
    let phrase = Inline::Foreign(crate::document::Foreign { lang: "en".into(), content: words });
    let paragraph = layout(&[phrase], &body(400.0), &fonts);
    let line = &paragraph.lines[0];
    assert_eq!(line.phrases.len(), 1, "{:?}", line.phrases);
    let phrase: String = line.runs[line.phrases[0].runs.clone()].iter().map(|run| run.text.as_str()).collect();
    assert_eq!(phrase.trim_end(), "memory1 allocator");
}
