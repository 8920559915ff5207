//! Dates of the book: `[book] date`, `SOURCE_DATE_EPOCH` and the build's
//! timestamp made of them, and the calendar arithmetic both editions use
//! to write dates.
//!
//! EPUB's `dcterms:modified` and the PDF's dates have room for a four-digit
//! year, so every date here lies in the years 0001–9999, and the timestamp
//! from `SOURCE_DATE_EPOCH` in 1970–9999.

use std::ffi::OsStr;

use super::Manifest;
use crate::error::{Error, Location, Result};

/// The timestamp of builds whose book names no date: the earliest a zip file can hold.
pub const DEFAULT_TIMESTAMP: i64 = 315_532_800; // 1980-01-01T00:00:00Z

/// The last second a four-digit year holds: 9999-12-31T23:59:59Z.
const LAST_TIMESTAMP: i64 = 253_402_300_799;

impl Manifest {
    /// The build's timestamp (seconds since the Unix epoch): `SOURCE_DATE_EPOCH`
    /// if it is set, else `[book] date`, else [`DEFAULT_TIMESTAMP`]. Never the
    /// wall clock.
    pub fn timestamp(&self) -> Result<i64> {
        self.timestamp_with(std::env::var_os("SOURCE_DATE_EPOCH").as_deref())
    }

    pub(super) fn timestamp_with(&self, source_date_epoch: Option<&OsStr>) -> Result<i64> {
        match source_date_epoch {
            Some(value) => parse_source_date_epoch(value).ok_or_else(|| {
                let value = value.to_string_lossy();
                Error::book(
                    Location::file("SOURCE_DATE_EPOCH"),
                    format!("`{value}` is not a Unix timestamp from 1970 to the end of 9999"),
                )
                .with_help("set it to a Unix timestamp, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)")
            }),
            None => Ok(self.date_timestamp().unwrap_or(DEFAULT_TIMESTAMP)),
        }
    }

    /// The publication date as seconds since the Unix epoch, if the manifest has one.
    pub fn date_timestamp(&self) -> Option<i64> {
        self.book.date.as_deref().and_then(parse_date)
    }
}

/// A Unix timestamp from 1970 up to the end of the year 9999.
fn parse_source_date_epoch(value: &OsStr) -> Option<i64> {
    let seconds: i64 = value.to_str()?.trim().parse().ok()?;
    (0..=LAST_TIMESTAMP).contains(&seconds).then_some(seconds)
}

/// `YYYY-MM-DD`, a day of the calendar in the years 0001–9999 → seconds
/// since the Unix epoch at midnight UTC.
pub fn parse_date(date: &str) -> Option<i64> {
    let mut parts = date.trim().split('-');
    let mut number = |digits: usize| {
        let part = parts.next().filter(|part| part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))?;
        part.parse::<i64>().ok()
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    if parts.next().is_some() {
        return None;
    }
    let days_in_month = [31, 28 + i64::from(is_leap(year)), 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if year < 1 || !(1..=12).contains(&month) || day < 1 || day > days_in_month[month as usize - 1] {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(super) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian (year, month, day) of a day count since
/// 1970-01-01: the inverse of [`days_from_civil`], for writing dates.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
