//! Themes: our `.tmTheme` files → a style per token class.
//!
//! A class looks the way the theme styles its representative scopes
//! ([`representative_scopes`]), so swapping a theme file swaps the look.

use std::io::Cursor;
use std::sync::OnceLock;

use syntect::highlighting::{Color, FontStyle, Highlighter, Style, ThemeSet};

use super::classes::{representative_scopes, scope};
use crate::document::TokenClass;

const SCREEN: &[u8] = include_bytes!("../../styles/screen.tmTheme");
const SCREEN_DARK: &[u8] = include_bytes!("../../styles/screen-dark.tmTheme");
const PRINT: &[u8] = include_bytes!("../../styles/print.tmTheme");
const PRINT_COLOR: &[u8] = include_bytes!("../../styles/print-color.tmTheme");

/// How one token class looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenStyle {
    /// sRGB colour.
    pub color: [u8; 3],
    pub bold: bool,
    pub italic: bool,
}

/// A theme: a style for every token class, and the listing's own colours.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Indexed by `TokenClass as usize`, in the order of [`TokenClass::ALL`].
    styles: Vec<TokenStyle>,
    /// The text colour of a listing (sRGB): plain code, and what a class
    /// without a colour of its own shows.
    foreground: [u8; 3],
    /// The listing's background (sRGB), on which every colour is chosen.
    background: [u8; 3],
}

impl Theme {
    /// The colour theme for screens (the EPUB): a light panel.
    pub fn screen() -> Theme {
        static THEME: OnceLock<Theme> = OnceLock::new();
        THEME.get_or_init(|| Theme::embedded("screen.tmTheme", SCREEN)).clone()
    }

    /// The colour theme for screens in dark mode: a dark panel.
    pub fn screen_dark() -> Theme {
        static THEME: OnceLock<Theme> = OnceLock::new();
        THEME.get_or_init(|| Theme::embedded("screen-dark.tmTheme", SCREEN_DARK)).clone()
    }

    /// The print theme: solid black told apart by weight and slant, or colour when
    /// `color` (`[highlight] print-colors = true`).
    pub fn print(color: bool) -> Theme {
        static GREY: OnceLock<Theme> = OnceLock::new();
        static COLOR: OnceLock<Theme> = OnceLock::new();
        if color {
            COLOR.get_or_init(|| Theme::embedded("print-color.tmTheme", PRINT_COLOR)).clone()
        } else {
            GREY.get_or_init(|| Theme::embedded("print.tmTheme", PRINT)).clone()
        }
    }

    /// A theme from one of our embedded files.
    fn embedded(name: &str, bytes: &[u8]) -> Theme {
        // The files are part of the binary and loaded by the tests: a failure
        // here is a bug in verstka, not in the user's book.
        let theme = ThemeSet::load_from_reader(&mut Cursor::new(bytes))
            .unwrap_or_else(|error| panic!("styles/{name} is not a valid theme: {error}"));
        Theme::from_syntect(&theme)
    }

    /// Each class styled as `theme` styles its representative scopes.
    fn from_syntect(theme: &syntect::highlighting::Theme) -> Theme {
        let highlighter = Highlighter::new(theme);
        let styles = TokenClass::ALL
            .iter()
            .map(|&class| {
                let stack: Vec<_> = representative_scopes(class).split_whitespace().map(scope).collect();
                token_style(highlighter.style_for_stack(&stack))
            })
            .collect();
        let rgb = |color: Option<Color>, default: Color| {
            let Color { r, g, b, .. } = color.unwrap_or(default);
            [r, g, b]
        };
        Theme {
            styles,
            foreground: rgb(theme.settings.foreground, Color::BLACK),
            background: rgb(theme.settings.background, Color::WHITE),
        }
    }

    pub fn style(&self, class: TokenClass) -> TokenStyle {
        self.styles[class as usize]
    }

    /// The listing's background (sRGB).
    pub fn background(&self) -> [u8; 3] {
        self.background
    }

    /// A stylesheet with the listing's text and background colours (`pre`),
    /// always set together, then one rule per token class
    /// (`code .kc { … }`), so a reader's dark mode or another theme only
    /// swaps this sheet.
    pub fn css(&self) -> String {
        let panel = format!("pre {{ color: {}; background-color: {}; }}\n", hex(self.foreground), hex(self.background));
        let rules = TokenClass::ALL.iter().map(|&class| css_rule(class, self.style(class)));
        std::iter::once(panel).chain(rules).collect()
    }
}

fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn css_rule(class: TokenClass, style: TokenStyle) -> String {
    let weight = if style.bold { " font-weight: bold;" } else { "" };
    let slant = if style.italic { " font-style: italic;" } else { "" };
    format!("code .{} {{ color: {};{weight}{slant} }}\n", class.css_class(), hex(style.color))
}

