//! What every book carries besides its text: the fonts (built into the
//! binary, so verstka works from any folder) and the stylesheet: the
//! `@font-face` rules, `styles/epub.css` and the highlighting theme.
//!
//! The fonts go into the container directly (see `zip.rs`), deflated at
//! compile time by `build.rs` (every file of `fonts/`), so their manifest
//! items are added to the package document here.

use crate::highlight::Theme;

/// One embedded font face.
pub struct FontFace {
    pub family: &'static str,
    pub weight: u16,
    pub italic: bool,
    /// The file name, in `fonts/` of the repository and of the package.
    pub file: &'static str,
}

/// The package folder the fonts go to.
pub const FONT_FOLDER: &str = "fonts";

/// The media type of TrueType fonts (EPUB 3.3; EPUBCheck accepts it).
pub const FONT_MEDIA_TYPE: &str = "font/ttf";

macro_rules! face {
    ($family:literal, $weight:literal, $italic:literal, $file:literal) => {
        FontFace { family: $family, weight: $weight, italic: $italic, file: $file }
    };
}

/// Body text (PT Serif) and headings (PT Sans), four styles each, and code
/// (PT Mono); all three cover Cyrillic. The same files as in `fonts/`, in
/// the order of [`FONTS_ZIP`].
pub const FONTS: [FontFace; 10] = [
    face!("PT Mono", 700, false, "PTMono-Bold.ttf"),
    face!("PT Mono", 400, false, "PTMono-Regular.ttf"),
    face!("PT Sans", 700, false, "PTSans-Bold.ttf"),
    face!("PT Sans", 700, true, "PTSans-BoldItalic.ttf"),
    face!("PT Sans", 400, true, "PTSans-Italic.ttf"),
    face!("PT Sans", 400, false, "PTSans-Regular.ttf"),
    face!("PT Serif", 700, false, "PTSerif-Bold.ttf"),
    face!("PT Serif", 700, true, "PTSerif-BoldItalic.ttf"),
    face!("PT Serif", 400, true, "PTSerif-Italic.ttf"),
    face!("PT Serif", 400, false, "PTSerif-Regular.ttf"),
];

/// The files of `fonts/` as a zip archive of deflated `OEBPS/fonts/…`
/// entries, then their licence as `META-INF/LICENSE-ParaType.txt`.
pub const FONTS_ZIP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/epub-fonts.zip"));

/// The package document with a manifest item for each of `faces`.
pub fn with_font_items(opf: &str, faces: &[&FontFace]) -> String {
    let items: String = faces
        .iter()
        .map(|face| {
            let id = face.file.trim_end_matches(".ttf");
            format!(
                "    <item media-type=\"{FONT_MEDIA_TYPE}\" id=\"font-{id}\" href=\"{FONT_FOLDER}/{}\"/>\n",
                face.file
            )
        })
        .collect();
    opf.replacen("  </manifest>", &format!("{items}  </manifest>"), 1)
}

/// The book's own rules, tuned for Russian text.
const BOOK_CSS: &str = include_str!("../../styles/epub.css");

/// The entries of [`FONTS_ZIP`] that carry `faces`, and the licence with them.
pub fn font_entries(faces: &[&FontFace]) -> Vec<String> {
    let fonts = faces.iter().map(|face| format!("OEBPS/{FONT_FOLDER}/{}", face.file));
    fonts.chain(faces.first().map(|_| FONT_LICENCE.to_string())).collect()
}

/// The licence's entry in [`FONTS_ZIP`].
const FONT_LICENCE: &str = "META-INF/LICENSE-ParaType.txt";

