//! Every unknown key of `book.toml` in one run.
//!
//! The serde structs deny unknown fields, and serde stops at the first one
//! with a message that names it and lists the known keys of its table. So
//! the document is read again without each unknown key found, until none is
//! left: the known keys stay those of the structs, with no list of our own
//! to keep in step, and every unknown key gets serde's message at its span.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Past this many unknown keys the manifest is not a book's with typos: the
/// reading stops at the next one, and the rest go unreported.
const MOST_UNKNOWN_KEYS: usize = 100;

/// `T` read from the document, every unknown key pushed to `unknown`; the
/// error is the first of any other kind (a wrong type, a missing key), which
/// ends the reading.
pub(super) fn deserialize<T: DeserializeOwned>(
    document: &Spanned<DeTable<'_>>,
    unknown: &mut Vec<toml::de::Error>,
) -> Result<T, toml::de::Error> {
    let mut document = document.clone();
    loop {
        let error = match T::deserialize(toml::de::Deserializer::from(document.clone())) {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let removed = error.message().starts_with("unknown field")
            && unknown.len() < MOST_UNKNOWN_KEYS
            && error.span().is_some_and(|span| remove_key(document.get_mut(), &span));
        if !removed {
            return Err(error);
        }
        unknown.push(error);
    }
}

/// Removes the key at `span` from the table or any table inside it.
fn remove_key(table: &mut DeTable<'_>, span: &Range<usize>) -> bool {
    if let Some(key) = table.keys().find(|key| key.span() == *span).cloned() {
        table.remove(key.get_ref().as_ref());
        return true;
    }
    table.iter_mut().any(|(_, value)| remove_key_in(value.get_mut(), span))
}

fn remove_key_in(value: &mut DeValue<'_>, span: &Range<usize>) -> bool {
    match value {
        DeValue::Table(table) => remove_key(table, span),
        DeValue::Array(array) => array.iter_mut().any(|element| remove_key_in(element.get_mut(), span)),
        _ => false,
    }
}