/// A syntect style as ours: the colour blended over the background when
/// translucent, since neither edition draws translucent text.
fn token_style(style: Style) -> TokenStyle {
    TokenStyle {
        color: blend(style.foreground, style.background),
        bold: style.font_style.contains(FontStyle::BOLD),
        italic: style.font_style.contains(FontStyle::ITALIC),
    }
}

/// The WCAG 2 contrast ratio of two sRGB colours, from 1 to 21.
#[cfg(test)]
pub fn contrast(one: [u8; 3], other: [u8; 3]) -> f64 {
    let luminance = |[r, g, b]: [u8; 3]| {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    };
    let (a, b) = (luminance(one), luminance(other));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

fn blend(color: Color, background: Color) -> [u8; 3] {
    let alpha = u32::from(color.a);
    let mix = |c: u8, b: u8| ((u32::from(c) * alpha + u32::from(b) * (255 - alpha) + 127) / 255) as u8;
    [mix(color.r, background.r), mix(color.g, background.g), mix(color.b, background.b)]
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn all_themes() -> [(&'static str, Theme); 4] {
        [
            ("screen", Theme::screen()),
            ("screen-dark", Theme::screen_dark()),
            ("print", Theme::print(false)),
            ("print-color", Theme::print(true)),
        ]
    }

    #[test]
    fn classes_index_their_styles() {
        for (index, class) in TokenClass::ALL.iter().enumerate() {
            assert_eq!(*class as usize, index);
        }
    }

    #[test]
    fn every_colour_is_readable_on_its_background() {
        for (name, theme) in all_themes() {
            let colors = TokenClass::ALL.iter().map(|&class| (format!("{class:?}"), theme.style(class).color));
            for (what, color) in colors.chain([("foreground".to_string(), theme.foreground)]) {
                let ratio = contrast(color, theme.background);
                assert!(ratio >= 4.5, "{name}: {what} {color:?} has contrast {ratio:.2}");
            }
        }
        assert_eq!(Theme::print(false).background, [255; 3], "print is on white paper");
    }

    #[test]
    fn the_print_theme_is_solid_black_told_apart_by_weight_and_slant() {
        use TokenClass::*;
        let theme = Theme::print(false);
        for class in TokenClass::ALL {
            assert_eq!(theme.style(class).color, [0; 3], "{class:?} is not black");
        }
        let look = |class| {
            let style = theme.style(class);
            (style.bold, style.italic)
        };
        for keyword in [Storage, Control, Keyword, Builtin] {
            assert_eq!(look(keyword), (true, false), "{keyword:?}");
        }
        assert_eq!(look(Comment), (false, true));
        for plain in [String, Number, Type, Function] {
            assert_eq!(look(plain), (false, false), "{plain:?}");
        }
    }

    #[test]
    fn the_main_categories_look_different_on_screen_and_in_colour_print() {
        use TokenClass::*;
        // The black print theme has only weight and slant, so it tells fewer apart (above).
        let main = [Storage, Builtin, Comment, String, Number, Type];
        for (name, theme) in all_themes().into_iter().filter(|(name, _)| *name != "print") {
            let looks: HashSet<_> = main.iter().map(|&c| theme.style(c)).collect();
            assert_eq!(looks.len(), main.len(), "{name}");
        }
        for screen in [Theme::screen(), Theme::screen_dark()] {
            let colors: HashSet<_> = main.iter().chain(&[Control, Keyword]).map(|&c| screen.style(c).color).collect();
            assert_eq!(colors.len(), main.len() + 2, "screen colours");
        }
    }

    #[test]
    fn swapping_the_theme_file_swaps_the_look() {
        assert_ne!(Theme::screen(), Theme::print(false));
        assert_ne!(Theme::screen(), Theme::screen_dark());
        assert_ne!(Theme::print(false), Theme::print(true));
    }

    #[test]
    fn css_has_the_panel_then_a_rule_per_class() {
        let css = Theme::screen_dark().css();
        assert_eq!(css.lines().next(), Some("pre { color: #e6e4de; background-color: #24242a; }"));
        let css = Theme::print(false).css();
        assert_eq!(css.lines().count(), 1 + TokenClass::ALL.len());
        let comment = Theme::print(false).style(TokenClass::Comment);
        let [r, g, b] = comment.color;
        let rule = format!("code .c {{ color: #{r:02x}{g:02x}{b:02x}; font-style: italic; }}");
        assert!(comment.italic && css.contains(&rule), "{css}");
    }

    #[test]
    fn translucent_colours_blend_over_the_background() {
        let half_red = Color { r: 255, g: 0, b: 0, a: 128 };
        assert_eq!(blend(half_red, Color::WHITE), [255, 127, 127]);
        assert_eq!(blend(Color::BLACK, Color::WHITE), [0, 0, 0]);
    }
}
