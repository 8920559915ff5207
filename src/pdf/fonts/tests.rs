use super::*;

fn book() -> FontBook {
    FontBook::built_in().expect("built-in fonts parse")
}

const SERIF: FontStyle = FontStyle { family: Family::Serif, bold: false, italic: false };
const MONO: FontStyle = FontStyle { family: Family::Mono, bold: false, italic: false };

#[test]
fn every_style_has_its_own_font_and_name() {
    let fonts = book();
    let mut names = Vec::new();
    for family in [Family::Serif, Family::Sans] {
        for (bold, italic) in [(false, false), (false, true), (true, false), (true, true)] {
            let font = fonts.font(FontStyle { family, bold, italic });
            assert_eq!(fonts.style(font), FontStyle { family, bold, italic });
            names.push(fonts.postscript_name(font).to_string());
        }
    }
    assert_eq!(fonts.postscript_name(fonts.font(MONO)), "PTMono-Regular");
    assert_eq!(fonts.font(FontStyle { italic: true, ..MONO }), fonts.font(MONO));
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 8);
    assert!(names.contains(&"PTSerif-Regular".to_string()), "{names:?}");
    assert!(fonts.data(fonts.font(SERIF)).starts_with(&[0, 1, 0, 0]));
}

#[test]
fn shaping_measures_cyrillic_in_points_with_clusters_as_byte_offsets() {
    let fonts = book();
    let shaped = fonts.shape("Память", SERIF, 10.0);
    assert_eq!(shaped.runs.len(), 1);
    let run = &shaped.runs[0];
    assert_eq!(run.text, "Память");
    assert_eq!(run.glyphs.len(), 6);
    assert!(run.glyphs.iter().all(|glyph| glyph.id != 0));
    assert_eq!(run.glyphs.iter().map(|glyph| glyph.cluster).collect::<Vec<_>>(), [0, 2, 4, 6, 8, 10]);
    // Six letters of a 10 pt serif: between 3 and 6 em-tenths each.
    assert!(shaped.width > 25.0 && shaped.width < 45.0, "{}", shaped.width);
    assert_eq!(fonts.shape("Память", SERIF, 20.0).width, 2.0 * shaped.width);
}

#[test]
fn kerning_applies_and_mono_keeps_fixed_advances() {
    let fonts = book();
    let pair = fonts.shape("AV", SERIF, 10.0).width;
    let apart = fonts.shape("A", SERIF, 10.0).width + fonts.shape("V", SERIF, 10.0).width;
    assert!(pair < apart, "AV {pair} vs A+V {apart}");
    let code = fonts.shape("fi->ffl", MONO, 10.0);
    assert_eq!(code.runs[0].glyphs.len(), 7, "no ligatures in code");
    let advance = code.runs[0].glyphs[0].x_advance;
    assert!(code.runs[0].glyphs.iter().all(|glyph| glyph.x_advance == advance));
}

#[test]
fn a_word_is_shaped_once_per_style_and_size() {
    let fonts = book();
    let first = fonts.shape_shared("аллокатор", SERIF, 10.5);
    let again = fonts.shape_shared("аллокатор", SERIF, 10.5);
    assert!(Rc::ptr_eq(&first, &again));
    let bold = fonts.shape_shared("аллокатор", FontStyle { bold: true, ..SERIF }, 10.5);
    assert!(!Rc::ptr_eq(&first, &bold));
    assert_ne!(first.runs[0].font, bold.runs[0].font);
}

#[test]
fn missing_glyphs_fall_back_to_another_font() {
    let fonts = book();
    // PT Serif lacks the arrows PT Mono has.
    let text = "a→b";
    assert!(!fonts.face(fonts.font(SERIF)).covers('→'));
    let shaped = fonts.shape(text, SERIF, 10.0);
    let runs: Vec<(&str, FontId)> = shaped.runs.iter().map(|run| (run.text.as_str(), run.font)).collect();
    assert_eq!(runs, [("a", fonts.font(SERIF)), ("→", fonts.font(MONO)), ("b", fonts.font(SERIF))]);
    assert!(shaped.runs.iter().all(|run| run.glyphs.iter().all(|glyph| glyph.id != 0)));
    assert!(fonts.prints('→'));
}

#[test]
fn a_character_no_font_has_is_reported_and_kept() {
    let fonts = book();
    let shaped = fonts.shape("a↪", SERIF, 10.0);
    assert_eq!(shaped.runs.len(), 1);
    assert_eq!(shaped.runs[0].text, "a↪");
    assert_eq!(shaped.runs[0].glyphs[1].id, 0, ".notdef");
    assert!(!fonts.prints('↪'));
    assert!(fonts.prints('\u{A0}') && fonts.prints('\u{200D}'));
}

#[test]
fn vertical_metrics_scale_with_size() {
    let fonts = book();
    let metrics = fonts.metrics(fonts.font(SERIF), 10.0);
    assert!(metrics.ascender > 7.0 && metrics.ascender < 12.0, "{metrics:?}");
    assert!(metrics.descender < 0.0);
    assert!(metrics.x_height < metrics.cap_height && metrics.cap_height < metrics.ascender);
    let (space, font, glyph) = fonts.space(SERIF, 10.0);
    assert_eq!(font, fonts.font(SERIF));
    assert!(space > 2.0 && space < 3.5, "{space}");
    assert_eq!(fonts.space_glyph(font), glyph);
}
