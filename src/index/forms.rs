//! Word forms: a word with Hunspell affix flags (`аллокатор/K`) → every form
//! the dictionary's affix rules make of it, and the phrases the index and the
//! term base look for, made of such words.
//!
//! `spellbook` checks words but does not expand or stem them, so the rules of
//! the built-in `.aff` files are applied here: each `SFX`/`PFX` rule of a
//! flag whose condition matches, and prefixes on suffixed forms where both
//! rules allow cross products. The Russian file has only suffixes without
//! continuation flags, so one step makes every form it knows.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const RU_AFF: &str = include_str!("../../dictionaries/ru_RU.aff");
const EN_AFF: &str = include_str!("../../dictionaries/en_US.aff");

/// A word as the index compares it: lower case, `ё` as `е`, without soft
/// hyphens, non-breaking hyphens as `-`.
pub fn normalize(word: &str) -> String {
    normalized(word).into_owned()
}

/// [`normalize`], borrowing `word` when it is so already: most words of a
/// book's prose are, and the index looks at every one.
pub fn normalized(word: &str) -> Cow<'_, str> {
    let is_normal = |c: char| matches!(c, 'а'..='я' | 'a'..='z' | '0'..='9' | '-' | '_');
    if word.chars().all(is_normal) {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        // Russian and ASCII letters without the general case tables: most
        // of a book's words are made of nothing else.
        match c {
            '\u{ad}' => {}
            'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            'Ё' | 'ё' => out.push('е'),
            '\u{2011}' => out.push('-'),
            c if c.is_ascii() || ('а'..='я').contains(&c) => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(out)
}

/// The words of `text` with their byte offsets: letters and digits with
/// inner hyphens and apostrophes (soft hyphens inside them too).
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = 0;
    std::iter::from_fn(move || {
        let start = rest + text[rest..].find(is_letter_or_digit)?;
        let len = text[start..].find(|c: char| !is_word_char(c)).unwrap_or(text.len() - start);
        let word = text[start..start + len].trim_end_matches(is_joiner);
        rest = start + len;
        Some((start, word))
    })
}

fn is_word_char(c: char) -> bool {
    is_letter_or_digit(c) || c == '_' || is_joiner(c) || ('\u{300}'..='\u{36f}').contains(&c)
}

/// `char::is_alphanumeric`, Russian and ASCII letters first (the general
/// tables are slow for letters beyond ASCII).
fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
        || (!c.is_ascii() && c.is_alphanumeric())
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '\u{ad}' | '\u{2011}')
}

/// What a phrase is made of: a word's accepted forms, each normalized.
pub type Forms = HashSet<String>;

/// A term to look for: consecutive words, each in one of its forms; or, for
/// a code term, one token exactly as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    pub words: Vec<Forms>,
    /// Compared exactly (case and all): an identifier from the code.
    pub exact: bool,
}

/// Why a term could not be read.
pub type FormError = String;

impl Phrase {
    /// The phrase of `text`: words separated by spaces, each optionally
    /// with affix flags (`динамический/A память/F`).
    pub fn of_words(text: &str) -> Result<Phrase, FormError> {
        let words = text.split_whitespace().map(word_forms).collect::<Result<Vec<Forms>, FormError>>()?;
        if words.is_empty() {
            return Err("the term is empty".into());
        }
        Ok(Phrase { words, exact: false })
    }

    /// A code term: one token, compared exactly.
    pub fn of_code(text: &str) -> Phrase {
        Phrase { words: vec![HashSet::from([text.to_string()])], exact: true }
    }
}

/// `word/FLAGS` → its forms; a word without flags is just itself.
fn word_forms(word: &str) -> Result<Forms, FormError> {
    let (stem, flags) = word.split_once('/').unwrap_or((word, ""));
    if stem.is_empty() {
        return Err(format!("`{word}` has flags but no word"));
    }
    let affixes = if stem.chars().any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')) {
        Affixes::russian()
    } else {
        Affixes::english()
    };
    Ok(affixes.forms(stem, flags)?.iter().map(|form| normalize(form)).collect())
}

/// The affix rules of one built-in dictionary, by flag.
struct Affixes {
    rules: HashMap<char, Vec<Rule>>,
}

/// One `SFX`/`PFX` line: strip this, add that, where the condition holds.
struct Rule {
    prefix: bool,
    cross: bool,
    strip: String,
    add: String,
    condition: Vec<CharClass>,
}

/// One position of a rule's condition: `.`, a letter, `[…]` or `[^…]`.
#[derive(Debug, PartialEq)]
enum CharClass {
    Any,
    Set { negated: bool, chars: Vec<char> },
}

