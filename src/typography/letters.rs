//! Letter tests with Russian and Latin answered first: the rules ask them of
//! every character of the book, and for Cyrillic the standard library's
//! `char::is_alphabetic` walks its Unicode tables each time.

/// `char::is_alphabetic`, fast for Latin and Russian letters.
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric`, fast for Latin and Russian letters and digits.
pub fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c) || (!c.is_ascii() && c.is_numeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_library() {
        let sample = "aZ09 ёЁжЖяЯ\u{430}\u{44f}\u{410}\u{42f}ÿßΩ١٢·-–—«»\u{ad}\u{a0}ґїǅ\u{2160}";
        for c in sample.chars().chain('\u{0}'..='\u{52f}') {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