/// The whole stylesheet: the embedded font faces, the book's rules, the
/// code themes.
pub fn stylesheet(faces: &[&FontFace]) -> String {
    let mut css = String::from("@charset \"UTF-8\";\n\n");
    for face in faces {
        let style = if face.italic { "italic" } else { "normal" };
        css.push_str(&format!(
            "@font-face {{\n  font-family: \"{}\";\n  font-weight: {};\n  font-style: {style};\n  src: url(\"{FONT_FOLDER}/{}\");\n}}\n",
            face.family, face.weight, face.file
        ));
    }
    css.push('\n');
    css.push_str(BOOK_CSS);
    css.push_str("\n/* Listings: the screen themes of the highlighting stage, light and dark. */\n");
    css.push_str(&Theme::screen().css());
    css.push_str("\n@media (prefers-color-scheme: dark) {\n");
    for rule in Theme::screen_dark().css().lines() {
        css.push_str(&format!("  {rule}\n"));
    }
    css.push_str("}\n");
    css
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::TokenClass;
    use crate::highlight::contrast;

    #[test]
    fn every_embedded_font_has_a_face_rule() {
        let all: Vec<&FontFace> = FONTS.iter().collect();
        let css = stylesheet(&all);
        for face in &FONTS {
            assert!(css.contains(&format!("url(\"fonts/{}\")", face.file)), "{}", face.file);
        }
        assert!(css.contains("hyphens: auto"));
        assert!(!stylesheet(&[]).contains("@font-face"));
        let mono = stylesheet(&all[1..2]);
        assert_eq!(mono.matches("@font-face").count(), 1);
        assert!(mono.contains("url(\"fonts/PTMono-Regular.ttf\")"));
        assert_eq!(font_entries(&all[1..2]), ["OEBPS/fonts/PTMono-Regular.ttf", FONT_LICENCE]);
        assert!(font_entries(&[]).is_empty(), "no fonts, no licence");
    }

    /// The rules of `css`, in order: whether they hold under
    /// `prefers-color-scheme: dark` (else everywhere), selectors, declarations.
    fn rules(css: &str) -> Vec<(bool, Vec<String>, String)> {
        let mut rules = Vec::new();
        let mut dark = false;
        let mut rest = css;
        while let Some((head, tail)) = rest.split_once('{') {
            let head = head.rsplit("*/").next().unwrap_or(head).trim();
            if head.starts_with("@media") {
                dark = head.contains("prefers-color-scheme: dark");
                rest = tail;
                continue;
            }
            let (body, tail) = tail.split_once('}').unwrap();
            let selectors = head.split(',').map(|s| s.trim().to_string()).collect();
            rules.push((dark && !head.starts_with('@'), selectors, body.to_string()));
            // The `}` closing a media block.
            rest = match tail.trim_start().strip_prefix('}') {
                Some(after) => {
                    dark = false;
                    after
                }
                None => tail,
            };
        }
        rules
    }

    /// The colour `selector` declares for `property` (`#rrggbb`) when the
    /// reader is in `dark` mode: the last declaration wins, as in CSS.
    fn declared(rules: &[(bool, Vec<String>, String)], dark: bool, selector: &str, property: &str) -> Option<[u8; 3]> {
        let value = rules
            .iter()
            .filter(|(in_dark, selectors, _)| (dark || !in_dark) && selectors.iter().any(|s| s == selector))
            .flat_map(|(_, _, body)| body.split(';'))
            .filter_map(|declaration| declaration.split_once(':'))
            .rfind(|(name, _)| name.trim() == property)?
            .1
            .trim()
            .strip_prefix('#')?
            .to_string();
        let channel = |i: usize| u8::from_str_radix(&value[i..i + 2], 16).unwrap();
        Some([channel(0), channel(2), channel(4)])
    }

    /// Every token of a listing is readable in every theme: the book's light
    /// and dark ones, and a reader's forced one, which sets only the page's
    /// colours (Calibre's black scheme, epub.js theme overrides) and so
    /// reaches code only through what the stylesheet leaves to inherit.
    #[test]
    fn every_token_keeps_its_contrast_in_every_theme() {
        let rules = rules(&stylesheet(&[]));
        let black = ([255, 255, 255], [0, 0, 0]);
        let white = ([0, 0, 0], [255, 255, 255]);
        let themes = [
            ("light", false, white),
            ("dark", true, white),
            ("reader's black, light mode", false, black),
            ("reader's black, dark mode", true, black),
        ];
        for (theme, dark, (page_text, page_background)) in themes {
            let panel_text = declared(&rules, dark, "pre", "color").unwrap_or(page_text);
            let background = declared(&rules, dark, "pre", "background-color").unwrap_or(page_background);
            let classes = TokenClass::ALL.map(|class| {
                let color = declared(&rules, dark, &format!("code .{}", class.css_class()), "color");
                (class.css_class(), color.unwrap_or(panel_text))
            });
            for (class, color) in [("plain", panel_text)].into_iter().chain(classes) {
                let ratio = contrast(color, background);
                assert!(ratio >= 4.5, "{theme}: {class} {color:?} on {background:?}: {ratio:.2}");
            }
        }
    }

    #[test]
    fn the_dark_theme_changes_the_listings() {
        let rules = rules(&stylesheet(&[]));
        assert_ne!(
            declared(&rules, true, "pre", "background-color"),
            declared(&rules, false, "pre", "background-color")
        );
        assert_ne!(declared(&rules, true, "code .s", "color"), declared(&rules, false, "code .s", "color"));
    }

    #[test]
    fn every_font_gets_a_manifest_item() {
        let opf = with_font_items("<manifest>\n  </manifest>", &FONTS.iter().collect::<Vec<_>>());
        assert_eq!(opf.matches("media-type=\"font/ttf\"").count(), FONTS.len());
        assert!(opf.contains("<item media-type=\"font/ttf\" id=\"font-PTMono-Bold\" href=\"fonts/PTMono-Bold.ttf\"/>"));
    }

    #[test]
    fn the_compressed_fonts_are_the_listed_ones() {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(FONTS_ZIP)).unwrap();
        assert_eq!(archive.len(), FONTS.len() + 1, "the fonts and their licence");
        assert_eq!(archive.name_for_index(FONTS.len()), Some(FONT_LICENCE));
        for (index, face) in FONTS.iter().enumerate() {
            let mut entry = archive.by_index(index).unwrap();
            assert_eq!(entry.name(), format!("OEBPS/{FONT_FOLDER}/{}", face.file));
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut data).unwrap();
            let original = std::fs::read(format!("{}/fonts/{}", env!("CARGO_MANIFEST_DIR"), face.file)).unwrap();
            assert!(data == original, "{} differs from fonts/", face.file);
            assert_eq!(&data[..4], &[0, 1, 0, 0], "{} is not TrueType", face.file);
        }
    }
}