impl Affixes {
    fn russian() -> &'static Affixes {
        static RULES: OnceLock<Affixes> = OnceLock::new();
        RULES.get_or_init(|| Affixes::parse(RU_AFF))
    }

    fn english() -> &'static Affixes {
        static RULES: OnceLock<Affixes> = OnceLock::new();
        RULES.get_or_init(|| Affixes::parse(EN_AFF))
    }

    fn parse(aff: &str) -> Affixes {
        let mut rules: HashMap<char, Vec<Rule>> = HashMap::new();
        let mut cross: HashMap<(bool, char), bool> = HashMap::new();
        for line in aff.lines() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let prefix = match fields.first() {
                Some(&"PFX") => true,
                Some(&"SFX") => false,
                _ => continue,
            };
            let Some(flag) = fields.get(1).and_then(|f| f.chars().next()) else { continue };
            // The header of a flag's rules: `SFX K Y 55`.
            if fields.len() == 4 && fields[3].parse::<usize>().is_ok() {
                cross.insert((prefix, flag), fields[2] == "Y");
                continue;
            }
            let [_, _, strip, add, ..] = fields[..] else { continue };
            let zero = |s: &str| if s == "0" { String::new() } else { s.to_string() };
            let add = add.split('/').next().unwrap_or("");
            rules.entry(flag).or_default().push(Rule {
                prefix,
                cross: cross.get(&(prefix, flag)).copied().unwrap_or(false),
                strip: zero(strip),
                add: zero(add),
                condition: parse_condition(fields.get(4).copied().unwrap_or(".")),
            });
        }
        Affixes { rules }
    }

    /// `stem` and every form its `flags` make of it.
    fn forms(&self, stem: &str, flags: &str) -> Result<Vec<String>, FormError> {
        let mut suffixed = vec![(stem.to_string(), true)];
        let mut prefix_rules = Vec::new();
        for flag in flags.chars() {
            let rules = self.rules.get(&flag).ok_or_else(|| format!("no affix flag `{flag}` in the dictionary"))?;
            for rule in rules {
                if rule.prefix {
                    prefix_rules.push(rule);
                } else if let Some(form) = rule.apply(stem) {
                    suffixed.push((form, rule.cross));
                }
            }
        }
        let mut forms: Vec<String> = suffixed.iter().map(|(form, _)| form.clone()).collect();
        for rule in prefix_rules {
            for (form, cross) in &suffixed {
                if form == stem || (*cross && rule.cross) {
                    forms.extend(rule.apply(form));
                }
            }
        }
        Ok(forms)
    }
}

impl Rule {
    fn apply(&self, word: &str) -> Option<String> {
        let letters: Vec<char> = word.chars().collect();
        let n = self.condition.len();
        if letters.len() < n {
            return None;
        }
        let at = if self.prefix { &letters[..n] } else { &letters[letters.len() - n..] };
        if !self.condition.iter().zip(at).all(|(class, &c)| class.matches(c)) {
            return None;
        }
        if self.prefix {
            let rest = word.strip_prefix(self.strip.as_str())?;
            Some(format!("{}{rest}", self.add))
        } else {
            let rest = word.strip_suffix(self.strip.as_str())?;
            Some(format!("{rest}{}", self.add))
        }
    }
}

impl CharClass {
    fn matches(&self, c: char) -> bool {
        match self {
            CharClass::Any => true,
            CharClass::Set { negated, chars } => chars.contains(&c) != *negated,
        }
    }
}

fn parse_condition(condition: &str) -> Vec<CharClass> {
    let mut classes = Vec::new();
    let mut chars = condition.chars();
    while let Some(c) = chars.next() {
        classes.push(match c {
            '.' => CharClass::Any,
            '[' => {
                let mut set: Vec<char> = chars.by_ref().take_while(|&c| c != ']').collect();
                let negated = set.first() == Some(&'^');
                if negated {
                    set.remove(0);
                }
                CharClass::Set { negated, chars: set }
            }
            c => CharClass::Set { negated: false, chars: vec![c] },
        });
    }
    classes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(forms: Forms) -> Vec<String> {
        let mut forms: Vec<String> = forms.into_iter().collect();
        forms.sort();
        forms
    }

    #[test]
    fn russian_flags_make_every_case_and_number() {
        let forms = sorted(word_forms("аллокатор/K").unwrap());
        for form in [
            "аллокатор",
            "аллокатора",
            "аллокатору",
            "аллокатором",
            "аллокаторе",
            "аллокаторы",
            "аллокаторов",
            "аллокаторами",
            "аллокаторах",
        ] {
            assert!(forms.contains(&form.to_string()), "{form} missing from {forms:?}");
        }
        assert!(!forms.contains(&"аллокаторь".to_string()));
        let forms = sorted(word_forms("ёлка/I").unwrap());
        assert!(forms.contains(&"елки".to_string()) && forms.contains(&"елкой".to_string()), "{forms:?}");
        let forms = sorted(word_forms("память/F").unwrap());
        assert!(forms.contains(&"памяти".to_string()) && forms.contains(&"памятью".to_string()), "{forms:?}");
    }

    #[test]
    fn english_flags_and_plain_words() {
        let forms = sorted(word_forms("allocator/MS").unwrap());
        assert!(forms.contains(&"allocators".to_string()) && forms.contains(&"allocator's".to_string()), "{forms:?}");
        assert_eq!(sorted(word_forms("Zig").unwrap()), ["zig"]);
        assert!(word_forms("аллокатор/☃").unwrap_err().contains("no affix flag"));
    }

    #[test]
    fn words_keep_hyphens_and_drop_soft_ones_in_comparison() {
        let text = "Ал\u{ad}ло\u{ad}ка\u{ad}тор, из\u{2011}за HTTP-запроса — x86.";
        let found: Vec<(usize, String)> = words(text).map(|(at, w)| (at, normalize(w))).collect();
        assert_eq!(
            found.iter().map(|(_, w)| w.as_str()).collect::<Vec<_>>(),
            ["аллокатор", "из-за", "http-запроса", "x86"]
        );
        assert_eq!(found[1].0, text.find("из").unwrap());
    }
}
