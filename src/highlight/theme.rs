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

/// A theme: a style for every token class.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Indexed by `TokenClass as usize`, in the order of [`TokenClass::ALL`].
    styles: Vec<TokenStyle>,
}

impl Theme {
    /// The colour theme for screens (the EPUB), readable on white.
    pub fn screen() -> Theme {
        static THEME: OnceLock<Theme> = OnceLock::new();
        THEME.get_or_init(|| Theme::embedded("screen.tmTheme", SCREEN)).clone()
    }

    /// The print theme: shades of grey plus weight and slant, or colour when
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
        Theme { styles }
    }

    pub fn style(&self, class: TokenClass) -> TokenStyle {
        self.styles[class as usize]
    }

    /// A stylesheet with one rule per token class (`code .kc { … }`), so a
    /// reader's dark mode or another theme only swaps this sheet.
    pub fn css(&self) -> String {
        TokenClass::ALL.iter().map(|&class| css_rule(class, self.style(class))).collect()
    }
}

fn css_rule(class: TokenClass, style: TokenStyle) -> String {
    let [r, g, b] = style.color;
    let weight = if style.bold { " font-weight: bold;" } else { "" };
    let slant = if style.italic { " font-style: italic;" } else { "" };
    format!("code .{} {{ color: #{r:02x}{g:02x}{b:02x};{weight}{slant} }}\n", class.css_class())
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

fn blend(color: Color, background: Color) -> [u8; 3] {
    let alpha = u32::from(color.a);
    let mix = |c: u8, b: u8| ((u32::from(c) * alpha + u32::from(b) * (255 - alpha) + 127) / 255) as u8;
    [mix(color.r, background.r), mix(color.g, background.g), mix(color.b, background.b)]
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// WCAG 2 contrast ratio of `color` against white.
    fn contrast_on_white([r, g, b]: [u8; 3]) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
        1.05 / (luminance + 0.05)
    }

    fn all_themes() -> [(&'static str, Theme); 3] {
        [("screen", Theme::screen()), ("print", Theme::print(false)), ("print-color", Theme::print(true))]
    }

    #[test]
    fn classes_index_their_styles() {
        for (index, class) in TokenClass::ALL.iter().enumerate() {
            assert_eq!(*class as usize, index);
        }
    }

    #[test]
    fn every_colour_is_readable_on_white() {
        for (name, theme) in all_themes() {
            for class in TokenClass::ALL {
                let color = theme.style(class).color;
                let ratio = contrast_on_white(color);
                assert!(ratio >= 4.5, "{name}: {class:?} {color:?} has contrast {ratio:.2}");
            }
        }
    }

    #[test]
    fn the_print_theme_is_grey_with_at_least_four_looks() {
        let theme = Theme::print(false);
        for class in TokenClass::ALL {
            let [r, g, b] = theme.style(class).color;
            assert!(r == g && g == b, "{class:?} is not grey");
        }
        let shades: HashSet<_> = TokenClass::ALL.iter().map(|&c| theme.style(c).color).collect();
        let looks: HashSet<_> = TokenClass::ALL.iter().map(|&c| theme.style(c)).collect();
        assert!(shades.len() >= 4, "{shades:?}");
        assert!(looks.len() >= 8, "{looks:?}");
    }

    #[test]
    fn the_main_categories_look_different() {
        use TokenClass::*;
        // Print sets every keyword in black bold, as books do; screens split them.
        let main = [Storage, Builtin, Comment, String, Number, Type];
        for (name, theme) in all_themes() {
            let looks: HashSet<_> = main.iter().map(|&c| theme.style(c)).collect();
            assert_eq!(looks.len(), main.len(), "{name}");
        }
        let screen = Theme::screen();
        let colors: HashSet<_> = main.iter().chain(&[Control, Keyword]).map(|&c| screen.style(c).color).collect();
        assert_eq!(colors.len(), main.len() + 2, "screen colours");
    }

    #[test]
    fn swapping_the_theme_file_swaps_the_look() {
        assert_ne!(Theme::screen(), Theme::print(false));
        assert_ne!(Theme::print(false), Theme::print(true));
    }

    #[test]
    fn css_has_a_rule_per_class() {
        let css = Theme::print(false).css();
        assert_eq!(css.lines().count(), TokenClass::ALL.len());
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
