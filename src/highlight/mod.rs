//! The highlight stage: code blocks → lines of classed spans.
//!
//! Input: a [`Book`]. Output: the same book with every code block's `lines`
//! split into [`TokenClass`] spans. Themes turn classes into styles: CSS for
//! the EPUB, colours for the PDF. Neither edition calls syntect itself.

use crate::document::{Book, TokenClass};
use crate::error::Result;

/// Highlights every code block of `book`.
pub fn apply(book: &mut Book) -> Result<()> {
    let _ = book;
    Ok(())
}

/// How one token class looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenStyle {
    /// sRGB colour.
    pub color: [u8; 3],
    pub bold: bool,
    pub italic: bool,
}

/// A theme: a style for every token class.
#[derive(Debug, Clone)]
pub struct Theme {
    styles: Vec<(TokenClass, TokenStyle)>,
}

impl Theme {
    /// The colour theme for screens (the EPUB).
    pub fn screen() -> Theme {
        Theme::plain()
    }

    /// The print theme: greys plus weight and slant, or colour when asked.
    pub fn print(color: bool) -> Theme {
        let _ = color;
        Theme::plain()
    }

    fn plain() -> Theme {
        let style = TokenStyle { color: [0, 0, 0], bold: false, italic: false };
        Theme { styles: TokenClass::ALL.iter().map(|&c| (c, style)).collect() }
    }

    pub fn style(&self, class: TokenClass) -> TokenStyle {
        self.styles.iter().find(|(c, _)| *c == class).map(|(_, s)| *s).unwrap_or(self.styles[0].1)
    }

    /// A stylesheet with one rule per token class (`.pl`, `.kc`, …).
    pub fn css(&self) -> String {
        let mut css = String::new();
        for (class, style) in &self.styles {
            let [r, g, b] = style.color;
            css.push_str(&format!("code .{} {{ color: #{r:02x}{g:02x}{b:02x}; }}\n", class.css_class()));
        }
        css
    }
}
