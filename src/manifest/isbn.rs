//! ISBNs: `[book] identifier = "urn:isbn:…"` read as the book's ISBN, its
//! check digit verified, so the cover's barcode never carries a wrong number.

/// The prefix that makes an identifier an ISBN (RFC 3187).
const URN_PREFIX: &str = "urn:isbn:";

/// A verified ISBN as the 13 digits of its EAN-13 barcode (an ISBN-10 with
/// the `978` prefix and a new check digit, as ISO 2108 says).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Isbn {
    pub digits: [u8; 13],
}

/// What an identifier says about an ISBN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IsbnReading {
    /// Not an `urn:isbn:` identifier.
    NotIsbn,
    /// A valid ISBN.
    Valid(Isbn),
    /// An `urn:isbn:` identifier that is no valid ISBN: why.
    Invalid(String),
}

impl Isbn {
    /// Reads `identifier` as an ISBN if it is an `urn:isbn:` URN; hyphens and
    /// spaces between the digits are allowed.
    pub fn read(identifier: &str) -> IsbnReading {
        let trimmed = identifier.trim();
        let Some(number) = trimmed.get(..URN_PREFIX.len()).filter(|p| p.eq_ignore_ascii_case(URN_PREFIX)) else {
            return IsbnReading::NotIsbn;
        };
        let number = &trimmed[number.len()..];
        let characters: Vec<char> = number.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
        let reading = match characters.len() {
            13 => Isbn::thirteen(&characters),
            10 => Isbn::ten(&characters),
            n => Err(format!("`{number}` has {n} digits; an ISBN has 13 (or 10)")),
        };
        match reading {
            Ok(isbn) => IsbnReading::Valid(isbn),
            Err(why) => IsbnReading::Invalid(why),
        }
    }

    fn thirteen(characters: &[char]) -> Result<Isbn, String> {
        let digits = decimal_digits(characters)?;
        let mut all = [0u8; 13];
        all.copy_from_slice(&digits);
        if !matches!(&all[..3], [9, 7, 8] | [9, 7, 9]) {
            return Err("an ISBN-13 starts with 978 or 979".to_string());
        }
        let expected = ean_check_digit(&all[..12]);
        if all[12] != expected {
            return Err(format!("its check digit is {}, but the digits before it give {expected}", all[12]));
        }
        Ok(Isbn { digits: all })
    }

    fn ten(characters: &[char]) -> Result<Isbn, String> {
        let digits = decimal_digits(&characters[..9])?;
        let check = match characters[9] {
            'X' | 'x' => 10,
            c => c.to_digit(10).ok_or_else(|| format!("`{c}` is not a digit"))?,
        };
        let sum: u32 = digits.iter().zip((2..=10).rev()).map(|(d, weight)| u32::from(*d) * weight).sum();
        let expected = (11 - sum % 11) % 11;
        if check != expected {
            let shown = |n: u32| if n == 10 { "X".to_string() } else { n.to_string() };
            return Err(format!(
                "its check digit is {}, but the digits before it give {}",
                shown(check),
                shown(expected)
            ));
        }
        let mut all = [9, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        all[3..12].copy_from_slice(&digits);
        all[12] = ean_check_digit(&all[..12]);
        Ok(Isbn { digits: all })
    }

    /// The 13 digits as text, `9785000000007`.
    pub fn ean(&self) -> String {
        self.digits.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

fn decimal_digits(characters: &[char]) -> Result<Vec<u8>, String> {
    characters.iter().map(|c| c.to_digit(10).map(|d| d as u8).ok_or_else(|| format!("`{c}` is not a digit"))).collect()
}

/// The EAN-13 check digit of the first 12 digits: weights 1, 3, 1, 3 …
pub fn ean_check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits.iter().enumerate().map(|(i, d)| u32::from(*d) * if i % 2 == 0 { 1 } else { 3 }).sum();
    ((10 - sum % 10) % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(identifier: &str) -> String {
        match Isbn::read(identifier) {
            IsbnReading::Valid(isbn) => isbn.ean(),
            other => panic!("{identifier}: {other:?}"),
        }
    }

    #[test]
    fn isbn_13_with_hyphens_is_read_and_checked() {
        assert_eq!(valid("urn:isbn:978-5-0000-0000-7"), "9785000000007");
        assert_eq!(valid("URN:ISBN:9780306406157"), "9780306406157");
        assert!(
            matches!(Isbn::read("urn:isbn:978-5-0000-0000-0"), IsbnReading::Invalid(why) if why.contains("give 7"))
        );
    }

    #[test]
    fn isbn_10_becomes_its_ean_with_a_new_check_digit() {
        assert_eq!(valid("urn:isbn:0-306-40615-2"), "9780306406157");
        assert_eq!(valid("urn:isbn:0-8044-2957-X"), "9780804429573");
        assert!(matches!(Isbn::read("urn:isbn:0-306-40615-3"), IsbnReading::Invalid(_)));
    }

    #[test]
    fn other_identifiers_are_not_isbns_and_bad_ones_say_why() {
        assert_eq!(Isbn::read("https://example.org/book"), IsbnReading::NotIsbn);
        assert_eq!(Isbn::read("urn:uuid:1234"), IsbnReading::NotIsbn);
        assert!(matches!(Isbn::read("urn:isbn:12345"), IsbnReading::Invalid(why) if why.contains("5 digits")));
        assert!(matches!(Isbn::read("urn:isbn:1234567890123"), IsbnReading::Invalid(why) if why.contains("978")));
        assert!(matches!(Isbn::read("urn:isbn:978500000000a"), IsbnReading::Invalid(why) if why.contains("`a`")));
    }
}
